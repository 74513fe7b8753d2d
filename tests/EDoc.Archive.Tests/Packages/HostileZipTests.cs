using System.IO.Compression;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Packages;

public class HostileZipTests
{
    [Theory]
    [InlineData("pkg/../../evil.txt", ArchivePackageFormatError.PathTraversal)]
    [InlineData("/etc/evil.txt", ArchivePackageFormatError.AbsolutePath)]
    [InlineData("C:/evil.txt", ArchivePackageFormatError.AbsolutePath)]
    [InlineData("pkg/data/NUL.pdf", ArchivePackageFormatError.InvalidName)]
    [InlineData("other/METS.xml", ArchivePackageFormatError.NotSingleRootFolder)]
    [InlineData("loose.txt", ArchivePackageFormatError.NotSingleRootFolder)]
    public async Task Verify_HostileEntryName_TypedError(string entryName, ArchivePackageFormatError expected)
    {
        using var tmp = new TempDir();
        var zip = tmp["evil.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Write(archive, "pkg/METS.xml", "<x/>");
            Write(archive, entryName, "boom");
        }

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(expected, ex.Error);
        Assert.IsAssignableFrom<EDocFormatException>(ex);
        Assert.Equal(entryName, ex.Location);
    }

    [Fact]
    public async Task Verify_SymlinkEntry_TypedError()
    {
        using var tmp = new TempDir();
        var zip = tmp["link.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Write(archive, "pkg/METS.xml", "<x/>");
            var link = archive.CreateEntry("pkg/passwd");
            link.ExternalAttributes = unchecked((int)0xA1FF0000u);
            using var w = new StreamWriter(link.Open());
            w.Write("/etc/passwd");
        }

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(ArchivePackageFormatError.SymbolicLink, ex.Error);
    }

    [Fact]
    public async Task Verify_HighCompressionRatio_ZipBomb()
    {
        using var tmp = new TempDir();
        var zip = tmp["bomb.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Write(archive, "pkg/METS.xml", "<x/>");
            using var w = archive.CreateEntry("pkg/zeros.bin", CompressionLevel.SmallestSize).Open();
            w.Write(new byte[32 << 20]);
        }

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(ArchivePackageFormatError.ZipBomb, ex.Error);
        Assert.Equal("archive.package.zip-bomb", ex.ErrorCode);
    }

    [Fact]
    public async Task Verify_TotalSizeOverLimit_ZipBomb()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var options = new ArchivePackageVerifierOptions { ReadOptions = new ArchivePackageReadOptions { MaxTotalSize = 1000 } };

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier(options).VerifyAsync(result.OutputPath));

        Assert.Equal(ArchivePackageFormatError.ZipBomb, ex.Error);
    }

    [Fact]
    public async Task Verify_TooManyEntries_TypedError()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var options = new ArchivePackageVerifierOptions { ReadOptions = new ArchivePackageReadOptions { MaxEntries = 3 } };

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier(options).VerifyAsync(result.OutputPath));

        Assert.Equal(ArchivePackageFormatError.TooManyEntries, ex.Error);
    }

    [Fact]
    public async Task Verify_NotAZip_TypedError()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["x.zip"], "this is not a zip");

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(tmp["x.zip"]));

        Assert.Equal(ArchivePackageFormatError.Malformed, ex.Error);
    }

    [Fact]
    public async Task Verify_FolderWithSymlink_TypedError()
    {
        using var tmp = new TempDir();
        var package = await Verification.TamperTests.Pack(tmp, bag: false);
        File.CreateSymbolicLink(Path.Combine(package.Path, "documentation", "link"), "/etc/passwd");

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(package.Path));

        Assert.Equal(ArchivePackageFormatError.SymbolicLink, ex.Error);
    }

    [Fact]
    public async Task Verify_MetsHrefTraversal_ReportedAsInvalidReference()
    {
        using var tmp = new TempDir();
        var package = await Verification.TamperTests.Pack(tmp, bag: false);
        var metsPath = Path.Combine(package.Path, "METS.xml");
        File.WriteAllText(metsPath, File.ReadAllText(metsPath).Replace("xlink:href=\"schemas/", "xlink:href=\"../../../etc/", StringComparison.Ordinal));

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        Assert.Contains(report.Problems, p => p.Code == "mets.reference-invalid");
        Assert.False(report.IsValid);
    }

    private static void Write(ZipArchive archive, string name, string text)
    {
        using var w = new StreamWriter(archive.CreateEntry(name).Open());
        w.Write(text);
    }
}
