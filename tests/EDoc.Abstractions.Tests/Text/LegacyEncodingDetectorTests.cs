using System.Text;
using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

public class LegacyEncodingDetectorTests
{
    public static TheoryData<VietnameseEncoding> LegacyEncodings() =>
        new(VietnameseEncoding.Tcvn3, VietnameseEncoding.Vni, VietnameseEncoding.Viqr, VietnameseEncoding.Utf8Mojibake);

    public static TheoryData<string, VietnameseEncoding> SentencesByEncoding()
    {
        var data = new TheoryData<string, VietnameseEncoding>();
        foreach (var sentence in VietnameseCorpus.Sentences)
        {
            foreach (var encoding in new[] { VietnameseEncoding.Unicode, VietnameseEncoding.Tcvn3, VietnameseEncoding.Vni, VietnameseEncoding.Viqr, VietnameseEncoding.Utf8Mojibake })
            {
                data.Add(sentence, encoding);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegacyEncodings))]
    public void Detect_WholeCorpus_FindsEncoding(VietnameseEncoding encoding)
    {
        var text = string.Join("\n", VietnameseCorpus.Sentences.Select(s => Encode(s, encoding)));

        var detection = LegacyEncodingDetector.Detect(text, OptionsFor(encoding));

        Assert.Equal(encoding, detection.Encoding);
        Assert.False(detection.IsAmbiguous);
        Assert.True(detection.Confidence >= 0.9, detection.ToString());
    }

    [Theory]
    [MemberData(nameof(SentencesByEncoding))]
    public void ConvertAuto_EachSentence_ReturnsSentence(string sentence, VietnameseEncoding encoding)
    {
        var input = Encode(sentence, encoding);

        var result = VietnameseTextConverter.ConvertDetailed(input, VietnameseEncoding.Auto, OptionsFor(encoding));

        Assert.Equal(sentence, result.Text);
        Assert.Equal(encoding, result.SourceEncoding);
    }

    [Fact]
    public void Detect_Tcvn3Bytes_FindsTcvn3()
    {
        var bytes = VietnameseCorpus.IconvToTcvn5712(string.Join("\n", VietnameseCorpus.Sentences.Take(10)).ToLowerInvariant());

        var detection = LegacyEncodingDetector.Detect(bytes);
        var text = VietnameseTextConverter.Convert(bytes, VietnameseEncoding.Auto);

        Assert.Equal(VietnameseEncoding.Tcvn3, detection.Encoding);
        Assert.Equal(string.Join("\n", VietnameseCorpus.Sentences.Take(10)).ToLowerInvariant(), text);
    }

    [Fact]
    public void Detect_VniBytes_FindsVni()
    {
        var bytes = TestEncodings.Windows1252.GetBytes(TestEncodings.ToVniByRules(VietnameseCorpus.Sentences[1]));

        Assert.Equal(VietnameseEncoding.Vni, LegacyEncodingDetector.Detect(bytes).Encoding);
    }

    [Fact]
    public void Detect_Utf8Unicode_FindsUnicode()
    {
        var detection = LegacyEncodingDetector.Detect(Encoding.UTF8.GetBytes(VietnameseCorpus.Sentences[0]));

        Assert.Equal(VietnameseEncoding.Unicode, detection.Encoding);
        Assert.False(detection.IsPlainAscii);
        Assert.True(detection.Confidence > 0.9, detection.ToString());
    }

    [Theory]
    [InlineData("The meeting of the board is on Monday.")]
    [InlineData("Uy ban nhan dan tinh Nghe An")]
    [InlineData("Is it ok? Go. Why? I'm here, you're there.")]
    [InlineData("")]
    public void Detect_PlainAscii_ReportsAmbiguousAndConvertLeavesIt(string text)
    {
        var detection = LegacyEncodingDetector.Detect(text);
        var converted = VietnameseTextConverter.ConvertDetailed(text, VietnameseEncoding.Auto);

        Assert.Equal(VietnameseEncoding.Unicode, detection.Encoding);
        Assert.True(detection.IsAmbiguous);
        Assert.True(detection.IsPlainAscii);
        Assert.Equal(0, detection.Confidence);
        Assert.Equal(text, converted.Text);
        Assert.Equal(0, converted.ChangedCharacters);
    }

    [Theory]
    [InlineData("Café, naïve, résumé")]
    [InlineData("Tôi là người Việt")]
    public void ConvertAuto_UnicodeWithLatin1Letters_IsLeftUnchanged(string text)
    {
        Assert.Equal(text, VietnameseTextConverter.Convert(text, VietnameseEncoding.Auto));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Detect_LargeUtf8CutInsideSequence_StillUnicode(int shift)
    {
        // 256 KiB is the sample; shift a three-byte letter across the cut, after Vietnamese text.
        var prefix = string.Concat(Enumerable.Repeat("Việt Nam ", 20));
        var fill = (256 * 1024) - 1 - shift - Encoding.UTF8.GetByteCount(prefix);
        var text = prefix + new string('a', fill) + "ệ Việt Nam";
        var bytes = Encoding.UTF8.GetBytes(text);

        var sample = LegacyEncodingDetector.Sample(bytes);
        var detection = LegacyEncodingDetector.Detect(bytes);
        var converted = VietnameseTextConverter.Convert(bytes, VietnameseEncoding.Auto);

        Assert.True(System.Text.Unicode.Utf8.IsValid(sample));
        Assert.InRange(sample.Length, (256 * 1024) - 3, 256 * 1024);
        Assert.Equal(VietnameseEncoding.Unicode, detection.Encoding);
        Assert.False(detection.IsAmbiguous);
        Assert.Equal(text, converted);
    }

    [Fact]
    public void Detect_LargeStringCutInsideSurrogatePair_DoesNotThrow()
    {
        var text = new string('a', (256 * 1024) - 1) + "😀 Việt Nam";

        Assert.Equal(VietnameseEncoding.Unicode, LegacyEncodingDetector.Detect(text).Encoding);
        Assert.Equal(text, VietnameseTextConverter.Convert(text, VietnameseEncoding.Auto));
    }

    // The corpus in TCVN3 comes from glibc iconv, which writes capitals with tone marks as TCVN 5712 VN1 codes.
    private static VietnameseConversionOptions OptionsFor(VietnameseEncoding encoding)
        => new() { Tcvn3UseVn1Capitals = encoding == VietnameseEncoding.Tcvn3 };

    private static string Encode(string sentence, VietnameseEncoding encoding) => encoding switch
    {
        VietnameseEncoding.Tcvn3 => TestEncodings.Windows1252.GetString(VietnameseCorpus.IconvToTcvn5712(sentence)),
        VietnameseEncoding.Vni => TestEncodings.ToVniByRules(sentence),
        VietnameseEncoding.Viqr => TestEncodings.ToViqrByRules(sentence),
        VietnameseEncoding.Utf8Mojibake => TestEncodings.ToMojibake(sentence),
        _ => sentence,
    };
}
