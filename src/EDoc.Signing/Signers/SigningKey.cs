using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Signers;

/// <summary>The signature scheme a key uses inside a CMS SignerInfo.</summary>
public enum SignatureScheme
{
    /// <summary>RSA PKCS#1 v1.5 (<c>sha256WithRSAEncryption</c> …): the default, what Vietnamese validators expect.</summary>
    RsaPkcs1 = 0,

    /// <summary>RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash (RFC 4055), required by TT 15/2025.</summary>
    RsaPss = 1,

    /// <summary>ECDSA (<c>ecdsa-with-SHA256</c> …) on P-256 or P-384; signatures are DER Ecdsa-Sig-Value.</summary>
    Ecdsa = 2,
}

/// <summary>
/// A private key that signs hashes (khóa bí mật ký số): a local certificate, a PKCS#11 token, a remote signing
/// service. The CMS builder asks it to sign the hash of the DER signed attributes.
/// </summary>
public abstract class SigningKey
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="certificate">The signer certificate (chứng thư số của người ký).</param>
    /// <param name="chain">Further certificates to embed (intermediates, optionally the root), as given by the caller.</param>
    /// <param name="scheme">The signature scheme.</param>
    protected SigningKey(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain, SignatureScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!Enum.IsDefined(scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown signature scheme.");
        }

        var kind = SigningKeyAlgorithms.GetKeyKind(certificate);
        if (kind == PublicKeyKind.Rsa && scheme == SignatureScheme.Ecdsa)
        {
            throw new ArgumentException("The certificate holds an RSA key; ECDSA cannot be used with it.", nameof(scheme));
        }

        if (kind == PublicKeyKind.Ecdsa && scheme != SignatureScheme.Ecdsa)
        {
            throw new ArgumentException("The certificate holds an EC key; only the ECDSA scheme can be used with it.", nameof(scheme));
        }

        Certificate = certificate;
        Chain = chain?.Where(c => c is not null && !c.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)).ToArray() ?? [];
        Scheme = scheme;
    }

    /// <summary>The signer certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The further certificates to embed in the CMS, in the order given (the signer certificate excluded).</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The signature scheme.</summary>
    public SignatureScheme Scheme { get; }

    /// <summary>The largest signature this key produces, in bytes, as encoded in a CMS (DER for ECDSA).</summary>
    public int MaxSignatureSize => SigningKeyAlgorithms.MaxSignatureSize(Certificate);

    /// <summary>
    /// Signs a hash. RSA keys return the PKCS#1 v1.5 or PSS signature; ECDSA keys return a DER
    /// Ecdsa-Sig-Value (RFC 3279 §2.2.3), the form CMS requires.
    /// </summary>
    /// <param name="hash">The hash to sign.</param>
    /// <param name="hashAlgorithm">The algorithm that produced <paramref name="hash"/>: SHA-256, SHA-384 or SHA-512.</param>
    /// <param name="cancellationToken">Cancels the operation (a token may wait for a PIN, a remote service for a user).</param>
    /// <returns>The signature value.</returns>
    /// <exception cref="SigningException">The key could not sign.</exception>
    public abstract ValueTask<byte[]> SignHashAsync(ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default);
}
