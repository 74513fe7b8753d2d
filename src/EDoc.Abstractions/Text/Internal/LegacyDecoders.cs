using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace EDoc.Text.Internal;

/// <summary>The decoders behind <see cref="VietnameseTextConverter"/>, all string to string, before NFC.</summary>
internal static class LegacyDecoders
{
    /// <summary>Whether every character can be a byte read as Windows-1252/Latin-1 (a precondition of TCVN3 and VNI).</summary>
    public static bool IsSingleByteText(string text)
    {
        foreach (var c in text)
        {
            if (!Windows1252.TryGetByte(c, out _))
            {
                return false;
            }
        }

        return true;
    }

    public static string DecodeTcvn3(string text, bool vn1, bool uppercaseFont, out int changed)
    {
        var output = new char[text.Length];
        changed = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var decoded = Windows1252.TryGetByte(c, out var b) ? Tcvn3Table.Decode(b, vn1) : c;
            if (uppercaseFont)
            {
                decoded = char.ToUpperInvariant(decoded);
            }

            if (decoded != c)
            {
                changed++;
            }

            output[i] = decoded;
        }

        return new string(output);
    }

    public static string DecodeVni(string text, out int changed)
    {
        var output = new StringBuilder(text.Length);
        changed = 0;
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var consumed = VniTable.TryDecode(span, i, out var letter);
            if (consumed == 0)
            {
                output.Append(span[i]);
                i++;
                continue;
            }

            output.Append(letter);
            changed++;
            i += consumed;
        }

        return output.ToString();
    }

    /// <summary>Counts the text elements (user-perceived characters) that NFC changes.</summary>
    public static int CountNormalizationChanges(string text)
    {
        if (VietnameseNormalizer.IsNfc(text))
        {
            return 0;
        }

        var changed = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            if (!VietnameseNormalizer.IsNfc(element))
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>
    /// Reads bytes as text: a UTF-8 or UTF-16 byte order mark decides; otherwise well-formed UTF-8 is UTF-8 and
    /// anything else is single-byte text read as Windows-1252.
    /// </summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="isSingleByte">Whether the bytes were read as Windows-1252.</param>
    /// <param name="invalidUtf8Offset">The offset of the first byte that is not UTF-8, or -1.</param>
    public static string ReadBytes(ReadOnlySpan<byte> bytes, out bool isSingleByte, out long invalidUtf8Offset)
    {
        isSingleByte = false;
        invalidUtf8Offset = -1;
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return DecodeUtf16(bytes[2..], bigEndian: false);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return DecodeUtf16(bytes[2..], bigEndian: true);
        }

        var body = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes[3..] : bytes;
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        invalidUtf8Offset = read + (bytes.Length - body.Length);
        isSingleByte = true;
        return Windows1252.Decode(bytes);
    }

    private static string DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new EDocFormatException("Text", ex.Index >= 0 ? $"byte {ex.Index + 2}" : null, "the UTF-16 text is not well-formed.", ex);
        }
    }
}
