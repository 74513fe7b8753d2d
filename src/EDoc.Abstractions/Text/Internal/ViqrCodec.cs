using System.Text;

namespace EDoc.Text.Internal;

/// <summary>
/// VIQR (RFC 1456): a vowel is followed by its modifier — <c>(</c> breve, <c>^</c> circumflex, <c>+</c> horn — and
/// then its tone — <c>'</c> sắc, <c>`</c> huyền, <c>?</c> hỏi, <c>~</c> ngã, <c>.</c> nặng; <c>dd</c>/<c>DD</c> is
/// đ/Đ; a backslash makes the next mnemonic literal (<c>\.</c>).
/// </summary>
internal static class ViqrCodec
{
    private const string ToneChars = "'`?~.";
    private const string MnemonicChars = "'`?~.(^+\\";

    /// <summary>Decodes VIQR to Unicode (NFC).</summary>
    /// <param name="text">The VIQR text.</param>
    /// <param name="conservative">
    /// When true (detection evidence, or on request), a <c>.</c> or <c>?</c> that ends a word is read as punctuation.
    /// </param>
    /// <param name="replacements">How many output characters came from mnemonics or escapes.</param>
    public static string Decode(string text, bool conservative, out int replacements)
    {
        var output = new StringBuilder(text.Length);
        replacements = 0;
        var syllableHasTone = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (MnemonicChars.Contains(text[i + 1], StringComparison.Ordinal) || text[i + 1] is 'd' or 'D'))
            {
                output.Append(text[i + 1]);
                replacements++;
                i += 2;
                if (!char.IsLetter(output[^1]))
                {
                    syllableHasTone = false;
                }

                continue;
            }

            if ((c == 'd' || c == 'D') && i + 1 < text.Length && StartsDd(c, text[i + 1], output.Length > 0 ? output[^1] : '\0'))
            {
                output.Append(c == 'd' ? 'đ' : 'Đ');
                replacements++;
                i += 2;
                continue;
            }

            if (!IsAsciiVowel(c))
            {
                output.Append(c);
                if (!char.IsLetter(c))
                {
                    syllableHasTone = false;
                }

                i++;
                continue;
            }

            var letter = c;
            i++;
            if (i < text.Length && TryModify(letter, text[i], out var modified))
            {
                letter = modified;
                i++;
            }

            if (i < text.Length && !syllableHasTone && ToneChars.Contains(text[i], StringComparison.Ordinal)
                && !IsLiteralPunctuation(text, i, conservative))
            {
                var tone = (VietnameseTone)(ToneChars.IndexOf(text[i], StringComparison.Ordinal) + 1);
                if (VietnameseLetters.TryCompose(letter, tone, out var toned))
                {
                    letter = toned;
                    syllableHasTone = true;
                    i++;
                }
            }

            if (letter != c)
            {
                replacements++;
            }

            output.Append(letter);
        }

        return output.ToString();
    }

    /// <summary>Encodes Unicode text as VIQR, escaping literal mnemonics that would otherwise be read as marks.</summary>
    public static string Encode(string text)
    {
        var nfc = VietnameseNormalizer.ToNfc(text);
        var output = new StringBuilder(nfc.Length + (nfc.Length / 4));
        var afterVowel = false;
        for (var i = 0; i < nfc.Length; i++)
        {
            var c = nfc[i];
            if (c is 'đ' or 'Đ')
            {
                output.Append(c == 'đ' ? "dd" : "DD");
                afterVowel = false;
                continue;
            }

            if (VietnameseLetters.TryGetParts(c, out var baseLetter, out var tone))
            {
                var (ascii, modifier) = SplitModifier(baseLetter);
                output.Append(ascii);
                if (modifier != '\0')
                {
                    output.Append(modifier);
                }

                if (tone != VietnameseTone.None)
                {
                    output.Append(ToneChars[(int)tone - 1]);
                }

                afterVowel = true;
                continue;
            }

            if (MnemonicChars.Contains(c, StringComparison.Ordinal) && (afterVowel || c == '\\'))
            {
                output.Append('\\');
            }
            else if (i > 0 && nfc[i - 1] is 'd' or 'D' && StartsDd(nfc[i - 1], c, i > 1 ? nfc[i - 2] : '\0'))
            {
                // A literal "dd" the reader would take for đ.
                output.Append('\\');
            }

            output.Append(c);
            afterVowel = false;
        }

        return output.ToString();
    }

    private static bool IsLiteralPunctuation(string text, int index, bool conservative)
    {
        var c = text[index];
        if (c is not ('.' or '?'))
        {
            return false;
        }

        var next = index + 1 < text.Length ? text[index + 1] : '\0';
        if (next == c)
        {
            // "..." or "??" after a vowel is punctuation.
            return true;
        }

        return conservative && (next == '\0' || char.IsWhiteSpace(next) || char.IsPunctuation(next));
    }

    // dd → đ and DD or Dd → Đ at the start of a word; inside an upper-case word DD is Đ too ("QDD-UBND" → QĐ-UBND).
    private static bool StartsDd(char first, char second, char previous)
    {
        if (first == 'd' && second == 'd')
        {
            return !char.IsLetter(previous);
        }

        if (first == 'D' && second is 'd' or 'D')
        {
            return !char.IsLetter(previous) || (second == 'D' && char.IsUpper(previous));
        }

        return false;
    }

    private static bool IsAsciiVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'A' or 'E' or 'I' or 'O' or 'U' or 'Y';

    private static bool TryModify(char vowel, char mnemonic, out char modified)
    {
        modified = (char.ToLowerInvariant(vowel), mnemonic) switch
        {
            ('a', '(') => 'ă',
            ('a', '^') => 'â',
            ('e', '^') => 'ê',
            ('o', '^') => 'ô',
            ('o', '+') => 'ơ',
            ('u', '+') => 'ư',
            _ => '\0',
        };
        if (modified == '\0')
        {
            return false;
        }

        if (char.IsUpper(vowel))
        {
            modified = char.ToUpperInvariant(modified);
        }

        return true;
    }

    private static (char Ascii, char Modifier) SplitModifier(char baseLetter)
    {
        var lower = char.ToLowerInvariant(baseLetter);
        var (ascii, modifier) = lower switch
        {
            'ă' => ('a', '('),
            'â' => ('a', '^'),
            'ê' => ('e', '^'),
            'ô' => ('o', '^'),
            'ơ' => ('o', '+'),
            'ư' => ('u', '+'),
            _ => (lower, '\0'),
        };
        return (char.IsUpper(baseLetter) ? char.ToUpperInvariant(ascii) : ascii, modifier);
    }
}
