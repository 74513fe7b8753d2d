using System.Text;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Numbering;

namespace EDoc.Interchange.Tests.EdXml.Mapping;

/// <summary>A hand-written document and the content of its attachments.</summary>
internal static class TestDocuments
{
    public static readonly IReadOnlyDictionary<string, byte[]> Contents = new Dictionary<string, byte[]>
    {
        ["a1"] = TestPackages.PdfBytes,
        ["a2"] = TestPackages.Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", Encoding.UTF8.GetBytes("<w:document/>"))),
    };

    public static ElectronicDocument Decision() => new()
    {
        Notation = NotationRules.Compose(new DocumentNumber(15), DocumentTypes.Decision, "UBND"),
        Type = DocumentTypes.Decision,
        IssueDate = new DateOnly(2024, 5, 6),
        IssuePlace = "Nghệ An",
        Subject = "V/v phê duyệt kế hoạch",
        Summary = "Tóm tắt",
        Urgency = Urgency.Flash,
        Sender = Agency.Create("000.00.00.H41", "UBND tỉnh Nghệ An") with { ParentName = "Chính phủ" },
        Recipients = [Agency.Create("000.00.00.G22", "Văn phòng Chính phủ"), Agency.Create("000.00.13.H41", "Sở Thông tin và Truyền thông")],
        Attachments =
        [
            new Attachment { Name = "15-QĐ-UBND.pdf", ContentId = "a1", ContentType = "application/pdf", Size = TestPackages.PdfBytes.Length, IsMainDocument = true },
            new Attachment { Name = "phu-luc.docx", ContentId = "a2", Description = "Phụ lục" },
        ],
        SentAt = new DateTimeOffset(2024, 5, 6, 9, 30, 0, TimeSpan.Zero),
        Signer = new SignerInfo { Competence = "KT. CHỦ TỊCH", Position = "Phó Chủ tịch", FullName = "Nguyễn Văn A" },
        PageCount = 2,
        CopyCount = 5,
        DueDate = new DateOnly(2024, 5, 20),
        Language = "Tiếng Việt",
    };
}

/// <summary>Compares documents field by field (record equality compares lists by reference).</summary>
internal static class DocumentAssert
{
    private static readonly IReadOnlyList<Agency> NoAgencies = [];
    private static readonly IReadOnlyList<Attachment> NoAttachments = [];
    private static readonly IReadOnlyList<LeaderDirection> NoDirections = [];
    private static readonly IReadOnlyList<ProcessingStep> NoSteps = [];

    public static void Equal(ElectronicDocument expected, ElectronicDocument actual)
    {
        Assert.Equal(Scalars(expected), Scalars(actual));
        Assert.Equal(expected.Notation.TypeAbbreviation, actual.Notation.TypeAbbreviation);
        Assert.Equal(expected.Recipients, actual.Recipients);
        Assert.Equal(expected.Attachments, actual.Attachments);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Directions.Count, actual.Directions.Count);
        for (var i = 0; i < expected.Directions.Count; i++)
        {
            Assert.Equal(expected.Directions[i] with { AssignedTo = [] }, actual.Directions[i] with { AssignedTo = [] });
            Assert.Equal(expected.Directions[i].AssignedTo, actual.Directions[i].AssignedTo);
        }
    }

    private static ElectronicDocument Scalars(ElectronicDocument d)
        => d with { Recipients = NoAgencies, Attachments = NoAttachments, Directions = NoDirections, History = NoSteps };
}
