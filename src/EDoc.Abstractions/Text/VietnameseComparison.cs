namespace EDoc.Text;

/// <summary>What a Vietnamese text comparison ignores. Every comparison first normalizes both sides to NFC.</summary>
[Flags]
public enum VietnameseComparison
{
    /// <summary>Canonically equivalent text is equal (NFC ordinal comparison).</summary>
    None = 0,

    /// <summary>Letter case is ignored (invariant culture).</summary>
    IgnoreCase = 1,

    /// <summary>
    /// The position of the tone mark inside a syllable is ignored, so the old and new placements match
    /// (<c>hoà</c> = <c>hòa</c>, <c>thuỷ</c> = <c>thủy</c>). For matching only: text is never rewritten this way.
    /// </summary>
    IgnoreTonePlacement = 2,

    /// <summary>
    /// Every diacritic is ignored and đ/Đ match d/D (so-called "bỏ dấu" search: <c>Đà Nẵng</c> = <c>Da Nang</c>).
    /// Implies <see cref="IgnoreTonePlacement"/>.
    /// </summary>
    IgnoreDiacritics = 4,
}
