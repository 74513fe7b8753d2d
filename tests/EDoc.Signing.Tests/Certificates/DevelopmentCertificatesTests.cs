using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Certificates;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Certificates;

public class DevelopmentCertificatesTests
{
    [Fact]
    public void Create_EveryEndEntity_ChainsToCaWithOpenSsl()
    {
        var pki = TestPki.Rsa;
        using var dir = new TempDir();
        dir.WriteText("ca.crt", pki.Ca.ExportCertificatePem());
        foreach (var (name, cert) in new[] { ("signer", pki.Signer), ("agency", pki.Agency), ("clerk", pki.Clerk), ("tsa", pki.TimestampAuthority), ("ocsp", pki.OcspResponder) })
        {
            dir.WriteText(name + ".crt", cert.ExportCertificatePem());
            var verify = ExternalTool.OpenSsl("verify", "-CAfile", dir.File("ca.crt"), dir.File(name + ".crt"));
            Assert.True(verify.ExitCode == 0, name + ": " + verify.All);
            Assert.True(cert.HasPrivateKey);
        }

        var text = ExternalTool.OpenSsl("x509", "-in", dir.File("tsa.crt"), "-noout", "-text").Stdout;
        Assert.Matches(@"Extended Key Usage: critical\s+Time Stamping", text);
    }

    [Fact]
    public void Create_CaExtensions_AreCaCriticalAndCertSign()
    {
        var ca = TestPki.Rsa.Ca;

        var basic = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        var usage = ca.Extensions.OfType<X509KeyUsageExtension>().Single();

        Assert.True(basic.CertificateAuthority);
        Assert.True(basic.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
    }

    [Fact]
    public void Create_WithServiceBaseUri_EndEntitiesCarryAiaAndCdp()
    {
        using var pki = DevelopmentCertificates.Create(new DevelopmentCertificateOptions { ServiceBaseUri = new Uri("http://127.0.0.1:9/pki/") });

        var aia = pki.Signer.Extensions.OfType<X509AuthorityInformationAccessExtension>().Single();

        Assert.Equal("http://127.0.0.1:9/pki/ocsp", Assert.Single(aia.EnumerateOcspUris()));
        Assert.Equal("http://127.0.0.1:9/pki/ca.crt", Assert.Single(aia.EnumerateCAIssuersUris()));
        Assert.NotNull(pki.Signer.Extensions["2.5.29.31"]);
        var eku = pki.Agency.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Contains(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.36");
    }

    [Fact]
    public void ExportPkcs12_Loadable_WithKeyAndCa()
    {
        var pfx = TestPki.Rsa.ExportPkcs12(TestPki.Rsa.Clerk, "edoc-dev");

        var collection = X509CertificateLoader.LoadPkcs12Collection(pfx, "edoc-dev");

        Assert.Equal(2, collection.Count);
        Assert.Contains(collection.Cast<X509Certificate2>(), c => c.HasPrivateKey && c.Thumbprint == TestPki.Rsa.Clerk.Thumbprint);
    }
}
