using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Signers;

/// <summary>
/// A signing key held by an <see cref="X509Certificate2"/> with its private key (a PFX file, a certificate store,
/// a Windows CNG token through its minidriver). RSA or ECDSA.
/// </summary>
public sealed class X509CertificateSigningKey : SigningKey
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="certificate">The signer certificate with its private key.</param>
    /// <param name="chain">Further certificates to embed in the CMS (intermediates); <see langword="null"/> for none.</param>
    /// <param name="scheme">
    /// The scheme; <see langword="null"/> picks <see cref="SignatureScheme.RsaPkcs1"/> for RSA and
    /// <see cref="SignatureScheme.Ecdsa"/> for EC keys.
    /// </param>
    /// <exception cref="ArgumentException">The certificate has no private key, or the scheme does not fit the key.</exception>
    public X509CertificateSigningKey(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null, SignatureScheme? scheme = null)
        : base(certificate, chain, scheme ?? DefaultScheme(certificate))
    {
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        }
    }

    /// <inheritdoc />
    public override ValueTask<byte[]> SignHashAsync(ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SigningKeyAlgorithms.ValidateHash(hash.Span, hashAlgorithm);
        try
        {
            if (Scheme == SignatureScheme.Ecdsa)
            {
                using var ecdsa = Certificate.GetECDsaPrivateKey()
                    ?? throw new SigningException("no-private-key", "The certificate has no ECDSA private key.");
                return ValueTask.FromResult(ecdsa.SignHash(hash.Span, DSASignatureFormat.Rfc3279DerSequence));
            }

            using var rsa = Certificate.GetRSAPrivateKey()
                ?? throw new SigningException("no-private-key", "The certificate has no RSA private key.");
            var padding = Scheme == SignatureScheme.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            return ValueTask.FromResult(rsa.SignHash(hash.Span, hashAlgorithm, padding));
        }
        catch (CryptographicException ex)
        {
            throw new SigningException("key-failed", $"The private key of '{Certificate.Subject}' could not sign: {ex.Message}", ex);
        }
    }

    private static SignatureScheme DefaultScheme(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return SigningKeyAlgorithms.GetKeyKind(certificate) == PublicKeyKind.Ecdsa ? SignatureScheme.Ecdsa : SignatureScheme.RsaPkcs1;
    }
}
