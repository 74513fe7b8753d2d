using EDoc.Archive.Metadata;

namespace EDoc.Archive.Tests.Metadata;

public class FileCodeTests
{
    [Fact]
    public void ToString_JoinsAgencyYearNotation()
        => Assert.Equal("000.00.00.H41.2025.01.TCCB", new FileCode("000.00.00.H41", 2025, "01.TCCB").ToString());

    [Fact]
    public void DocumentCode_AppendsSevenDigitOrdinal()
        => Assert.Equal("000.00.00.H41.2025.01.TCCB.0000012", new FileCode("000.00.00.H41", 2025, "01.TCCB").DocumentCode(12));

    [Fact]
    public void ArchivalCode_PrefixesArchiveAgency()
        => Assert.Equal("000.00.00.H41.LT.000.00.00.H41.2025.01.TCCB".Length, new FileCode("000.00.00.H41", 2025, "01.TCCB").ArchivalCode("000.00.00.H41.LT").Length);

    [Fact]
    public void ForLooseDocuments_UsesRoundAndOrdinal()
        => Assert.Equal("000.00.00.H41.2025.03.0000042", FileCode.ForLooseDocuments("000.00.00.H41", 2025, 3, 42).ToString());

    [Fact]
    public void Parse_RoundTrips_NotationWithDots()
    {
        var code = FileCode.Parse("000.00.00.H41.2025.01.TCCB");

        Assert.Equal("000.00.00.H41", code.OrganId);
        Assert.Equal(2025, code.Year);
        Assert.Equal("01.TCCB", code.FileNotation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("H41.2025.01")]
    [InlineData("000.00.00.H41.25.01.TCCB")]
    [InlineData("000.00.00.H41.2025.")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(FileCode.TryParse(text, out _));
        Assert.Throws<EDocFormatException>(() => FileCode.Parse(text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000_000)]
    public void DocumentCode_OrdinalOutOfRange_Throws(int ordinal)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new FileCode("000.00.00.H41", 2025, "01").DocumentCode(ordinal));
}
