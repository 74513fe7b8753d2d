namespace EDoc.Text.Internal;

/// <summary>
/// The TCVN 5712:1993 code table. TCVN3 ("ABC", VN3, the .VnTime fonts) uses the lowercase letters at 0xA8–0xFE
/// plus the seven capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7; capitals with tone marks come from a separate uppercase font
/// (.VnTimeH) that draws the lowercase codes as capitals. The positions VN3 leaves free hold the remaining capitals
/// in the fuller VN1 table of the same standard (VN3 ⊂ VN1); ABC documents use them for Windows-1252 punctuation
/// instead (“ ” – …), so VN1 is only applied on request.
/// </summary>
internal static class Tcvn3Table
{
    // Bytes 0x80–0xFF, one row per 16 bytes. 0xA0 is NO-BREAK SPACE; 0xB0–0xB4 are the combining tone marks
    // (huyền, hỏi, ngã, sắc, nặng) of VN1, composed by NFC afterwards.
    private const string UpperHalf =
        /* 0x80 */ "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ" +
        /* 0x90 */ "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ" +
        /* 0xA0 */ "\u00A0ĂÂÊÔƠƯĐăâêôơưđẰ" +
        /* 0xB0 */ "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ" +
        /* 0xC0 */ "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ" +
        /* 0xD0 */ "éẹềểễếệìỉỄẾỒĩíịò" +
        /* 0xE0 */ "Ổỏõóọồổỗốộờởỡớợù" +
        /* 0xF0 */ "ỖủũúụừửữứựỳỷỹýỵỐ";

    // VN1 also places twelve capitals on C0 control positions that text never uses otherwise.
    private static readonly (byte Code, char Letter)[] ControlCapitals =
    [
        (0x01, 'Ú'), (0x02, 'Ụ'), (0x04, 'Ừ'), (0x05, 'Ử'), (0x06, 'Ữ'), (0x11, 'Ứ'),
        (0x12, 'Ự'), (0x13, 'Ỳ'), (0x14, 'Ỷ'), (0x15, 'Ỹ'), (0x16, 'Ý'), (0x17, 'Ỵ'),
    ];

    private static readonly char[] Decoding = BuildDecoding();
    private static readonly Dictionary<char, byte> Encoding = BuildEncoding();

    /// <summary>The byte values that belong to the VN3 (ABC) subset above ASCII.</summary>
    public static bool IsVn3Code(byte value) => value is >= 0xA1 and <= 0xAE || (value >= 0xB5 && Tcvn3Lowercase(value));

    /// <summary>The Unicode character of a TCVN3 byte.</summary>
    /// <param name="value">The byte.</param>
    /// <param name="vn1">
    /// Whether the whole TCVN 5712 VN1 table applies. When false, only VN3 codes are letters and every other byte
    /// is the Windows-1252 character it shows as in ABC documents (“ ” – … °).
    /// </param>
    public static char Decode(byte value, bool vn1)
        => vn1 || value < 0x80 && !IsControlCapitalCode((char)value) || IsVn3Code(value) || value == 0xA0 ? Decoding[value] : Windows1252.ToChar(value);

    /// <summary>
    /// The TCVN3 byte of a character. In VN3 (<paramref name="vn1"/> false) capitals with tone marks get the code of
    /// their lowercase letter, as text for an uppercase font (.VnTimeH) has them, and Windows-1252 punctuation
    /// outside the VN3 codes keeps its byte; with <paramref name="vn1"/> the VN1 codes are used.
    /// </summary>
    public static bool TryEncode(char c, bool vn1, out byte value)
    {
        if (c < 0x80 && !IsControlCapitalCode(c))
        {
            value = (byte)c;
            return true;
        }

        if (vn1)
        {
            return Encoding.TryGetValue(c, out value);
        }

        if (Encoding.TryGetValue(c, out value) && (IsVn3Code(value) || value == 0xA0))
        {
            return true;
        }

        if (char.IsUpper(c) && Encoding.TryGetValue(char.ToLowerInvariant(c), out value) && IsVn3Code(value))
        {
            return true;
        }

        return Windows1252.TryGetByte(c, out value) && value >= 0x80 && !IsVn3Code(value) && value != 0xA0;
    }

    /// <summary>The 256 characters of the VN1 table, for tests.</summary>
    internal static ReadOnlySpan<char> Vn1Table => Decoding;

    private static bool IsControlCapitalCode(char c)
    {
        foreach (var (code, _) in ControlCapitals)
        {
            if (code == c)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Tcvn3Lowercase(byte value)
    {
        var c = UpperHalf[value - 0x80];
        return char.IsLower(c);
    }

    private static char[] BuildDecoding()
    {
        var table = new char[256];
        for (var i = 0; i < 0x80; i++)
        {
            table[i] = (char)i;
        }

        for (var i = 0; i < UpperHalf.Length; i++)
        {
            table[0x80 + i] = UpperHalf[i];
        }

        foreach (var (code, letter) in ControlCapitals)
        {
            table[code] = letter;
        }

        return table;
    }

    private static Dictionary<char, byte> BuildEncoding()
    {
        var map = new Dictionary<char, byte>();
        for (var i = 0; i < UpperHalf.Length; i++)
        {
            map[UpperHalf[i]] = (byte)(0x80 + i);
        }

        foreach (var (code, letter) in ControlCapitals)
        {
            map[letter] = code;
        }

        return map;
    }
}
