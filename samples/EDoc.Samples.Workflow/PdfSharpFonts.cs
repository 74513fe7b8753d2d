using PdfSharp.Fonts;

namespace EDoc.Samples.Workflow;

/// <summary>
/// The one PDFsharp font resolver of the samples (PDFsharp has a single, process-wide resolver). It maps two
/// families to system font files, never to a font shipped with a sample:
/// <list type="bullet">
/// <item><see cref="Sans"/> ("Noto Sans", Debian fonts-noto-core), which renders the stacked Vietnamese diacritics
/// correctly with PDFsharp;</item>
/// <item><see cref="Serif"/>, the serif of NĐ 30/2020 documents: Times New Roman when installed, else its metric clone
/// Liberation Serif 2.x, else Noto Serif.</item>
/// </list>
/// </summary>
public static class PdfSharpFonts
{
    /// <summary>The sans-serif family name to use with <c>XFont</c>.</summary>
    public const string Sans = "Noto Sans";

    /// <summary>The serif family name to use with <c>XFont</c>.</summary>
    public const string Serif = "EDoc Serif";

    private static readonly object Gate = new();

    private static readonly FontFamilyFiles[] SerifCandidates =
    [
        new("/usr/share/fonts/truetype/msttcorefonts", "Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf", "fonts-msttcorefonts"),
        new("/usr/share/fonts/truetype/liberation2", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf", "fonts-liberation2"),
        new("/usr/share/fonts/truetype/noto", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf", "fonts-noto-core"),
    ];

    private static readonly FontFamilyFiles SansFiles =
        new("/usr/share/fonts/truetype/noto", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf", "fonts-noto-core");

    /// <summary>Installs the resolver once per process (another resolver set earlier is kept).</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new Resolver();
        }
    }

    /// <summary>The file of the serif regular face that <see cref="Serif"/> resolves to, or <see langword="null"/> when none is installed.</summary>
    /// <returns>The path.</returns>
    public static string? SerifRegularPath() => FindSerif()?.PathOf(bold: false, italic: false);

    /// <summary>Throws an <see cref="IOException"/> naming the Debian package when the family's files are missing.</summary>
    /// <param name="family"><see cref="Sans"/> or <see cref="Serif"/>.</param>
    public static void EnsureInstalled(string family)
    {
        if (family == Serif && FindSerif() is null)
        {
            throw new IOException("No serif font with Vietnamese letters is installed (Times New Roman, Liberation Serif 2 or Noto Serif); install the Debian package fonts-liberation2 or fonts-noto-core.");
        }

        if (family == Sans && !File.Exists(SansFiles.PathOf(false, false)))
        {
            throw new IOException($"The Noto Sans font is missing ({SansFiles.PathOf(false, false)}); install the Debian package fonts-noto-core.");
        }
    }

    private static FontFamilyFiles? FindSerif() => SerifCandidates.FirstOrDefault(c => File.Exists(c.PathOf(false, false)) && File.Exists(c.PathOf(true, false)));

    private sealed record FontFamilyFiles(string Folder, string Regular, string Bold, string Italic, string BoldItalic, string Package)
    {
        public string PathOf(bool bold, bool italic)
        {
            string name = (bold, italic) switch
            {
                (true, true) => BoldItalic,
                (true, false) => Bold,
                (false, true) => Italic,
                _ => Regular,
            };
            return Path.Combine(Folder, name);
        }
    }

    private sealed class Resolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            FontFamilyFiles files = string.Equals(familyName, Serif, StringComparison.OrdinalIgnoreCase) ? FindSerif() ?? SansFiles : SansFiles;
            string path = files.PathOf(bold, italic);
            if (!File.Exists(path))
            {
                // A missing italic face falls back to the upright one, which PDFsharp then slants.
                string upright = files.PathOf(bold, false);
                return new FontResolverInfo(upright, false, italic);
            }

            return new FontResolverInfo(path);
        }

        public byte[]? GetFont(string faceName) => File.ReadAllBytes(faceName);
    }
}
