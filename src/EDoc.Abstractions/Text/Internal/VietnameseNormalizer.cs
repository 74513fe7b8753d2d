using System.Text;

namespace EDoc.Text.Internal;

/// <summary>
/// NFC for Vietnamese that does not depend on ICU. The platform normalizer is used when it works; in
/// globalization-invariant mode (the default of many container images) <see cref="string.Normalize()"/> leaves text
/// unchanged, so a table-driven composer takes over: it composes every Vietnamese letter from its base and the
/// combining breve, circumflex, horn and tone marks, in any canonically equivalent order, and leaves other
/// combining sequences as they are.
/// </summary>
internal static class VietnameseNormalizer
{
    private const char Circumflex = '\u0302';
    private const char Breve = '\u0306';
    private const char Horn = '\u031B';

    /// <summary>Whether the platform normalizer composes Vietnamese (false in globalization-invariant mode).</summary>
    public static bool PlatformWorks { get; } = ProbePlatform();

    public static string ToNfc(string text) => PlatformWorks ? text.Normalize(NormalizationForm.FormC) : ComposeManaged(text);

    public static bool IsNfc(string text) => PlatformWorks ? text.IsNormalized(NormalizationForm.FormC) : string.Equals(ComposeManaged(text), text, StringComparison.Ordinal);

    /// <summary>The table-driven composer (internal to the tests, which judge it against ICU).</summary>
    public static string ComposeManaged(string text)
    {
        if (!NeedsWork(text))
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var marks = new List<char>(4);
        var i = 0;
        while (i < text.Length)
        {
            var starter = text[i];
            var hasStarter = !IsVietnameseMark(starter);
            var end = i + 1;
            while (end < text.Length && IsVietnameseMark(text[end]))
            {
                end++;
            }

            if (end == i + 1 && hasStarter)
            {
                output.Append(starter);
                i++;
                continue;
            }

            // Canonical decomposition of the starter (Vietnamese letters only), the marks that follow, canonical
            // ordering by combining class, then canonical composition — UAX #15 on the Vietnamese repertoire.
            marks.Clear();
            var current = hasStarter ? Decompose(starter, marks) : '\0';
            for (var k = hasStarter ? i + 1 : i; k < end; k++)
            {
                marks.Add(Singleton(text[k]));
            }

            SortByCombiningClass(marks);
            var lastUncomposedClass = -1;
            var remaining = new StringBuilder();
            foreach (var mark in marks)
            {
                var markClass = CombiningClass(mark);
                if (hasStarter && markClass != lastUncomposedClass && TryComposePair(current, mark, out var composed))
                {
                    current = composed;
                    continue;
                }

                lastUncomposedClass = markClass;
                remaining.Append(mark);
            }

            if (hasStarter)
            {
                output.Append(current);
            }

            output.Append(remaining);
            i = end;
        }

        return output.ToString();
    }

    // U+0340 and U+0341 are canonical singletons of U+0300 and U+0301: NFC never keeps them.
    private static char Singleton(char c) => c switch
    {
        '\u0340' => '\u0300',
        '\u0341' => '\u0301',
        _ => c,
    };

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (IsVietnameseMark(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVietnameseMark(char c) => c is Circumflex or Breve or Horn or '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323' or '\u0340' or '\u0341';

    private static char Decompose(char starter, List<char> marks)
    {
        if (!VietnameseLetters.TryGetParts(starter, out var baseLetter, out var tone) || baseLetter is 'đ' or 'Đ')
        {
            return starter;
        }

        var (ascii, modifier) = SplitModifier(baseLetter);
        if (modifier != '\0')
        {
            marks.Add(modifier);
        }

        if (tone != VietnameseTone.None)
        {
            marks.Add(VietnameseLetters.ToneMarks[(int)tone - 1]);
        }

        return ascii;
    }

    private static int CombiningClass(char mark) => mark switch
    {
        Horn => 216,
        '\u0323' => 220,
        _ => 230,
    };

    private static void SortByCombiningClass(List<char> marks)
    {
        // Insertion sort: stable, and clusters are short.
        for (var a = 1; a < marks.Count; a++)
        {
            var mark = marks[a];
            var b = a - 1;
            while (b >= 0 && CombiningClass(marks[b]) > CombiningClass(mark))
            {
                marks[b + 1] = marks[b];
                b--;
            }

            marks[b + 1] = mark;
        }
    }

    // The primary composites of the Vietnamese repertoire. Note the canonical decompositions: ậ = ạ + circumflex,
    // ặ = ạ + breve, ệ = ẹ + circumflex, ộ = ọ + circumflex, but ợ = ơ + dot below and ự = ư + dot below.
    private static bool TryComposePair(char current, char mark, out char composed)
    {
        composed = default;
        var upper = char.IsUpper(current);
        var lower = char.ToLowerInvariant(current);
        char result;
        if (mark is Circumflex or Breve or Horn)
        {
            result = (lower, mark) switch
            {
                ('a', Breve) => 'ă',
                ('a', Circumflex) => 'â',
                ('e', Circumflex) => 'ê',
                ('o', Circumflex) => 'ô',
                ('o', Horn) => 'ơ',
                ('u', Horn) => 'ư',
                ('ạ', Breve) => 'ặ',
                ('ạ', Circumflex) => 'ậ',
                ('ẹ', Circumflex) => 'ệ',
                ('ọ', Circumflex) => 'ộ',
                _ => '\0',
            };
        }
        else
        {
            var tone = VietnameseLetters.ToneOfMark(mark);
            if (!VietnameseLetters.TryGetParts(lower, out var baseLetter, out var existing) || existing != VietnameseTone.None || baseLetter == 'đ'
                || (tone == VietnameseTone.Dot && lower is 'ă' or 'â' or 'ê' or 'ô')
                || !VietnameseLetters.TryCompose(lower, tone, out result))
            {
                return false;
            }
        }

        if (result == '\0')
        {
            return false;
        }

        composed = upper ? char.ToUpperInvariant(result) : result;
        return true;
    }

    private static (char Ascii, char Modifier) SplitModifier(char baseLetter)
    {
        var lower = char.ToLowerInvariant(baseLetter);
        var (ascii, modifier) = lower switch
        {
            'ă' => ('a', Breve),
            'â' => ('a', Circumflex),
            'ê' => ('e', Circumflex),
            'ô' => ('o', Circumflex),
            'ơ' => ('o', Horn),
            'ư' => ('u', Horn),
            _ => (lower, '\0'),
        };
        return (char.IsUpper(baseLetter) ? char.ToUpperInvariant(ascii) : ascii, modifier);
    }

    private static bool ProbePlatform()
    {
        try
        {
            return string.Equals("e\u0323\u0302".Normalize(NormalizationForm.FormC), "\u1EC7", StringComparison.Ordinal);
        }
        catch (PlatformNotSupportedException)
        {
            return false;
        }
    }
}
