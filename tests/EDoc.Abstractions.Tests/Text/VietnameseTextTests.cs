using System.Text;
using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

public class VietnameseTextTests
{
    public static TheoryData<string> Sentences() => VietnameseCorpus.All();

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Normalize_NfdSentence_ReturnsNfc(string sentence)
    {
        var nfd = sentence.Normalize(NormalizationForm.FormD);

        var nfc = VietnameseText.Normalize(nfd);

        Assert.NotEqual(sentence, nfd);
        Assert.False(VietnameseText.IsNormalized(nfd));
        Assert.Equal(sentence, nfc);
        Assert.True(VietnameseText.IsNormalized(nfc));
    }

    [Theory]
    [InlineData("e\u0302\u0323", "ệ")]
    [InlineData("e\u0323\u0302", "ệ")]
    [InlineData("\u00EA\u0323", "ệ")]
    [InlineData("u\u031B\u0300", "ừ")]
    [InlineData("o\u0340", "ò")]
    [InlineData("\u0111\u0300", "đ\u0300")]
    public void Normalize_CombiningSequences_ComposeInCanonicalOrder(string input, string expected)
    {
        Assert.Equal(expected, VietnameseText.Normalize(input));
    }

    [Fact]
    public void Normalize_AlreadyNfc_ReturnsSameInstance()
    {
        var text = VietnameseCorpus.Sentences[0];

        Assert.Same(text, VietnameseText.Normalize(text));
    }

    [Fact]
    public void Normalize_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>("text", () => VietnameseText.Normalize(null!));
        Assert.Throws<ArgumentNullException>("text", () => VietnameseText.IsNormalized(null!));
    }

    [Fact]
    public void Normalize_LoneSurrogate_ThrowsFormatExceptionWithPosition()
    {
        var ex = Assert.Throws<EDocFormatException>(() => VietnameseText.Normalize("ab\uD800c"));

        Assert.Equal("character 2", ex.Location);
    }

    [Theory]
    [InlineData("Việt Nam", "Vie\u0323\u0302t Nam", VietnameseComparison.None, true)]
    [InlineData("Việt Nam", "VIỆT NAM", VietnameseComparison.None, false)]
    [InlineData("Việt Nam", "VIỆT NAM", VietnameseComparison.IgnoreCase, true)]
    [InlineData("hoà bình", "hòa bình", VietnameseComparison.None, false)]
    [InlineData("hoà bình", "hòa bình", VietnameseComparison.IgnoreTonePlacement, true)]
    [InlineData("Thuỷ lợi", "Thủy lợi", VietnameseComparison.IgnoreTonePlacement, true)]
    [InlineData("Khoẻ", "Khỏe", VietnameseComparison.IgnoreTonePlacement, true)]
    [InlineData("hoà", "hoá", VietnameseComparison.IgnoreTonePlacement, false)]
    [InlineData("Hòa", "hoà", VietnameseComparison.IgnoreTonePlacement | VietnameseComparison.IgnoreCase, true)]
    [InlineData("Đà Nẵng", "Da Nang", VietnameseComparison.IgnoreDiacritics, true)]
    [InlineData("Đà Nẵng", "da nang", VietnameseComparison.IgnoreDiacritics, false)]
    [InlineData("Đà Nẵng", "da nang", VietnameseComparison.IgnoreDiacritics | VietnameseComparison.IgnoreCase, true)]
    [InlineData("Quyết định", "Quyet dinh", VietnameseComparison.IgnoreTonePlacement, false)]
    public void AreEquivalent_Options_MatchesExpected(string left, string right, VietnameseComparison comparison, bool expected)
    {
        Assert.Equal(expected, VietnameseText.AreEquivalent(left, right, comparison));
    }

    [Fact]
    public void AreEquivalent_Nulls_OnlyBothNullAreEqual()
    {
        Assert.True(VietnameseText.AreEquivalent(null, null));
        Assert.False(VietnameseText.AreEquivalent("a", null));
        Assert.False(VietnameseText.AreEquivalent(null, "a"));
    }

    [Fact]
    public void Comparer_EquivalentKeys_FindTheSameDictionaryEntry()
    {
        var agencies = new Dictionary<string, int>(VietnameseTextComparer.IgnoreTonePlacement)
        {
            ["Ủy ban nhân dân tỉnh Khánh Hòa"] = 1,
        };

        Assert.True(agencies.ContainsKey("UỶ BAN NHÂN DÂN TỈNH KHÁNH HOÀ".Normalize(NormalizationForm.FormD)));
        Assert.False(agencies.ContainsKey("Uy ban nhan dan tinh Khanh Hoa"));
        Assert.True(new Dictionary<string, int>(VietnameseTextComparer.IgnoreDiacritics) { ["Khánh Hòa"] = 1 }.ContainsKey("KHANH HOA"));
        Assert.Equal(0, VietnameseTextComparer.Ordinal.GetHashCode(null));
    }

    [Theory]
    [InlineData("Quyết định số 15/QĐ-UBND", "Quyet dinh so 15/QD-UBND")]
    [InlineData("THƯỢNG KHẨN, HỎA TỐC", "THUONG KHAN, HOA TOC")]
    [InlineData("Đắk Lắk", "Dak Lak")]
    public void RemoveDiacritics_Text_ReturnsAsciiLetters(string text, string expected)
    {
        Assert.Equal(expected, VietnameseText.RemoveDiacritics(text));
    }

    [Fact]
    public void RemoveDiacritics_EveryLetter_LeavesItsAsciiBase()
    {
        foreach (var (letter, vowel, _, upper) in VietnameseCorpus.AllLetters())
        {
            var expected = vowel switch
            {
                'ă' or 'â' => 'a',
                'ê' => 'e',
                'ô' or 'ơ' => 'o',
                'ư' => 'u',
                'đ' => 'd',
                _ => vowel,
            };

            Assert.Equal((upper ? char.ToUpperInvariant(expected) : expected).ToString(), VietnameseText.RemoveDiacritics(letter.ToString()));
        }
    }
}
