namespace EDoc.Signing.Appearance;

/// <summary>Where appearance text fonts come from.</summary>
public sealed class AppearanceFontOptions
{
    /// <summary>A TrueType (glyf) font file for regular text; <see langword="null"/> searches the system.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? RegularFontPath { get; set; }

    /// <summary>A TrueType (glyf) font file for bold text (urgency stamps); <see langword="null"/> searches the system.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? BoldFontPath { get; set; }
}
