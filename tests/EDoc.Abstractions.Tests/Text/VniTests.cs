using EDoc.Text;
using EDoc.Text.Internal;

namespace EDoc.Abstractions.Tests.Text;

public class VniTests
{
    public static TheoryData<string> Sentences() => VietnameseCorpus.All();

    [Fact]
    public void Table_EveryLetter_MatchesVniRules()
    {
        var table = VniTable.Table.ToDictionary(e => e.Letter[0], e => e.Vni);

        Assert.Equal(134, table.Count);
        Assert.Equal(134, table.Values.Distinct(StringComparer.Ordinal).Count());
        foreach (var letter in VietnameseCorpus.NonAsciiLetters())
        {
            Assert.True(table.TryGetValue(letter, out var vni), $"{letter} is missing from the VNI table");
            Assert.Equal(TestEncodings.VniLetter(letter), vni);
        }
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_VniBytes_ReturnsSentence(string sentence)
    {
        var legacy = TestEncodings.ToVniByRules(sentence);
        var bytes = TestEncodings.Windows1252.GetBytes(legacy);

        Assert.Equal(sentence, VietnameseTextConverter.Convert(bytes, VietnameseEncoding.Vni));
        Assert.Equal(sentence, VietnameseTextConverter.Convert(legacy, VietnameseEncoding.Vni));
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void ToLegacyString_Sentence_MatchesVniRules(string sentence)
    {
        Assert.Equal(TestEncodings.ToVniByRules(sentence), VietnameseTextConverter.ToLegacyString(sentence, VietnameseEncoding.Vni));
        Assert.Equal(
            TestEncodings.Windows1252.GetBytes(TestEncodings.ToVniByRules(sentence)),
            VietnameseTextConverter.ToLegacyBytes(sentence, VietnameseEncoding.Vni));
    }

    [Theory]
    [InlineData("Vieät Nam", "Việt Nam")]
    [InlineData("Tieáng Vieät", "Tiếng Việt")]
    [InlineData("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")]
    [InlineData("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("THÖÔÏNG KHAÅN", "THƯỢNG KHẨN")]
    [InlineData("Ngöôøi kyù", "Người ký")]
    [InlineData("Quyeát ñònh soá 15/QÑ-UBND", "Quyết định số 15/QĐ-UBND")]
    [InlineData("UÛy ban nhaân daân", "Ủy ban nhân dân")]
    [InlineData("Naêm hoïc, saün saøng, ñaëc bieät", "Năm học, sẵn sàng, đặc biệt")]
    public void Convert_KnownVniStrings_ReturnsUnicode(string vni, string expected)
    {
        Assert.Equal(expected, VietnameseTextConverter.Convert(vni, VietnameseEncoding.Vni));
    }

    [Theory]
    [InlineData("Uûy ban", "Ủy ban")]
    [InlineData("VIEäT NAM", "VIỆT NAM")]
    public void Convert_MarkCaseDiffersFromBase_BaseDecidesCase(string vni, string expected)
    {
        Assert.Equal(expected, VietnameseTextConverter.Convert(vni, VietnameseEncoding.Vni));
    }

    [Fact]
    public void Convert_MarkWithoutBase_IsKeptLiterally()
    {
        // A tone byte after a consonant or at the start is not a VNI sequence.
        Assert.Equal("bù", VietnameseTextConverter.Convert("bù", VietnameseEncoding.Vni));
    }
}
