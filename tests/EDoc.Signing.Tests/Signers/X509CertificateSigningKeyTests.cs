using System.Security.Cryptography;
using EDoc.Signing.Cms;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Signers;

public class X509CertificateSigningKeyTests
{
    [Fact]
    public async Task FromPkcs12File_DevelopmentPfx_SignerWithCaChainVerifies()
    {
        using var dir = new TempDir();
        var path = dir.Write("agency.pfx", TestPki.Rsa.ExportPkcs12(TestPki.Rsa.Agency, "mật khẩu"));

        var key = X509CertificateSigningKey.FromPkcs12File(path, "mật khẩu");
        var cms = await new CmsSignatureBuilder().SignAsync(new byte[32], key);

        Assert.Equal(TestPki.Rsa.Agency.Thumbprint, key.Certificate.Thumbprint);
        Assert.Equal(TestPki.Rsa.Ca.Thumbprint, Assert.Single(key.Chain).Thumbprint);
        Assert.Equal(SignatureScheme.RsaPkcs1, key.Scheme);
        Assert.Equal(2, SignedDataModel.Parse(cms).Certificates.Count);
    }

    [Fact]
    public void FromPkcs12_WrongPassword_ThrowsSigningExceptionWithoutPassword()
    {
        var pfx = TestPki.Rsa.ExportPkcs12(TestPki.Rsa.Clerk, "right-one");

        var ex = Assert.Throws<SigningException>(() => X509CertificateSigningKey.FromPkcs12(pfx, "wrong-one"));

        Assert.Equal("signing.pkcs12", ex.ErrorCode);
        Assert.DoesNotContain("wrong-one", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CertificateWithoutPrivateKey_ThrowsArgumentException()
    {
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(TestPki.Rsa.Signer.RawData);

        Assert.Throws<ArgumentException>(() => new X509CertificateSigningKey(publicOnly));
    }

    [Fact]
    public async Task SignHashAsync_EcdsaP384_ReturnsDerSequence()
    {
        var key = new X509CertificateSigningKey(TestPki.EcP384);

        var signature = await key.SignHashAsync(SHA384.HashData("x"u8), HashAlgorithmName.SHA384);

        Assert.Equal(0x30, signature[0]);
        Assert.True(signature.Length <= key.MaxSignatureSize);
    }
}
