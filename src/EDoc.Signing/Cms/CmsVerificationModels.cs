using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Certificates;
using EDoc.Signing.Revocation;
using EDoc.Signing.Timestamps;
using EDoc.Validation;

namespace EDoc.Signing.Cms;

/// <summary>The overall verdict on a CMS signature (kết quả kiểm tra chữ ký số).</summary>
public enum CmsVerificationStatus
{
    /// <summary>Intact, signed by a trusted, unrevoked certificate (hợp lệ).</summary>
    Valid = 0,

    /// <summary>Intact, but trust or revocation could not be established (chưa xác định).</summary>
    Indeterminate = 1,

    /// <summary>Broken: the content or the signature does not match, or the certificate is revoked (không hợp lệ).</summary>
    Invalid = 2,
}

/// <summary>Whether the signer certificate chains to a configured trust anchor.</summary>
public enum CertificateTrustStatus
{
    /// <summary>The chain builds to a trust anchor, every certificate valid at the validation time.</summary>
    Trusted = 0,

    /// <summary>The chain does not build to a trust anchor, or a certificate is expired or misused.</summary>
    Untrusted = 1,

    /// <summary>Not checked (no signer certificate).</summary>
    NotChecked = 2,
}

/// <summary>Options of <see cref="CmsSignatureVerifier"/>.</summary>
public sealed class CmsVerificationOptions
{
    /// <summary>The trust anchors (root CAs, e.g. the VGCA G2 root and the NEAC root).</summary>
    /// <value>The default value is an empty collection: nothing is trusted.</value>
    public X509Certificate2Collection TrustAnchors { get; } = [];

    /// <summary>Intermediate certificates from a configured store (leaf-only CMS is common).</summary>
    /// <value>The default value is an empty collection.</value>
    public X509Certificate2Collection ExtraCertificates { get; } = [];

    /// <summary>Trust anchors of timestamp authorities; when empty, <see cref="TrustAnchors"/> is used.</summary>
    /// <value>The default value is an empty collection.</value>
    public X509Certificate2Collection TimestampTrustAnchors { get; } = [];

    /// <summary>Where revocation information may come from.</summary>
    /// <value>The default value is <see cref="Revocation.RevocationMode.OnlineIfMissing"/>.</value>
    public RevocationMode RevocationMode { get; set; } = RevocationMode.OnlineIfMissing;

    /// <summary>Whether revocation is checked at all.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckRevocation { get; set; } = true;

    /// <summary>The clock used when the signature has no timestamp.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>Per-signature extra inputs of <see cref="CmsSignatureVerifier.VerifyAsync"/> (for PAdES: the DSS).</summary>
public sealed class CmsVerificationInput
{
    /// <summary>OCSP responses, CRLs and certificates supplied with the document (the DSS dictionary).</summary>
    public RevocationData? RevocationData { get; set; }

    /// <summary>The time to validate at; <see langword="null"/> uses the signature timestamp, or now.</summary>
    public DateTimeOffset? ValidationTime { get; set; }
}

/// <summary>The revocation status of one certificate of the chain.</summary>
/// <param name="Certificate">The certificate checked.</param>
/// <param name="Result">The result.</param>
public sealed record ChainRevocationResult(X509Certificate2 Certificate, RevocationCheckResult Result);

/// <summary>The report on one CMS signature.</summary>
public sealed class CmsVerificationResult
{
    internal CmsVerificationResult()
    {
    }

    /// <summary>The verdict.</summary>
    public CmsVerificationStatus Status { get; internal set; }

    /// <summary>Whether the message digest matches the content and the signature verifies (toàn vẹn).</summary>
    public bool IsIntegrityValid { get; internal set; }

    /// <summary>The chain verdict.</summary>
    public CertificateTrustStatus Trust { get; internal set; } = CertificateTrustStatus.NotChecked;

    /// <summary>The worst revocation status over the chain, or <see langword="null"/> when not checked.</summary>
    public CertificateRevocationStatus? RevocationStatus { get; internal set; }

    /// <summary>The revocation result of every checked certificate, leaf first.</summary>
    public IReadOnlyList<ChainRevocationResult> RevocationResults { get; internal set; } = [];

    /// <summary>Evidence fetched online during verification (store it in a DSS for B-LT).</summary>
    public RevocationData FetchedRevocationData { get; } = new();

    /// <summary>The signer certificate, if found.</summary>
    public X509Certificate2? SignerCertificate { get; internal set; }

    /// <summary>The certificate chain as built, leaf first.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; internal set; } = [];

    /// <summary>The signer's identity with the Vietnamese identifiers.</summary>
    public SignerIdentity? Signer { get; internal set; }

    /// <summary>The digest algorithm of the SignerInfo.</summary>
    public HashAlgorithmName? DigestAlgorithm { get; internal set; }

    /// <summary>The signature algorithm, as text (e.g. <c>RSASSA-PSS with SHA256</c>).</summary>
    public string? SignatureAlgorithm { get; internal set; }

    /// <summary>The signature-time-stamp, if present.</summary>
    public TimestampInfo? Timestamp { get; internal set; }

    /// <summary>Whether the timestamp is valid and its TSA chains to a trust anchor.</summary>
    public bool? IsTimestampTrusted { get; internal set; }

    /// <summary>The time proven by a valid timestamp (thời điểm ký theo dấu thời gian), or <see langword="null"/>.</summary>
    public DateTimeOffset? TimestampTime => IsTimestampTrusted == true ? Timestamp?.GenerationTime : null;

    /// <summary>The time the chain and revocation were validated at.</summary>
    public DateTimeOffset ValidationTime { get; internal set; }

    /// <summary>Whether the CMS carries ESS signing-certificate-v2 matching the signer.</summary>
    public bool HasSigningCertificateV2 { get; internal set; }

    /// <summary>Whether the CMS carries a signing-time attribute (PAdES baseline forbids it).</summary>
    public bool HasSigningTimeAttribute { get; internal set; }

    /// <summary>Every problem found, in English and Vietnamese.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; internal set; } = [];
}

/// <summary>The report on an RFC 3161 token checked on its own (a PAdES document timestamp, B-LTA).</summary>
/// <param name="Status">The verdict.</param>
/// <param name="Info">What the token says; <see langword="null"/> when it could not be decoded.</param>
/// <param name="IsTrusted">Whether the TSA certificate chains to a trust anchor.</param>
/// <param name="Chain">The TSA chain as built, leaf first.</param>
/// <param name="Problems">Every problem found, in English and Vietnamese.</param>
public sealed record TimestampVerificationResult(
    CmsVerificationStatus Status,
    TimestampInfo? Info,
    bool IsTrusted,
    IReadOnlyList<X509Certificate2> Chain,
    IReadOnlyList<ValidationProblem> Problems);
