using EDoc.HubEmulator;

namespace EDoc.Interchange.Tests.Infrastructure;

internal static class TestAgencies
{
    public const string A = "000.00.00.H41";
    public const string SecretA = "secret-of-agency-a-7f3c";
    public const string B = "000.00.00.G22";
    public const string SecretB = "secret-of-agency-b-91d0";

    public static HubEmulatorOptions EmulatorOptions(string dataDirectory)
    {
        var options = new HubEmulatorOptions { DataDirectory = dataDirectory };
        options.Accounts.Add(new HubEmulatorAccount { SystemId = A, Secret = SecretA, Name = "UBND tỉnh Nghệ An", CodeQd20 = "H41" });
        options.Accounts.Add(new HubEmulatorAccount { SystemId = B, Secret = SecretB, Name = "Văn phòng Chính phủ", CodeQd20 = "G22", ParentCode = null });
        return options;
    }
}

/// <summary>A temporary directory deleted at the end of the test.</summary>
internal sealed class TempDirectory
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edoc-hub-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
