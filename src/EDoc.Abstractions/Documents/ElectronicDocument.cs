using EDoc.Agencies;
using EDoc.Numbering;

namespace EDoc.Documents;

/// <summary>
/// Văn bản điện tử and its metadata: the information of NĐ 30/2020/NĐ-CP article 10 (number and notation, issue
/// date and place, abstract, urgency, type, attachments, sender and recipients, sent and received time, other
/// information), the leaders' directions and the processing history.
/// </summary>
/// <remarks>
/// Immutable; copy with <c>with</c>. List properties compare by reference in record equality. Check a document with
/// <see cref="ElectronicDocumentValidator"/>; documents with <see cref="Secrecy"/> above <see cref="Documents.Secrecy.None"/>
/// must not be sent electronically (<see cref="Policies.ElectronicTransmissionPolicy"/>).
/// </remarks>
public sealed record ElectronicDocument
{
    /// <summary>Số, ký hiệu (<c>CodeNumber</c>, <c>CodeNotation</c>).</summary>
    public required DocumentNotation Notation { get; init; }

    /// <summary>Tên loại văn bản (<c>TypeName</c>).</summary>
    public required DocumentType Type { get; init; }

    /// <summary>Ngày ban hành (<c>IssuedDate</c>), a Vietnam calendar date.</summary>
    public required DateOnly IssueDate { get; init; }

    /// <summary>Địa danh: the place of issue, for example <c>Nghệ An</c> (at most 50 characters).</summary>
    public string? IssuePlace { get; init; }

    /// <summary>Trích yếu nội dung (<c>Subject</c>, at most 500 characters).</summary>
    public required string Subject { get; init; }

    /// <summary>A summary of the content (edXML <c>Content</c>, at most 500 characters).</summary>
    public string? Summary { get; init; }

    /// <summary>Độ khẩn.</summary>
    public Urgency Urgency { get; init; }

    /// <summary>Độ mật; secret documents are not sent electronically.</summary>
    public Secrecy Secrecy { get; init; }

    /// <summary>Cơ quan ban hành / gửi: the issuing and sending agency (<c>OrganName</c>, <c>From</c>).</summary>
    public required Agency Sender { get; init; }

    /// <summary>Nơi nhận: the recipient agencies (<c>To</c>).</summary>
    public IReadOnlyList<Agency> Recipients { get; init; } = [];

    /// <summary>The attached files (the main document first, usually).</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>Thời gian gửi.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Thời gian nhận.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Người ký (<c>SignerInfo</c>).</summary>
    public SignerInfo? Signer { get; init; }

    /// <summary>Số trang (<c>PageAmount</c>, 0–999).</summary>
    public int? PageCount { get; init; }

    /// <summary>Số lượng bản phát hành (<c>IssuedAmount</c>, 0–999).</summary>
    public int? CopyCount { get; init; }

    /// <summary>Hạn trả lời / hạn xử lý (<c>DueDate</c>).</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Ngôn ngữ (<c>Language</c>, at most 30 characters), for example <c>Tiếng Việt</c>.</summary>
    public string? Language { get; init; }

    /// <summary>Ghi chú (<c>Description</c>, at most 500 characters).</summary>
    public string? Notes { get; init; }

    /// <summary>Ý kiến chỉ đạo: the leaders' directions.</summary>
    public IReadOnlyList<LeaderDirection> Directions { get; init; } = [];

    /// <summary>Quá trình xử lý: the processing history, oldest first.</summary>
    public IReadOnlyList<ProcessingStep> History { get; init; } = [];
}
