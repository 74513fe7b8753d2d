using System.Globalization;
using System.Text;
using EDoc.Text.Internal;

namespace EDoc.Text;

/// <summary>
/// Guesses whether Vietnamese text is Unicode or one of the legacy encodings (TCVN3, VNI, VIQR) or UTF-8 mojibake.
/// </summary>
/// <remarks>
/// Each reading of the text is tried; the words it produces that contain Vietnamese letters or other non-ASCII
/// characters are checked against the structure of a Vietnamese syllable (initial, vowel cluster, final, one tone).
/// The reading with the highest share of well-formed syllables wins, Unicode on ties. Plain ASCII without VIQR
/// mnemonics is reported as <see cref="VietnameseEncoding.Unicode"/>, ambiguous, with confidence 0: there is nothing
/// to convert. Only the first 256 KiB characters are examined.
/// </remarks>
public static class LegacyEncodingDetector
{
    private const int SampleLength = 256 * 1024;
    private const double AmbiguityMargin = 0.1;

    // A legacy reading must make at least this share of its words well-formed before it is believed at all.
    private const double MinimumLegacyScore = 0.75;

    /// <summary>Detects the encoding of text already held in a string (legacy bytes read as Windows-1252 or Latin-1).</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The detection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not well-formed UTF-16 (a lone surrogate).</exception>
    public static VietnameseEncodingDetection Detect(string text, VietnameseConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= VietnameseConversionOptions.Default;
        options.Validate();
        VietnameseText.EnsureWellFormed(text);
        return DetectCore(Sample(text), options);
    }

    /// <summary>
    /// Detects the encoding of bytes from a file: well-formed UTF-8 (or text with a byte order mark) is read as
    /// Unicode, anything else as single-byte text, then examined as <see cref="Detect(string, VietnameseConversionOptions?)"/> does.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The detection.</returns>
    /// <exception cref="EDocFormatException">The bytes start with a UTF-16 byte order mark but are not UTF-16.</exception>
    public static VietnameseEncodingDetection Detect(ReadOnlySpan<byte> bytes, VietnameseConversionOptions? options = null)
    {
        options ??= VietnameseConversionOptions.Default;
        options.Validate();
        var text = LegacyDecoders.ReadBytes(Sample(bytes), out _, out _);
        return DetectCore(text, options);
    }

    /// <summary>The first 256 Ki characters, not splitting a surrogate pair.</summary>
    internal static string Sample(string text)
    {
        if (text.Length <= SampleLength)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[SampleLength - 1]) ? SampleLength - 1 : SampleLength;
        return text[..length];
    }

    /// <summary>The first 256 KiB, not splitting a UTF-8 sequence.</summary>
    internal static ReadOnlySpan<byte> Sample(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= SampleLength)
        {
            return bytes;
        }

        // Count the continuation bytes at the cut; if the sequence they belong to does not fit, cut before its lead.
        var continuation = 0;
        while (continuation < 3 && (bytes[SampleLength - 1 - continuation] & 0xC0) == 0x80)
        {
            continuation++;
        }

        var lead = bytes[SampleLength - 1 - continuation];
        var sequenceLength = lead switch
        {
            >= 0xF0 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        var end = sequenceLength > continuation + 1 ? SampleLength - 1 - continuation : SampleLength;
        return bytes[..end];
    }

    internal static VietnameseEncodingDetection DetectCore(string text, VietnameseConversionOptions options)
    {
        var candidates = new List<VietnameseEncodingCandidate> { Evaluate(VietnameseEncoding.Unicode, text) };
        if (LegacyDecoders.IsSingleByteText(text))
        {
            if (LegacyDecoders.DecodeTcvn3(text, options.Tcvn3UseVn1Capitals, uppercaseFont: false, out var tcvnChanged) is var tcvn && tcvnChanged > 0)
            {
                candidates.Add(Evaluate(VietnameseEncoding.Tcvn3, tcvn));
            }

            if (LegacyDecoders.DecodeVni(text, out var vniChanged) is var vni && vniChanged > 0)
            {
                candidates.Add(Evaluate(VietnameseEncoding.Vni, vni));
            }
        }

        var viqr = ViqrCodec.Decode(text, conservative: true, out var viqrChanged);
        if (viqrChanged > 0)
        {
            candidates.Add(Evaluate(VietnameseEncoding.Viqr, viqr));
        }

        var repaired = MojibakeRepair.Repair(text, options.MaxMojibakePasses, out var mojibakeChanged);
        if (mojibakeChanged > 0)
        {
            candidates.Add(Evaluate(VietnameseEncoding.Utf8Mojibake, repaired));
        }

        // Best score first; on equal scores more evidence, then Unicode (the reading that changes nothing).
        var ordered = candidates
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.Evidence)
            .ThenBy(c => c.Encoding == VietnameseEncoding.Unicode ? 0 : 1)
            .ToArray();
        var best = ordered[0];
        var unicode = candidates[0];
        var isAscii = IsAscii(text);
        if (best.Evidence == 0)
        {
            return new VietnameseEncodingDetection(VietnameseEncoding.Unicode, 0, isAmbiguous: true, isAscii, ordered);
        }

        if (best.Encoding != VietnameseEncoding.Unicode
            && (best.Score < MinimumLegacyScore || (unicode.Evidence > 0 && best.Score - unicode.Score < AmbiguityMargin)))
        {
            // The text reads about as well as it is, or the legacy reading is poor too: leave it.
            return new VietnameseEncodingDetection(VietnameseEncoding.Unicode, Confidence(unicode), isAmbiguous: true, isAscii, ordered);
        }

        var runnerUp = ordered.Skip(1).FirstOrDefault(c => c.Evidence > 0);
        var isAmbiguous = runnerUp.Evidence > 0 && best.Score - runnerUp.Score < AmbiguityMargin
            && best.Encoding != VietnameseEncoding.Unicode && runnerUp.Encoding != VietnameseEncoding.Unicode;
        return new VietnameseEncodingDetection(best.Encoding, Confidence(best), isAmbiguous, isAscii && best.Encoding == VietnameseEncoding.Unicode, ordered);
    }

    private static double Confidence(VietnameseEncodingCandidate candidate)
        => Math.Round(candidate.Score * candidate.Evidence / (candidate.Evidence + 0.5), 4);

    private static VietnameseEncodingCandidate Evaluate(VietnameseEncoding encoding, string reading)
    {
        var evidence = 0;
        var good = 0;
        var word = new StringBuilder();
        var nfc = VietnameseNormalizer.ToNfc(reading);
        for (var i = 0; i <= nfc.Length; i++)
        {
            var c = i < nfc.Length ? nfc[i] : ' ';
            if (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || IsLegacyLetterSymbol(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                var w = word.ToString();
                if (!IsAscii(w))
                {
                    evidence++;
                    if (VietnameseSyllable.IsValid(w))
                    {
                        good++;
                    }
                }

                word.Clear();
            }
        }

        return new VietnameseEncodingCandidate(encoding, evidence == 0 ? 0 : Math.Round((double)good / evidence, 4), evidence);
    }

    // Legacy bytes read as Windows-1252 also show as symbols inside words (TCVN3 "H¹nh", "x·", "§éc"): they belong
    // to the word, so that the Unicode reading of such a word counts as malformed.
    private static bool IsLegacyLetterSymbol(char c)
        => c is >= '\u0080' and <= '\u009F' or >= '\u00A1' and <= '\u00BF' or '\u02C6' or '\u02DC' or '\u2020' or '\u2021' or '\u2030' or '\u2122';

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
