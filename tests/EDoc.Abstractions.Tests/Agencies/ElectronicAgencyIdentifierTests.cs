using EDoc.Agencies;

namespace EDoc.Abstractions.Tests.Agencies;

public sealed class ElectronicAgencyIdentifierTests
{
    [Theory]
    [InlineData("G12", 1, null)]
    [InlineData("G12.18", 2, "G12")]
    [InlineData("H41.12.05", 3, "H41.12")]
    [InlineData("H41.12.05.101", 4, "H41.12.05")]
    public void Parse_Valid_LevelAndParentReadLeftToRight(string text, int level, string? parent)
    {
        var id = ElectronicAgencyIdentifier.Parse(text);

        Assert.Equal(text, id.ToString());
        Assert.Equal(level, id.Level);
        Assert.Equal(parent, id.Parent?.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12.18")]
    [InlineData("g12.18")]
    [InlineData("G12.1")]
    [InlineData("G12.18.01.02.03")]
    [InlineData("G12..18")]
    [InlineData("000.00.00.H41")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        var ex = Assert.Throws<EDocFormatException>(() => ElectronicAgencyIdentifier.Parse(text));

        Assert.Equal("ElectronicAgencyIdentifier", ex.Subject);
        Assert.False(ElectronicAgencyIdentifier.TryParse(text, out _));
    }

    [Fact]
    public void Agency_HoldsBothCodes()
    {
        var agency = new Agency
        {
            Name = "Tổng cục Thuế",
            Code = AgencyCode.Parse("000.00.01.G12"),
            ElectronicIdentifier = ElectronicAgencyIdentifier.Parse("G12.18"),
        };

        Assert.Equal("000.00.01.G12", agency.Code!.Value);
        Assert.Equal("G12.18", agency.ElectronicIdentifier!.Value);
        Assert.Equal(agency, agency with { });
        Assert.Throws<ArgumentNullException>(() => ElectronicAgencyIdentifier.Parse(null!));
        Assert.Throws<EDocFormatException>(() => Agency.Create("H41", "UBND tỉnh Nghệ An"));
    }
}
