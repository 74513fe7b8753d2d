namespace EDoc.Documents;

/// <summary>
/// A file attached to an electronic document (tệp đính kèm): metadata only; the content is held by the caller
/// (a stream, a blob store …) and referenced by <see cref="ContentId"/>.
/// </summary>
public sealed record Attachment
{
    /// <summary>The file name with its extension (<c>AttachmentName</c>, at most 500 characters), for example <c>123-UBND-VX.pdf</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The identifier linking the metadata to the content (edXML <c>ContentId</c>, without the <c>cid:</c> prefix).</summary>
    public required string ContentId { get; init; }

    /// <summary>The media type, for example <c>application/pdf</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>A description (<c>Description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Whether this file is the signed main document (văn bản chính), which must be PDF.</summary>
    public bool IsMainDocument { get; init; }
}

/// <summary>Thông tin người ký: who signed the document and with what authority.</summary>
public sealed record SignerInfo
{
    /// <summary>The authority prefix and title of the signing block, for example <c>KT. CHỦ TỊCH</c> or <c>TL. BỘ TRƯỞNG</c>.</summary>
    public string? Competence { get; init; }

    /// <summary>The position (chức vụ, at most 100 characters), for example <c>Phó Chủ tịch</c>.</summary>
    public string? Position { get; init; }

    /// <summary>The full name (họ và tên, at most 50 characters).</summary>
    public required string FullName { get; init; }
}

/// <summary>Ý kiến chỉ đạo: a leader's direction on an incoming document.</summary>
public sealed record LeaderDirection
{
    /// <summary>Who gave the direction (name and, usually, position).</summary>
    public required string Leader { get; init; }

    /// <summary>When it was given.</summary>
    public required DateTimeOffset GivenAt { get; init; }

    /// <summary>The text of the direction.</summary>
    public required string Text { get; init; }

    /// <summary>The deadline set for handling (hạn xử lý), if any.</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>The units or people assigned, if any (lead unit first).</summary>
    public IReadOnlyList<string> AssignedTo { get; init; } = [];
}

/// <summary>What was done to a document in one step of its processing history.</summary>
public enum ProcessingAction
{
    /// <summary>Another action; see the note.</summary>
    Other = 0,

    /// <summary>Tạo lập / dự thảo: created or drafted.</summary>
    Created = 1,

    /// <summary>Ký duyệt: signed or approved by the competent person.</summary>
    Approved = 2,

    /// <summary>Phát hành: issued (sent out).</summary>
    Issued = 3,

    /// <summary>Tiếp nhận: received.</summary>
    Received = 4,

    /// <summary>Đăng ký: registered in the register.</summary>
    Registered = 5,

    /// <summary>Trình: presented to the leader.</summary>
    Presented = 6,

    /// <summary>Phân công / chuyển xử lý: assigned or forwarded.</summary>
    Assigned = 7,

    /// <summary>Xử lý: being processed.</summary>
    Processing = 8,

    /// <summary>Hoàn thành: finished.</summary>
    Completed = 9,

    /// <summary>Trả lại: returned to the sender.</summary>
    Returned = 10,

    /// <summary>Thu hồi: recalled.</summary>
    Recalled = 11,
}

/// <summary>One step of the processing history (quá trình xử lý, edXML <c>TraceHeaderList</c>).</summary>
public sealed record ProcessingStep
{
    /// <summary>Who acted (a person or a unit).</summary>
    public required string Actor { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>What was done.</summary>
    public required ProcessingAction Action { get; init; }

    /// <summary>A note, if any.</summary>
    public string? Note { get; init; }
}
