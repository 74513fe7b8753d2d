using System.Text;

namespace EDoc.Abstractions.Tests.Text;

/// <summary>
/// Independent writers of the legacy encodings, built from the published rules rather than from the SDK's tables,
/// and the .NET Windows-1252 code page as a judge.
/// </summary>
internal static class TestEncodings
{
    static TestEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>
    /// VNI-Windows by its rules: base letter, then one mark byte; tone bytes ù ø û õ ï; circumflex and breve bytes
    /// already carry the tone; ơ ư đ, the i letters and ỵ have bytes of their own. Upper case uses the upper-case mark.
    /// </summary>
    public static string ToVniByRules(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            builder.Append(VniLetter(c));
        }

        return builder.ToString();
    }

    public static string VniLetter(char c)
    {
        if (c == 'đ')
        {
            return "ñ";
        }

        if (c == 'Đ')
        {
            return "Ñ";
        }

        var (ascii, modifier, tone) = Split(c);
        if (ascii == '\0')
        {
            return c.ToString();
        }

        var upper = char.IsUpper(ascii);
        var lower = char.ToLowerInvariant(ascii);
        const string toneBytes = " ùøûõï";      // none, sắc, huyền, hỏi, ngã, nặng
        const string circumflexBytes = "âáàåãä";
        const string breveBytes = "êéèúüë";
        const string iLetters = "iíìæóò";
        string result;
        if (lower == 'i')
        {
            result = iLetters[tone].ToString();
        }
        else if (lower == 'y' && tone == 5)
        {
            result = "î";
        }
        else if (modifier == '\u031B')
        {
            result = (lower == 'o' ? "ô" : "ö") + (tone == 0 ? string.Empty : toneBytes[tone].ToString());
        }
        else if (modifier == '\u0302')
        {
            result = lower + circumflexBytes[tone].ToString();
        }
        else if (modifier == '\u0306')
        {
            result = lower + breveBytes[tone].ToString();
        }
        else
        {
            result = lower + (tone == 0 ? string.Empty : toneBytes[tone].ToString());
        }

        return upper ? result.ToUpperInvariant() : result;
    }

    /// <summary>VIQR by RFC 1456: vowel, modifier ( ^ +, tone ' ` ? ~ .; dd/DD; literal mnemonics after a vowel escaped.</summary>
    public static string ToViqrByRules(string text)
    {
        const string toneChars = " '`?~.";
        var builder = new StringBuilder();
        var afterVowel = false;
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c is 'đ' or 'Đ')
            {
                builder.Append(c == 'đ' ? "dd" : "DD");
                afterVowel = false;
                continue;
            }

            var (ascii, modifier, tone) = Split(c);
            if (ascii != '\0' && "aeiouyAEIOUY".Contains(ascii, StringComparison.Ordinal))
            {
                builder.Append(ascii);
                builder.Append(modifier switch
                {
                    '\u0306' => "(",
                    '\u0302' => "^",
                    '\u031B' => "+",
                    _ => string.Empty,
                });
                if (tone != 0)
                {
                    builder.Append(toneChars[tone]);
                }

                afterVowel = true;
                continue;
            }

            if (afterVowel && "'`?~.(^+".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            afterVowel = false;
        }

        return builder.ToString();
    }

    /// <summary>UTF-8 bytes shown through Windows-1252: the classic mojibake.</summary>
    public static string ToMojibake(string text) => Windows1252.GetString(Encoding.UTF8.GetBytes(text));

    // Splits a letter by canonical decomposition: ASCII base, modifier (breve, circumflex, horn), tone 0–5.
    private static (char Ascii, char Modifier, int Tone) Split(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        if (decomposed[0] > 0x7F || !char.IsLetter(decomposed[0]))
        {
            return ('\0', '\0', 0);
        }

        var modifier = '\0';
        var tone = 0;
        foreach (var mark in decomposed.AsSpan(1))
        {
            switch (mark)
            {
                case '\u0301': tone = 1; break;
                case '\u0300': tone = 2; break;
                case '\u0309': tone = 3; break;
                case '\u0303': tone = 4; break;
                case '\u0323': tone = 5; break;
                case '\u0302' or '\u0306' or '\u031B': modifier = mark; break;
                default:
                    return ('\0', '\0', 0);
            }
        }

        return (decomposed[0], modifier, tone);
    }
}
