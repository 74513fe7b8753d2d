using System.Text;

namespace EDoc.Text.Internal;

/// <summary>
/// A permissive check that a word is a well-formed Vietnamese syllable (âm tiết): initial consonant, vowel cluster,
/// final consonant, at most one tone, and sắc or nặng only before the stops c, ch, p, t. Used to score candidate
/// conversions when detecting a legacy encoding, never to reject text.
/// </summary>
internal static class VietnameseSyllable
{
    private static readonly string[] Initials =
    [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ];

    // Vowel cluster → finals it takes ("" = may stand alone). Semivowel endings (ai, ao, ươi…) take no final.
    private static readonly Dictionary<string, string[]> Rhymes = BuildRhymes();

    /// <summary>Whether <paramref name="word"/> (letters only, any normalization form) is a Vietnamese syllable.</summary>
    public static bool IsValid(string word)
    {
        if (word.Length == 0 || word.Length > 8)
        {
            return false;
        }

        var nfc = VietnameseNormalizer.ToNfc(word);
        if (!IsConsistentCase(nfc))
        {
            return false;
        }

        var lower = nfc.ToLowerInvariant();
        var letters = new StringBuilder(lower.Length);
        var tone = VietnameseTone.None;
        foreach (var c in lower)
        {
            if (VietnameseLetters.TryGetParts(c, out var baseLetter, out var letterTone))
            {
                if (letterTone != VietnameseTone.None)
                {
                    if (tone != VietnameseTone.None)
                    {
                        return false;
                    }

                    tone = letterTone;
                }

                letters.Append(baseLetter);
            }
            else if (c is >= 'a' and <= 'z' && c is not ('f' or 'j' or 'w' or 'z'))
            {
                letters.Append(c);
            }
            else
            {
                return false;
            }
        }

        return IsValidToneless(letters.ToString(), tone);
    }

    private static bool IsValidToneless(string s, VietnameseTone tone)
    {
        foreach (var initial in Initials)
        {
            if (s.StartsWith(initial, StringComparison.Ordinal) && IsValidRhyme(s[initial.Length..], initial, tone))
            {
                return true;
            }
        }

        return IsValidRhyme(s, string.Empty, tone);
    }

    private static bool IsValidRhyme(string rhyme, string initial, VietnameseTone tone)
    {
        if (rhyme.Length == 0)
        {
            // "gì": the i of gi is the vowel.
            return initial == "gi";
        }

        foreach (var final in (string[])["", "ch", "nh", "ng", "c", "m", "n", "p", "t"])
        {
            if (!rhyme.EndsWith(final, StringComparison.Ordinal))
            {
                continue;
            }

            var cluster = rhyme[..^final.Length];
            if (cluster.Length == 0 || !Rhymes.TryGetValue(cluster, out var finals) || !finals.Contains(final))
            {
                continue;
            }

            var isStop = final is "c" or "ch" or "p" or "t";
            if (isStop && tone is not (VietnameseTone.Acute or VietnameseTone.Dot))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool IsConsistentCase(string word)
    {
        var upper = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]))
            {
                upper++;
                if (i > 0 && upper != i + 1)
                {
                    return false;
                }
            }
            else if (upper > 1)
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, string[]> BuildRhymes()
    {
        string[] open = [""];
        var rhymes = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["a"] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"],
            ["ă"] = ["c", "m", "n", "ng", "p", "t"],
            ["â"] = ["c", "m", "n", "ng", "p", "t"],
            ["e"] = ["", "c", "m", "n", "ng", "p", "t"],
            ["ê"] = ["", "ch", "m", "n", "nh", "p", "t"],
            ["i"] = ["", "ch", "m", "n", "nh", "p", "t"],
            ["o"] = ["", "c", "m", "n", "ng", "p", "t"],
            ["ô"] = ["", "c", "m", "n", "ng", "p", "t"],
            ["ơ"] = ["", "m", "n", "p", "t"],
            ["u"] = ["", "c", "m", "n", "ng", "p", "t"],
            ["ư"] = ["", "c", "m", "n", "ng", "t"],
            ["y"] = [""],
            ["iê"] = ["c", "m", "n", "ng", "p", "t"],
            ["yê"] = ["c", "m", "n", "ng", "p", "t"],
            ["oa"] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"],
            ["oă"] = ["c", "m", "n", "ng", "p", "t"],
            ["oe"] = ["", "c", "m", "n", "p", "t"],
            ["oo"] = ["c", "ng"],
            ["uâ"] = ["c", "n", "ng", "t"],
            ["uê"] = ["", "ch", "n", "nh"],
            ["uô"] = ["c", "m", "n", "ng", "p", "t"],
            ["uơ"] = ["", "n"],
            ["uy"] = ["", "ch", "n", "nh", "p", "t"],
            ["uyê"] = ["n", "t"],
            ["ươ"] = ["c", "m", "n", "ng", "p", "t"],
        };
        foreach (var cluster in (string[])
                 ["ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu",
                  "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu", "uai", "uay", "uau"])
        {
            rhymes[cluster] = open;
        }

        return rhymes;
    }
}
