using System.Text;
using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

public class MojibakeTests
{
    public static TheoryData<string> Sentences() => VietnameseCorpus.All();

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_Utf8ReadAsWindows1252_ReturnsSentence(string sentence)
    {
        var damaged = TestEncodings.ToMojibake(sentence);

        Assert.NotEqual(sentence, damaged);
        Assert.Equal(sentence, VietnameseTextConverter.Convert(damaged, VietnameseEncoding.Utf8Mojibake));
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_Utf8ReadAsLatin1_ReturnsSentence(string sentence)
    {
        var damaged = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(sentence));

        Assert.Equal(sentence, VietnameseTextConverter.Convert(damaged, VietnameseEncoding.Utf8Mojibake));
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_DoubleEncoded_ReturnsSentence(string sentence)
    {
        var damaged = TestEncodings.ToMojibake(TestEncodings.ToMojibake(sentence));

        Assert.Equal(sentence, VietnameseTextConverter.Convert(damaged, VietnameseEncoding.Utf8Mojibake));
        Assert.Equal(sentence, VietnameseTextConverter.Convert(Encoding.UTF8.GetBytes(damaged), VietnameseEncoding.Utf8Mojibake));
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_CorrectUnicode_IsLeftUnchanged(string sentence)
    {
        Assert.Equal(sentence, VietnameseTextConverter.Convert(sentence, VietnameseEncoding.Utf8Mojibake));
    }

    [Fact]
    public void Convert_KnownMojibake_ReturnsUnicode()
    {
        Assert.Equal("Việt Nam", VietnameseTextConverter.Convert("Viá»‡t Nam", VietnameseEncoding.Utf8Mojibake));
        Assert.Equal("Đà Nẵng", VietnameseTextConverter.Convert("Ä\u0090Ã\u00A0 Náºµng", VietnameseEncoding.Utf8Mojibake));
    }

    [Fact]
    public void Convert_PartlyDamaged_RepairsOnlyTheDamage()
    {
        var text = "Quyết định — " + TestEncodings.ToMojibake("Việt Nam") + " “trích yếu”";

        Assert.Equal("Quyết định — Việt Nam “trích yếu”", VietnameseTextConverter.Convert(text, VietnameseEncoding.Utf8Mojibake));
    }

    [Fact]
    public void ConvertDetailed_Mojibake_CountsRepairedCharacters()
    {
        var result = VietnameseTextConverter.ConvertDetailed(TestEncodings.ToMojibake("Việt Nam ơi"), VietnameseEncoding.Utf8Mojibake);

        Assert.Equal("Việt Nam ơi", result.Text);
        Assert.Equal(2, result.ChangedCharacters);
        Assert.Equal(VietnameseEncoding.Utf8Mojibake, result.SourceEncoding);
    }
}
