using EDoc.Documents;

namespace EDoc.Registers;

/// <summary>
/// One line of the outgoing register (sổ đăng ký văn bản đi, NĐ 30/2020 Annex IV): the ten columns plus the data the
/// numbering, the reports and the audit need.
/// </summary>
public sealed record OutgoingRegisterEntry
{
    /// <summary>The store's identifier of the entry.</summary>
    public required long Id { get; init; }

    /// <summary>The register (sổ) the entry belongs to.</summary>
    public required string RegisterId { get; init; }

    /// <summary>The numbering sequence the number was taken from, for example <c>general</c> or <c>legal:NQ</c>.</summary>
    public required string Sequence { get; init; }

    /// <summary>The numbering year (Vietnam time).</summary>
    public required int Year { get; init; }

    /// <summary>The number within the sequence and year, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>The number as written: zero-padded below 10 (<c>01</c>…<c>09</c>, <c>10</c>…).</summary>
    public string NumberText => Numbering.DocumentNumberFormat.Format(Number);

    /// <summary>Column 1: the number and notation (số, ký hiệu), for example <c>05/QĐ-UBND</c>.</summary>
    public required string Notation { get; init; }

    /// <summary>Column 2: the document date (ngày tháng văn bản).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The type abbreviation as given (<c>CV</c>/empty for công văn).</summary>
    public string? TypeAbbreviation { get; init; }

    /// <summary>Column 3 (first part): the type name.</summary>
    public string? TypeName { get; init; }

    /// <summary>Column 3 (second part): the abstract (trích yếu).</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The issuer abbreviation.</summary>
    public required string Issuer { get; init; }

    /// <summary>The drafting unit abbreviation, if any.</summary>
    public string? Unit { get; init; }

    /// <summary>The category.</summary>
    public DocumentCategory Category { get; init; }

    /// <summary>Whether the document is secret.</summary>
    public bool IsSecret { get; init; }

    /// <summary>The advisory body, if any.</summary>
    public string? AdvisoryBody { get; init; }

    /// <summary>Column 4: signer.</summary>
    public string? Signer { get; init; }

    /// <summary>Column 5: recipients.</summary>
    public string? Recipients { get; init; }

    /// <summary>Column 6: unit or person keeping the file copy.</summary>
    public string? FileCopyHolder { get; init; }

    /// <summary>Column 7: number of copies.</summary>
    public int? CopyCount { get; init; }

    /// <summary>Column 8: transfer date.</summary>
    public DateOnly? TransferDate { get; init; }

    /// <summary>Column 9: acknowledgement of receipt (ký nhận), as text.</summary>
    public string? Acknowledgement { get; init; }

    /// <summary>Column 10: notes.</summary>
    public string? Notes { get; init; }

    /// <summary>Độ khẩn (stored as the edXML <c>Priority</c> code).</summary>
    public Urgency Urgency { get; init; }

    /// <summary>Độ mật.</summary>
    public Secrecy Secrecy { get; init; }

    /// <summary>How the document was sent.</summary>
    public TransmissionForm Form { get; init; }

    /// <summary>The sending method.</summary>
    public string? Method { get; init; }

    /// <summary>The reply due date, if any.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Whether the entry is active, voided or recalled.</summary>
    public RegisterEntryStatus Status { get; init; }

    /// <summary>When the status last changed, if it did.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    /// <summary>Who changed the status, if anyone.</summary>
    public string? StatusChangedBy { get; init; }

    /// <summary>Why the status changed, if it did.</summary>
    public string? StatusReason { get; init; }

    /// <summary>When the entry was registered (Vietnam time).</summary>
    public required DateTimeOffset RegisteredAt { get; init; }
}
