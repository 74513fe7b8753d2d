using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Signers;

/// <summary>Checks raw signature values against a certificate's public key.</summary>
internal static class SignatureChecks
{
    /// <summary>
    /// Verifies a raw signature over a hash and returns it in CMS form (ECDSA r||s converted to DER).
    /// </summary>
    /// <exception cref="SigningException">The signature does not verify.</exception>
    public static byte[] NormalizeAndVerify(X509Certificate2 certificate, SignatureScheme scheme, ReadOnlySpan<byte> hash, HashAlgorithmName hashAlgorithm, byte[]? signature)
    {
        if (signature is null || signature.Length == 0)
        {
            throw new SigningException("empty-signature", "The signer returned an empty signature.");
        }

        if (scheme == SignatureScheme.Ecdsa)
        {
            using var ec = certificate.GetECDsaPublicKey()!;
            var fieldBytes = (ec.KeySize + 7) / 8;
            var der = signature.Length == 2 * fieldBytes && signature[0] != 0x30
                ? SigningKeyAlgorithms.EcdsaP1363ToDer(signature)
                : signature;
            if (!ec.VerifyHash(hash, der, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw Mismatch(certificate);
            }

            return der;
        }

        using var rsa = certificate.GetRSAPublicKey()!;
        var padding = scheme == SignatureScheme.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        if (!rsa.VerifyHash(hash, signature, hashAlgorithm, padding))
        {
            throw Mismatch(certificate);
        }

        return signature;
    }

    private static SigningException Mismatch(X509Certificate2 certificate) => new(
        "signature-mismatch",
        $"The returned signature does not verify with the public key of '{certificate.Subject}' over the expected hash: " +
        "the signer signed different data, used another key or another scheme.");
}
