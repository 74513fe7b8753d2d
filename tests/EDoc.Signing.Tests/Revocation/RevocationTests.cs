using EDoc.Signing.Revocation;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Revocation;

public class RevocationTests
{
    [Fact]
    public async Task FetchOcspResponseAsync_GoodCertificate_ValidatorSaysGood()
    {
        using var server = new LocalRevocationServer();
        using var http = new HttpClient();
        var collector = new RevocationDataCollector(http);

        var response = await collector.FetchOcspResponseAsync(server.Pki.Signer, server.Pki.Ca);

        Assert.NotNull(response);
        var result = RevocationValidator.CheckOcsp(response, server.Pki.Signer, server.Pki.Ca, DateTimeOffset.UtcNow);
        Assert.Equal(CertificateRevocationStatus.Good, result.Status);
        Assert.Equal("ocsp", result.Source);
    }

    [Fact]
    public async Task FetchOcspResponseAsync_RevokedCertificate_ValidatorSaysRevoked()
    {
        using var server = new LocalRevocationServer();
        server.Revoke(server.Pki.Clerk);
        using var http = new HttpClient();
        var collector = new RevocationDataCollector(http);

        var response = await collector.FetchOcspResponseAsync(server.Pki.Clerk, server.Pki.Ca);

        var result = RevocationValidator.CheckOcsp(response!, server.Pki.Clerk, server.Pki.Ca, DateTimeOffset.UtcNow);
        Assert.Equal(CertificateRevocationStatus.Revoked, result.Status);
        Assert.NotNull(result.RevocationTime);
    }

    [Fact]
    public async Task CheckOcsp_ResponseForOtherCertificate_IsUnknown()
    {
        using var server = new LocalRevocationServer();
        using var http = new HttpClient();
        var response = await new RevocationDataCollector(http).FetchOcspResponseAsync(server.Pki.Signer, server.Pki.Ca);

        var result = RevocationValidator.CheckOcsp(response!, server.Pki.Agency, server.Pki.Ca, DateTimeOffset.UtcNow);

        Assert.Equal(CertificateRevocationStatus.Unknown, result.Status);
    }

    [Fact]
    public async Task CollectAsync_OcspDown_FallsBackToCrl()
    {
        using var server = new LocalRevocationServer { OcspEnabled = false };
        server.Revoke(server.Pki.Agency);
        using var http = new HttpClient();

        var data = await new RevocationDataCollector(http).CollectAsync([server.Pki.Agency, server.Pki.Ca]);

        Assert.Empty(data.OcspResponses);
        var crl = Assert.Single(data.Crls);
        Assert.Equal(CertificateRevocationStatus.Revoked, RevocationValidator.CheckCrl(crl, server.Pki.Agency, server.Pki.Ca, DateTimeOffset.UtcNow).Status);
        Assert.Equal(CertificateRevocationStatus.Good, RevocationValidator.CheckCrl(crl, server.Pki.Signer, server.Pki.Ca, DateTimeOffset.UtcNow).Status);
    }

    [Fact]
    public async Task CollectForSignatureAsync_LeafOnlyTimestampedCms_GathersChainAndOcspForOfflineVerification()
    {
        using var server = new LocalRevocationServer();
        using var tsa = new OpenSslTsaServer(server.Pki);
        using var http = new HttpClient();
        var digest = System.Security.Cryptography.SHA256.HashData("B-LT"u8);
        var cms = await new EDoc.Signing.Cms.CmsSignatureBuilder().SignAsync(digest, new EDoc.Signing.Signers.X509CertificateSigningKey(server.Pki.Signer));
        cms = await new EDoc.Signing.Timestamps.Rfc3161TimestampClient(http, new() { TsaUri = tsa.Uri }).AddSignatureTimestampAsync(cms);

        var dss = await new RevocationDataCollector(http).CollectForSignatureAsync(cms);

        Assert.Contains(dss.Certificates, c => c.Thumbprint == server.Pki.Ca.Thumbprint);
        Assert.Contains(dss.Certificates, c => c.Thumbprint == server.Pki.TimestampAuthority.Thumbprint);
        Assert.Single(dss.OcspResponses);
        var options = new EDoc.Signing.Cms.CmsVerificationOptions { RevocationMode = RevocationMode.Offline };
        options.TrustAnchors.Add(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(server.Pki.Ca.RawData));
        var requestsBefore = server.RequestCount;
        var result = await new EDoc.Signing.Cms.CmsSignatureVerifier(options, new RevocationDataCollector(http)).VerifyAsync(cms, digest, new EDoc.Signing.Cms.CmsVerificationInput { RevocationData = dss });
        Assert.True(result.Status == EDoc.Signing.Cms.CmsVerificationStatus.Valid, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(CertificateRevocationStatus.Good, result.RevocationStatus);
        Assert.Equal(requestsBefore, server.RequestCount);
    }

    [Fact]
    public void CheckCrl_CrlOfOtherCa_IsUnknown()
    {
        var crl = TestPki.Other.CreateCrl([]);

        var result = RevocationValidator.CheckCrl(crl, TestPki.Rsa.Signer, TestPki.Rsa.Ca, DateTimeOffset.UtcNow);

        Assert.Equal(CertificateRevocationStatus.Unknown, result.Status);
    }

    [Fact]
    public void CheckCrl_ExpiredCrl_IsUnknown()
    {
        var crl = TestPki.Rsa.CreateCrl([]);

        var result = RevocationValidator.CheckCrl(crl, TestPki.Rsa.Signer, TestPki.Rsa.Ca, DateTimeOffset.UtcNow.AddDays(30));

        Assert.Equal(CertificateRevocationStatus.Unknown, result.Status);
        Assert.Contains("expired", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOcsp_Garbage_IsUnknownNotException()
    {
        var result = RevocationValidator.CheckOcsp(new byte[] { 1, 2, 3 }, TestPki.Rsa.Signer, TestPki.Rsa.Ca, DateTimeOffset.UtcNow);

        Assert.Equal(CertificateRevocationStatus.Unknown, result.Status);
    }
}
