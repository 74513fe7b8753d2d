using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;
using EDoc.Validation;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Interchange.Tests.EdXml;

public class EdXmlValidatorTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 6, 1, 3, 0, 0, TimeSpan.Zero));

    private static EdXmlValidator CreateSut(IPdfPageCounter? counter = null)
        => new(new EdXmlValidatorOptions { TimeProvider = Clock, PdfPageCounter = counter });

    [Fact]
    public void Validate_MinimalValidPackage_HasNoProblem()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("a.pdf", TestPackages.PdfBytes));

        var result = CreateSut().Validate(package);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_RichPackage_IsValid()
    {
        Assert.True(CreateSut().Validate(TestPackages.Rich()).IsValid);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneWithItsPath()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes(new string('x', 501), TestPackages.PdfBytes, contentId: "a"));
        var h = package.MessageHeader;
        h.From!.OrganId = null;
        h.To.Add(new EdXmlOrganization { OrganId = "000.00.00.G22" });
        h.Code!.CodeNumber = "123456789012";
        h.Code.CodeNotation = null;
        h.Subject = " ";
        h.DocumentType!.Type = 3;
        h.OtherInfo!.Priority = 5;
        h.OtherInfo.PageAmount = -1;
        h.PromulgationInfo!.PromulgationDate = new DateOnly(2024, 6, 2);
        package.Manifest!.References.Add(new EdXmlManifestReference { ContentId = "ghost" });
        package.TraceHeaderList!.Business!.BusinessDocType = (EdXmlBusinessDocType)7;

        var errors = CreateSut().Validate(package).Errors.Select(p => (p.Path, p.Code)).ToList();

        Assert.Contains(("MessageHeader.From.OrganId", "required"), errors);
        Assert.Contains(("MessageHeader.To[1].OrganId", "duplicate"), errors);
        Assert.Contains(("MessageHeader.Code.CodeNumber", "length"), errors);
        Assert.Contains(("MessageHeader.Code.CodeNotation", "required"), errors);
        Assert.Contains(("MessageHeader.Subject", "required"), errors);
        Assert.Contains(("MessageHeader.DocumentType.Type", "code"), errors);
        Assert.Contains(("MessageHeader.OtherInfo.Priority", "code"), errors);
        Assert.Contains(("MessageHeader.OtherInfo.PageAmount", "range"), errors);
        Assert.Contains(("MessageHeader.PromulgationInfo.PromulgationDate", "future"), errors);
        Assert.Contains(("AttachmentEncoded.Attachment[0].AttachmentName", "length"), errors);
        Assert.Contains(("edXMLManifest.Reference[1].ContentId", "manifest.missing-attachment"), errors);
        Assert.Contains(("TraceHeaderList.Bussiness.BussinessDocType", "code"), errors);
    }

    [Fact]
    public void Validate_PromulgationDateTodayInVietnam_IsAccepted()
    {
        // 2024-06-01 03:00 UTC is 10:00 in Vietnam, so 2024/06/01 is today there.
        var package = TestPackages.Minimal();
        package.MessageHeader.PromulgationInfo!.PromulgationDate = new DateOnly(2024, 6, 1);
        package.MessageHeader.DocumentId = EdXmlDocumentId.Parse("000.00.00.H41,2024/06/01,123/UBND-VX");

        Assert.DoesNotContain(CreateSut().Validate(package).Problems, p => p.Code == "future");
    }

    [Theory]
    [InlineData("999.010.01.H22")]
    [InlineData("H41")]
    public void Validate_DeviantAgencyCode_IsOnlyAWarning(string organId)
    {
        var package = TestPackages.Minimal();
        package.MessageHeader.To[0].OrganId = organId;

        var result = CreateSut().Validate(package);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("MessageHeader.To[0].OrganId", "agency-code.format"), (warning.Path, warning.Code));
    }

    [Fact]
    public void Validate_AttachmentNotInManifest_IsAnError()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("a.pdf", TestPackages.PdfBytes, contentId: "a"));
        package.Manifest!.References.Clear();

        var error = Assert.Single(CreateSut().Validate(package).Errors);

        Assert.Equal(("AttachmentEncoded.Attachment[0].ContentId", "manifest.unlisted-attachment"), (error.Path, error.Code));
    }

    [Fact]
    public void Validate_RevocationWithoutTarget_IsAnError()
    {
        var package = TestPackages.Minimal();
        package.TraceHeaderList!.Business!.BusinessDocType = EdXmlBusinessDocType.Revoke;

        var error = Assert.Single(CreateSut().Validate(package).Errors);

        Assert.Equal("TraceHeaderList.Bussiness.DocumentId", error.Path);
    }

    [Fact]
    public void Validate_StatusWithUnknownCodeAndNoDocumentId_ReportsBoth()
    {
        var status = TestPackages.Status((EdXmlStatusCode)7);
        status.Status.ResponseFor!.DocumentId = null;

        var errors = CreateSut().Validate(status).Errors.Select(p => (p.Path, p.Code)).ToList();

        Assert.Contains(("Status.StatusCode", "code"), errors);
        Assert.Contains(("Status.ResponseFor.DocumentId", "required"), errors);
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData(2, 2, true)]
    [InlineData(3, 2, false)]
    public async Task ValidateAsync_PageAmountAgainstPdf_ComparesWithTheCounter(int declared, int actual, bool valid)
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("a.pdf", TestPackages.PdfBytes));
        package.MessageHeader.OtherInfo!.PageAmount = declared;
        var read = await TestPackages.ReadAsync(await TestPackages.WriteAsync(package));

        var result = await CreateSut(new FixedPageCounter(actual)).ValidateAsync(read);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal(("MessageHeader.OtherInfo.PageAmount", "page-amount.mismatch"), (result.Errors.Single().Path, result.Errors.Single().Code));
        }
    }

    [Fact]
    public async Task ValidateAsync_FormatInspector_IsCalledWithTheContent()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("a.exe", new byte[] { 0x4D, 0x5A }));
        var inspector = new RejectingInspector();

        var result = await new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock, FormatInspector = inspector }).ValidateAsync(package);

        Assert.Equal(("AttachmentEncoded.Attachment[0]", "format.not-allowed"), (result.Errors.Single().Path, result.Errors.Single().Code));
        Assert.Equal(2, inspector.BytesSeen);
    }

    [Theory]
    [InlineData("000.00.00.H41", true)]
    [InlineData("001.01.07.H53", true)]
    [InlineData("999.010.01.H22", false)]
    [InlineData("000.00.00.h41", false)]
    [InlineData("٠٠٠.00.00.H41", false)]
    public void IsWellFormedAgencyCode_Text_MatchesThePattern(string code, bool expected)
    {
        Assert.Equal(expected, EdXmlValidator.IsWellFormedAgencyCode(code));
    }

    private sealed class FixedPageCounter(int pages) : IPdfPageCounter
    {
        public async ValueTask<int> CountPagesAsync(Stream pdf, CancellationToken cancellationToken = default)
        {
            using var copy = new MemoryStream();
            await pdf.CopyToAsync(copy, cancellationToken);
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(copy.ToArray()), StringComparison.Ordinal);
            return pages;
        }
    }

    private sealed class RejectingInspector : IEdXmlAttachmentFormatInspector
    {
        public long BytesSeen { get; private set; }

        public async ValueTask InspectAsync(EdXmlAttachment attachment, Stream? content, string path, ValidationProblemCollector problems, CancellationToken cancellationToken = default)
        {
            using var copy = new MemoryStream();
            await content!.CopyToAsync(copy, cancellationToken);
            BytesSeen = copy.Length;
            problems.Error(path, "format.not-allowed", "not allowed", "không được phép");
        }
    }
}
