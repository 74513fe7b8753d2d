namespace EDoc.Text.Internal;

/// <summary>
/// VNI-Windows: a Vietnamese letter is an ASCII base letter followed by a mark byte, except ơ ư đ and the letters on
/// i (and ỵ), which have bytes of their own. The strings below are those bytes as Windows-1252 characters, which is
/// how VNI text looks when a program reads it as Western text ("Vieät Nam").
/// </summary>
internal static class VniTable
{
    // Unicode letter → VNI, all 134 Vietnamese letters that are not plain ASCII. Order per vowel: sắc, huyền,
    // hỏi, ngã, nặng, then the letter with its modifier and its five tones.
    private static readonly (string Letter, string Vni)[] Letters =
    [
        ("á", "aù"), ("à", "aø"), ("ả", "aû"), ("ã", "aõ"), ("ạ", "aï"), ("ă", "aê"),
        ("ắ", "aé"), ("ằ", "aè"), ("ẳ", "aú"), ("ẵ", "aü"), ("ặ", "aë"), ("â", "aâ"),
        ("ấ", "aá"), ("ầ", "aà"), ("ẩ", "aå"), ("ẫ", "aã"), ("ậ", "aä"), ("é", "eù"),
        ("è", "eø"), ("ẻ", "eû"), ("ẽ", "eõ"), ("ẹ", "eï"), ("ê", "eâ"), ("ế", "eá"),
        ("ề", "eà"), ("ể", "eå"), ("ễ", "eã"), ("ệ", "eä"), ("í", "í"), ("ì", "ì"),
        ("ỉ", "æ"), ("ĩ", "ó"), ("ị", "ò"), ("ó", "où"), ("ò", "oø"), ("ỏ", "oû"),
        ("õ", "oõ"), ("ọ", "oï"), ("ô", "oâ"), ("ố", "oá"), ("ồ", "oà"), ("ổ", "oå"),
        ("ỗ", "oã"), ("ộ", "oä"), ("ơ", "ô"), ("ớ", "ôù"), ("ờ", "ôø"), ("ở", "ôû"),
        ("ỡ", "ôõ"), ("ợ", "ôï"), ("ú", "uù"), ("ù", "uø"), ("ủ", "uû"), ("ũ", "uõ"),
        ("ụ", "uï"), ("ư", "ö"), ("ứ", "öù"), ("ừ", "öø"), ("ử", "öû"), ("ữ", "öõ"),
        ("ự", "öï"), ("ý", "yù"), ("ỳ", "yø"), ("ỷ", "yû"), ("ỹ", "yõ"), ("ỵ", "î"),
        ("đ", "ñ"), ("Á", "AÙ"), ("À", "AØ"), ("Ả", "AÛ"), ("Ã", "AÕ"), ("Ạ", "AÏ"),
        ("Ă", "AÊ"), ("Ắ", "AÉ"), ("Ằ", "AÈ"), ("Ẳ", "AÚ"), ("Ẵ", "AÜ"), ("Ặ", "AË"),
        ("Â", "AÂ"), ("Ấ", "AÁ"), ("Ầ", "AÀ"), ("Ẩ", "AÅ"), ("Ẫ", "AÃ"), ("Ậ", "AÄ"),
        ("É", "EÙ"), ("È", "EØ"), ("Ẻ", "EÛ"), ("Ẽ", "EÕ"), ("Ẹ", "EÏ"), ("Ê", "EÂ"),
        ("Ế", "EÁ"), ("Ề", "EÀ"), ("Ể", "EÅ"), ("Ễ", "EÃ"), ("Ệ", "EÄ"), ("Í", "Í"),
        ("Ì", "Ì"), ("Ỉ", "Æ"), ("Ĩ", "Ó"), ("Ị", "Ò"), ("Ó", "OÙ"), ("Ò", "OØ"),
        ("Ỏ", "OÛ"), ("Õ", "OÕ"), ("Ọ", "OÏ"), ("Ô", "OÂ"), ("Ố", "OÁ"), ("Ồ", "OÀ"),
        ("Ổ", "OÅ"), ("Ỗ", "OÃ"), ("Ộ", "OÄ"), ("Ơ", "Ô"), ("Ớ", "ÔÙ"), ("Ờ", "ÔØ"),
        ("Ở", "ÔÛ"), ("Ỡ", "ÔÕ"), ("Ợ", "ÔÏ"), ("Ú", "UÙ"), ("Ù", "UØ"), ("Ủ", "UÛ"),
        ("Ũ", "UÕ"), ("Ụ", "UÏ"), ("Ư", "Ö"), ("Ứ", "ÖÙ"), ("Ừ", "ÖØ"), ("Ử", "ÖÛ"),
        ("Ữ", "ÖÕ"), ("Ự", "ÖÏ"), ("Ý", "YÙ"), ("Ỳ", "YØ"), ("Ỷ", "YÛ"), ("Ỹ", "YÕ"),
        ("Ỵ", "Î"), ("Đ", "Ñ"),
    ];

    private static readonly Dictionary<char, string> Encoding = Letters.ToDictionary(p => p.Letter[0], p => p.Vni);
    private static readonly Dictionary<(char Base, char Mark), char> PairDecoding =
        Letters.Where(p => p.Vni.Length == 2).ToDictionary(p => (p.Vni[0], p.Vni[1]), p => p.Letter[0]);

    private static readonly Dictionary<char, char> SingleDecoding =
        Letters.Where(p => p.Vni.Length == 1).ToDictionary(p => p.Vni[0], p => p.Letter[0]);

    /// <summary>The flat table, for tests.</summary>
    internal static IReadOnlyList<(string Letter, string Vni)> Table => Letters;

    /// <summary>The VNI form (Windows-1252 characters) of a letter, or <see langword="null"/> when it is the same.</summary>
    public static string? Encode(char c) => Encoding.GetValueOrDefault(c);

    /// <summary>
    /// Decodes the letter at <paramref name="index"/>: a base with its mark (two characters) or a letter with its own
    /// byte (one character). The mark's case does not need to match the base's; the base decides the case.
    /// </summary>
    /// <returns>How many characters were consumed (0 when nothing matches).</returns>
    public static int TryDecode(ReadOnlySpan<char> text, int index, out char letter)
    {
        if (index + 1 < text.Length)
        {
            var baseLetter = text[index];
            var mark = text[index + 1];
            if (PairDecoding.TryGetValue((baseLetter, mark), out letter))
            {
                return 2;
            }

            var caseFixed = char.IsUpper(baseLetter) ? char.ToUpperInvariant(mark) : char.ToLowerInvariant(mark);
            if (char.IsLetter(baseLetter) && PairDecoding.TryGetValue((baseLetter, caseFixed), out letter))
            {
                return 2;
            }
        }

        if (SingleDecoding.TryGetValue(text[index], out letter))
        {
            return 1;
        }

        letter = default;
        return 0;
    }
}
