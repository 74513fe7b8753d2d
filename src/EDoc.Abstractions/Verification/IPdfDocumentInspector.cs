namespace EDoc.Verification;

/// <summary>The verdict on a signed document or one of its signatures (kết quả kiểm tra chữ ký số).</summary>
public enum SignatureVerdict
{
    /// <summary>The document has no signature (văn bản chưa được ký).</summary>
    NotSigned = 0,

    /// <summary>Intact, trusted, and only allowed changes after signing (hợp lệ).</summary>
    Valid = 1,

    /// <summary>Intact, but trust or revocation could not be established (chưa xác định).</summary>
    Indeterminate = 2,

    /// <summary>Broken, revoked, or changed in a way that is not allowed (không hợp lệ).</summary>
    Invalid = 3,
}

/// <summary>
/// Inspects a PDF: page count and the verdict on each signature. Lets EDoc.Interchange and EDoc.Archive check signed
/// attachments without referencing EDoc.Signing (which implements it as <c>EDoc.Signing.Verification.PdfDocumentInspector</c>).
/// </summary>
public interface IPdfDocumentInspector
{
    /// <summary>Reads a PDF and verifies its signatures.</summary>
    /// <param name="pdf">The PDF; only read, left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The summary; an unsigned PDF gives <see cref="SignatureVerdict.NotSigned"/>.</returns>
    /// <exception cref="EDocFormatException">The PDF is unreadable or encrypted.</exception>
    /// <exception cref="EDocLimitExceededException">The PDF exceeds a reader limit.</exception>
    Task<PdfDocumentSummary> InspectAsync(Stream pdf, CancellationToken cancellationToken = default);
}

/// <summary>The summary of a PDF and its signatures.</summary>
/// <param name="PageCount">The number of pages.</param>
/// <param name="Verdict">The overall verdict (the worst signature verdict, or <see cref="SignatureVerdict.NotSigned"/>).</param>
/// <param name="Signatures">One entry per signature, in signing order.</param>
/// <param name="ReportJson">The full verification report as UTF-8 JSON, for archival evidence (bằng chứng kiểm tra chữ ký).</param>
public sealed record PdfDocumentSummary(
    int PageCount,
    SignatureVerdict Verdict,
    IReadOnlyList<PdfSignatureSummary> Signatures,
    ReadOnlyMemory<byte> ReportJson)
{
    /// <summary>The number of signatures (document timestamps included).</summary>
    public int SignatureCount => Signatures.Count;

    /// <summary>Whether the document is signed and every signature is valid.</summary>
    public bool IsValid => Verdict == SignatureVerdict.Valid;
}

/// <summary>The verdict on one signature.</summary>
/// <param name="FieldName">The signature field name.</param>
/// <param name="SignerName">The signer's common name (họ tên / tên cơ quan), or <see langword="null"/>.</param>
/// <param name="Identifiers">The Vietnamese identifiers of the signer as <c>PREFIX:value</c> (<c>MST:…</c>, <c>CCCD:…</c>, <c>CMND:…</c>).</param>
/// <param name="SigningTime">The time proven by a timestamp, else the claimed signing time, or <see langword="null"/>.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Message">The verdict and its first reason, in English.</param>
/// <param name="MessageVi">The verdict and its first reason, in Vietnamese.</param>
public sealed record PdfSignatureSummary(
    string FieldName,
    string? SignerName,
    IReadOnlyList<string> Identifiers,
    DateTimeOffset? SigningTime,
    SignatureVerdict Verdict,
    string Message,
    string MessageVi);
