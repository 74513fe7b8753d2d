using EDoc.Documents;

namespace EDoc.Registers;

/// <summary>
/// What the clerk knows when registering an incoming document (đăng ký văn bản đến). The register assigns the
/// arrival number (số đến), continuous within the year for paper and electronic documents alike.
/// </summary>
public sealed record IncomingReceiveRequest
{
    /// <summary>The sender's agency code (mã định danh, e.g. <c>000.00.00.H41</c>) or abbreviation. Required.</summary>
    public required string SenderCode { get; init; }

    /// <summary>Column 3: the issuing body's name (tác giả); defaults to <see cref="SenderCode"/>.</summary>
    public string? SenderName { get; init; }

    /// <summary>Column 4: the document's number and notation as printed, for example <c>15/QĐ-BNV</c>. Required.</summary>
    public required string DocumentNumber { get; init; }

    /// <summary>Column 5: the document date. Required.</summary>
    public required DateOnly DocumentDate { get; init; }

    /// <summary>Column 6 (first part): the type name.</summary>
    public string? TypeName { get; init; }

    /// <summary>Column 6 (second part): the abstract.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>When it arrived; <see langword="null"/> for now. Its Vietnam date is column 1 and its year the numbering year.</summary>
    public DateTimeOffset? ArrivedAt { get; init; }

    /// <summary>The register (sổ) to use; <see langword="null"/> for the default.</summary>
    public string? RegisterId { get; init; }

    /// <summary>Column 7: the unit or person it is routed to (đơn vị hoặc người nhận).</summary>
    public string? RecipientUnit { get; init; }

    /// <summary>Column 8: transfer date.</summary>
    public DateOnly? TransferDate { get; init; }

    /// <summary>Column 10: notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Độ khẩn (Annex VI <c>Priority</c>); stored as its edXML code.</summary>
    /// <value>The default value is <see cref="Urgency.Normal"/>.</value>
    public Urgency Urgency { get; init; }

    /// <summary>Độ mật.</summary>
    /// <value>The default value is <see cref="Secrecy.None"/>.</value>
    public Secrecy Secrecy { get; init; }

    /// <summary>Follow-up: the person in charge of handling it (người giải quyết), for the per-person overdue list; optional.</summary>
    public string? Handler { get; init; }

    /// <summary>How it was received.</summary>
    public TransmissionForm Form { get; init; } = TransmissionForm.Electronic;

    /// <summary>The receiving method, for example <c>Trục liên thông</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The handling deadline (thời hạn giải quyết), if known at registration.</summary>
    public DateOnly? DueDate { get; init; }
}
