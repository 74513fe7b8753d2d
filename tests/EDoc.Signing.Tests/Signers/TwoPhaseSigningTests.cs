using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Signers;

public class TwoPhaseSigningTests
{
    private static readonly byte[] Digest = SHA256.HashData("Công văn số 123/UBND-VP"u8);

    [Theory]
    [InlineData(SignatureScheme.RsaPkcs1)]
    [InlineData(SignatureScheme.RsaPss)]
    public async Task PrepareThenComplete_RemoteRawSignatureViaJsonState_VerifiesAndMatchesOpenSsl(SignatureScheme scheme)
    {
        var builder = new CmsSignatureBuilder();
        var pending = builder.Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), [TestPki.Rsa.Ca], scheme);
        var json = pending.State.ToJson();

        // The "remote service" signs the hash minutes later with the private key it holds.
        var remote = await new X509CertificateSigningKey(TestPki.Rsa.Signer, null, scheme).SignHashAsync(pending.HashToSign, pending.HashAlgorithm);
        var cms = CmsSignatureBuilder.Complete(PendingSignatureState.FromJson(json), remote);

        Assert.Equal(SHA256.HashData(pending.DataToBeSigned.Span), pending.HashToSign.ToArray());
        var options = new CmsVerificationOptions { CheckRevocation = false };
        options.TrustAnchors.Add(TestPki.Rsa.Ca);
        var result = await new CmsSignatureVerifier(options).VerifyAsync(cms, Digest);
        Assert.True(result.Status == CmsVerificationStatus.Valid, string.Join("; ", result.Problems.Select(p => p.Message)));
    }

    [Fact]
    public async Task Complete_EcdsaRawRAndS_ConvertedToDer()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.EcP256), null, SignatureScheme.Ecdsa);
        using var ec = TestPki.EcP256.GetECDsaPrivateKey()!;
        var raw = ec.SignHash(pending.HashToSign.Span, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var cms = CmsSignatureBuilder.Complete(pending.State, raw);

        var options = new CmsVerificationOptions { CheckRevocation = false };
        options.TrustAnchors.Add(TestPki.Rsa.Ca);
        var result = await new CmsSignatureVerifier(options).VerifyAsync(cms, Digest);
        Assert.True(result.IsIntegrityValid, string.Join("; ", result.Problems.Select(p => p.Message)));
    }

    [Fact]
    public async Task Complete_SignatureOverDifferentHash_ThrowsSigningException()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1);
        var otherHash = SHA256.HashData("another document"u8);
        var wrong = await new X509CertificateSigningKey(TestPki.Rsa.Signer).SignHashAsync(otherHash, HashAlgorithmName.SHA256);

        var ex = Assert.Throws<SigningException>(() => CmsSignatureBuilder.Complete(pending.State, wrong));

        Assert.Equal("signing.signature-mismatch", ex.ErrorCode);
    }

    [Fact]
    public async Task Complete_SignatureByOtherKey_ThrowsSigningException()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1);
        var wrong = await new X509CertificateSigningKey(TestPki.Rsa.Clerk).SignHashAsync(pending.HashToSign, HashAlgorithmName.SHA256);

        Assert.Throws<SigningException>(() => CmsSignatureBuilder.Complete(pending.State, wrong));
    }

    [Fact]
    public void Complete_TamperedStateDigest_ThrowsSigningException()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1);
        var tampered = pending.State with { ContentDigest = SHA256.HashData("x"u8) };

        var ex = Assert.Throws<SigningException>(() => CmsSignatureBuilder.Complete(tampered, new byte[256]));

        Assert.Equal("signing.state-tampered", ex.ErrorCode);
    }

    [Fact]
    public async Task CompleteWithCms_ServiceCmsOverSameDigest_ReturnsTrimmedCms()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1);
        var serviceCms = await new CmsSignatureBuilder().SignAsync(Digest, new X509CertificateSigningKey(TestPki.Rsa.Signer));

        var cms = CmsSignatureBuilder.CompleteWithCms(pending.State, serviceCms.Concat(new byte[64]).ToArray());

        Assert.Equal(serviceCms, cms);
    }

    [Fact]
    public async Task CompleteWithCms_ServiceCmsOverOtherDigest_ThrowsSigningException()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1);
        var serviceCms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData("khác"u8), new X509CertificateSigningKey(TestPki.Rsa.Signer));

        var ex = Assert.Throws<SigningException>(() => CmsSignatureBuilder.CompleteWithCms(pending.State, serviceCms));

        Assert.Equal("signing.cms-digest-mismatch", ex.ErrorCode);
    }

    [Fact]
    public async Task CompleteWithCms_ServiceCmsByOtherSigner_ThrowsSigningException()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1);
        var serviceCms = await new CmsSignatureBuilder().SignAsync(Digest, new X509CertificateSigningKey(TestPki.Rsa.Clerk));

        var ex = Assert.Throws<SigningException>(() => CmsSignatureBuilder.CompleteWithCms(pending.State, serviceCms));

        Assert.Equal("signing.cms-wrong-signer", ex.ErrorCode);
    }

    [Fact]
    public async Task ExternalSigningKey_ServiceSignsWrongHash_ThrowsSigningException()
    {
        var signerKey = new X509CertificateSigningKey(TestPki.Rsa.Signer);
        var key = new ExternalSigningKey(PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1, (hash, alg, ct) => signerKey.SignHashAsync(SHA256.HashData(hash.Span), alg, ct));

        await Assert.ThrowsAsync<SigningException>(async () => await new CmsSignatureBuilder().SignAsync(Digest, key));
    }

    [Fact]
    public void DigestInfoToSign_Sha256_HasRfc8017Prefix()
    {
        var pending = new CmsSignatureBuilder().Prepare(Digest, PublicOnly(TestPki.Rsa.Signer), null, SignatureScheme.RsaPkcs1);

        var digestInfo = pending.DigestInfoToSign.ToArray();

        Assert.Equal("3031300D060960864801650304020105000420", Convert.ToHexString(digestInfo[..19]));
        Assert.Equal(pending.HashToSign.ToArray(), digestInfo[19..]);
    }

    [Fact]
    public void FromJson_Garbage_ThrowsCmsFormatException()
    {
        Assert.Throws<CmsFormatException>(() => PendingSignatureState.FromJson("{\"DigestAlgorithm\": 5"));
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 PublicOnly(System.Security.Cryptography.X509Certificates.X509Certificate2 c)
        => System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(c.RawData);
}
