using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Signers;

internal enum PublicKeyKind
{
    Rsa,
    Ecdsa,
}

/// <summary>Helpers shared by the keys, the CMS builder and the verifier.</summary>
internal static class SigningKeyAlgorithms
{
    public const string RsaOid = "1.2.840.113549.1.1.1";
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";

    public static PublicKeyKind GetKeyKind(X509Certificate2 certificate) => certificate.GetKeyAlgorithm() switch
    {
        RsaOid => PublicKeyKind.Rsa,
        EcPublicKeyOid => PublicKeyKind.Ecdsa,
        var other => throw new ArgumentException($"The certificate's key algorithm {other} is not supported; use RSA or ECDSA.", nameof(certificate)),
    };

    public static int MaxSignatureSize(X509Certificate2 certificate)
    {
        if (GetKeyKind(certificate) == PublicKeyKind.Rsa)
        {
            using var rsa = certificate.GetRSAPublicKey()!;
            return (rsa.KeySize + 7) / 8;
        }

        using var ec = certificate.GetECDsaPublicKey()!;
        return ec.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence);
    }

    public static void ValidateHash(ReadOnlySpan<byte> hash, HashAlgorithmName hashAlgorithm)
    {
        var expected = HashSize(hashAlgorithm);
        if (hash.Length != expected)
        {
            throw new ArgumentException($"A {hashAlgorithm.Name} hash has {expected} bytes; {hash.Length} were given.", nameof(hash));
        }
    }

    public static int HashSize(HashAlgorithmName hashAlgorithm)
    {
        if (hashAlgorithm == HashAlgorithmName.SHA256)
        {
            return 32;
        }

        if (hashAlgorithm == HashAlgorithmName.SHA384)
        {
            return 48;
        }

        if (hashAlgorithm == HashAlgorithmName.SHA512)
        {
            return 64;
        }

        throw new ArgumentException($"The hash algorithm '{hashAlgorithm.Name}' is not supported; use SHA256, SHA384 or SHA512.", nameof(hashAlgorithm));
    }

    /// <summary>The DER DigestInfo prefix of PKCS#1 v1.5 (RFC 8017 §9.2, note 1).</summary>
    public static byte[] DigestInfo(ReadOnlySpan<byte> hash, HashAlgorithmName hashAlgorithm)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Cms.CmsOids.DigestOid(hashAlgorithm));
                writer.WriteNull();
            }

            writer.WriteOctetString(hash);
        }

        return writer.Encode();
    }

    /// <summary>Converts an IEEE P1363 r||s ECDSA signature to a DER Ecdsa-Sig-Value (RFC 3279 §2.2.3).</summary>
    public static byte[] EcdsaP1363ToDer(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == 0 || raw.Length % 2 != 0)
        {
            throw new SigningException("ecdsa-signature", $"An IEEE P1363 ECDSA signature has an even, non-zero length; {raw.Length} bytes were given.");
        }

        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(TrimLeadingZeros(raw[..half]));
            writer.WriteIntegerUnsigned(TrimLeadingZeros(raw[half..]));
        }

        return writer.Encode();
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }
}
