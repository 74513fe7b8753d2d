using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Revocation;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Cms;

public class CmsSignatureVerifierTests
{
    private static readonly byte[] Content = "Quyết định số 01/QĐ-UBND"u8.ToArray();

    private static CmsSignatureVerifier Verifier(EDoc.Signing.Certificates.DevelopmentCertificates pki, RevocationMode mode = RevocationMode.Offline, RevocationDataCollector? collector = null, bool checkRevocation = true)
    {
        var options = new CmsVerificationOptions { RevocationMode = mode, CheckRevocation = checkRevocation };
        options.TrustAnchors.Add(pki.Ca);
        return new CmsSignatureVerifier(options, collector);
    }

    private static RevocationData CleanCrl(EDoc.Signing.Certificates.DevelopmentCertificates pki)
    {
        var data = new RevocationData();
        data.Crls.Add(pki.CreateCrl([]));
        return data;
    }

    [Theory]
    [MemberData(nameof(CmsSignatureBuilderTests.Matrix), MemberType = typeof(CmsSignatureBuilderTests))]
    public async Task VerifyAsync_OwnSignatureWithCrl_IsValid(string key, string digest, SignatureScheme scheme)
    {
        var hash = new HashAlgorithmName(digest);
        var cms = await new CmsSignatureBuilder(new CmsSignatureOptions { DigestAlgorithm = hash })
            .SignAsync(TestPki.Digest(hash, Content), new X509CertificateSigningKey(CmsSignatureBuilderTests.CertFor(key), null, scheme));
        var padded = cms.Concat(new byte[4096]).ToArray();

        Assert.Equal(hash, CmsSignatureVerifier.GetDigestAlgorithm(padded));
        var result = await Verifier(TestPki.Rsa).VerifyContentAsync(padded, new MemoryStream(Content), new CmsVerificationInput { RevocationData = CleanCrl(TestPki.Rsa) });

        Assert.True(result.Status == CmsVerificationStatus.Valid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.True(result.IsIntegrityValid);
        Assert.Equal(CertificateTrustStatus.Trusted, result.Trust);
        Assert.Equal(CertificateRevocationStatus.Good, result.RevocationStatus);
        Assert.True(result.HasSigningCertificateV2);
        Assert.False(result.HasSigningTimeAttribute);
        Assert.Equal(2, result.Chain.Count);
    }

    [Fact]
    public async Task VerifyAsync_TamperedContent_IsInvalidWithMessageDigestProblem()
    {
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(TestPki.Rsa.Signer));
        var tampered = Content.ToArray();
        tampered[3] ^= 1;

        var result = await Verifier(TestPki.Rsa).VerifyAsync(cms, SHA256.HashData(tampered), new CmsVerificationInput { RevocationData = CleanCrl(TestPki.Rsa) });

        Assert.Equal(CmsVerificationStatus.Invalid, result.Status);
        Assert.False(result.IsIntegrityValid);
        var problem = Assert.Single(result.Problems, p => p.Code == "message-digest-mismatch");
        Assert.Contains("thay đổi", problem.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_CertificateOfAnotherKey_IsInvalidSignature()
    {
        // The CMS names the signer's certificate but the signature was made with the clerk's key.
        var clerkKey = new X509CertificateSigningKey(TestPki.Rsa.Clerk);
        var wrong = new ExternalSigningKeyWithoutCheck(TestPki.Rsa.Signer, (h, a) => clerkKey.SignHashAsync(h, a));
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), wrong);

        var result = await Verifier(TestPki.Rsa).VerifyAsync(cms, SHA256.HashData(Content), new CmsVerificationInput { RevocationData = CleanCrl(TestPki.Rsa) });

        Assert.Equal(CmsVerificationStatus.Invalid, result.Status);
        Assert.Contains(result.Problems, p => p.Code == "signature-invalid");
    }

    [Fact]
    public async Task VerifyAsync_SignerFromUntrustedCa_IsIndeterminateUntrusted()
    {
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(TestPki.Other.Signer, [TestPki.Other.Ca]));

        var result = await Verifier(TestPki.Rsa).VerifyAsync(cms, SHA256.HashData(Content));

        Assert.True(result.IsIntegrityValid);
        Assert.Equal(CertificateTrustStatus.Untrusted, result.Trust);
        Assert.NotEqual(CmsVerificationStatus.Valid, result.Status);
        Assert.Contains(result.Problems, p => p.Code == "untrusted");
    }

    [Fact]
    public async Task VerifyAsync_RevokedSignerWithLocalOcsp_IsInvalidRevoked()
    {
        using var server = new LocalRevocationServer(EDoc.Signing.Certificates.DevelopmentKeyType.Rsa2048);
        server.Revoke(server.Pki.Signer);
        using var http = new HttpClient();
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(server.Pki.Signer));

        var result = await Verifier(server.Pki, RevocationMode.OnlineIfMissing, new RevocationDataCollector(http)).VerifyAsync(cms, SHA256.HashData(Content));

        Assert.Equal(CmsVerificationStatus.Invalid, result.Status);
        Assert.Equal(CertificateRevocationStatus.Revoked, result.RevocationStatus);
        Assert.Equal("ocsp", result.RevocationResults[0].Result.Source);
        Assert.Single(result.FetchedRevocationData.OcspResponses);
        Assert.Contains(result.Problems, p => p.Code == "revoked");
    }

    [Fact]
    public async Task VerifyAsync_GoodSignerWithLocalOcsp_IsValid()
    {
        using var server = new LocalRevocationServer();
        using var http = new HttpClient();
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(server.Pki.Agency));

        var result = await Verifier(server.Pki, RevocationMode.Online, new RevocationDataCollector(http)).VerifyAsync(cms, SHA256.HashData(Content));

        Assert.True(result.Status == CmsVerificationStatus.Valid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal("MST:0101234567", Assert.Single(result.Signer!.Identifiers));
        Assert.True(result.Signer.IsOrganization);
    }

    [Fact]
    public async Task VerifyAsync_OfflineWithoutRevocationData_IsIndeterminate()
    {
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(TestPki.Rsa.Signer));

        var result = await Verifier(TestPki.Rsa).VerifyAsync(cms, SHA256.HashData(Content));

        Assert.Equal(CmsVerificationStatus.Indeterminate, result.Status);
        Assert.Equal(CertificateRevocationStatus.Unknown, result.RevocationStatus);
    }

    [Fact]
    public async Task VerifyAsync_RevokedInSuppliedCrl_IsInvalid()
    {
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(TestPki.Rsa.Clerk));
        var data = new RevocationData();
        data.Crls.Add(TestPki.Rsa.CreateCrl([TestPki.Rsa.Clerk]));

        var result = await Verifier(TestPki.Rsa).VerifyAsync(cms, SHA256.HashData(Content), new CmsVerificationInput { RevocationData = data });

        Assert.Equal(CmsVerificationStatus.Invalid, result.Status);
        Assert.Equal("crl", result.RevocationResults[0].Result.Source);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(64)]
    public async Task VerifyAsync_PssWithWrongSaltParameter_IsInvalid(int salt)
    {
        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), new X509CertificateSigningKey(TestPki.Rsa.Signer, null, SignatureScheme.RsaPss));
        var model = SignedDataModel.Parse(cms);
        var si = model.SignerInfos[0];
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.1.8");
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                }
            }

            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)))
            {
                writer.WriteInteger(salt);
            }
        }

        var altered = new SignedDataModel
        {
            DigestAlgorithms = model.DigestAlgorithms,
            Certificates = model.Certificates,
            SignerInfos =
            [
                new SignerInfoModel
                {
                    Issuer = si.Issuer,
                    SerialNumber = si.SerialNumber,
                    DigestAlgorithm = si.DigestAlgorithm,
                    SignedAttributes = si.SignedAttributes,
                    SignatureAlgorithm = new AlgorithmIdentifierModel("1.2.840.113549.1.1.10", writer.Encode()),
                    Signature = si.Signature,
                },
            ],
        }.Encode();

        var result = await Verifier(TestPki.Rsa, checkRevocation: false).VerifyAsync(altered, SHA256.HashData(Content));

        Assert.Equal(CmsVerificationStatus.Invalid, result.Status);
        Assert.Contains(result.Problems, p => p.Code == "signature-invalid" && p.Message.Contains("salt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_Garbage_IsInvalidWithFormatProblem()
    {
        var result = await Verifier(TestPki.Rsa).VerifyAsync(new byte[] { 0x30, 0x82, 0xFF, 0xFF, 0x00 }, new byte[32]);

        Assert.Equal(CmsVerificationStatus.Invalid, result.Status);
        Assert.Contains(result.Problems, p => p.Code == "cms-format");
    }

    [Fact]
    public async Task VerifyAsync_OpenSslMadeCmsWithSigningTime_IsIntactWithPadesWarning()
    {
        // An independent producer: openssl cms -sign (adds signingTime, ESS v2 with -cades).
        using var dir = new TempDir();
        dir.Write("data.bin", Content);
        dir.WriteText("signer.crt", TestPki.Rsa.Signer.ExportCertificatePem());
        dir.WriteText("signer.key", KeyPem.PrivateKeyPem(TestPki.Rsa.Signer));
        var sign = ExternalTool.OpenSsl("cms", "-sign", "-binary", "-in", dir.File("data.bin"), "-signer", dir.File("signer.crt"), "-inkey", dir.File("signer.key"), "-outform", "DER", "-out", dir.File("x.der"), "-md", "sha256", "-cades", "-nosmimecap");
        Assert.True(sign.ExitCode == 0, sign.All);

        var result = await Verifier(TestPki.Rsa).VerifyAsync(File.ReadAllBytes(dir.File("x.der")), SHA256.HashData(Content), new CmsVerificationInput { RevocationData = CleanCrl(TestPki.Rsa) });

        Assert.True(result.IsIntegrityValid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.True(result.HasSigningTimeAttribute);
        Assert.True(result.HasSigningCertificateV2);
        Assert.Contains(result.Problems, p => p.Code == "pades-signing-time");
    }

    [Theory]
    [InlineData("rsa", "sha256", true)]
    [InlineData("rsa", "sha512", true)]
    [InlineData("p256", "sha256", false)]
    [InlineData("p384", "sha384", false)]
    public async Task VerifyAsync_OpenSslMadePssAndEcdsaCms_IsIntact(string key, string digest, bool pss)
    {
        using var dir = new TempDir();
        var certificate = CmsSignatureBuilderTests.CertFor(key);
        dir.Write("data.bin", Content);
        dir.WriteText("signer.crt", certificate.ExportCertificatePem());
        dir.WriteText("signer.key", KeyPem.PrivateKeyPem(certificate));
        var args = new List<string> { "cms", "-sign", "-binary", "-in", dir.File("data.bin"), "-signer", dir.File("signer.crt"), "-inkey", dir.File("signer.key"), "-outform", "DER", "-out", dir.File("x.der"), "-md", digest, "-cades", "-nosmimecap" };
        if (pss)
        {
            args.AddRange(["-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_pss_saltlen:digest"]);
        }

        var sign = ExternalTool.OpenSsl([.. args]);
        Assert.True(sign.ExitCode == 0, sign.All);
        var cms = File.ReadAllBytes(dir.File("x.der"));
        var hash = CmsSignatureVerifier.GetDigestAlgorithm(cms);

        var result = await Verifier(TestPki.Rsa, checkRevocation: false).VerifyAsync(cms, TestPki.Digest(hash, Content));

        Assert.True(result.IsIntegrityValid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(digest.ToUpperInvariant(), hash.Name);
        Assert.StartsWith(pss ? "RSASSA-PSS" : "ECDSA", result.SignatureAlgorithm, StringComparison.Ordinal);
    }

    /// <summary>A key that skips the public-key check, to forge wrong signatures in tests.</summary>
    private sealed class ExternalSigningKeyWithoutCheck(X509Certificate2 certificate, Func<ReadOnlyMemory<byte>, HashAlgorithmName, ValueTask<byte[]>> sign)
        : SigningKey(certificate, null, SignatureScheme.RsaPkcs1)
    {
        public override ValueTask<byte[]> SignHashAsync(ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default) => sign(hash, hashAlgorithm);
    }
}
