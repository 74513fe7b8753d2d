namespace EDoc.Text;

/// <summary>What <see cref="LegacyEncodingDetector"/> found.</summary>
public sealed class VietnameseEncodingDetection
{
    internal VietnameseEncodingDetection(VietnameseEncoding encoding, double confidence, bool isAmbiguous, bool isPlainAscii, IReadOnlyList<VietnameseEncodingCandidate> candidates)
    {
        Encoding = encoding;
        Confidence = confidence;
        IsAmbiguous = isAmbiguous;
        IsPlainAscii = isPlainAscii;
        Candidates = candidates.ToArray().AsReadOnly();
    }

    /// <summary>
    /// The most likely encoding. <see cref="VietnameseEncoding.Unicode"/> when the text is already Unicode or shows no
    /// sign of a legacy encoding (see <see cref="IsAmbiguous"/>).
    /// </summary>
    public VietnameseEncoding Encoding { get; }

    /// <summary>
    /// How sure the guess is, from 0 to 1: the share of the affected words that become well-formed Vietnamese
    /// syllables, weighted by how many such words there are. 0 when there is no evidence at all.
    /// </summary>
    public double Confidence { get; }

    /// <summary>
    /// Whether the evidence does not decide: no Vietnamese letters or legacy sequences at all (plain ASCII), or two
    /// readings that are about as good. <see cref="VietnameseEncoding.Auto"/> then leaves the text as it is.
    /// </summary>
    public bool IsAmbiguous { get; }

    /// <summary>Whether the input is plain ASCII and no VIQR reading of it is credible: nothing to convert.</summary>
    public bool IsPlainAscii { get; }

    /// <summary>Every reading that was tried, best first.</summary>
    public IReadOnlyList<VietnameseEncodingCandidate> Candidates { get; }

    /// <inheritdoc />
    public override string ToString()
        => IsAmbiguous ? $"{Encoding} (ambiguous, confidence {Confidence:0.00})" : $"{Encoding} (confidence {Confidence:0.00})";
}

/// <summary>One reading of the text tried by <see cref="LegacyEncodingDetector"/>.</summary>
/// <param name="Encoding">The encoding the text was read as.</param>
/// <param name="Score">The share (0–1) of affected words that are well-formed Vietnamese syllables in this reading.</param>
/// <param name="Evidence">How many words of this reading contain Vietnamese letters or unexpected non-ASCII characters.</param>
public readonly record struct VietnameseEncodingCandidate(VietnameseEncoding Encoding, double Score, int Evidence);
