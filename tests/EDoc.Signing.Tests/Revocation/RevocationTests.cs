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
