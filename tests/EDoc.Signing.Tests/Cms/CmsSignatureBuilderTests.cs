using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Cms;

public class CmsSignatureBuilderTests
{
    public static TheoryData<string, string, SignatureScheme> Matrix => new()
    {
        { "rsa", "SHA256", SignatureScheme.RsaPkcs1 },
        { "rsa", "SHA384", SignatureScheme.RsaPkcs1 },
        { "rsa", "SHA512", SignatureScheme.RsaPkcs1 },
        { "rsa", "SHA256", SignatureScheme.RsaPss },
        { "rsa", "SHA384", SignatureScheme.RsaPss },
        { "rsa", "SHA512", SignatureScheme.RsaPss },
        { "p256", "SHA256", SignatureScheme.Ecdsa },
        { "p256", "SHA512", SignatureScheme.Ecdsa },
        { "p384", "SHA384", SignatureScheme.Ecdsa },
        { "p384", "SHA256", SignatureScheme.Ecdsa },
    };

    internal static X509Certificate2 CertFor(string key) => key switch
    {
        "p256" => TestPki.EcP256,
        "p384" => TestPki.EcP384,
        _ => TestPki.Rsa.Signer,
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task SignAsync_AnySchemeAndDigest_OpenSslCmsVerifyAccepts(string key, string digest, SignatureScheme scheme)
    {
        using var dir = new TempDir();
        var content = "Văn bản điện tử — nội dung ký số"u8.ToArray();
        var hash = new HashAlgorithmName(digest);
        var builder = new CmsSignatureBuilder(new CmsSignatureOptions { DigestAlgorithm = hash });
        var signingKey = new X509CertificateSigningKey(CertFor(key), [TestPki.Rsa.Ca], scheme);

        var cms = await builder.SignAsync(TestPki.Digest(hash, content), signingKey);

        dir.Write("x.der", cms);
        dir.Write("data.bin", content);
        dir.WriteText("ca.crt", TestPki.CaPem(TestPki.Rsa));
        var verify = ExternalTool.OpenSsl("cms", "-verify", "-inform", "DER", "-in", dir.File("x.der"), "-content", dir.File("data.bin"), "-binary", "-CAfile", dir.File("ca.crt"), "-purpose", "any", "-out", dir.File("out.bin"));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("Verification successful", verify.All, StringComparison.Ordinal);
        var print = ExternalTool.OpenSsl("cms", "-cmsout", "-print", "-inform", "DER", "-in", dir.File("x.der"));
        Assert.Equal(0, print.ExitCode);
        Assert.Contains("messageDigest", print.Stdout, StringComparison.Ordinal);
        Assert.Contains("contentType", print.Stdout, StringComparison.Ordinal);
        Assert.Contains("id-smime-aa-signingCertificateV2", print.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("signingTime", print.Stdout, StringComparison.Ordinal);
        Assert.Contains(scheme switch
        {
            SignatureScheme.RsaPss => "rsassaPss",
            SignatureScheme.Ecdsa => "ecdsa-with-" + digest,
            _ => digest.ToLowerInvariant() + "WithRSAEncryption",
        }, print.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignAsync_Rsa_SignedCmsDecodesWithOneSignerAndChain()
    {
        var content = new byte[] { 1, 2, 3 };
        var key = new X509CertificateSigningKey(TestPki.Rsa.Signer, [TestPki.Rsa.Ca]);

        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(content), key);

        var signed = new SignedCms(new ContentInfo(content), detached: true);
        signed.Decode(cms);
        signed.CheckSignature(verifySignatureOnly: true);
        Assert.Single(signed.SignerInfos);
        Assert.Equal(SubjectIdentifierType.IssuerAndSerialNumber, signed.SignerInfos[0].SignerIdentifier.Type);
        Assert.Equal(2, signed.Certificates.Count);
        Assert.DoesNotContain(signed.SignerInfos[0].SignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.5");
    }

    [Theory]
    [InlineData("rsa", 0)]
    [InlineData("rsa", 8192)]
    [InlineData("p256", 0)]
    public async Task EstimateSize_ComparedWithRealCms_IsUpperBoundWithinSmallMargin(string keyName, int allowance)
    {
        var key = new X509CertificateSigningKey(CertFor(keyName), [TestPki.Rsa.Ca]);
        var builder = new CmsSignatureBuilder();

        var estimate = builder.EstimateSize(key, allowance);
        var cms = await builder.SignAsync(new byte[32], key);

        Assert.True(estimate >= cms.Length, $"estimate {estimate} < actual {cms.Length}");
        Assert.True(estimate - allowance - cms.Length < 100, $"estimate {estimate} wastes {estimate - allowance - cms.Length} bytes");
    }

    [Fact]
    public async Task SignAsync_WrongDigestLength_ThrowsArgumentException()
    {
        var key = new X509CertificateSigningKey(TestPki.Rsa.Signer);

        await Assert.ThrowsAsync<ArgumentException>(async () => await new CmsSignatureBuilder().SignAsync(new byte[20], key));
    }

    [Fact]
    public void Constructor_EcdsaSchemeWithRsaKey_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new X509CertificateSigningKey(TestPki.Rsa.Signer, null, SignatureScheme.Ecdsa));
    }

    [Fact]
    public async Task AddTimestampToken_KeepsSignatureAndAddsUnsignedAttribute()
    {
        var key = new X509CertificateSigningKey(TestPki.Rsa.Signer);
        var content = new byte[] { 7 };
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(content), key);
        var fakeToken = cms; // any ContentInfo; the attribute only wraps it

        var padded = cms.Concat(new byte[100]).ToArray();
        var updated = CmsSignatureBuilder.AddTimestampToken(padded, fakeToken);

        Assert.Equal(CmsSignatureBuilder.GetSignatureValue(cms), CmsSignatureBuilder.GetSignatureValue(updated));
        var signed = new SignedCms(new ContentInfo(content), detached: true);
        signed.Decode(updated);
        var attribute = Assert.Single(signed.SignerInfos[0].UnsignedAttributes.Cast<CryptographicAttributeObject>());
        Assert.Equal("1.2.840.113549.1.9.16.2.14", attribute.Oid.Value);
        signed.CheckSignature(verifySignatureOnly: true);
    }

    [Fact]
    public void GetSignatureValue_Garbage_ThrowsCmsFormatException()
    {
        Assert.Throws<CmsFormatException>(() => CmsSignatureBuilder.GetSignatureValue(new byte[] { 0x30, 0x03, 0x02, 0x01 }));
        Assert.Throws<CmsFormatException>(() => CmsSignatureBuilder.GetSignatureValue(Array.Empty<byte>()));
    }
}
