using System.Text;
using EDoc.Text.Internal;

namespace EDoc.Text;

/// <summary>
/// Converts Vietnamese text from the legacy encodings — TCVN3 (ABC), VNI-Windows, VIQR — and from UTF-8 mojibake to
/// Unicode NFC (TCVN 6909:2001), and back to the legacy encodings for systems that still need them. Table-driven;
/// every Vietnamese letter (134, both cases) is covered.
/// </summary>
/// <example>
/// <code>
/// var text = VietnameseTextConverter.Convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam", VietnameseEncoding.Tcvn3);
/// // "Cộng hoà xã hội chủ nghĩa Việt Nam"
/// var fromFile = VietnameseTextConverter.Convert(File.ReadAllBytes("legacy.txt"), VietnameseEncoding.Auto);
/// </code>
/// </example>
public static class VietnameseTextConverter
{
    /// <summary>Converts text held in a string to Unicode NFC.</summary>
    /// <param name="input">
    /// The text. Legacy single-byte text (TCVN3, VNI) is expected as its bytes read as Windows-1252 or Latin-1.
    /// </param>
    /// <param name="from">The encoding of the input, or <see cref="VietnameseEncoding.Auto"/> to detect it.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The text in NFC.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a defined value, or an option is out of range.</exception>
    /// <exception cref="EDocLimitExceededException">The input is longer than <see cref="VietnameseConversionOptions.MaxInputLength"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not well-formed UTF-16.</exception>
    public static string Convert(string input, VietnameseEncoding from, VietnameseConversionOptions? options = null)
        => ConvertDetailed(input, from, options).Text;

    /// <summary>Converts the bytes of a file to Unicode NFC.</summary>
    /// <param name="input">
    /// The bytes. TCVN3 and VNI are single-byte; a legacy text that was already re-saved as UTF-8 (well-formed UTF-8
    /// that holds only Windows-1252 characters, such as "ViÖt") is read as UTF-8 first. <see cref="VietnameseEncoding.Unicode"/> requires UTF-8 or UTF-16
    /// with a byte order mark.
    /// </param>
    /// <param name="from">The encoding of the input, or <see cref="VietnameseEncoding.Auto"/> to detect it.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The text in NFC.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a defined value, or an option is out of range.</exception>
    /// <exception cref="EDocLimitExceededException">The input is longer than <see cref="VietnameseConversionOptions.MaxInputLength"/>.</exception>
    /// <exception cref="EDocFormatException">Unicode input is not well-formed UTF-8 (the byte offset is named).</exception>
    public static string Convert(ReadOnlySpan<byte> input, VietnameseEncoding from, VietnameseConversionOptions? options = null)
        => ConvertDetailed(input, from, options).Text;

    /// <summary>Converts text held in a string and reports what was done.</summary>
    /// <param name="input">The text (see <see cref="Convert(string, VietnameseEncoding, VietnameseConversionOptions?)"/>).</param>
    /// <param name="from">The encoding of the input, or <see cref="VietnameseEncoding.Auto"/> to detect it.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The converted text, the encoding it was read as, the detection and the number of changed characters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a defined value, or an option is out of range.</exception>
    /// <exception cref="EDocLimitExceededException">The input is longer than <see cref="VietnameseConversionOptions.MaxInputLength"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not well-formed UTF-16.</exception>
    public static VietnameseConversionResult ConvertDetailed(string input, VietnameseEncoding from, VietnameseConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        options ??= VietnameseConversionOptions.Default;
        options.Validate();
        CheckEncoding(from);
        if (input.Length > options.MaxInputLength)
        {
            throw new EDocLimitExceededException("Text", null, nameof(VietnameseConversionOptions.MaxInputLength), options.MaxInputLength, input.Length);
        }

        VietnameseText.EnsureWellFormed(input);
        return ConvertCore(input, from, options);
    }

    /// <summary>Converts the bytes of a file and reports what was done.</summary>
    /// <param name="input">The bytes (see <see cref="Convert(ReadOnlySpan{byte}, VietnameseEncoding, VietnameseConversionOptions?)"/>).</param>
    /// <param name="from">The encoding of the input, or <see cref="VietnameseEncoding.Auto"/> to detect it.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The converted text, the encoding it was read as, the detection and the number of changed characters.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a defined value, or an option is out of range.</exception>
    /// <exception cref="EDocLimitExceededException">The input is longer than <see cref="VietnameseConversionOptions.MaxInputLength"/>.</exception>
    /// <exception cref="EDocFormatException">Unicode input is not well-formed UTF-8 (the byte offset is named).</exception>
    public static VietnameseConversionResult ConvertDetailed(ReadOnlySpan<byte> input, VietnameseEncoding from, VietnameseConversionOptions? options = null)
    {
        options ??= VietnameseConversionOptions.Default;
        options.Validate();
        CheckEncoding(from);
        if (input.Length > options.MaxInputLength)
        {
            throw new EDocLimitExceededException("Text", null, nameof(VietnameseConversionOptions.MaxInputLength), options.MaxInputLength, input.Length);
        }

        var text = LegacyDecoders.ReadBytes(input, out var isSingleByte, out var invalidOffset);
        var hasByteOrderMark = input.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || input.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || input.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (from is VietnameseEncoding.Tcvn3 or VietnameseEncoding.Vni && !isSingleByte && !hasByteOrderMark && !LegacyDecoders.IsSingleByteText(text))
        {
            // Well-formed UTF-8 by chance ("ậĨ" in TCVN 5712 is CB 8F): legacy text re-saved as UTF-8 would only
            // hold Windows-1252 characters, so these are the legacy bytes themselves.
            text = Windows1252.Decode(input);
        }

        if (from == VietnameseEncoding.Unicode && isSingleByte)
        {
            throw new EDocFormatException("Text", $"byte {invalidOffset}", "the input is not well-formed UTF-8; convert it from its legacy encoding (TCVN3, VNI) instead.");
        }

        return ConvertCore(text, from, options);
    }

    /// <summary>
    /// Writes Unicode text in a legacy encoding, as a string: TCVN3 and VNI as their bytes read as Windows-1252
    /// ("ViÖt Nam", "Vieät Nam"), VIQR as ASCII with mnemonics escaped where they would be misread.
    /// </summary>
    /// <param name="text">The Unicode text.</param>
    /// <param name="to"><see cref="VietnameseEncoding.Tcvn3"/>, <see cref="VietnameseEncoding.Vni"/> or <see cref="VietnameseEncoding.Viqr"/>.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The legacy text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not a legacy encoding that can be written.</exception>
    /// <exception cref="EDocFormatException">A character has no representation in the target encoding (its position is named).</exception>
    public static string ToLegacyString(string text, VietnameseEncoding to, VietnameseConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= VietnameseConversionOptions.Default;
        options.Validate();
        return to switch
        {
            VietnameseEncoding.Viqr => ViqrCodec.Encode(VietnameseText.Normalize(text)),
            VietnameseEncoding.Tcvn3 or VietnameseEncoding.Vni => Windows1252.Decode(ToLegacyBytes(text, to, options)),
            _ => throw new ArgumentException($"{to} is not a legacy encoding that can be written; use Tcvn3, Vni or Viqr.", nameof(to)),
        };
    }

    /// <summary>Writes Unicode text in a legacy encoding, as bytes for a file (VIQR as ASCII).</summary>
    /// <param name="text">The Unicode text.</param>
    /// <param name="to"><see cref="VietnameseEncoding.Tcvn3"/>, <see cref="VietnameseEncoding.Vni"/> or <see cref="VietnameseEncoding.Viqr"/>.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not a legacy encoding that can be written.</exception>
    /// <exception cref="EDocFormatException">A character has no representation in the target encoding (its position is named).</exception>
    public static byte[] ToLegacyBytes(string text, VietnameseEncoding to, VietnameseConversionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= VietnameseConversionOptions.Default;
        options.Validate();
        var nfc = VietnameseText.Normalize(text);
        var bytes = new List<byte>(nfc.Length + (nfc.Length / 2));
        switch (to)
        {
            case VietnameseEncoding.Tcvn3:
                for (var i = 0; i < nfc.Length; i++)
                {
                    if (!Tcvn3Table.TryEncode(nfc[i], options.Tcvn3UseVn1Capitals, out var b))
                    {
                        throw Unmappable("TCVN3", nfc, i);
                    }

                    bytes.Add(b);
                }

                break;
            case VietnameseEncoding.Vni:
                for (var i = 0; i < nfc.Length; i++)
                {
                    var vni = VniTable.Encode(nfc[i]) ?? nfc[i].ToString();
                    foreach (var c in vni)
                    {
                        if (!Windows1252.TryGetByte(c, out var b))
                        {
                            throw Unmappable("VNI", nfc, i);
                        }

                        bytes.Add(b);
                    }
                }

                break;
            case VietnameseEncoding.Viqr:
                foreach (var c in ViqrCodec.Encode(nfc))
                {
                    if (c > 0x7F)
                    {
                        throw Unmappable("VIQR", nfc, nfc.IndexOf(c, StringComparison.Ordinal));
                    }

                    bytes.Add((byte)c);
                }

                break;
            default:
                throw new ArgumentException($"{to} is not a legacy encoding that can be written; use Tcvn3, Vni or Viqr.", nameof(to));
        }

        return [.. bytes];
    }

    private static VietnameseConversionResult ConvertCore(string input, VietnameseEncoding from, VietnameseConversionOptions options)
    {
        VietnameseEncodingDetection? detection = null;
        var encoding = from;
        if (from == VietnameseEncoding.Auto)
        {
            detection = LegacyEncodingDetector.DetectCore(LegacyEncodingDetector.Sample(input), options);
            encoding = !detection.IsAmbiguous && detection.Confidence >= options.MinimumConfidence
                ? detection.Encoding
                : VietnameseEncoding.Unicode;
        }

        int changed;
        var converted = encoding switch
        {
            VietnameseEncoding.Tcvn3 => LegacyDecoders.DecodeTcvn3(input, options.Tcvn3UseVn1Capitals, options.Tcvn3UppercaseFont, out changed),
            VietnameseEncoding.Vni => LegacyDecoders.DecodeVni(input, out changed),
            VietnameseEncoding.Viqr => ViqrCodec.Decode(input, options.ViqrWordFinalPunctuationIsLiteral, out changed),
            VietnameseEncoding.Utf8Mojibake => MojibakeRepair.Repair(input, options.MaxMojibakePasses, out changed),
            _ => Unchanged(input, out changed),
        };
        if (encoding == VietnameseEncoding.Unicode)
        {
            changed = LegacyDecoders.CountNormalizationChanges(input);
        }

        return new VietnameseConversionResult(VietnameseText.Normalize(converted), encoding, changed, detection);

        static string Unchanged(string text, out int changed)
        {
            changed = 0;
            return text;
        }
    }

    private static void CheckEncoding(VietnameseEncoding from)
    {
        if (!Enum.IsDefined(from))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "Unknown Vietnamese encoding.");
        }
    }

    private static EDocFormatException Unmappable(string encoding, string text, int index)
    {
        var rune = Rune.GetRuneAt(text, index);
        return new EDocFormatException(encoding, $"character {index}", $"U+{rune.Value:X4} cannot be written in {encoding}.");
    }
}
