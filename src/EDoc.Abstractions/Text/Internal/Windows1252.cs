namespace EDoc.Text.Internal;

/// <summary>
/// Windows-1252 as legacy Vietnamese text usually reaches .NET: TCVN3 and VNI bytes shown through a Western code
/// page. The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls of the
/// same value, as Windows and .NET do, so every byte round-trips; Latin-1 decoded text is accepted as well.
/// </summary>
internal static class Windows1252
{
    // 0x80–0x9F; every other byte is the Latin-1 code point of the same value.
    private const string HighControls =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    private static readonly Dictionary<char, byte> Specials = BuildSpecials();

    /// <summary>The character a byte decodes to.</summary>
    public static char ToChar(byte value) => value is >= 0x80 and <= 0x9F ? HighControls[value - 0x80] : (char)value;

    /// <summary>The byte a character encodes to, if it has one (Windows-1252 and Latin-1 are both accepted).</summary>
    public static bool TryGetByte(char c, out byte value)
    {
        if (c <= 0xFF)
        {
            value = (byte)c;
            return true;
        }

        return Specials.TryGetValue(c, out value);
    }

    /// <summary>Decodes bytes as Windows-1252.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = ToChar(source[i]);
            }
        });
    }

    private static Dictionary<char, byte> BuildSpecials()
    {
        var map = new Dictionary<char, byte>();
        for (var i = 0; i < HighControls.Length; i++)
        {
            var c = HighControls[i];
            if (c > 0xFF)
            {
                map[c] = (byte)(0x80 + i);
            }
        }

        return map;
    }
}
