using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Revocation;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Cms;

public class CmsInteropTests
{
    private static readonly byte[] Content = "Biên bản bàn giao hồ sơ"u8.ToArray();

    private static CmsVerificationOptions Options(X509Certificate2 anchor)
    {
        var options = new CmsVerificationOptions { CheckRevocation = false };
        options.TrustAnchors.Add(anchor);
        return options;
    }

    [Theory]
    [InlineData(SubjectIdentifierType.IssuerAndSerialNumber, false, false)]
    [InlineData(SubjectIdentifierType.SubjectKeyIdentifier, false, true)]
    [InlineData(SubjectIdentifierType.IssuerAndSerialNumber, true, true)]
    [InlineData(SubjectIdentifierType.IssuerAndSerialNumber, true, false)]
    public async Task VerifyAsync_SignedCmsProducedSignature_IsIntact(SubjectIdentifierType sid, bool pss, bool signedAttributes)
    {
        using var rsa = TestPki.Rsa.Signer.GetRSAPrivateKey()!;
        var signer = new CmsSigner(sid, TestPki.Rsa.Signer, rsa, pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        if (signedAttributes)
        {
            signer.SignedAttributes.Add(new Pkcs9DocumentName("Biên bản"));
        }

        var signed = new SignedCms(new ContentInfo(Content), detached: true);
        signed.ComputeSignature(signer);

        var result = await new CmsSignatureVerifier(Options(TestPki.Rsa.Ca)).VerifyAsync(signed.Encode(), SHA256.HashData(Content));

        Assert.True(result.IsIntegrityValid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(CertificateTrustStatus.Trusted, result.Trust);
        Assert.Contains(result.Problems, p => p.Code == (signedAttributes ? "ess-missing" : "no-signed-attributes"));
        var tampered = await new CmsSignatureVerifier(Options(TestPki.Rsa.Ca)).VerifyAsync(signed.Encode(), SHA256.HashData("other"u8));
        Assert.Equal(CmsVerificationStatus.Invalid, tampered.Status);
    }

    [Fact]
    public async Task VerifyAsync_EssNamesAnotherCertificate_IsInvalid()
    {
        var digest = SHA256.HashData(Content);
        var attributes = CmsCore.EncodeSignedAttributes(digest, TestPki.Rsa.Clerk);
        var signature = await new X509CertificateSigningKey(TestPki.Rsa.Signer).SignHashAsync(SHA256.HashData(attributes), HashAlgorithmName.SHA256);
        var cms = CmsCore.Assemble(attributes, HashAlgorithmName.SHA256, SignatureScheme.RsaPkcs1, signature, TestPki.Rsa.Signer, []).Encode();

        var result = await new CmsSignatureVerifier(Options(TestPki.Rsa.Ca)).VerifyAsync(cms, digest);

        Assert.Equal(CmsVerificationStatus.Invalid, result.Status);
        Assert.Contains(result.Problems, p => p.Code == "ess-mismatch");
    }

    [Fact]
    public async Task VerifyAsync_LeafOnlyCms_IntermediateFromStoreOrDssOrNowhere()
    {
        // Root → intermediate → leaf, the shape of the Government CA (RootCA G2 → CA phục vụ các cơ quan Nhà nước G2).
        var now = DateTimeOffset.UtcNow;
        using var rootKey = RSA.Create(2048);
        var rootReq = new CertificateRequest("CN=Test Root G2, C=VN", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = rootReq.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        using var subKey = RSA.Create(2048);
        var subReq = new CertificateRequest("CN=CA phục vụ các cơ quan Nhà nước G2, C=VN", subKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        subReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        subReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var subPublic = subReq.Create(root, now.AddDays(-1), now.AddYears(4), [1, 2]);
        using var sub = subPublic.CopyWithPrivateKey(subKey);
        using var leafKey = RSA.Create(2048);
        var leafReq = new CertificateRequest("CN=Nguyễn Thị Lan, UID=CCCD:001190000001, C=VN", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var leafPublic = leafReq.Create(sub, now.AddDays(-1), now.AddYears(1), [3, 4]);
        using var leaf = leafPublic.CopyWithPrivateKey(leafKey);
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(leaf));

        var withoutIntermediate = await new CmsSignatureVerifier(Options(root)).VerifyAsync(cms, SHA256.HashData(Content));
        var storeOptions = Options(root);
        storeOptions.ExtraCertificates.Add(subPublic);
        var fromStore = await new CmsSignatureVerifier(storeOptions).VerifyAsync(cms, SHA256.HashData(Content));
        var dss = new RevocationData();
        dss.Certificates.Add(subPublic);
        var fromDss = await new CmsSignatureVerifier(Options(root)).VerifyAsync(cms, SHA256.HashData(Content), new CmsVerificationInput { RevocationData = dss });

        Assert.Equal(CertificateTrustStatus.Untrusted, withoutIntermediate.Trust);
        Assert.Equal(CertificateTrustStatus.Trusted, fromStore.Trust);
        Assert.Equal(3, fromStore.Chain.Count);
        Assert.Equal(CertificateTrustStatus.Trusted, fromDss.Trust);
        Assert.Equal("001190000001", fromDss.Signer!.CitizenId);
    }

    [Fact]
    public async Task AddSignatureTimestampAsync_OpenSslStillVerifiesAndPrintsToken()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var client = new EDoc.Signing.Timestamps.Rfc3161TimestampClient(http, new EDoc.Signing.Timestamps.Rfc3161TimestampClientOptions { TsaUri = tsa.Uri });
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(TestPki.Rsa.Signer, [TestPki.Rsa.Ca]));

        var stamped = await client.AddSignatureTimestampAsync(cms);

        using var dir = new TempDir();
        dir.Write("x.der", stamped);
        dir.Write("data.bin", Content);
        dir.WriteText("ca.crt", TestPki.Rsa.Ca.ExportCertificatePem());
        var verify = ExternalTool.OpenSsl("cms", "-verify", "-inform", "DER", "-in", dir.File("x.der"), "-content", dir.File("data.bin"), "-binary", "-CAfile", dir.File("ca.crt"), "-purpose", "any", "-out", dir.File("out.bin"));
        Assert.True(verify.ExitCode == 0, verify.All);
        var print = ExternalTool.OpenSsl("cms", "-cmsout", "-print", "-inform", "DER", "-in", dir.File("x.der"));
        Assert.Contains("id-smime-aa-timeStampToken", print.Stdout, StringComparison.Ordinal);
        Assert.True(new CmsSignatureBuilder().EstimateSize(new X509CertificateSigningKey(TestPki.Rsa.Signer, [TestPki.Rsa.Ca]), CmsSignatureBuilder.DefaultTimestampAllowance) >= stamped.Length);
    }
}
