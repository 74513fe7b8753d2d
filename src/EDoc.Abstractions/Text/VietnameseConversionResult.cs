namespace EDoc.Text;

/// <summary>The outcome of <see cref="VietnameseTextConverter.ConvertDetailed(string, VietnameseEncoding, VietnameseConversionOptions?)"/>.</summary>
public sealed class VietnameseConversionResult
{
    internal VietnameseConversionResult(string text, VietnameseEncoding sourceEncoding, int changedCharacters, VietnameseEncodingDetection? detection)
    {
        Text = text;
        SourceEncoding = sourceEncoding;
        ChangedCharacters = changedCharacters;
        Detection = detection;
    }

    /// <summary>The converted text, in NFC.</summary>
    public string Text { get; }

    /// <summary>
    /// The encoding the input was read as: the one asked for, or the detected one for
    /// <see cref="VietnameseEncoding.Auto"/> (<see cref="VietnameseEncoding.Unicode"/> when nothing was converted).
    /// </summary>
    public VietnameseEncoding SourceEncoding { get; }

    /// <summary>
    /// How many characters of <see cref="Text"/> the conversion produced instead of copying them: converted legacy
    /// letters, repaired sequences and characters composed by NFC.
    /// </summary>
    public int ChangedCharacters { get; }

    /// <summary>The detection, when the conversion was asked with <see cref="VietnameseEncoding.Auto"/>.</summary>
    public VietnameseEncodingDetection? Detection { get; }
}
