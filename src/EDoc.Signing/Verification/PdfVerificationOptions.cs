using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Revocation;

namespace EDoc.Signing.Verification;

/// <summary>Which changes made after a signature are accepted (thay đổi được phép sau khi ký).</summary>
public enum PdfAllowedChanges
{
    /// <summary>
    /// Follow the document's certification (DocMDP): P=1 allows only DSS and document timestamps, P=2 also form
    /// fill-in and signing, P=3 also annotations. Without certification, later signatures, DSS, form fill-in and
    /// annotations are accepted (what Adobe Acrobat accepts); page content changes never are.
    /// </summary>
    FollowDocMdp = 0,

    /// <summary>Only later signatures, DSS data and document timestamps may follow a signature.</summary>
    SignaturesOnly = 1,

    /// <summary>Only DSS data and document timestamps may follow a signature (no later approval signature either).</summary>
    None = 2,
}

/// <summary>Options of <see cref="PdfSignatureVerifier"/>.</summary>
public sealed class PdfVerificationOptions
{
    /// <summary>The trust anchors (root CAs, e.g. the VGCA and NEAC roots).</summary>
    /// <value>The default value is an empty collection: no signer is trusted, every signature is at best indeterminate.</value>
    public X509Certificate2Collection TrustAnchors { get; } = [];

    /// <summary>Intermediate certificates from a configured store, used to complete leaf-only chains.</summary>
    /// <value>The default value is an empty collection.</value>
    public X509Certificate2Collection ExtraCertificates { get; } = [];

    /// <summary>Trust anchors for timestamp authorities; when empty, <see cref="TrustAnchors"/> is used.</summary>
    /// <value>The default value is an empty collection.</value>
    public X509Certificate2Collection TimestampTrustAnchors { get; } = [];

    /// <summary>Where revocation information may come from.</summary>
    /// <value>The default value is <see cref="RevocationMode.Offline"/>: only the document's DSS is used.</value>
    /// <remarks>The online modes also need an <see cref="HttpClient"/> given to the verifier.</remarks>
    public RevocationMode RevocationMode { get; set; } = RevocationMode.Offline;

    /// <summary>Whether revocation is checked at all.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckRevocation { get; set; } = true;

    /// <summary>
    /// Whether a missing revocation status (no OCSP response or CRL in the DSS, none fetched) makes a signature
    /// <see cref="PdfVerificationStatus.Indeterminate"/>. When <see langword="false"/>, it is reported as a warning only;
    /// a revoked certificate always makes the signature invalid.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RequireRevocationInformation { get; set; }

    /// <summary>Which changes after a signature are accepted.</summary>
    /// <value>The default value is <see cref="PdfAllowedChanges.FollowDocMdp"/>.</value>
    public PdfAllowedChanges AllowedChanges { get; set; } = PdfAllowedChanges.FollowDocMdp;

    /// <summary>The clock used when a signature has no timestamp, and for the report's time.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Adds every certificate of a PEM file (one or more <c>BEGIN CERTIFICATE</c> blocks) to <see cref="TrustAnchors"/>.</summary>
    /// <param name="path">The PEM file.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The file holds no certificate.</exception>
    public PdfVerificationOptions AddTrustAnchorsFromPemFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var found = new X509Certificate2Collection();
        found.ImportFromPemFile(path);
        if (found.Count == 0)
        {
            throw new System.Security.Cryptography.CryptographicException($"'{path}' holds no PEM certificate.");
        }

        TrustAnchors.AddRange(found);
        return this;
    }
}
