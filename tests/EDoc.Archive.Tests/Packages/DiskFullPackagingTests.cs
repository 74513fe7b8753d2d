using System.Security.Cryptography;
using EDoc.Archive.Packages;
using EDoc.Tests.Support;

namespace EDoc.Archive.Tests.Packages;

/// <summary>
/// Issue 7 (faults): an archive packaging run whose disk write fails ("No space left on device" after N bytes, through
/// the writer's write seam) leaves the source documents byte for byte untouched, no package, no partial file and no
/// temporary file or folder; an older package of the same name stays as it was.
/// </summary>
public sealed class DiskFullPackagingTests
{
    public static TheoryData<string, bool, double> Cases()
    {
        var data = new TheoryData<string, bool, double>();
        foreach (string target in new[] { "zip", "folder" })
        {
            foreach (bool aipWithBag in new[] { false, true })
            {
                foreach (double fraction in new[] { 0.0, 0.01, 0.5, 0.99 })
                {
                    data.Add(target, aipWithBag, fraction);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Write_DiskFullAfterAFractionOfThePackage_SourcesUntouchedNothingLeftBehind(string target, bool aipWithBag, double fraction)
    {
        using var tmp = new TempDir();
        var content = Content(tmp["src"]);
        var sourceHashes = Hashes(tmp["src"]);
        var kind = aipWithBag ? ArchivePackageKind.Aip : ArchivePackageKind.Sip;
        long full = await PackageBytesAsync(target, kind, aipWithBag, content, tmp["measure"]);
        string output = tmp["out"];
        Directory.CreateDirectory(output);
        var disk = new DiskBudget((long)(full * fraction));

        var ex = await Assert.ThrowsAnyAsync<IOException>(() => WriteAsync(target, TestPackages.Writer(kind, aipWithBag, writeInterceptor: disk.Wrap), content, output));

        Assert.Equal("No space left on device", ex.Message);
        Assert.True(disk.Full);
        Assert.Equal(sourceHashes, Hashes(tmp["src"]));
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public async Task WriteZipAsync_DiskFullWhileReplacingAnOlderPackage_OlderPackageKept()
    {
        using var tmp = new TempDir();
        var content = Content(tmp["src"]);
        string zip = tmp["sip.zip"];
        await TestPackages.Writer().WriteZipAsync(content, zip);
        string older = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(zip)));

        await Assert.ThrowsAnyAsync<IOException>(() => TestPackages.Writer(writeInterceptor: new DiskBudget(20_000).Wrap).WriteZipAsync(content, zip));

        Assert.Equal(older, Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(zip))));
        Assert.Equal([zip, tmp["src"]], Directory.GetFileSystemEntries(tmp.Path).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Write_DiskNotFull_TheSeamSeesEveryByteAndChangesNothing()
    {
        using var tmp = new TempDir();
        var content = Content(tmp["src"]);
        var disk = new DiskBudget(long.MaxValue);

        var result = await TestPackages.Writer(writeInterceptor: disk.Wrap).WriteZipAsync(content, tmp["sip.zip"]);

        Assert.False(disk.Full);
        Assert.True(disk.Written >= new FileInfo(result.OutputPath).Length, $"the seam saw {disk.Written} bytes");
        Assert.True((await new EDoc.Archive.Verification.ArchivePackageVerifier().VerifyAsync(result.OutputPath)).IsValid);
    }

    private static ArchivePackageContent Content(string dir) => TestPackages.Content(
        dir,
        ("Quyết định tuyển dụng.pdf", TestPackages.MinimalPdf("Quyet dinh 1")),
        ("Phụ lục.bin", RandomNumberGenerator.GetBytes(300_000)),
        ("Tờ trình số 02.pdf", TestPackages.MinimalPdf("To trinh 2")));

    private static async Task<long> PackageBytesAsync(string target, ArchivePackageKind kind, bool bag, ArchivePackageContent content, string directory)
    {
        Directory.CreateDirectory(directory);
        var disk = new DiskBudget(long.MaxValue);
        await WriteAsync(target, TestPackages.Writer(kind, bag, writeInterceptor: disk.Wrap), content, directory);
        Assert.True(disk.Written > 300_000, $"the seam saw {disk.Written} bytes");
        return disk.Written;
    }

    private static Task<ArchivePackageResult> WriteAsync(string target, ArchivePackageWriter writer, ArchivePackageContent content, string directory)
        => target == "zip" ? writer.WriteZipAsync(content, Path.Combine(directory, "package.zip")) : writer.WriteFolderAsync(content, directory);

    private static string[] Hashes(string directory)
        => Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).ToArray();
}
