using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Signers;

public class Pkcs11SigningKeyTests : IClassFixture<SoftHsmFixture>
{
    private static readonly byte[] Content = "Tờ trình ký bằng USB token"u8.ToArray();
    private readonly SoftHsmFixture _hsm;

    public Pkcs11SigningKeyTests(SoftHsmFixture hsm) => _hsm = hsm;

    private static Pkcs11SigningKeyOptions Options(string label, byte[] id, SignatureScheme? scheme = null, X509Certificate2? certificate = null) => new()
    {
        LibraryPath = SoftHsmFixture.LibraryPath,
        TokenLabel = SoftHsmFixture.TokenLabel,
        Pin = SoftHsmFixture.Pin,
        KeyLabel = label,
        KeyId = id,
        Scheme = scheme,
        Certificate = certificate,
    };

    [Theory]
    [InlineData(SignatureScheme.RsaPkcs1)]
    [InlineData(SignatureScheme.RsaPss)]
    public async Task SignAsync_SoftHsmRsaKeyWithCertificateFromToken_OpenSslCmsVerifyAccepts(SignatureScheme scheme)
    {
        using var key = Pkcs11SigningKey.Open(Options("signer", [0x01], scheme));

        var cms = await new CmsSignatureBuilder().SignAsync(SHA256.HashData(Content), key);

        Assert.Equal(_hsm.RsaCertificate.Thumbprint, key.Certificate.Thumbprint);
        AssertOpenSslAccepts(cms);
    }

    [Fact]
    public async Task SignAsync_SoftHsmEcKey_DerSignatureOpenSslAccepts()
    {
        using var key = Pkcs11SigningKey.Open(Options("ec-signer", [0x02], certificate: _hsm.EcCertificate));

        var cms = await new CmsSignatureBuilder(new CmsSignatureOptions { DigestAlgorithm = HashAlgorithmName.SHA256 }).SignAsync(SHA256.HashData(Content), key);

        Assert.Equal(SignatureScheme.Ecdsa, key.Scheme);
        AssertOpenSslAccepts(cms);
    }

    [Fact]
    public void Open_WrongPin_ThrowsSigningExceptionWithoutPin()
    {
        var options = Options("signer", [0x01]);
        options.Pin = "999999";

        var ex = Assert.Throws<SigningException>(() => Pkcs11SigningKey.Open(options));

        Assert.Equal("signing.pkcs11.login", ex.ErrorCode);
        Assert.DoesNotContain("999999", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_UnknownKeyLabel_ThrowsKeyNotFound()
    {
        var ex = Assert.Throws<SigningException>(() => Pkcs11SigningKey.Open(Options("nobody", [0x09])));

        Assert.Equal("signing.pkcs11.key-not-found", ex.ErrorCode);
    }

    [Fact]
    public async Task SignHashAsync_CertificateOfOtherKey_ThrowsSignatureMismatch()
    {
        using var key = Pkcs11SigningKey.Open(Options("signer", [0x01], certificate: TestPki.Rsa.Clerk));

        var ex = await Assert.ThrowsAsync<SigningException>(async () => await key.SignHashAsync(new byte[32], HashAlgorithmName.SHA256));

        Assert.Equal("signing.signature-mismatch", ex.ErrorCode);
    }

    [Fact]
    public void Open_MissingLibrary_ThrowsSigningException()
    {
        var options = Options("signer", [0x01]);
        options.LibraryPath = "/nonexistent/libpkcs11.so";

        var ex = Assert.Throws<SigningException>(() => Pkcs11SigningKey.Open(options));

        Assert.Equal("signing.pkcs11.library", ex.ErrorCode);
    }

    private static void AssertOpenSslAccepts(byte[] cms)
    {
        using var dir = new TempDir();
        dir.Write("x.der", cms);
        dir.Write("data.bin", Content);
        dir.WriteText("ca.crt", TestPki.Rsa.Ca.ExportCertificatePem());
        var verify = ExternalTool.OpenSsl("cms", "-verify", "-inform", "DER", "-in", dir.File("x.der"), "-content", dir.File("data.bin"), "-binary", "-CAfile", dir.File("ca.crt"), "-purpose", "any", "-out", dir.File("out.bin"));
        Assert.True(verify.ExitCode == 0, verify.All);
    }
}
