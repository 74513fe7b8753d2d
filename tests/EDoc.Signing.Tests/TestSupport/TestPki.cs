using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Certificates;

namespace EDoc.Signing.Tests.TestSupport;

/// <summary>Shared development PKIs (key generation is the slow part).</summary>
internal static class TestPki
{
    private static readonly Lazy<DevelopmentCertificates> RsaPki = new(() => DevelopmentCertificates.Create());
    private static readonly Lazy<DevelopmentCertificates> OtherPki = new(() => DevelopmentCertificates.Create());
    private static readonly Lazy<X509Certificate2> P256 = new(() => RsaPki.Value.IssueEndEntity(new X500DistinguishedName("CN=EC P-256 Signer, O=UBND tỉnh Nghệ An, C=VN"), DevelopmentKeyType.EcdsaP256));
    private static readonly Lazy<X509Certificate2> P384 = new(() => RsaPki.Value.IssueEndEntity(new X500DistinguishedName("CN=EC P-384 Signer, C=VN"), DevelopmentKeyType.EcdsaP384));

    public static DevelopmentCertificates Rsa => RsaPki.Value;

    /// <summary>A second, unrelated CA (for "untrusted" tests).</summary>
    public static DevelopmentCertificates Other => OtherPki.Value;

    public static X509Certificate2 EcP256 => P256.Value;

    public static X509Certificate2 EcP384 => P384.Value;

    public static string CaPem(DevelopmentCertificates pki) => pki.Ca.ExportCertificatePem();

    public static byte[] Digest(HashAlgorithmName hash, byte[] data) => hash.Name switch
    {
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
        _ => SHA256.HashData(data),
    };
}
