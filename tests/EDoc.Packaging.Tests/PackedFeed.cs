using System.Reflection;
using EDoc.EndToEnd.Tests;

namespace EDoc.Packaging.Tests;

/// <summary>
/// Packs every package of the SDK and the <c>edoc</c> tool, as built for these tests, into a local feed in a
/// temporary folder. The packages get a version of their own (<c>0.1.0-test.…</c>) so that no cached copy of an
/// earlier pack can stand in for them.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>The library packages, each of which must install into a fresh project.</summary>
    public static readonly string[] Libraries = ["EDoc.Abstractions", "EDoc.Signing", "EDoc.Interchange", "EDoc.Registers", "EDoc.Archive"];

    /// <summary>The dotnet tool package.</summary>
    public const string Tool = "EDoc.Cli";

    /// <summary>The configuration the tests (and with them the packages) were built with.</summary>
    public static string Configuration { get; } = typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Configuration").Value!;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "edoc-packaging-" + Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    internal ProcessResult Pack { get; private set; } = null!;

    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        // Only the packable projects (EDoc.Packages.slnf, as scripts/pack.sh), without building again: what the tests
        // were built from is what is packed.
        Pack = await DotnetProcess.DotnetAsync(
            RepositoryPaths.Root,
            TimeSpan.FromMinutes(5),
            null,
            "pack", "EDoc.Packages.slnf", "-c", Configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}", "-nologo");
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + Pack);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes a nuget.config into <paramref name="directory"/> with the local feed added to the machine's sources,
    /// a packages folder of its own (nothing lands in the user's cache) and the user's cache as a fallback folder
    /// (the dependencies the solution restored are not downloaded again).
    /// </summary>
    public string WriteNuGetConfig(string directory)
    {
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var packages = Path.Combine(directory, "packages");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <packageSources>
                <add key="edoc-local" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return packages;
    }
}
