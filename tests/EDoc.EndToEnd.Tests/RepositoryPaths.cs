namespace EDoc.EndToEnd.Tests;

/// <summary>Finds the repository root (the folder holding EDocSdk.sln) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EDocSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EDocSdk.sln was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;
}
