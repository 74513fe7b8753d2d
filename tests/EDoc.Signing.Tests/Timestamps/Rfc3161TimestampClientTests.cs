using System.Security.Cryptography;
using EDoc.Signing.Cms;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.TestSupport;
using EDoc.Signing.Timestamps;

namespace EDoc.Signing.Tests.Timestamps;

public class Rfc3161TimestampClientTests
{
    [Fact]
    public async Task RequestTokenForDataAsync_LocalOpenSslTsa_OpenSslTsVerifyAccepts()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri });
        var data = "dữ liệu cần đóng dấu thời gian"u8.ToArray();

        var token = await client.RequestTokenForDataAsync(data);

        using var dir = new TempDir();
        dir.Write("token.der", token);
        dir.Write("data.bin", data);
        dir.WriteText("ca.crt", TestPki.Rsa.Ca.ExportCertificatePem());
        dir.WriteText("tsa.crt", TestPki.Rsa.TimestampAuthority.ExportCertificatePem());
        var verify = ExternalTool.OpenSsl("ts", "-verify", "-token_in", "-in", dir.File("token.der"), "-data", dir.File("data.bin"), "-CAfile", dir.File("ca.crt"), "-untrusted", dir.File("tsa.crt"));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("Verification: OK", verify.All, StringComparison.Ordinal);
        Assert.Equal(1, tsa.RequestCount);
    }

    [Fact]
    public async Task AddSignatureTimestampAsync_LocalTsa_VerifierReportsTrustedTimestampTime()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri });
        var digest = SHA256.HashData("nội dung"u8);
        var cms = await new CmsSignatureBuilder().SignAsync(digest, new X509CertificateSigningKey(TestPki.Rsa.Signer));
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var stamped = await client.AddSignatureTimestampAsync(cms);

        var options = new CmsVerificationOptions { RevocationMode = EDoc.Signing.Revocation.RevocationMode.Offline, CheckRevocation = false };
        options.TrustAnchors.Add(TestPki.Rsa.Ca);
        var result = await new CmsSignatureVerifier(options).VerifyAsync(stamped, digest);
        Assert.True(result.IsTimestampTrusted, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.NotNull(result.TimestampTime);
        Assert.InRange(result.TimestampTime!.Value, before, DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(CmsVerificationStatus.Valid, result.Status);
    }

    [Fact]
    public async Task VerifyAsync_TimestampOverOtherSignature_ReportsImprintProblem()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri });
        var digest = SHA256.HashData("nội dung"u8);
        var cms = await new CmsSignatureBuilder().SignAsync(digest, new X509CertificateSigningKey(TestPki.Rsa.Signer));
        var token = await client.RequestTokenForDataAsync("something else"u8.ToArray());

        var stamped = CmsSignatureBuilder.AddTimestampToken(cms, token);

        var options = new CmsVerificationOptions { CheckRevocation = false };
        options.TrustAnchors.Add(TestPki.Rsa.Ca);
        var result = await new CmsSignatureVerifier(options).VerifyAsync(stamped, digest);
        Assert.False(result.IsTimestampTrusted);
        Assert.Contains(result.Problems, p => p.Code == "timestamp-imprint");
        Assert.NotEqual(CmsVerificationStatus.Valid, result.Status);
    }

    [Fact]
    public async Task VerifyTimestampToken_DocumentTimestamp_ValidThenInvalidWhenBytesChange()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri, HashAlgorithm = HashAlgorithmName.SHA384 });
        var byteRange = "%PDF-1.7 ... ByteRange bytes"u8.ToArray();
        var token = await client.RequestTokenForDataAsync(byteRange);
        var options = new CmsVerificationOptions();
        options.TrustAnchors.Add(TestPki.Rsa.Ca);
        var verifier = new CmsSignatureVerifier(options);

        var algorithm = TimestampValidator.GetHashAlgorithm(token);
        var good = verifier.VerifyTimestampToken(token.Concat(new byte[64]).ToArray(), SHA384.HashData(byteRange));
        var bad = verifier.VerifyTimestampToken(token, SHA384.HashData("changed"u8));

        Assert.Equal(HashAlgorithmName.SHA384, algorithm);
        Assert.True(good.Status == CmsVerificationStatus.Valid, string.Join("; ", good.Problems.Select(p => p.Message)));
        Assert.True(good.IsTrusted);
        Assert.Equal(2, good.Chain.Count);
        Assert.Equal(CmsVerificationStatus.Invalid, bad.Status);
        Assert.Contains(bad.Problems, p => p.Code == "timestamp-imprint");
    }

    [Fact]
    public async Task VerifyTimestampToken_TsaOfUntrustedCa_IsIndeterminate()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Other);
        using var http = new HttpClient();
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri });
        var token = await client.RequestTokenForDataAsync(new byte[] { 1 });
        var options = new CmsVerificationOptions();
        options.TrustAnchors.Add(TestPki.Rsa.Ca);

        var result = new CmsSignatureVerifier(options).VerifyTimestampToken(token, SHA256.HashData(new byte[] { 1 }));

        Assert.Equal(CmsVerificationStatus.Indeterminate, result.Status);
        Assert.False(result.IsTrusted);
    }

    [Fact]
    public async Task RequestTokenForHashAsync_TsaAnswersHttp500_ThrowsTransientTimestampException()
    {
        using var server = new LocalHttpServer((_, _, _) => new LocalHttpResponse(500, "text/plain", []));
        using var http = new HttpClient();
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = server.BaseUri });

        var ex = await Assert.ThrowsAsync<TimestampException>(() => client.RequestTokenForHashAsync(new byte[32], HashAlgorithmName.SHA256));

        Assert.True(ex.IsTransient);
        Assert.Contains("500", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestTokenForHashAsync_TsaAnswersGarbage_ThrowsTimestampException()
    {
        using var server = new LocalHttpServer((_, _, _) => new LocalHttpResponse(200, "application/timestamp-reply", [0x30, 0x03, 0x02, 0x01, 0x00]));
        using var http = new HttpClient();
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = server.BaseUri });

        var ex = await Assert.ThrowsAsync<TimestampException>(() => client.RequestTokenForHashAsync(new byte[32], HashAlgorithmName.SHA256));

        Assert.Equal("signing.timestamp.response", ex.ErrorCode);
    }

    [Fact]
    public async Task RequestTokenForHashAsync_ReplayedResponseForOtherRequest_ThrowsTimestampException()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        byte[]? first = null;
        using var replay = new LocalHttpServer((_, _, body) =>
        {
            if (first is null)
            {
                using var c = new HttpClient();
                using var content = new ByteArrayContent(body);
                first = c.PostAsync(tsa.Uri, content).Result.Content.ReadAsByteArrayAsync().Result;
            }

            return new LocalHttpResponse(200, "application/timestamp-reply", first);
        });
        var client = new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = replay.BaseUri });
        await client.RequestTokenForHashAsync(new byte[32], HashAlgorithmName.SHA256);

        await Assert.ThrowsAsync<TimestampException>(() => client.RequestTokenForHashAsync(new byte[32], HashAlgorithmName.SHA256));
    }
}
