using EDoc.Verification;

namespace EDoc.Signing.Verification;

/// <summary>
/// The EDoc.Signing implementation of <see cref="IPdfDocumentInspector"/>: reads the page count and verifies every
/// signature with a <see cref="PdfSignatureVerifier"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class PdfDocumentInspector : IPdfDocumentInspector
{
    private readonly PdfSignatureVerifier _verifier;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="verifier">The verifier (its options decide trust, revocation and the change policy).</param>
    public PdfDocumentInspector(PdfSignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
    }

    /// <inheritdoc/>
    public async Task<PdfDocumentSummary> InspectAsync(Stream pdf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        PdfVerificationReport report = await _verifier.VerifyAsync(pdf, cancellationToken).ConfigureAwait(false);
        return ToSummary(report);
    }

    /// <summary>Converts a verification report to the package-neutral summary.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The summary, with the report's JSON.</returns>
    public static PdfDocumentSummary ToSummary(PdfVerificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var signatures = report.Signatures.Select(s => new PdfSignatureSummary(
            s.FieldName,
            s.Signer?.CommonName,
            s.Signer?.Identifiers ?? [],
            s.TimestampTime ?? s.SigningTime,
            ToVerdict(s.Status),
            s.Message,
            s.MessageVi)).ToList();
        SignatureVerdict verdict = report.Signatures.Count == 0 ? SignatureVerdict.NotSigned : ToVerdict(report.Status);
        return new PdfDocumentSummary(report.PageCount, verdict, signatures, report.ToJsonUtf8Bytes());
    }

    private static SignatureVerdict ToVerdict(PdfVerificationStatus status) => status switch
    {
        PdfVerificationStatus.Valid => SignatureVerdict.Valid,
        PdfVerificationStatus.Indeterminate => SignatureVerdict.Indeterminate,
        _ => SignatureVerdict.Invalid,
    };
}
