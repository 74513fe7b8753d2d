namespace EDoc.Text;

/// <summary>
/// An equality comparer for Vietnamese text: canonically equivalent strings (NFC and NFD) are equal, and the
/// chosen <see cref="VietnameseComparison"/> options are ignored. Use it for dictionaries and lookups keyed by
/// names, abstracts (trích yếu) or agency names.
/// </summary>
public sealed class VietnameseTextComparer : IEqualityComparer<string?>
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="comparison">What the comparison ignores.</param>
    public VietnameseTextComparer(VietnameseComparison comparison)
    {
        Comparison = comparison;
    }

    /// <summary>NFC-ordinal equality: only canonical equivalence is ignored.</summary>
    public static VietnameseTextComparer Ordinal { get; } = new(VietnameseComparison.None);

    /// <summary>NFC equality ignoring case.</summary>
    public static VietnameseTextComparer OrdinalIgnoreCase { get; } = new(VietnameseComparison.IgnoreCase);

    /// <summary>NFC equality ignoring case and the old/new tone placement (hoà = Hòa).</summary>
    public static VietnameseTextComparer IgnoreTonePlacement { get; } =
        new(VietnameseComparison.IgnoreCase | VietnameseComparison.IgnoreTonePlacement);

    /// <summary>Equality ignoring case and every diacritic, with đ = d (Đà Nẵng = da nang).</summary>
    public static VietnameseTextComparer IgnoreDiacritics { get; } =
        new(VietnameseComparison.IgnoreCase | VietnameseComparison.IgnoreDiacritics);

    /// <summary>What the comparison ignores.</summary>
    public VietnameseComparison Comparison { get; }

    /// <inheritdoc />
    public bool Equals(string? x, string? y) => VietnameseText.AreEquivalent(x, y, Comparison);

    /// <inheritdoc />
    public int GetHashCode(string? obj)
        => obj is null ? 0 : StringComparer.Ordinal.GetHashCode(VietnameseText.GetComparisonKey(obj, Comparison));
}
