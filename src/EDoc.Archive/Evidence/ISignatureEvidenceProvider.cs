namespace EDoc.Archive.Evidence;

/// <summary>
/// Validates the signatures of a PDF when it is packaged, so that the archive keeps the proof of validity at the time
/// it was taken (bằng chứng chữ ký số). The integrator implements it with EDoc.Signing's verifier; EDoc.Archive does
/// not depend on EDoc.Signing.
/// </summary>
public interface ISignatureEvidenceProvider
{
    /// <summary>Validates the signatures of one PDF.</summary>
    /// <param name="pdf">The PDF, positioned at its start; read it as a stream (it may be large and non-seekable).</param>
    /// <param name="fileName">The file's name in the package (NFC), for messages.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The evidence, or <see langword="null"/> when the provider has nothing to say about this file.</returns>
    Task<SignatureEvidence?> GetEvidenceAsync(Stream pdf, string fileName, CancellationToken cancellationToken = default);
}

/// <summary>The summary verdict of a signature validation.</summary>
public enum SignatureEvidenceVerdict
{
    /// <summary>Every signature is valid (PREMIS outcome <c>valid</c>).</summary>
    Valid,

    /// <summary>At least one signature is invalid (PREMIS outcome <c>invalid</c>).</summary>
    Invalid,

    /// <summary>The validity could not be established, e.g. revocation unknown (PREMIS outcome <c>indeterminate</c>).</summary>
    Indeterminate,

    /// <summary>The file has no signature (PREMIS outcome <c>no-signature</c>).</summary>
    NoSignature,
}

/// <summary>The result of validating the signatures of one file: the full report and a summary.</summary>
public sealed record SignatureEvidence
{
    /// <summary>The summary verdict.</summary>
    public required SignatureEvidenceVerdict Verdict { get; init; }

    /// <summary>The validation report as produced by the verifier (for example JSON or an ETSI XML report).</summary>
    public required ReadOnlyMemory<byte> Report { get; init; }

    /// <summary>The media type of <see cref="Report"/>, for example <c>application/json</c>.</summary>
    public required string ReportMediaType { get; init; }

    /// <summary>When the validation was performed; the packaging time when <see langword="null"/>.</summary>
    public DateTimeOffset? ValidatedAt { get; init; }

    /// <summary>A one-line summary (signers, reasons), recorded in the PREMIS event.</summary>
    public string? Summary { get; init; }

    /// <summary>The name and version of the validating software, recorded as a PREMIS agent.</summary>
    public string? ValidatorName { get; init; }

    /// <summary>The PREMIS outcome word of the verdict.</summary>
    public string Outcome => Verdict switch
    {
        SignatureEvidenceVerdict.Valid => "valid",
        SignatureEvidenceVerdict.Invalid => "invalid",
        SignatureEvidenceVerdict.Indeterminate => "indeterminate",
        _ => "no-signature",
    };
}
