using System.Text;
using EDoc.Text;

namespace EDoc.Abstractions.Tests.Text;

/// <summary>Seeded random texts: every writer round-trips through its reader, and no input makes a reader fail.</summary>
public class RoundTripPropertyTests
{
    private const int Iterations = 300;

    private static readonly string VietnameseLetters = new([.. VietnameseCorpus.AllLetters().Select(l => l.Letter)]);

    [Fact]
    public void Viqr_RandomWordsWithOneToneEach_RoundTrip()
    {
        // The VIQR reader takes one tone per word (a Vietnamese syllable has one), so that "Ha` No^.i." keeps its
        // final full stop; random words here obey that rule but put literal mnemonics everywhere around them.
        var random = new Random(1456);
        var toned = VietnameseCorpus.AllLetters().Where(l => l.Tone != 0).Select(l => l.Letter).ToArray();
        var toneless = VietnameseCorpus.AllLetters().Where(l => l.Tone == 0 && l.Vowel != 'đ').Select(l => l.Letter).Concat("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX").ToArray();
        const string separators = " .,?'`~^(+\\-:/0123456789";
        for (var i = 0; i < Iterations; i++)
        {
            var builder = new StringBuilder();
            for (var w = random.Next(0, 8); w > 0; w--)
            {
                // đ starts a syllable; it is never inside one.
                var tonePosition = random.Next(-1, 5);
                builder.Append(random.Next(4) switch { 0 => "đ", 1 => "Đ", _ => string.Empty });
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    builder.Append(k == tonePosition ? toned[random.Next(toned.Length)] : toneless[random.Next(toneless.Length)]);
                }

                for (var k = random.Next(1, 3); k > 0; k--)
                {
                    builder.Append(separators[random.Next(separators.Length)]);
                }
            }

            var text = builder.ToString();

            Assert.Equal(text, VietnameseTextConverter.Convert(VietnameseTextConverter.ToLegacyString(text, VietnameseEncoding.Viqr), VietnameseEncoding.Viqr));
        }
    }

    [Fact]
    public void Vni_RandomText_RoundTrips()
    {
        AssertRoundTrips(
            VietnameseLetters + "bcdghklmnpqrstvxBCDGHKLMNPQRSTVX  .,?-“”0123456789",
            text => VietnameseTextConverter.Convert(VietnameseTextConverter.ToLegacyBytes(text, VietnameseEncoding.Vni), VietnameseEncoding.Vni));
    }

    [Fact]
    public void Tcvn3Vn1_RandomText_RoundTrips()
    {
        var options = new VietnameseConversionOptions { Tcvn3UseVn1Capitals = true };
        AssertRoundTrips(
            VietnameseLetters + "bcdghklmnpqrstvxBCDGHKLMNPQRSTVX  .,?-0123456789",
            text => VietnameseTextConverter.Convert(VietnameseTextConverter.ToLegacyBytes(text, VietnameseEncoding.Tcvn3, options), VietnameseEncoding.Tcvn3, options));
    }

    [Fact]
    public void Tcvn3Vn3_RandomLowercaseText_RoundTrips()
    {
        var lower = new string([.. VietnameseLetters.Where(c => !char.IsUpper(c) || "ĂÂÊÔƠƯĐ".Contains(c, StringComparison.Ordinal))]);
        AssertRoundTrips(
            lower + "bcdghklmnpqrstvx  .,?-“”–…°0123456789",
            text => VietnameseTextConverter.Convert(VietnameseTextConverter.ToLegacyBytes(text, VietnameseEncoding.Tcvn3), VietnameseEncoding.Tcvn3));
    }

    [Fact]
    public void Mojibake_RandomText_RoundTrips()
    {
        AssertRoundTrips(
            VietnameseLetters + "bcdghklmnpqrstvx  .,?-“”–…°€日本😀",
            text => VietnameseTextConverter.Convert(TestEncodings.ToMojibake(text), VietnameseEncoding.Utf8Mojibake));
    }

    [Fact]
    public void Convert_RandomBytes_NeverFailsAndReturnsNfc()
    {
        var random = new Random(20261124);
        foreach (var encoding in Enum.GetValues<VietnameseEncoding>().Where(e => e != VietnameseEncoding.Unicode))
        {
            for (var i = 0; i < Iterations; i++)
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);

                var text = VietnameseTextConverter.Convert(bytes, encoding);

                Assert.True(text.IsNormalized(NormalizationForm.FormC));
                _ = LegacyEncodingDetector.Detect(bytes);
            }
        }
    }

    private static void AssertRoundTrips(string alphabet, Func<string, string> roundTrip)
    {
        var random = new Random(6909);
        for (var i = 0; i < Iterations; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 40);
            for (var k = 0; k < length; k++)
            {
                var index = random.Next(alphabet.Length);
                builder.Append(alphabet[index]);
                if (char.IsHighSurrogate(alphabet[index]) && index + 1 < alphabet.Length)
                {
                    builder.Append(alphabet[index + 1]);
                }
                else if (char.IsLowSurrogate(alphabet[index]))
                {
                    builder.Remove(builder.Length - 1, 1);
                }
            }

            var text = builder.ToString().Normalize(NormalizationForm.FormC);

            Assert.Equal(text, roundTrip(text));
        }
    }
}
