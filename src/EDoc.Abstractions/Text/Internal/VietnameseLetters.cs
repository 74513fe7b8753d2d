namespace EDoc.Text.Internal;

/// <summary>The Vietnamese letters: 12 vowels × 6 tones and đ, both cases, with their parts.</summary>
internal static class VietnameseLetters
{
    /// <summary>The twelve vowels with their modifiers (breve, circumflex, horn), lowercase.</summary>
    public const string Vowels = "aăâeêioôơuưy";

    /// <summary>The combining tone marks in the order of <see cref="VietnameseTone"/> (after <c>None</c>).</summary>
    public const string ToneMarks = "\u0301\u0300\u0309\u0303\u0323";

    // One row per vowel of <see cref="Vowels"/>: no tone, sắc, huyền, hỏi, ngã, nặng. Data, not derived from the
    // platform normalizer, which does nothing in globalization-invariant mode.
    private static readonly string[] ToneRows =
    [
        "aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị",
        "oóòỏõọ", "ôốồổỗộ", "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ",
    ];

    private static readonly Dictionary<char, (char Base, VietnameseTone Tone)> Parts = BuildParts();
    private static readonly Dictionary<(char Base, VietnameseTone Tone), char> Composed =
        Parts.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Every Vietnamese letter that is not plain ASCII (67 lowercase, 67 uppercase).</summary>
    public static IReadOnlyCollection<char> NonAsciiLetters { get; } = Parts.Keys.Where(c => c > 0x7F).ToArray();

    /// <summary>Whether a character is a Vietnamese letter outside ASCII (ă, ệ, Đ…).</summary>
    public static bool IsNonAsciiLetter(char c) => c > 0x7F && Parts.ContainsKey(c);

    /// <summary>Whether a character is a vowel letter, with or without marks.</summary>
    public static bool IsVowel(char c) => Parts.TryGetValue(c, out var p) && p.Base != 'đ' && p.Base != 'Đ';

    /// <summary>Splits a letter into its toneless letter and its tone.</summary>
    public static bool TryGetParts(char c, out char baseLetter, out VietnameseTone tone)
    {
        if (Parts.TryGetValue(c, out var p))
        {
            (baseLetter, tone) = p;
            return true;
        }

        baseLetter = c;
        tone = VietnameseTone.None;
        return false;
    }

    /// <summary>Adds a tone to a toneless vowel letter.</summary>
    public static bool TryCompose(char baseLetter, VietnameseTone tone, out char letter) => Composed.TryGetValue((baseLetter, tone), out letter);

    /// <summary>The tone a combining mark stands for, or <c>None</c>.</summary>
    public static VietnameseTone ToneOfMark(char mark)
    {
        var index = ToneMarks.IndexOf(mark, StringComparison.Ordinal);
        return index < 0 ? VietnameseTone.None : (VietnameseTone)(index + 1);
    }

    private static Dictionary<char, (char, VietnameseTone)> BuildParts()
    {
        var parts = new Dictionary<char, (char, VietnameseTone)>();
        foreach (var row in ToneRows)
        {
            for (var t = 0; t < row.Length; t++)
            {
                parts[row[t]] = (row[0], (VietnameseTone)t);
                parts[char.ToUpperInvariant(row[t])] = (char.ToUpperInvariant(row[0]), (VietnameseTone)t);
            }
        }

        parts['đ'] = ('đ', VietnameseTone.None);
        parts['Đ'] = ('Đ', VietnameseTone.None);
        return parts;
    }
}

/// <summary>The six tones (thanh điệu) of Vietnamese.</summary>
internal enum VietnameseTone
{
    /// <summary>Thanh ngang (no mark).</summary>
    None = 0,

    /// <summary>Dấu sắc (acute).</summary>
    Acute = 1,

    /// <summary>Dấu huyền (grave).</summary>
    Grave = 2,

    /// <summary>Dấu hỏi (hook above).</summary>
    Hook = 3,

    /// <summary>Dấu ngã (tilde).</summary>
    Tilde = 4,

    /// <summary>Dấu nặng (dot below).</summary>
    Dot = 5,
}
