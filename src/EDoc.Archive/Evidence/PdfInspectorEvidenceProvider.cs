using EDoc.Verification;

namespace EDoc.Archive.Evidence;

/// <summary>
/// Takes signature evidence (bằng chứng xác thực chữ ký số) for archival packages from any
/// <see cref="IPdfDocumentInspector"/> — in practice EDoc.Signing's verifier — so the package keeps the validation
/// report as it stood at packaging time. Files that are not PDFs get no evidence; a PDF that cannot be read gets an <see cref="SignatureEvidenceVerdict.Invalid"/> verdict with the reason.
/// </summary>
public sealed class PdfInspectorEvidenceProvider : ISignatureEvidenceProvider
{
    private readonly IPdfDocumentInspector _inspector;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="inspector">The PDF inspector that verifies signatures and writes the JSON report.</param>
    /// <param name="timeProvider">The clock that dates the evidence; <see cref="TimeProvider.System"/> when null.</param>
    public PdfInspectorEvidenceProvider(IPdfDocumentInspector inspector, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        _inspector = inspector;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<SignatureEvidence?> GetEvidenceAsync(Stream pdf, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        PdfDocumentSummary summary;
        try
        {
            summary = await _inspector.InspectAsync(pdf, cancellationToken).ConfigureAwait(false);
        }
        catch (EDocFormatException ex)
        {
            // An unreadable or encrypted PDF is not a reason to stop packaging: the package records that its
            // signatures could not be validated, with the reason, as evidence of the file's state at that time.
            var report = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
            {
                ["status"] = "unreadable",
                ["errorCode"] = ex.ErrorCode,
                ["subject"] = ex.Subject,
                ["location"] = ex.Location,
                ["reason"] = ex.Reason,
            });
            return new SignatureEvidence
            {
                Verdict = SignatureEvidenceVerdict.Invalid,
                Report = report,
                ReportMediaType = "application/json",
                ValidatedAt = _timeProvider.GetUtcNow(),
                Summary = "The PDF could not be read: " + ex.Reason,
                ValidatorName = _inspector.GetType().FullName,
            };
        }

        var verdict = summary.Verdict switch
        {
            SignatureVerdict.Valid => SignatureEvidenceVerdict.Valid,
            SignatureVerdict.Invalid => SignatureEvidenceVerdict.Invalid,
            SignatureVerdict.Indeterminate => SignatureEvidenceVerdict.Indeterminate,
            _ => SignatureEvidenceVerdict.NoSignature,
        };
        var lines = summary.Signatures.Select(s => $"{s.FieldName}: {s.Verdict} ({s.SignerName})");
        return new SignatureEvidence
        {
            Verdict = verdict,
            Report = summary.ReportJson,
            ReportMediaType = "application/json",
            ValidatedAt = _timeProvider.GetUtcNow(),
            Summary = $"{summary.SignatureCount} signature(s), {summary.PageCount} page(s): " + string.Join("; ", lines),
            ValidatorName = _inspector.GetType().FullName,
        };
    }
}
