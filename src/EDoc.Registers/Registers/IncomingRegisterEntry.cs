using EDoc.Documents;

namespace EDoc.Registers;

/// <summary>
/// One line of the incoming register (sổ đăng ký văn bản đến, 10 columns) with the follow-up columns of the
/// sổ theo dõi giải quyết văn bản đến (deadline, progress, reply) — NĐ 30/2020 Annex IV.
/// </summary>
public sealed record IncomingRegisterEntry
{
    /// <summary>The store's identifier of the entry.</summary>
    public required long Id { get; init; }

    /// <summary>The register (sổ) the entry belongs to.</summary>
    public required string RegisterId { get; init; }

    /// <summary>The numbering year (Vietnam time of arrival).</summary>
    public required int Year { get; init; }

    /// <summary>Column 2: the arrival number (số đến), from 1 each year.</summary>
    public required int ArrivalNumber { get; init; }

    /// <summary>The arrival number as written, zero-padded below 10.</summary>
    public string ArrivalNumberText => Numbering.DocumentNumberFormat.Format(ArrivalNumber);

    /// <summary>When the document arrived (Vietnam time); its date is column 1 (ngày đến).</summary>
    public required DateTimeOffset ArrivedAt { get; init; }

    /// <summary>Column 1: the arrival date.</summary>
    public DateOnly ArrivalDate => DateOnly.FromDateTime(ArrivedAt.DateTime);

    /// <summary>The sender's agency code.</summary>
    public required string SenderCode { get; init; }

    /// <summary>Column 3: the issuing body (tác giả).</summary>
    public required string SenderName { get; init; }

    /// <summary>Column 4: number and notation of the document.</summary>
    public required string DocumentNumber { get; init; }

    /// <summary>Column 5: the document date.</summary>
    public required DateOnly DocumentDate { get; init; }

    /// <summary>Column 6: type name.</summary>
    public string? TypeName { get; init; }

    /// <summary>Column 6: abstract.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Column 7: unit or person it is routed to.</summary>
    public string? RecipientUnit { get; init; }

    /// <summary>Column 8: transfer date.</summary>
    public DateOnly? TransferDate { get; init; }

    /// <summary>Column 9: acknowledgement (ký nhận).</summary>
    public string? Acknowledgement { get; init; }

    /// <summary>Column 10: notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Độ khẩn (stored as the edXML <c>Priority</c> code).</summary>
    public Urgency Urgency { get; init; }

    /// <summary>Độ mật.</summary>
    public Secrecy Secrecy { get; init; }

    /// <summary>Follow-up: the person in charge of handling it (người giải quyết), if assigned.</summary>
    public string? Handler { get; init; }

    /// <summary>How it was received.</summary>
    public TransmissionForm Form { get; init; }

    /// <summary>The receiving method.</summary>
    public string? Method { get; init; }

    /// <summary>Follow-up: the handling deadline (thời hạn giải quyết).</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Follow-up: handling progress (tiến độ giải quyết), free text.</summary>
    public string? Progress { get; init; }

    /// <summary>Follow-up: number and notation of the reply (số, ký hiệu văn bản trả lời).</summary>
    public string? ReplyNotation { get; init; }

    /// <summary>Follow-up: the date handling was completed, if it was.</summary>
    public DateOnly? HandledDate { get; init; }

    /// <summary>Whether the entry is active, voided or recalled (the sender recalled it).</summary>
    public RegisterEntryStatus Status { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    /// <summary>Who changed the status.</summary>
    public string? StatusChangedBy { get; init; }

    /// <summary>Why the status changed.</summary>
    public string? StatusReason { get; init; }

    /// <summary>When the entry was registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>Changes to the follow-up columns of an incoming entry; <see langword="null"/> properties are left unchanged.</summary>
public sealed record FollowUpUpdate
{
    /// <summary>The unit or person it is routed to.</summary>
    public string? RecipientUnit { get; init; }

    /// <summary>The handling deadline.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Handling progress.</summary>
    public string? Progress { get; init; }

    /// <summary>Number and notation of the reply.</summary>
    public string? ReplyNotation { get; init; }

    /// <summary>The date handling was completed.</summary>
    public DateOnly? HandledDate { get; init; }

    /// <summary>The transfer date (column 8).</summary>
    public DateOnly? TransferDate { get; init; }

    /// <summary>The acknowledgement (column 9).</summary>
    public string? Acknowledgement { get; init; }

    /// <summary>The person in charge of handling it (người giải quyết).</summary>
    public string? Handler { get; init; }
}

/// <summary>A recorded status change (void or recall) of a register entry: who, when, why.</summary>
/// <param name="Book">The register book.</param>
/// <param name="EntryId">The entry.</param>
/// <param name="Status">The new status.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="At">When (Vietnam time).</param>
/// <param name="Reason">Why.</param>
public sealed record RegisterStatusChange(RegisterBook Book, long EntryId, RegisterEntryStatus Status, string Actor, DateTimeOffset At, string Reason);
