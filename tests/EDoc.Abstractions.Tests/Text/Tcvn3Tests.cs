using System.Text;
using EDoc.Text;
using EDoc.Text.Internal;

namespace EDoc.Abstractions.Tests.Text;

public class Tcvn3Tests
{
    // The TCVN3 (VN3) code chart written out by hand, per vowel: sắc, huyền, hỏi, ngã, nặng.
    private static readonly Dictionary<char, byte[]> ChartTones = new()
    {
        ['a'] = [0xB8, 0xB5, 0xB6, 0xB7, 0xB9],
        ['ă'] = [0xBE, 0xBB, 0xBC, 0xBD, 0xC6],
        ['â'] = [0xCA, 0xC7, 0xC8, 0xC9, 0xCB],
        ['e'] = [0xD0, 0xCC, 0xCE, 0xCF, 0xD1],
        ['ê'] = [0xD5, 0xD2, 0xD3, 0xD4, 0xD6],
        ['i'] = [0xDD, 0xD7, 0xD8, 0xDC, 0xDE],
        ['o'] = [0xE3, 0xDF, 0xE1, 0xE2, 0xE4],
        ['ô'] = [0xE8, 0xE5, 0xE6, 0xE7, 0xE9],
        ['ơ'] = [0xED, 0xEA, 0xEB, 0xEC, 0xEE],
        ['u'] = [0xF3, 0xEF, 0xF1, 0xF2, 0xF4],
        ['ư'] = [0xF8, 0xF5, 0xF6, 0xF7, 0xF9],
        ['y'] = [0xFD, 0xFA, 0xFB, 0xFC, 0xFE],
    };

    private static readonly Dictionary<char, byte> ChartPlain = new()
    {
        ['ă'] = 0xA8, ['â'] = 0xA9, ['ê'] = 0xAA, ['ô'] = 0xAB, ['ơ'] = 0xAC, ['ư'] = 0xAD, ['đ'] = 0xAE,
        ['Ă'] = 0xA1, ['Â'] = 0xA2, ['Ê'] = 0xA3, ['Ô'] = 0xA4, ['Ơ'] = 0xA5, ['Ư'] = 0xA6, ['Đ'] = 0xA7,
    };

    private static readonly VietnameseConversionOptions Vn1 = new() { Tcvn3UseVn1Capitals = true };

    public static TheoryData<string> Sentences() => VietnameseCorpus.All();

    [Fact]
    public void DecodingTable_EveryByte_MatchesGlibcIconv()
    {
        // One byte per line so that glibc does not compose the combining marks 0xB0–0xB4 with a neighbour.
        var bytes = Enumerable.Range(1, 255).Where(b => b != '\n').Select(b => (byte)b).ToArray();
        var input = bytes.SelectMany(b => new[] { b, (byte)'\n' }).ToArray();

        var lines = VietnameseCorpus.IconvFromTcvn5712(input).Split('\n');

        for (var i = 0; i < bytes.Length; i++)
        {
            Assert.True(
                lines[i] == Tcvn3Table.Decode(bytes[i], vn1: true).ToString(),
                $"byte 0x{bytes[i]:X2}: iconv says U+{(lines[i].Length == 1 ? (int)lines[i][0] : -1):X4}, table says U+{(int)Tcvn3Table.Decode(bytes[i], vn1: true):X4}");
        }
    }

    [Fact]
    public void Table_EveryLetter_MatchesHandWrittenChart()
    {
        foreach (var (letter, vowel, tone, upper) in VietnameseCorpus.AllLetters())
        {
            byte? code = upper ? null : tone == 0 ? (ChartPlain.TryGetValue(letter, out var p) ? p : null) : ChartTones[vowel][tone - 1];
            if (upper && ChartPlain.TryGetValue(letter, out var capital))
            {
                code = capital;
            }

            if (code is null)
            {
                continue;
            }

            Assert.Equal(letter, Tcvn3Table.Decode(code.Value, vn1: false));
            Assert.Equal(new[] { code.Value }, VietnameseTextConverter.ToLegacyBytes(letter.ToString(), VietnameseEncoding.Tcvn3));
        }

        // 60 toned lowercase vowels + 7 lowercase + 7 capitals: the whole VN3 repertoire above ASCII.
        Assert.Equal(74, ChartTones.Values.Sum(v => v.Length) + ChartPlain.Count);
        Assert.Equal(74, Enumerable.Range(0x80, 128).Count(b => Tcvn3Table.IsVn3Code((byte)b)));
    }

    [Fact]
    public void Table_Vn1Repertoire_CoversAll134Letters()
    {
        var decoded = Tcvn3Table.Vn1Table.ToArray().ToHashSet();

        Assert.All(VietnameseCorpus.NonAsciiLetters(), c => Assert.Contains(c, decoded));
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_IconvVn1Bytes_ReturnsSentence(string sentence)
    {
        var legacy = VietnameseCorpus.IconvToTcvn5712(sentence);

        var text = VietnameseTextConverter.Convert(legacy, VietnameseEncoding.Tcvn3, Vn1);

        Assert.Equal(sentence, text);
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Convert_Vn3LowercaseAsWindows1252String_ReturnsSentence(string sentence)
    {
        var lower = sentence.ToLowerInvariant();
        var legacy = VietnameseCorpus.IconvToTcvn5712(lower);
        Assert.All(legacy.Where(b => b >= 0x80), b => Assert.True(Tcvn3Table.IsVn3Code(b), $"0x{b:X2} is not VN3"));
        var asRead = TestEncodings.Windows1252.GetString(legacy);

        var text = VietnameseTextConverter.Convert(asRead, VietnameseEncoding.Tcvn3);
        var upper = VietnameseTextConverter.Convert(asRead, VietnameseEncoding.Tcvn3, new VietnameseConversionOptions { Tcvn3UppercaseFont = true });

        Assert.Equal(lower, text);
        Assert.Equal(sentence.ToUpperInvariant(), upper);
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void ToLegacyBytes_Sentence_MatchesIconv(string sentence)
    {
        var vn1 = VietnameseTextConverter.ToLegacyBytes(sentence, VietnameseEncoding.Tcvn3, Vn1);
        var vn3 = VietnameseTextConverter.ToLegacyBytes(sentence, VietnameseEncoding.Tcvn3);

        Assert.Equal(VietnameseCorpus.IconvToTcvn5712(sentence), vn1);
        Assert.All(vn3.Where(b => b >= 0x80), b => Assert.True(Tcvn3Table.IsVn3Code(b)));
        Assert.Equal(sentence.ToLowerInvariant(), VietnameseTextConverter.Convert(vn3, VietnameseEncoding.Tcvn3).ToLowerInvariant());
    }

    [Theory]
    [InlineData("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam")]
    [InlineData("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("ViÖt Nam", "Việt Nam")]
    [InlineData("Uû ban nh©n d©n thµnh phè Hµ Néi", "Uỷ ban nhân dân thành phố Hà Nội")]
    [InlineData("QuyÕt ®Þnh", "Quyết định")]
    [InlineData("Sè: 15/Q§-UBND", "Số: 15/QĐ-UBND")]
    public void Convert_KnownTcvn3Strings_ReturnsUnicode(string tcvn3, string expected)
    {
        Assert.Equal(expected, VietnameseTextConverter.Convert(tcvn3, VietnameseEncoding.Tcvn3));
        Assert.Equal(expected, VietnameseTextConverter.Convert(TestEncodings.Windows1252.GetBytes(tcvn3), VietnameseEncoding.Tcvn3));
    }

    [Fact]
    public void Convert_AbcDocumentPunctuation_IsKeptByDefault()
    {
        var abc = "“QuyÕt ®Þnh” – ViÖt Nam… 30°C";

        var text = VietnameseTextConverter.Convert(abc, VietnameseEncoding.Tcvn3);
        var bytes = VietnameseTextConverter.ToLegacyBytes(text, VietnameseEncoding.Tcvn3);
        var vn1 = VietnameseTextConverter.Convert(abc, VietnameseEncoding.Tcvn3, Vn1);

        Assert.Equal("“Quyết định” – Việt Nam… 30°C", text);
        Assert.Equal(TestEncodings.Windows1252.GetBytes(abc), bytes);
        Assert.StartsWith("Ỏ", vn1, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_CombiningMarksOfVn1_ComposeToNfc()
    {
        // 0x61 0xB3 = a + combining acute (VN1) → á.
        var text = VietnameseTextConverter.Convert(new byte[] { 0x61, 0xB3, 0x20, 0xAA, 0xB4 }, VietnameseEncoding.Tcvn3, Vn1);

        Assert.Equal("á ệ", text);
    }

    [Fact]
    public void ToLegacyBytes_ToneCapitalByDefault_UsesLowercaseCode()
    {
        Assert.Equal(new byte[] { 0xD6, 0xA1, 0xA7 }, VietnameseTextConverter.ToLegacyBytes("ỆĂĐ", VietnameseEncoding.Tcvn3));
        Assert.Equal(new byte[] { 0x8C, 0xA1, 0xA7 }, VietnameseTextConverter.ToLegacyBytes("ỆĂĐ", VietnameseEncoding.Tcvn3, Vn1));
    }

    [Fact]
    public void ToLegacyBytes_CharacterOutsideTcvn3_ThrowsFormatExceptionNamingPosition()
    {
        var ex = Assert.Throws<EDocFormatException>(() => VietnameseTextConverter.ToLegacyBytes("Việt Ö", VietnameseEncoding.Tcvn3));

        Assert.Equal("TCVN3", ex.Subject);
        Assert.Equal("character 5", ex.Location);
        Assert.Contains("U+00D6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToLegacyString_Sentence_IsWindows1252ViewOfBytes()
    {
        var legacy = VietnameseTextConverter.ToLegacyString("Việt Nam", VietnameseEncoding.Tcvn3);

        Assert.Equal("ViÖt Nam", legacy);
        Assert.Equal(Encoding.Latin1.GetBytes("ViÖt Nam"), VietnameseTextConverter.ToLegacyBytes("Việt Nam", VietnameseEncoding.Tcvn3));
    }
}
