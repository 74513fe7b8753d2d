using EDoc.Documents;

namespace EDoc.Registers;

/// <summary>
/// What the clerk knows when issuing an outgoing document (cấp số, đăng ký văn bản đi). The register assigns the
/// number, composes the notation (số, ký hiệu) and records the entry in one transaction.
/// </summary>
public sealed record OutgoingIssueRequest
{
    /// <summary>
    /// The type abbreviation (chữ viết tắt tên loại văn bản, NĐ 30/2020 Annex III), for example <c>QĐ</c>, <c>TB</c>,
    /// <c>KH</c>; <c>CV</c> or empty for a công văn, which has no abbreviation in its notation.
    /// </summary>
    public string? TypeAbbreviation { get; init; }

    /// <summary>The type name (tên loại), for example <c>Quyết định</c>; shown in column 3 of the register.</summary>
    public string? TypeName { get; init; }

    /// <summary>The abbreviation of the issuing agency (cơ quan ban hành), for example <c>UBND</c>. Required.</summary>
    public required string IssuerAbbreviation { get; init; }

    /// <summary>The abbreviation of the drafting unit or field (đơn vị soạn thảo), for example <c>VP</c>; optional.</summary>
    public string? UnitAbbreviation { get; init; }

    /// <summary>The document date (ngày tháng văn bản); <see langword="null"/> for today in Vietnam time.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The abstract (trích yếu nội dung).</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The category, which selects the numbering sequence.</summary>
    public DocumentCategory Category { get; init; } = DocumentCategory.Administrative;

    /// <summary>
    /// Độ mật. A secret document (any level above <see cref="Secrecy.None"/>) is numbered in its own sequence
    /// (art. 15.2) and, by default, its notation carries <see cref="Numbering.NumberingOptions.SecretNotationQualifier"/>.
    /// </summary>
    /// <value>The default value is <see cref="Secrecy.None"/>.</value>
    public Secrecy Secrecy { get; init; }

    /// <summary>Whether the document is secret (văn bản mật): <see cref="Secrecy"/> above <see cref="Secrecy.None"/>.</summary>
    public bool IsSecret => Secrecy.IsSecret();

    /// <summary>
    /// The document type from <see cref="DocumentTypes"/> or a <see cref="DocumentTypeCatalog"/>; when set it wins over
    /// <see cref="TypeAbbreviation"/>, <see cref="TypeName"/> and <see cref="Category"/> (legal normative types carry the year).
    /// </summary>
    public DocumentType? DocumentType { get; init; }

    /// <summary>The abbreviation of the advisory body (Hội đồng, Ban, Tổ) issuing under the agency's seal: numbered in its own sequence, and written in the notation in place of the issuer (<c>05/TB-HĐTS</c>); optional.</summary>
    public string? AdvisoryBody { get; init; }

    /// <summary>The register (sổ) to use; <see langword="null"/> for <see cref="DocumentRegisterOptions.DefaultRegisterId"/>.</summary>
    public string? RegisterId { get; init; }

    /// <summary>Column 4: the signer (người ký).</summary>
    public string? Signer { get; init; }

    /// <summary>Column 5: the recipients (nơi nhận văn bản).</summary>
    public string? Recipients { get; init; }

    /// <summary>Column 6: the unit or person keeping the file copy (đơn vị, người nhận bản lưu).</summary>
    public string? FileCopyHolder { get; init; }

    /// <summary>Column 7: the number of copies (số lượng bản).</summary>
    public int? CopyCount { get; init; }

    /// <summary>Column 8: the transfer date (ngày chuyển).</summary>
    public DateOnly? TransferDate { get; init; }

    /// <summary>Column 10: notes (ghi chú).</summary>
    public string? Notes { get; init; }

    /// <summary>Độ khẩn (Annex VI <c>Priority</c>); stored as its edXML code.</summary>
    /// <value>The default value is <see cref="Urgency.Normal"/>.</value>
    public Urgency Urgency { get; init; }

    /// <summary>How the document is sent, for the six-monthly report.</summary>
    public TransmissionForm Form { get; init; } = TransmissionForm.Electronic;

    /// <summary>The sending method (phương thức), for example <c>Trục liên thông</c>, <c>Thư điện tử</c>, <c>Bưu chính</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The reply due date (hạn trả lời, Annex VI <c>DueDate</c>), if any.</summary>
    public DateOnly? DueDate { get; init; }
}
