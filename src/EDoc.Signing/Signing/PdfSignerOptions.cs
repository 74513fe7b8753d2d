using EDoc.Signing.Cms;

namespace EDoc.Signing;

/// <summary>Settings of a <see cref="PdfSigner"/>; copied when the signer is created, so later edits change nothing.</summary>
public sealed class PdfSignerOptions
{
    /// <summary>
    /// Bytes reserved in /Contents for the RFC 3161 token of B-T and above, on top of the CMS estimate.
    /// <value>The default value is <see cref="CmsSignatureBuilder.DefaultTimestampAllowance"/> (8,192).</value>
    /// </summary>
    public int TimestampAllowance { get; set; } = CmsSignatureBuilder.DefaultTimestampAllowance;

    /// <summary>
    /// Where intermediate files (non-seekable destinations, B-LT/B-LTA revisions) are written.
    /// <value>The default value is <see langword="null"/>: <see cref="Path.GetTempPath"/>.</value>
    /// </summary>
    public string? TemporaryDirectory { get; set; }

    /// <summary>
    /// Whether B-LT fails when no revocation data (OCSP or CRL) could be gathered for the signer certificate.
    /// <value>The default value is <see langword="true"/>: a B-LT signature without revocation data is not B-LT.</value>
    /// </summary>
    public bool RequireRevocationData { get; set; } = true;

    /// <summary>Copies and checks the options.</summary>
    internal PdfSignerOptions Snapshot()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TimestampAllowance, 1024, nameof(TimestampAllowance));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TimestampAllowance, 1024 * 1024, nameof(TimestampAllowance));
        if (TemporaryDirectory is not null && !Directory.Exists(TemporaryDirectory))
        {
            throw new ArgumentException($"The temporary directory '{TemporaryDirectory}' does not exist.", nameof(TemporaryDirectory));
        }

        return new PdfSignerOptions { TimestampAllowance = TimestampAllowance, TemporaryDirectory = TemporaryDirectory, RequireRevocationData = RequireRevocationData };
    }
}

/// <summary>What a signing produced.</summary>
/// <param name="FieldName">The signature field name that was signed.</param>
/// <param name="Level">The PAdES level reached.</param>
/// <param name="SigningTime">The claimed signing time (/M), Vietnam time.</param>
/// <param name="CmsSize">The size of the embedded CMS in bytes.</param>
/// <param name="ContentsCapacity">The bytes reserved for it in /Contents.</param>
/// <param name="SourceLength">The length of the source document.</param>
/// <param name="OutputLength">The length of the signed document.</param>
public sealed record PdfSigningResult(
    string FieldName,
    PadesLevel Level,
    DateTimeOffset SigningTime,
    int CmsSize,
    int ContentsCapacity,
    long SourceLength,
    long OutputLength);
