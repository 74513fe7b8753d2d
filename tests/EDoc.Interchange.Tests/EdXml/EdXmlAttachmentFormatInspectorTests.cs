using System.Text;
using EDoc.Formats;
using EDoc.Interchange.EdXml;
using EDoc.Validation;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Interchange.Tests.EdXml;

public sealed class EdXmlAttachmentFormatInspectorTests : IDisposable
{
    private static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];
    private static readonly byte[] Docx = TestPackages.Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", Encoding.UTF8.GetBytes("<w:document/>")));
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _directory = TestPackages.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteToFile_ExeRenamedPdf_ThrowsPolicyExceptionWithTheReasonAndWritesNothing()
    {
        var package = TestPackages.Minimal(
            EdXmlAttachment.FromBytes("van-ban.pdf", TestPackages.PdfBytes, contentId: "a1"),
            EdXmlAttachment.FromBytes("phu-luc.pdf", Exe, contentId: "a2"));
        var path = Path.Combine(_directory, "out.edxml");

        var ex = await Assert.ThrowsAsync<EDocPolicyException>(() => new EdXmlWriter().WriteToFileAsync(package, path));

        Assert.Equal(AttachmentFormatPolicy.RuleName, ex.Rule);
        Assert.Contains("AttachmentEncoded.Attachment[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("phu-luc.pdf", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Windows executable", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Attachment[0]", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Write_ZipRenamedDocx_IsRefusedAsAnExtensionMismatch()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("phu-luc.docx", TestPackages.Zip(("a.txt", [1, 2, 3]))));
        using var output = new MemoryStream();

        var ex = await Assert.ThrowsAsync<EDocPolicyException>(() => new EdXmlWriter().WriteAsync(package, output));

        Assert.Contains("ZIP archive", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Write_AllowedFormats_WritesAndReadsBack()
    {
        var package = TestPackages.Minimal(
            EdXmlAttachment.FromBytes("van-ban.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes("phu-luc.docx", Docx),
            EdXmlAttachment.FromBytes("danh-sach.csv", Encoding.UTF8.GetBytes("stt,tên\n1,Nguyễn Văn A\n")));
        using var output = new MemoryStream();

        await new EdXmlWriter().WriteAsync(package, output);

        var read = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(output.ToArray()));
        Assert.Equal(Docx, await TestPackages.ContentAsync(read.Attachments[1]));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Write_ZipForTransport_IsAcceptedOnlyWhenMarkedZippedAndItsFilesAreAllowed(bool withExe, bool markedZipped)
    {
        var files = new List<(string, byte[])> { ("van-ban.pdf", TestPackages.PdfBytes) };
        if (withExe)
        {
            files.Add(("setup.pdf", Exe));
        }

        var attachment = EdXmlAttachment.FromBytes("van-ban.zip", TestPackages.Zip([.. files]), "application/zip");
        attachment.IsZipped = true;
        var unmarked = EdXmlAttachment.FromBytes("van-ban.zip", TestPackages.Zip([.. files]), "application/zip");

        var marked = await Record.ExceptionAsync(() => new EdXmlWriter().WriteAsync(TestPackages.Minimal(attachment), Stream.Null));
        var plain = await Record.ExceptionAsync(() => new EdXmlWriter().WriteAsync(TestPackages.Minimal(unmarked), Stream.Null));

        Assert.Equal(markedZipped, marked is null);
        if (marked is not null)
        {
            Assert.Contains("ZipEntry[1]", Assert.IsType<EDocPolicyException>(marked).Message, StringComparison.Ordinal);
        }

        Assert.IsType<EDocPolicyException>(plain); // a bare ZIP is not an article 11 format
    }

    [Fact]
    public async Task Write_InspectorReplacedOrRemoved_UsesTheReplacement()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("chuong-trinh.pdf", Exe));
        var recording = new RecordingInspector();

        await new EdXmlWriter(new EdXmlWriterOptions { FormatInspector = null }).WriteAsync(package, Stream.Null);
        await new EdXmlWriter(new EdXmlWriterOptions { FormatInspector = recording }).WriteAsync(package, Stream.Null);

        Assert.Equal(new[] { ("chuong-trinh.pdf", Exe.Length) }, recording.Seen);
    }

    [Fact]
    public async Task ValidateAsync_ReceivedExeRenamedPdf_ReportsTheReasonAtTheAttachmentPath()
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Minimal(
            EdXmlAttachment.FromBytes("van-ban.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes("phu-luc.pdf", Exe)));
        var received = await TestPackages.ReadAsync(bytes);

        var result = await new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock }).ValidateAsync(received);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("AttachmentEncoded.Attachment[1]", "attachment.format.content-not-allowed"), (error.Path, error.Code));
        Assert.Contains("Windows executable", error.Message, StringComparison.Ordinal);
        Assert.Contains("phu-luc.pdf", error.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ReceivedIntoTempFiles_ChecksTheContentAndDeletesTheFilesOnDispose()
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("bao-cao.docx", Encoding.UTF8.GetBytes("not a docx"))));
        string directory;
        Validation.ValidationResult result;
        await using (var sink = new EdXmlTempFileAttachmentSink(_directory))
        {
            directory = sink.DirectoryPath;
            var received = await new EdXmlReader().ReadAsync(new MemoryStream(bytes), sink);
            Assert.Single(Directory.GetFiles(directory));
            result = await new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock }).ValidateAsync(received);
        }

        var error = Assert.Single(result.Errors);
        Assert.Equal(("AttachmentEncoded.Attachment[0]", "attachment.format.extension-mismatch"), (error.Path, error.Code));
        Assert.False(Directory.Exists(directory));
    }

    [Theory]
    [InlineData("van-ban.pdf", ValidationSeverity.Warning, "attachment.format.unchecked")]
    [InlineData("setup.exe", ValidationSeverity.Error, "attachment.format.extension-not-allowed")]
    public async Task ValidateAsync_ContentNotKept_ChecksTheExtensionOnly(string name, ValidationSeverity severity, string code)
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes(name, TestPackages.PdfBytes)));
        var received = await new EdXmlReader().ReadAsync(new MemoryStream(bytes)); // no sink: content discarded

        var result = await new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock }).ValidateAsync(received);

        var problem = Assert.Single(result.Problems, p => p.Code.StartsWith("attachment.format", StringComparison.Ordinal));
        Assert.Equal(("AttachmentEncoded.Attachment[0]", severity, code), (problem.Path, problem.Severity, problem.Code));
    }

    [Fact]
    public async Task ValidateAsync_ZippedAttachmentWithAllowedFiles_IsValid()
    {
        var zip = TestPackages.Zip(("van-ban.pdf", TestPackages.PdfBytes), ("phu-luc.docx", Docx), ("ghi-chu.txt", Encoding.UTF8.GetBytes("Ghi chú")));
        var received = await TestPackages.ReadAsync(await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("van-ban.zip", zip, "application/zip"))));

        var result = await new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock }).ValidateAsync(received);

        Assert.True(((EdocPackage)received).Attachments[0].IsZipped);
        Assert.True(result.IsValid);
        Assert.DoesNotContain(result.Problems, p => p.Code.StartsWith("attachment.format", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidateAsync_ZippedExeRenamedPdf_ReportsTheEntry()
    {
        var zip = TestPackages.Zip(("van-ban.pdf", TestPackages.PdfBytes), ("phu-luc.pdf", Exe));
        var received = await TestPackages.ReadAsync(await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("van-ban.zip", zip, "application/zip"))));

        var result = await new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock }).ValidateAsync(received);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("AttachmentEncoded.Attachment[0].ZipEntry[1]", "attachment.format.content-not-allowed"), (error.Path, error.Code));
        Assert.Contains("van-ban.zip", error.Message, StringComparison.Ordinal);
        Assert.Contains("phu-luc.pdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ZippedAttachmentNotKept_WarnsThatTheEntriesAreNotChecked()
    {
        var zip = TestPackages.Zip(("van-ban.pdf", TestPackages.PdfBytes));
        var bytes = await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("van-ban.zip", zip, "application/zip")));
        var received = await new EdXmlReader().ReadAsync(new MemoryStream(bytes));

        var result = await new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock }).ValidateAsync(received);

        Assert.True(result.IsValid);
        Assert.Contains(result.Warnings, p => p.Path == "AttachmentEncoded.Attachment[0]" && p.Code == "attachment.format.zipped");
    }

    private sealed class RecordingInspector : IEdXmlAttachmentFormatInspector
    {
        public List<(string, int)> Seen { get; } = [];

        public async ValueTask InspectAsync(EdXmlAttachment attachment, Stream? content, string path, ValidationProblemCollector problems, CancellationToken cancellationToken = default)
        {
            using var copy = new MemoryStream();
            await content!.CopyToAsync(copy, cancellationToken);
            Seen.Add((attachment.AttachmentName!, (int)copy.Length));
        }
    }
}
