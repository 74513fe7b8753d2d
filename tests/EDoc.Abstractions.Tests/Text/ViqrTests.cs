using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

public class ViqrTests
{
    public static TheoryData<string> Sentences() => VietnameseCorpus.All();

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_ViqrByRules_ReturnsSentence(string sentence)
    {
        var viqr = TestEncodings.ToViqrByRules(sentence);

        Assert.Equal(sentence, VietnameseTextConverter.Convert(viqr, VietnameseEncoding.Viqr));
        Assert.Equal(sentence, VietnameseTextConverter.Convert(System.Text.Encoding.ASCII.GetBytes(viqr), VietnameseEncoding.Viqr));
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void ToLegacyString_Sentence_RoundTrips(string sentence)
    {
        var viqr = VietnameseTextConverter.ToLegacyString(sentence, VietnameseEncoding.Viqr);

        Assert.All(viqr, c => Assert.True(c < 0x80));
        Assert.Equal(sentence, VietnameseTextConverter.Convert(viqr, VietnameseEncoding.Viqr));
    }

    [Theory]
    [InlineData("Vie^.t Nam", "Việt Nam")]
    [InlineData("Ngu+o+`i ky'", "Người ký")]
    [InlineData("DDo^.c la^.p - Tu+. do - Ha.nh phu'c", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("Tie^'ng Vie^.t", "Tiếng Việt")]
    [InlineData("Ha` No^.i.", "Hà Nội.")]
    [InlineData("Ddi tha('ng\\.", "Đi thắng.")]
    [InlineData("Ba\\.n co' kho^ng\\?", "Ba.n có không?")]
    [InlineData("THU+O+.NG KHA^?N", "THƯỢNG KHẨN")]
    [InlineData("a\\\\b", "a\\b")]
    [InlineData("So^': 15/QDD-UBND", "Số: 15/QĐ-UBND")]
    [InlineData("address, ADDRESS ddi", "address, AĐRESS đi")]
    public void Convert_KnownViqrStrings_ReturnsUnicode(string viqr, string expected)
    {
        Assert.Equal(expected, VietnameseTextConverter.Convert(viqr, VietnameseEncoding.Viqr));
    }

    [Theory]
    [InlineData("Xin mo+`i o^ng ddi.", false, "Xin mời ông đị")]
    [InlineData("Xin mo+`i o^ng ddi.", true, "Xin mời ông đi.")]
    [InlineData("Co' pha?i kho^ng? Ma. ma`.", true, "Có phải không? Ma. mà.")]
    [InlineData("Ma. ma`", false, "Mạ mà")]
    public void Convert_WordFinalPunctuationOption_DecidesUnescapedFullStop(string viqr, bool literal, string expected)
    {
        var options = new VietnameseConversionOptions { ViqrWordFinalPunctuationIsLiteral = literal };

        Assert.Equal(expected, VietnameseTextConverter.Convert(viqr, VietnameseEncoding.Viqr, options));
    }

    [Theory]
    [InlineData("Hà Nội.")]
    [InlineData("Bạn có khỏe không? Tôi đi...")]
    [InlineData("C:\\Temp\\dd.txt")]
    [InlineData("add, DD/MM/YYYY, a^b, (a+b)")]
    [InlineData("ADDRESS, QĐ-UBND, Dd, dD")]
    public void ToLegacyString_TextWithLiteralMnemonics_RoundTrips(string text)
    {
        var viqr = VietnameseTextConverter.ToLegacyString(text, VietnameseEncoding.Viqr);

        Assert.Equal(text, VietnameseTextConverter.Convert(viqr, VietnameseEncoding.Viqr));
    }
}
