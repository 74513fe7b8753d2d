using EDoc.Signing.Appearance;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Appearance.Fonts;

/// <summary>
/// One use of a TrueType font in a PDF write: collects the glyphs the text needs and builds a /Type0 font
/// (/CIDFontType2, /Identity-H, /CIDToGIDMap /Identity, /W widths, FontDescriptor with a subset /FontFile2 and a
/// /ToUnicode CMap so text extraction returns the exact input). Not thread-safe; create one per appearance.
/// </summary>
internal sealed class PdfEmbeddedFont
{
    private readonly SortedDictionary<int, string> _used = [];

    public PdfEmbeddedFont(TrueTypeFont font)
    {
        Font = font ?? throw new ArgumentNullException(nameof(font));
        if ((font.FsType & 0x000F) == 0x0002)
        {
            throw new EDocPolicyException("font.embedding", $"The font '{font.PostScriptName}' forbids embedding (OS/2 fsType restricted licence).");
        }
    }

    public TrueTypeFont Font { get; }

    /// <summary>Width of the text in points at <paramref name="size"/>.</summary>
    public double Measure(string text, double size)
    {
        long units = 0;
        foreach ((int glyph, _) in Shape(text))
        {
            units += Font.GetAdvance(glyph);
        }

        return units * size / Font.UnitsPerEm;
    }

    /// <summary>Ascent (positive) in points at <paramref name="size"/>.</summary>
    public double Ascent(double size) => Font.Ascender * size / Font.UnitsPerEm;

    /// <summary>Descent (negative) in points at <paramref name="size"/>.</summary>
    public double Descent(double size) => Font.Descender * size / Font.UnitsPerEm;

    /// <summary>Cap height in points at <paramref name="size"/>.</summary>
    public double CapHeight(double size) => Font.CapHeight * size / Font.UnitsPerEm;

    /// <summary>Encodes NFC text as 2-byte glyph ids for a Tj operand and records the glyphs used.</summary>
    public byte[] Encode(string text)
    {
        var bytes = new List<byte>();
        foreach ((int glyph, string unicode) in Shape(text))
        {
            _used.TryAdd(glyph, unicode);
            bytes.Add((byte)(glyph >> 8));
            bytes.Add((byte)glyph);
        }

        return [.. bytes];
    }

    /// <summary>Maps text to glyphs: precomposed (NFC) characters first; a character the font lacks is drawn
    /// from its canonical decomposition when all parts exist, else as .notdef.</summary>
    private IEnumerable<(int Glyph, string Unicode)> Shape(string text)
    {
        string nfc = text.Normalize(NormalizationForm.FormC);
        foreach (Rune r in nfc.EnumerateRunes())
        {
            int g = Font.GetGlyph(r.Value);
            if (g != 0 || Rune.IsWhiteSpace(r) && r.Value != ' ')
            {
                yield return (g == 0 ? Font.GetGlyph(' ') : g, r.ToString());
                continue;
            }

            string parts = r.ToString().Normalize(NormalizationForm.FormD);
            var runes = parts.EnumerateRunes().ToList();
            if (runes.Count > 1 && runes.TrueForAll(p => Font.HasGlyph(p.Value)))
            {
                foreach (Rune p in runes)
                {
                    yield return (Font.GetGlyph(p.Value), p.ToString());
                }

                continue;
            }

            yield return (0, r.ToString());
        }
    }

    /// <summary>Builds the /Type0 font dictionary for the glyphs used so far.</summary>
    public PdfDictionary BuildFontDictionary()
    {
        byte[] subset = TrueTypeSubsetter.Subset(Font, _used.Keys);
        string tag = SubsetTag();
        string baseFont = tag + "+" + Font.PostScriptName;
        double scale = 1000.0 / Font.UnitsPerEm;

        var fontFile = new PdfDictionary();
        fontFile.Set("Length1", new PdfInteger(subset.Length));
        fontFile.Set("Filter", new PdfName("FlateDecode"));

        var descriptor = new PdfIndirectDictionary();
        descriptor.Set("Type", new PdfName("FontDescriptor"));
        descriptor.Set("FontName", new PdfName(baseFont));
        int flags = 32 | (Font.IsFixedPitch ? 1 : 0) | (Font.ItalicAngle != 0 ? 64 : 0) | (Font.WeightClass >= 600 ? 1 << 18 : 0);
        descriptor.Set("Flags", new PdfInteger(flags));
        descriptor.Set("FontBBox", PdfArray.OfNumbers(Math.Round(Font.XMin * scale), Math.Round(Font.YMin * scale), Math.Round(Font.XMax * scale), Math.Round(Font.YMax * scale)));
        descriptor.Set("ItalicAngle", new PdfReal(Font.ItalicAngle));
        descriptor.Set("Ascent", new PdfInteger((long)Math.Round(Font.Ascender * scale)));
        descriptor.Set("Descent", new PdfInteger((long)Math.Round(Font.Descender * scale)));
        descriptor.Set("CapHeight", new PdfInteger((long)Math.Round(Font.CapHeight * scale)));
        descriptor.Set("StemV", new PdfInteger(Font.WeightClass >= 600 ? 140 : 80));
        descriptor.Set("FontFile2", new PdfStream(fontFile, SignatureImage.Deflate(subset)));

        var widths = new PdfArray();
        foreach (int g in _used.Keys)
        {
            widths.Add(new PdfInteger(g));
            widths.Add(PdfArray.OfNumbers(Math.Round(Font.GetAdvance(g) * scale, 2)));
        }

        var sysInfo = new PdfDictionary();
        sysInfo.Set("Registry", PdfString.FromText("Adobe"));
        sysInfo.Set("Ordering", PdfString.FromText("Identity"));
        sysInfo.Set("Supplement", new PdfInteger(0));

        var cidFont = new PdfIndirectDictionary();
        cidFont.Set("Type", new PdfName("Font"));
        cidFont.Set("Subtype", new PdfName("CIDFontType2"));
        cidFont.Set("BaseFont", new PdfName(baseFont));
        cidFont.Set("CIDSystemInfo", sysInfo);
        cidFont.Set("FontDescriptor", descriptor);
        cidFont.Set("DW", new PdfInteger((long)Math.Round(Font.GetAdvance(0) * scale)));
        cidFont.Set("W", widths);
        cidFont.Set("CIDToGIDMap", new PdfName("Identity"));

        var type0 = new PdfIndirectDictionary();
        type0.Set("Type", new PdfName("Font"));
        type0.Set("Subtype", new PdfName("Type0"));
        type0.Set("BaseFont", new PdfName(baseFont));
        type0.Set("Encoding", new PdfName("Identity-H"));
        var descendants = new PdfArray();
        descendants.Add(cidFont);
        type0.Set("DescendantFonts", descendants);
        var toUnicode = new PdfDictionary();
        toUnicode.Set("Filter", new PdfName("FlateDecode"));
        type0.Set("ToUnicode", new PdfStream(toUnicode, SignatureImage.Deflate(BuildToUnicode())));
        return type0;
    }

    private string SubsetTag()
    {
        var sb = new StringBuilder(Font.PostScriptName);
        foreach (int g in _used.Keys)
        {
            sb.Append(',').Append(g);
        }

        byte[] h = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        var tag = new char[6];
        for (int i = 0; i < 6; i++)
        {
            tag[i] = (char)('A' + (h[i] % 26));
        }

        return new string(tag);
    }

    private byte[] BuildToUnicode()
    {
        var sb = new StringBuilder();
        sb.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n");
        sb.Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n");
        sb.Append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
        sb.Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        var entries = _used.Where(e => e.Key != 0 || e.Value.Length > 0).ToList();
        for (int i = 0; i < entries.Count; i += 100)
        {
            List<KeyValuePair<int, string>> chunk = entries.GetRange(i, Math.Min(100, entries.Count - i));
            sb.Append(chunk.Count.ToString(CultureInfo.InvariantCulture)).Append(" beginbfchar\n");
            foreach ((int g, string u) in chunk)
            {
                sb.Append('<').Append(g.ToString("X4", CultureInfo.InvariantCulture)).Append("> <")
                  .Append(Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(u))).Append(">\n");
            }

            sb.Append("endbfchar\n");
        }

        sb.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}

/// <summary>Finds and caches fonts with full Vietnamese coverage.</summary>
internal static class AppearanceFonts
{
    /// <summary>System candidates, Times New Roman and its metric clones first, then serifs with Vietnamese glyphs.</summary>
    internal static readonly (string Regular, string Bold)[] SystemCandidates =
    [
        ("/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf", "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Bold.ttf"),
        (@"C:\Windows\Fonts\times.ttf", @"C:\Windows\Fonts\timesbd.ttf"),
        ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"),
        ("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"),
        ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
    ];

    private static readonly ConcurrentDictionary<string, Lazy<TrueTypeFont>> Cache = new(StringComparer.Ordinal);

    /// <summary>Every Vietnamese letter (NFC, both cases) plus ASCII printable characters.</summary>
    internal static readonly int[] VietnameseRepertoire = BuildRepertoire();

    public static TrueTypeFont Load(string path)
    {
        string full = Path.GetFullPath(path);
        Lazy<TrueTypeFont> lazy = Cache.GetOrAdd(full, p => new Lazy<TrueTypeFont>(() =>
        {
            var info = new FileInfo(p);
            if (!info.Exists)
            {
                throw new FileNotFoundException("The font file does not exist.", p);
            }

            if (info.Length > TrueTypeFont.MaxFontBytes)
            {
                throw new EDocLimitExceededException("font", p, nameof(TrueTypeFont.MaxFontBytes), TrueTypeFont.MaxFontBytes, info.Length);
            }

            return TrueTypeFont.Parse(File.ReadAllBytes(p), Path.GetFileName(p));
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(new KeyValuePair<string, Lazy<TrueTypeFont>>(full, lazy));
            throw;
        }
    }

    /// <summary>Resolves the regular or bold font: the configured path, else the first system font covering Vietnamese.</summary>
    public static TrueTypeFont Resolve(AppearanceFontOptions? options, bool bold)
    {
        string? configured = bold ? options?.BoldFontPath ?? options?.RegularFontPath : options?.RegularFontPath;
        if (configured is not null)
        {
            TrueTypeFont f = Load(configured);
            List<int> missing = MissingVietnamese(f);
            if (missing.Count > 0)
            {
                throw new EDocPolicyException("font.coverage", $"The font '{configured}' lacks {missing.Count} Vietnamese characters (e.g. U+{missing[0]:X4}).");
            }

            return f;
        }

        foreach ((string regular, string boldPath) in SystemCandidates)
        {
            string path = bold ? boldPath : regular;
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                TrueTypeFont f = Load(path);
                if (MissingVietnamese(f).Count == 0)
                {
                    return f;
                }
            }
            catch (EDocFormatException)
            {
                // Not usable (e.g. CFF outlines); try the next candidate.
            }
        }

        throw new EDocPolicyException("font.missing", "No TrueType font with Vietnamese glyphs was found. Install fonts-noto-core or fonts-dejavu-core, or set AppearanceFontOptions.RegularFontPath/BoldFontPath.");
    }

    public static List<int> MissingVietnamese(TrueTypeFont font) => VietnameseRepertoire.Where(c => !font.HasGlyph(c)).ToList();

    private static int[] BuildRepertoire()
    {
        var set = new SortedSet<int>();
        for (int c = 0x21; c < 0x7F; c++)
        {
            set.Add(c);
        }

        string bases = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
        string tones = "\u0300\u0301\u0309\u0303\u0323";
        foreach (char b in bases)
        {
            set.Add(b);
            foreach (char t in tones)
            {
                string s = (b.ToString() + t).Normalize(NormalizationForm.FormC);
                if (s.Length == 1)
                {
                    set.Add(s[0]);
                }
            }
        }

        set.Add('đ');
        set.Add('Đ');
        return [.. set];
    }
}
