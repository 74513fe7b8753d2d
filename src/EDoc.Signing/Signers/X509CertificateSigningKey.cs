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

    /// <summary>
    /// Opens a PFX (PKCS#12) file: the certificate with a private key becomes the signer, the other certificates
    /// (intermediates, root) the chain to embed.
    /// </summary>
    /// <param name="path">The PFX file.</param>
    /// <param name="password">Its password (never put in messages).</param>
    /// <param name="scheme">The scheme; <see langword="null"/> for the key's default.</param>
    /// <returns>The key.</returns>
    /// <exception cref="SigningException">The file cannot be opened with the password or holds no private key.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static X509CertificateSigningKey FromPkcs12File(string path, string? password, SignatureScheme? scheme = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromPkcs12(File.ReadAllBytes(path), password, scheme, path);
    }

    /// <summary>Like <see cref="FromPkcs12File"/>, from bytes.</summary>
    /// <param name="pkcs12">The PFX bytes.</param>
    /// <param name="password">Its password.</param>
    /// <param name="scheme">The scheme; <see langword="null"/> for the key's default.</param>
    /// <returns>The key.</returns>
    /// <exception cref="SigningException">The data cannot be opened with the password or holds no private key.</exception>
    public static X509CertificateSigningKey FromPkcs12(ReadOnlySpan<byte> pkcs12, string? password, SignatureScheme? scheme = null)
        => FromPkcs12(pkcs12, password, scheme, "PKCS#12 data");

    private static X509CertificateSigningKey FromPkcs12(ReadOnlySpan<byte> pkcs12, string? password, SignatureScheme? scheme, string name)
    {
        X509Certificate2Collection collection;
        try
        {
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            collection = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password, flags);
        }
        catch (CryptographicException ex)
        {
            throw new SigningException("pkcs12", $"{name} cannot be opened: wrong password or damaged file.", ex);
        }

        var signer = collection.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new SigningException("pkcs12", $"{name} holds no certificate with a private key.");
        return new X509CertificateSigningKey(signer, collection.Where(c => !ReferenceEquals(c, signer)), scheme);
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
