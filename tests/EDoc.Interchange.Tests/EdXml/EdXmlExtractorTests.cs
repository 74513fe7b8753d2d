using System.IO.Compression;
using System.Text;
using EDoc.Interchange.EdXml;

namespace EDoc.Interchange.Tests.EdXml;

// Not parallel: the zip-bomb test measures process-wide allocations.
[Collection(nameof(StreamingTestGroup))]
public sealed class EdXmlExtractorTests : IDisposable
{
    private readonly string _directory = TestPackages.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Extract_TwoAttachments_WritesBothFilesWithTheirBytes()
    {
        var docx = Encoding.UTF8.GetBytes("not really a docx");
        var package = TestPackages.Minimal(
            EdXmlAttachment.FromBytes("123-UBND-VX.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes("Phụ lục.txt", docx));

        var result = await new EdXmlExtractor().ExtractAsync(new MemoryStream(await TestPackages.WriteAsync(package)), _directory);

        Assert.Equal(2, result.Files.Count);
        Assert.Equal(TestPackages.PdfBytes, await File.ReadAllBytesAsync(Path.Combine(_directory, "123-UBND-VX.pdf")));
        Assert.Equal(docx, await File.ReadAllBytesAsync(Path.Combine(_directory, "Phụ lục.txt")));
        Assert.Equal(new[] { "123-UBND-VX.pdf", "Phụ lục.txt" }, Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..\\..\\windows\\win.ini")]
    [InlineData("C:\\x")]
    [InlineData("/abs")]
    [InlineData("\\\\server\\share\\x.pdf")]
    [InlineData("a/../../b.pdf")]
    public async Task Extract_TraversalOrAbsoluteName_ThrowsUnsafeNameAndLeavesNoFile(string name)
    {
        var package = TestPackages.Minimal(
            EdXmlAttachment.FromBytes("ok.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes(name, TestPackages.PdfBytes, "application/pdf"));
        var bytes = await TestPackages.WriteAsync(package);

        var ex = await Assert.ThrowsAsync<EdXmlUnsafeNameException>(() => new EdXmlExtractor().ExtractAsync(new MemoryStream(bytes), _directory));

        Assert.Equal("AttachmentEncoded.Attachment[1]", ex.Location);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
        Assert.False(File.Exists(Path.Combine(_directory, "..", "..", "etc", "passwd")) && name.Contains("etc", StringComparison.Ordinal) && Directory.GetParent(_directory)!.GetFiles("passwd").Length > 0);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\docs\\van ban.pdf", "van ban.pdf")]
    [InlineData("/abs", "abs")]
    [InlineData("CON.pdf", "_CON.pdf")]
    [InlineData("nul", "_nul")]
    [InlineData("a<b>c:d|e?.pdf", "a_b_c_d_e_.pdf")]
    [InlineData("123/UBND-VX.pdf", "123_UBND-VX.pdf")]
    [InlineData("trailing. . ", "trailing")]
    [InlineData("..", "attachment-1")]
    [InlineData("Quye\u0302\u0301t đi\u0323nh.pdf", "Quyết định.pdf")]
    public void MakeSafe_SanitizePolicy_ReturnsASafeName(string name, string expected)
    {
        Assert.Equal(expected, EdXmlFileNames.MakeSafe(name, EdXmlUnsafeNamePolicy.Sanitize, "x", "attachment-1"));
    }

    [Fact]
    public void MakeSafe_VeryLongVietnameseName_IsTruncatedKeepingTheExtension()
    {
        var safe = EdXmlFileNames.MakeSafe(string.Concat(Enumerable.Repeat("Quyết định ", 60)) + ".pdf", EdXmlUnsafeNamePolicy.Reject, "x", "f");

        Assert.EndsWith(".pdf", safe, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(safe) <= 240);
    }

    [Fact]
    public async Task Extract_SanitizePolicy_WritesInsideTheDirectory()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("../../evil.pdf", TestPackages.PdfBytes, "application/pdf"));
        var options = new EdXmlExtractionOptions { UnsafeNames = EdXmlUnsafeNamePolicy.Sanitize };

        var result = await new EdXmlExtractor(options).ExtractAsync(new MemoryStream(await TestPackages.WriteAsync(package)), _directory);

        Assert.Equal(Path.Combine(_directory, "evil.pdf"), Assert.Single(result.Files).Path);
    }

    [Fact]
    public async Task Extract_SameNameTwice_KeepsBothFiles()
    {
        var package = TestPackages.Minimal(
            EdXmlAttachment.FromBytes("a.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes("a.pdf", new byte[] { 1, 2, 3 }));

        var result = await new EdXmlExtractor().ExtractAsync(new MemoryStream(await TestPackages.WriteAsync(package)), _directory);

        Assert.Equal(new[] { "a (2).pdf", "a.pdf" }, result.Files.Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Extract_ZippedAttachment_IsReplacedByItsEntries()
    {
        var zip = TestPackages.Zip(("van-ban.pdf", TestPackages.PdfBytes), ("phu-luc/pl1.txt", "pl1"u8.ToArray()));
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("goi.zip", zip, "application/zip"));

        var result = await new EdXmlExtractor().ExtractAsync(new MemoryStream(await TestPackages.WriteAsync(package)), _directory);

        Assert.All(result.Files, f => Assert.True(f.FromZipEntry));
        Assert.Equal(TestPackages.PdfBytes, await File.ReadAllBytesAsync(Path.Combine(_directory, "van-ban.pdf")));
        Assert.Equal("pl1"u8.ToArray(), await File.ReadAllBytesAsync(Path.Combine(_directory, "phu-luc_pl1.txt")));
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task Extract_ZipSlipEntry_ThrowsUnsafeNameAndLeavesNoFile()
    {
        var zip = TestPackages.Zip(("ok.txt", "ok"u8.ToArray()), ("../../../tmp/evil.sh", "echo"u8.ToArray()));
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("goi.zip", zip, "application/zip"));

        var bytes = await TestPackages.WriteAsync(package);

        await Assert.ThrowsAsync<EdXmlUnsafeNameException>(() => new EdXmlExtractor().ExtractAsync(new MemoryStream(bytes), _directory));

        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Extract_SymlinkZipEntry_ThrowsFormatExceptionAndLeavesNoFile()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var ok = archive.CreateEntry("ok.txt").Open())
            {
                ok.Write("ok"u8);
            }

            var link = archive.CreateEntry("passwd");
            link.ExternalAttributes = unchecked((int)0xA1FF0000u);
            await using var target = link.Open();
            target.Write("/etc/passwd"u8);
        }

        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("links.zip", zip.ToArray(), "application/zip"));
        var bytes = await TestPackages.WriteAsync(package);

        var ex = await Assert.ThrowsAsync<EdXmlFormatException>(() => new EdXmlExtractor().ExtractAsync(new MemoryStream(bytes), _directory));

        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Contains("passwd", ex.Location, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Extract_ZipBomb_ThrowsLimitExceededAndLeavesNoFile()
    {
        // 256 MiB of zeros deflate to about 250 KiB: a ratio of about 1000, far above the default limit of 100.
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("bomb.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 256; i++)
            {
                entry.Write(zeros);
            }
        }

        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("bomb.zip", zip.ToArray(), "application/zip"));
        var bytes = await TestPackages.WriteAsync(package);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => new EdXmlExtractor().ExtractAsync(new MemoryStream(bytes), _directory));

        Assert.Equal("MaxCompressionRatio", ex.LimitName);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64L * 1024 * 1024, "unzipping a bomb must not allocate its inflated size");
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Extract_TooManyZipEntries_ThrowsLimitExceeded()
    {
        var zip = TestPackages.Zip(Enumerable.Range(0, 20).Select(i => ($"f{i}.txt", new byte[] { 1 })).ToArray());
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("many.zip", zip, "application/zip"));
        var options = new EdXmlExtractionOptions { ReaderOptions = new EdXmlReaderOptions { MaxZipEntries = 10 } };

        var bytes = await TestPackages.WriteAsync(package);

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => new EdXmlExtractor(options).ExtractAsync(new MemoryStream(bytes), _directory));

        Assert.Equal("MaxZipEntries", ex.LimitName);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
