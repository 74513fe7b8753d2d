using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Signers;

/// <summary>
/// The signing function of an <see cref="ExternalSigningKey"/>: signs a hash and returns the signature value
/// (PKCS#1 v1.5 / PSS for RSA; DER or IEEE P1363 r||s for ECDSA).
/// </summary>
/// <param name="hash">The hash to sign.</param>
/// <param name="hashAlgorithm">The hash algorithm.</param>
/// <param name="cancellationToken">Cancels the call.</param>
/// <returns>The signature value.</returns>
public delegate ValueTask<byte[]> ExternalSignHashFunc(ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken);

/// <summary>
/// A key whose signing is done by caller code (an HSM API, a remote signing service that answers within the call).
/// Every signature is checked against the certificate's public key before it is used, so a service that signs the
/// wrong hash is caught here. For services that answer minutes later, use <see cref="Cms.CmsSignatureBuilder.Prepare"/>
/// and <see cref="Cms.CmsSignatureBuilder.Complete(Cms.PendingSignatureState, ReadOnlySpan{byte})"/> instead.
/// </summary>
public sealed class ExternalSigningKey : SigningKey
{
    private readonly ExternalSignHashFunc _sign;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="certificate">The signer certificate (public part).</param>
    /// <param name="chain">Further certificates to embed.</param>
    /// <param name="scheme">The signature scheme the external signer applies.</param>
    /// <param name="sign">The signing function.</param>
    public ExternalSigningKey(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain, SignatureScheme scheme, ExternalSignHashFunc sign)
        : base(certificate, chain, scheme)
    {
        ArgumentNullException.ThrowIfNull(sign);
        _sign = sign;
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]> SignHashAsync(ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default)
    {
        SigningKeyAlgorithms.ValidateHash(hash.Span, hashAlgorithm);
        var signature = await _sign(hash, hashAlgorithm, cancellationToken).ConfigureAwait(false);
        return SignatureChecks.NormalizeAndVerify(Certificate, Scheme, hash.Span, hashAlgorithm, signature);
    }
}
