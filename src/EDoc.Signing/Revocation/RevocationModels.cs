using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Revocation;

/// <summary>Where revocation information may come from during verification.</summary>
public enum RevocationMode
{
    /// <summary>Only the supplied data (the PDF's DSS, the caller's OCSP responses and CRLs); no network.</summary>
    Offline = 0,

    /// <summary>The supplied data first; OCSP (AIA) or CRL (CDP) over HTTP when none covers a certificate.</summary>
    OnlineIfMissing = 1,

    /// <summary>Always ask the OCSP responder or download the CRL; the supplied data is a fallback.</summary>
    Online = 2,
}

/// <summary>The revocation status of a certificate (tình trạng thu hồi chứng thư số).</summary>
public enum CertificateRevocationStatus
{
    /// <summary>Not revoked at the time of the evidence.</summary>
    Good = 0,

    /// <summary>Revoked (bị thu hồi).</summary>
    Revoked = 1,

    /// <summary>No usable evidence: no response, an invalid response, or the responder does not know the certificate.</summary>
    Unknown = 2,
}

/// <summary>The result of checking one certificate against one OCSP response or CRL.</summary>
/// <param name="Status">The status.</param>
/// <param name="Source">Where the evidence came from: <c>ocsp</c>, <c>crl</c> or <c>none</c>.</param>
/// <param name="ProducedAt">When the evidence was produced (OCSP thisUpdate / CRL thisUpdate).</param>
/// <param name="RevocationTime">When the certificate was revoked, if it was.</param>
/// <param name="Message">Why the status is what it is (English), or <see langword="null"/>.</param>
public sealed record RevocationCheckResult(
    CertificateRevocationStatus Status,
    string Source,
    DateTimeOffset? ProducedAt,
    DateTimeOffset? RevocationTime,
    string? Message)
{
    /// <summary>No evidence at all.</summary>
    /// <param name="message">Why.</param>
    /// <returns>An <see cref="CertificateRevocationStatus.Unknown"/> result.</returns>
    public static RevocationCheckResult None(string message) => new(CertificateRevocationStatus.Unknown, "none", null, null, message);
}

/// <summary>
/// Revocation evidence gathered for signatures: DER OCSP responses (OCSPResponse, RFC 6960), DER CRLs (RFC 5280)
/// and certificates. This is what a PAdES DSS dictionary stores (/OCSPs, /CRLs, /Certs).
/// </summary>
public sealed class RevocationData
{
    /// <summary>The DER OCSPResponse structures.</summary>
    public IList<byte[]> OcspResponses { get; } = new List<byte[]>();

    /// <summary>The DER CRLs.</summary>
    public IList<byte[]> Crls { get; } = new List<byte[]>();

    /// <summary>Certificates (issuers, OCSP responder certificates) that validation needs.</summary>
    public IList<X509Certificate2> Certificates { get; } = new List<X509Certificate2>();

    /// <summary>Adds everything from another set, skipping exact duplicates.</summary>
    /// <param name="other">The other set.</param>
    public void AddRange(RevocationData other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var r in other.OcspResponses.Where(r => !OcspResponses.Any(x => x.AsSpan().SequenceEqual(r))))
        {
            OcspResponses.Add(r);
        }

        foreach (var c in other.Crls.Where(c => !Crls.Any(x => x.AsSpan().SequenceEqual(c))))
        {
            Crls.Add(c);
        }

        foreach (var c in other.Certificates.Where(c => !Certificates.Any(x => x.RawDataMemory.Span.SequenceEqual(c.RawDataMemory.Span))))
        {
            Certificates.Add(c);
        }
    }
}
