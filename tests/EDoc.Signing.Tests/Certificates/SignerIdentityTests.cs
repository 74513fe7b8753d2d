using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Certificates;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Certificates;

public class SignerIdentityTests
{
    [Fact]
    public void FromCertificate_DevelopmentPerson_ReadsVietnameseNameAndCccd()
    {
        var identity = SignerIdentity.FromCertificate(TestPki.Rsa.Signer);

        Assert.Equal("Nguyễn Văn An", identity.CommonName);
        Assert.Equal("UBND tỉnh Nghệ An", identity.Organization);
        Assert.Equal("001089012345", identity.CitizenId);
        Assert.Null(identity.TaxCode);
        Assert.False(identity.IsOrganization);
        Assert.Equal("VN", identity.Country);
    }

    [Theory]
    [InlineData("CN=CÔNG TY TNHH ABC, O=CÔNG TY TNHH ABC, UID=MST:0101234567-001, C=VN", "0101234567-001", null, null)]
    [InlineData("CN=Lê Thị Hoa, UID=CMND:012345678, C=VN", null, null, "012345678")]
    [InlineData("CN=Phạm Minh MST:0312345678 CCCD:079088001234, C=VN", "0312345678", "079088001234", null)]
    [InlineData("CN=Trần Văn B, OU=CMT: 123456789, C=VN", null, null, "123456789")]
    [InlineData("CN=No identifiers, C=VN", null, null, null)]
    public void FromName_IdentifiersAnywhere_ParsedByPrefix(string dn, string? mst, string? cccd, string? cmnd)
    {
        var identity = SignerIdentity.FromName(new X500DistinguishedName(dn));

        Assert.Equal(mst, identity.TaxCode);
        Assert.Equal(cccd, identity.CitizenId);
        Assert.Equal(cmnd, identity.IdentityCardNumber);
    }

    [Fact]
    public void FromName_TwoUids_BothListedUidFirst()
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName("Hộ kinh doanh Minh Châu");
        builder.Add(DevelopmentCertificates.UidOid, "MST:8012345678", System.Formats.Asn1.UniversalTagNumber.UTF8String);
        builder.Add(DevelopmentCertificates.UidOid, "CCCD:001203004005", System.Formats.Asn1.UniversalTagNumber.UTF8String);

        var identity = SignerIdentity.FromName(builder.Build());

        Assert.Equal(["MST:8012345678", "CCCD:001203004005"], identity.Identifiers);
    }
}
