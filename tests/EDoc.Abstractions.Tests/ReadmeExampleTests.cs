using EDoc.Abstractions.Tests.Formats;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Formats;
using EDoc.Numbering;
using EDoc.Policies;

namespace EDoc.Abstractions.Tests;

/// <summary>Keeps the EDoc.Abstractions quick-look snippet (proposed for the README) compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void QuickLook_ComposeValidateAndCheck()
    {
        byte[] pdfBytes = TestFiles.Pdf();

        // snippet: abstractions-quick-look
        var notation = NotationRules.Compose(new DocumentNumber(8), DocumentTypes.LegalDecision, "UBND", year: 2018);
        var document = new ElectronicDocument
        {
            Notation = notation,                                  // 08/2018/QĐ-UBND
            Type = DocumentTypes.LegalDecision,
            IssueDate = new DateOnly(2018, 3, 1),
            Subject = "Ban hành Quy chế công tác văn thư",
            Sender = Agency.Create("000.00.00.H41", "UBND tỉnh Nghệ An"),
            Recipients = [Agency.Create("000.00.00.G22", "Văn phòng Chính phủ")],
            Attachments = [new Attachment { Name = "08-2018-QD-UBND.pdf", ContentId = "a1", IsMainDocument = true }],
        };

        var result = ElectronicDocumentValidator.Validate(document);   // every problem: Path, Code, Message, MessageVi
        ElectronicTransmissionPolicy.EnsureMaySendElectronically(document); // throws for Mật / Tối mật / Tuyệt mật
        AttachmentFormatPolicy.EnsureMainDocumentIsPdf(pdfBytes, "08-2018-QD-UBND.pdf"); // decided from the content
        var paper = PaperCopyPolicy.Default.Evaluate(new PaperCopyContext { Document = document });
        // end snippet

        Assert.Equal("08/2018/QĐ-UBND", notation.Value);
        Assert.True(result.IsValid);
        Assert.True(paper.PaperCopyRequired);
        Assert.Equal(PaperCopyReason.LegalNormativeDocument, Assert.Single(paper.Reasons).Reason);
    }
}
