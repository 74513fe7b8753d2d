using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Numbering;

namespace EDoc.Abstractions.Tests.Documents;

internal static class TestDocuments
{
    /// <summary>The sample công văn of the edXML reference (123/UBND-VX from UBND tỉnh Nghệ An to Văn phòng Chính phủ).</summary>
    public static ElectronicDocument OfficialLetter() => new()
    {
        Notation = DocumentNotation.Parse("123/UBND-VX", DocumentTypes.OfficialLetter),
        Type = DocumentTypes.OfficialLetter,
        IssueDate = new DateOnly(2024, 5, 6),
        IssuePlace = "Nghệ An",
        Subject = "V/v triển khai Nghị định số 30/2020/NĐ-CP về công tác văn thư",
        Urgency = Urgency.Urgent,
        Sender = Agency.Create("000.00.00.H41", "UBND tỉnh Nghệ An"),
        Recipients = [Agency.Create("000.00.00.G22", "Văn phòng Chính phủ"), Agency.Create("000.00.00.G09", "Bộ Nội vụ")],
        Attachments =
        [
            new Attachment { Name = "123-UBND-VX.pdf", ContentId = "a1", ContentType = "application/pdf", Size = 52_000, IsMainDocument = true },
            new Attachment { Name = "phu-luc.xlsx", ContentId = "a2", Size = 8_000 },
        ],
        SentAt = new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.FromHours(7)),
        ReceivedAt = new DateTimeOffset(2024, 5, 6, 9, 5, 0, TimeSpan.FromHours(7)),
        Signer = new SignerInfo { Competence = "KT. CHỦ TỊCH", Position = "Phó Chủ tịch", FullName = "Nguyễn Văn Đức" },
        PageCount = 2,
        CopyCount = 3,
        DueDate = new DateOnly(2024, 5, 20),
        Language = "Tiếng Việt",
        Directions =
        [
            new LeaderDirection { Leader = "Phó Chủ tịch Nguyễn Văn Đức", GivenAt = new DateTimeOffset(2024, 5, 7, 8, 0, 0, TimeSpan.FromHours(7)), Text = "Giao Sở Nội vụ chủ trì.", Deadline = new DateOnly(2024, 5, 15), AssignedTo = ["Sở Nội vụ"] },
        ],
        History =
        [
            new ProcessingStep { Actor = "Văn thư", At = new DateTimeOffset(2024, 5, 6, 9, 5, 0, TimeSpan.FromHours(7)), Action = ProcessingAction.Received },
            new ProcessingStep { Actor = "Văn thư", At = new DateTimeOffset(2024, 5, 6, 9, 10, 0, TimeSpan.FromHours(7)), Action = ProcessingAction.Registered, Note = "Số đến 456" },
        ],
    };
}
