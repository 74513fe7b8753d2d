using System.Globalization;
using System.Text;
using EDoc.Text.Internal;

namespace EDoc.Text;

/// <summary>
/// Vietnamese text in Unicode (TCVN 6909:2001): normalization to NFC ("Unicode dựng sẵn"), the form the SDK uses at
/// every boundary, and comparisons that treat canonically equivalent text as equal.
/// </summary>
/// <remarks>
/// Text arriving in the combining form ("Unicode tổ hợp", NFD — for example file names from macOS) is composed; the
/// canonical order of marks is restored first, so "e + circumflex + dot below" and "e + dot below + circumflex" both
/// become ệ. đ and Đ have no decomposition and are kept. Legacy encodings (TCVN3, VNI, VIQR) are converted by
/// <see cref="VietnameseTextConverter"/>.
/// <para>
/// Normalization uses the platform (ICU or Windows). In globalization-invariant mode, where .NET's
/// <see cref="string.Normalize()"/> leaves text unchanged, a built-in composer applies the same algorithm to the
/// Vietnamese repertoire, so Vietnamese text is still composed; compositions outside it (î, ñ, ḍ) are then left as
/// they are.
/// </para>
/// </remarks>
public static class VietnameseText
{
    /// <summary>Normalizes text to Unicode NFC (dựng sẵn), the form TCVN 6909:2001 exchange expects.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The NFC text; the same instance when it was already normalized.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not well-formed UTF-16 (a lone surrogate).</exception>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureWellFormed(text);
        return VietnameseNormalizer.ToNfc(text);
    }

    /// <summary>Whether text is already in NFC.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when <see cref="Normalize"/> would not change it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not well-formed UTF-16 (a lone surrogate).</exception>
    public static bool IsNormalized(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureWellFormed(text);
        return VietnameseNormalizer.IsNfc(text);
    }

    /// <summary>Whether two texts are equal under a Vietnamese comparison (NFC first, then the options).</summary>
    /// <param name="left">The first text, or <see langword="null"/>.</param>
    /// <param name="right">The second text, or <see langword="null"/>.</param>
    /// <param name="comparison">What to ignore.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or their comparison keys are equal.</returns>
    public static bool AreEquivalent(string? left, string? right, VietnameseComparison comparison = VietnameseComparison.None)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return string.Equals(GetComparisonKey(left, comparison), GetComparisonKey(right, comparison), StringComparison.Ordinal);
    }

    /// <summary>
    /// A key for matching and indexing: two texts are equivalent under <paramref name="comparison"/> exactly when
    /// their keys are ordinally equal. Keys are for lookups, not for display.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="comparison">What to ignore.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string GetComparisonKey(string text, VietnameseComparison comparison = VietnameseComparison.None)
    {
        var key = Normalize(text);
        if ((comparison & VietnameseComparison.IgnoreDiacritics) != 0)
        {
            key = RemoveDiacritics(key);
        }
        else if ((comparison & VietnameseComparison.IgnoreTonePlacement) != 0)
        {
            key = MoveTonesToSyllableEnd(key);
        }

        if ((comparison & VietnameseComparison.IgnoreCase) != 0)
        {
            key = key.ToUpperInvariant();
        }

        return key;
    }

    /// <summary>
    /// Removes every diacritic and turns đ/Đ into d/D ("bỏ dấu"): <c>Quyết định</c> → <c>Quyet dinh</c>. For search
    /// keys, slugs and file names; the result is NFC.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without diacritics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string RemoveDiacritics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nfc = Normalize(text);
        var builder = new StringBuilder(nfc.Length);
        foreach (var c in nfc)
        {
            if (VietnameseLetters.TryGetParts(c, out var baseLetter, out _))
            {
                builder.Append(baseLetter switch
                {
                    'ă' or 'â' => 'a',
                    'Ă' or 'Â' => 'A',
                    'ê' => 'e',
                    'Ê' => 'E',
                    'ô' or 'ơ' => 'o',
                    'Ô' or 'Ơ' => 'O',
                    'ư' => 'u',
                    'Ư' => 'U',
                    'đ' => 'd',
                    'Đ' => 'D',
                    _ => baseLetter,
                });
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            else if (c > 0x7F && VietnameseNormalizer.PlatformWorks)
            {
                // Other letters with diacritics (ç, ñ, ü) through the platform's decomposition, when it has one.
                foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                    {
                        builder.Append(part);
                    }
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether a character is one of the 134 Vietnamese letters outside ASCII (ă â đ ê ô ơ ư and the toned vowels, both cases).</summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> for a Vietnamese letter such as ệ or Đ.</returns>
    public static bool IsVietnameseLetter(char c) => VietnameseLetters.IsNonAsciiLetter(c);

    private static string MoveTonesToSyllableEnd(string nfc)
    {
        var builder = new StringBuilder(nfc.Length + 8);
        var word = new StringBuilder();
        foreach (var c in nfc)
        {
            if (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(c);
                continue;
            }

            AppendWord(builder, word);
            builder.Append(c);
        }

        AppendWord(builder, word);
        return builder.ToString();

        static void AppendWord(StringBuilder builder, StringBuilder word)
        {
            if (word.Length == 0)
            {
                return;
            }

            var tone = VietnameseTone.None;
            var tones = 0;
            var toneless = new StringBuilder(word.Length);
            for (var i = 0; i < word.Length; i++)
            {
                var c = word[i];
                if (VietnameseLetters.TryGetParts(c, out var baseLetter, out var letterTone) && letterTone != VietnameseTone.None)
                {
                    tone = letterTone;
                    tones++;
                    toneless.Append(baseLetter);
                }
                else if (VietnameseLetters.ToneOfMark(c) is var markTone && markTone != VietnameseTone.None)
                {
                    tone = markTone;
                    tones++;
                }
                else
                {
                    toneless.Append(c);
                }
            }

            if (tones != 1)
            {
                builder.Append(word);
            }
            else
            {
                // The tone goes after the word; U+034F (combining grapheme joiner) keeps it apart from the last letter.
                builder.Append(toneless).Append('\u034F').Append(VietnameseLetters.ToneMarks[(int)tone - 1]);
            }

            word.Clear();
        }
    }

    /// <summary>Throws <see cref="EDocFormatException"/> when the text has a lone surrogate.</summary>
    internal static void EnsureWellFormed(string text)
    {
        if (FindLoneSurrogate(text) is { } location)
        {
            throw new EDocFormatException("Text", location, "the text is not well-formed Unicode (lone surrogate).");
        }
    }

    private static string? FindLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(text[i]))
            {
                return $"character {i}";
            }
        }

        return null;
    }
}
