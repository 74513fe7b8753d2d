using System.Text;
using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

public class ConverterContractTests
{
    [Fact]
    public void Convert_NullInput_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>("input", () => VietnameseTextConverter.Convert((string)null!, VietnameseEncoding.Tcvn3));
        Assert.Throws<ArgumentNullException>("text", () => LegacyEncodingDetector.Detect((string)null!));
    }

    [Theory]
    [InlineData(VietnameseEncoding.Auto)]
    [InlineData(VietnameseEncoding.Tcvn3)]
    [InlineData(VietnameseEncoding.Viqr)]
    [InlineData(VietnameseEncoding.Utf8Mojibake)]
    public void Convert_LoneSurrogate_ThrowsFormatExceptionWithPosition(VietnameseEncoding from)
    {
        var ex = Assert.Throws<EDocFormatException>(() => VietnameseTextConverter.Convert("Việt\uDC00 Nam", from));

        Assert.Equal("character 4", ex.Location);
        Assert.Throws<EDocFormatException>(() => LegacyEncodingDetector.Detect("Vie^.t\uD800"));
    }

    [Fact]
    public void Convert_UndefinedEncoding_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>("from", () => VietnameseTextConverter.Convert("a", (VietnameseEncoding)42));
    }

    [Fact]
    public void Convert_InputLongerThanLimit_ThrowsLimitExceeded()
    {
        var options = new VietnameseConversionOptions { MaxInputLength = 4 };

        var ex = Assert.Throws<EDocLimitExceededException>(() => VietnameseTextConverter.Convert("Việt Nam", VietnameseEncoding.Unicode, options));
        Assert.Throws<EDocLimitExceededException>(() => VietnameseTextConverter.Convert(new byte[5], VietnameseEncoding.Tcvn3, options));

        Assert.Equal("MaxInputLength", ex.LimitName);
        Assert.Equal(8, ex.Actual);
    }

    [Fact]
    public void Convert_BadOptions_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseTextConverter.Convert("a", VietnameseEncoding.Auto, new VietnameseConversionOptions { MinimumConfidence = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseTextConverter.Convert("a", VietnameseEncoding.Auto, new VietnameseConversionOptions { MaxInputLength = 0 }));
    }

    [Fact]
    public void Convert_UnicodeFromInvalidUtf8_ThrowsFormatExceptionWithOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("Việt").Concat(new byte[] { 0xD6, 0x74 }).ToArray();

        var ex = Assert.Throws<EDocFormatException>(() => VietnameseTextConverter.Convert(bytes, VietnameseEncoding.Unicode));

        Assert.Equal("byte 6", ex.Location);
    }

    [Fact]
    public void Convert_Utf8WithByteOrderMarks_AreRead()
    {
        var utf8 = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("Việt")).ToArray();
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Vie\u0323\u0302t")).ToArray();

        Assert.Equal("Việt", VietnameseTextConverter.Convert(utf8, VietnameseEncoding.Unicode));
        Assert.Equal("Việt", VietnameseTextConverter.Convert(utf16, VietnameseEncoding.Unicode));
    }

    [Fact]
    public void ConvertDetailed_NfdUnicode_CountsComposedCharacters()
    {
        var result = VietnameseTextConverter.ConvertDetailed("Vie\u0323\u0302t Nam ơi".Normalize(NormalizationForm.FormD), VietnameseEncoding.Unicode);

        Assert.Equal("Việt Nam ơi", result.Text);
        Assert.Equal(2, result.ChangedCharacters);
        Assert.Null(result.Detection);
    }

    [Fact]
    public void ConvertDetailed_Auto_ReportsDetection()
    {
        var result = VietnameseTextConverter.ConvertDetailed("Céng hoµ x· héi chñ nghÜa ViÖt Nam", VietnameseEncoding.Auto);

        Assert.Equal("Cộng hoà xã hội chủ nghĩa Việt Nam", result.Text);
        Assert.Equal(VietnameseEncoding.Tcvn3, result.SourceEncoding);
        Assert.NotNull(result.Detection);
        Assert.Equal(VietnameseEncoding.Tcvn3, result.Detection.Encoding);
        Assert.Equal(7, result.ChangedCharacters);
    }

    [Fact]
    public void ToLegacyString_NotALegacyEncoding_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>("to", () => VietnameseTextConverter.ToLegacyString("a", VietnameseEncoding.Unicode));
        Assert.Throws<ArgumentException>("to", () => VietnameseTextConverter.ToLegacyBytes("a", VietnameseEncoding.Auto));
    }

    [Fact]
    public void ToLegacyBytes_ViqrOfNonVietnameseLetter_ThrowsFormatException()
    {
        var ex = Assert.Throws<EDocFormatException>(() => VietnameseTextConverter.ToLegacyBytes("Việt 日本", VietnameseEncoding.Viqr));

        Assert.Equal("VIQR", ex.Subject);
    }
}
