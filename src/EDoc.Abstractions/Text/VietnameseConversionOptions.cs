namespace EDoc.Text;

/// <summary>Options of <see cref="VietnameseTextConverter"/> and <see cref="LegacyEncodingDetector"/>.</summary>
public sealed class VietnameseConversionOptions
{
    /// <summary>The default options.</summary>
    public static VietnameseConversionOptions Default { get; } = new();

    /// <summary>The longest input accepted, in characters (string input) or bytes (byte input).</summary>
    /// <value>The default value is 64 MiB (67 108 864).</value>
    public int MaxInputLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// The lowest detection confidence at which <see cref="VietnameseEncoding.Auto"/> converts; below it the text is
    /// only normalized to NFC.
    /// </summary>
    /// <value>The default value is 0.6.</value>
    public double MinimumConfidence { get; init; } = 0.6;

    /// <summary>
    /// Whether TCVN3 input was set in an uppercase font (.VnTimeH, .VnArialH…): those fonts draw the lowercase codes
    /// as capitals, so the converted text is upper-cased.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Tcvn3UppercaseFont { get; init; }

    /// <summary>
    /// Whether TCVN3 follows the full TCVN 5712:1993 VN1 table, which also has the capitals with tone marks
    /// (Ệ = 0x8C, Ủ = 0x9E, Ý = 0x16…). When false (VN3, the ABC fonts), bytes outside the VN3 letters are the
    /// Windows-1252 characters ABC documents use them for (“ ” – … °), and writing gives capitals with tone marks
    /// their lowercase code, as text for an uppercase .VnTimeH font has them (the case is then lost).
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Tcvn3UseVn1Capitals { get; init; }

    /// <summary>
    /// Whether a VIQR <c>.</c> or <c>?</c> that ends a word (followed by a space, punctuation or the end) is read as
    /// punctuation rather than as the dấu nặng or dấu hỏi. RFC 1456 asks writers to escape such punctuation
    /// (<c>\.</c>), so the default reads it as a tone; many real texts do not escape it ("Xin mo+`i o^ng ddi."), and
    /// with this option their sentences end correctly, at the cost of misreading unescaped word-final tones.
    /// </summary>
    /// <value>The default value is <see langword="false"/> (RFC 1456).</value>
    public bool ViqrWordFinalPunctuationIsLiteral { get; init; }

    /// <summary>How many layers of UTF-8-read-as-Windows-1252 damage are repaired (double encoding is common).</summary>
    /// <value>The default value is 2.</value>
    public int MaxMojibakePasses { get; init; } = 2;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxInputLength, nameof(MaxInputLength));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMojibakePasses, nameof(MaxMojibakePasses));
        if (double.IsNaN(MinimumConfidence) || MinimumConfidence is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumConfidence), MinimumConfidence, "MinimumConfidence must be between 0 and 1.");
        }
    }
}
