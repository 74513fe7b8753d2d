using System.Security.Cryptography;

namespace EDoc.Signing.Cms;

/// <summary>Object identifiers used by CMS (RFC 5652), ESS (RFC 5035), RFC 3161 and the algorithms (RFC 5754, RFC 4055, RFC 5758).</summary>
internal static class CmsOids
{
    public const string Data = "1.2.840.113549.1.7.1";
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SigningTime = "1.2.840.113549.1.9.5";
    public const string SigningCertificate = "1.2.840.113549.1.9.16.2.12";
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";
    public const string TimeStampToken = "1.2.840.113549.1.9.16.2.14";
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";

    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";
    public const string RsaPss = "1.2.840.113549.1.1.10";
    public const string Mgf1 = "1.2.840.113549.1.1.8";
    public const string EcdsaSha256 = "1.2.840.10045.4.3.2";
    public const string EcdsaSha384 = "1.2.840.10045.4.3.3";
    public const string EcdsaSha512 = "1.2.840.10045.4.3.4";

    public const string EkuTimeStamping = "1.3.6.1.5.5.7.3.8";
    public const string EkuOcspSigning = "1.3.6.1.5.5.7.3.9";

    public static string DigestOid(HashAlgorithmName hashAlgorithm)
    {
        if (hashAlgorithm == HashAlgorithmName.SHA256)
        {
            return Sha256;
        }

        if (hashAlgorithm == HashAlgorithmName.SHA384)
        {
            return Sha384;
        }

        if (hashAlgorithm == HashAlgorithmName.SHA512)
        {
            return Sha512;
        }

        throw new ArgumentException($"The hash algorithm '{hashAlgorithm.Name}' is not supported; use SHA256, SHA384 or SHA512.", nameof(hashAlgorithm));
    }

    public static HashAlgorithmName? DigestFromOid(string oid) => oid switch
    {
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        Sha1 => HashAlgorithmName.SHA1,
        _ => null,
    };

    public static string RsaPkcs1Oid(HashAlgorithmName hashAlgorithm) => DigestOid(hashAlgorithm) switch
    {
        Sha256 => Sha256WithRsa,
        Sha384 => Sha384WithRsa,
        _ => Sha512WithRsa,
    };

    public static string EcdsaOid(HashAlgorithmName hashAlgorithm) => DigestOid(hashAlgorithm) switch
    {
        Sha256 => EcdsaSha256,
        Sha384 => EcdsaSha384,
        _ => EcdsaSha512,
    };
}
