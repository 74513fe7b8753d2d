using System.Buffers.Binary;
using System.Text;

namespace EDoc.Signing.Appearance.Fonts;

/// <summary>
/// A parsed TrueType (glyf-outline) font: the tables needed to measure text, map Unicode to glyphs and build an
/// embedding subset (OpenType spec: head, hhea, maxp, loca, glyf, hmtx, cmap formats 4/12, post, name, OS/2).
/// Every offset and length is bounds-checked; a malformed font raises <see cref="EDocFormatException"/>.
/// </summary>
internal sealed class TrueTypeFont
{
    /// <summary>The largest font file accepted (64 MiB).</summary>
    public const int MaxFontBytes = 64 * 1024 * 1024;

    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _cmap = [];
    private readonly int[] _glyphOffsets;
    private readonly ushort[] _advances;
    private readonly string _source;

    private TrueTypeFont(byte[] data, string source)
    {
        _data = data;
        _source = source;
        if (data.Length < 12)
        {
            throw Bad("header", "The file is too short for a font.");
        }

        uint version = U32(0);
        if (version == 0x4F54544F)
        {
            throw Bad("header", "The font has CFF outlines (OTTO); a TrueType (glyf) font is needed for embedding as CIDFontType2.");
        }

        if (version != 0x00010000 && version != 0x74727565)
        {
            throw Bad("header", "Not a TrueType font (unknown sfnt version).");
        }

        int numTables = U16(4);
        Need(12 + (16 * numTables), "table directory");
        for (int i = 0; i < numTables; i++)
        {
            int rec = 12 + (16 * i);
            string tag = Encoding.ASCII.GetString(data, rec, 4);
            long off = U32(rec + 8), len = U32(rec + 12);
            if (off + len > data.Length)
            {
                throw Bad(tag, "The table lies outside the file.");
            }

            _tables[tag] = ((int)off, (int)len);
        }

        foreach (string t in new[] { "head", "hhea", "maxp", "loca", "glyf", "hmtx" })
        {
            if (!_tables.ContainsKey(t))
            {
                throw Bad(t, "The required table is missing.");
            }
        }

        int head = Table("head", 54);
        UnitsPerEm = U16(head + 18);
        if (UnitsPerEm is < 16 or > 16384)
        {
            throw Bad("head", "unitsPerEm is out of range.");
        }

        XMin = S16(head + 36);
        YMin = S16(head + 38);
        XMax = S16(head + 40);
        YMax = S16(head + 42);
        int locFormat = S16(head + 50);
        int maxp = Table("maxp", 6);
        GlyphCount = U16(maxp + 4);
        if (GlyphCount == 0)
        {
            throw Bad("maxp", "The font has no glyphs.");
        }

        int hhea = Table("hhea", 36);
        Ascender = S16(hhea + 4);
        Descender = S16(hhea + 6);
        int numHMetrics = U16(hhea + 34);
        if (numHMetrics == 0 || numHMetrics > GlyphCount)
        {
            throw Bad("hhea", "numberOfHMetrics is out of range.");
        }

        int hmtx = Table("hmtx", 4 * numHMetrics);
        _advances = new ushort[GlyphCount];
        for (int g = 0; g < GlyphCount; g++)
        {
            _advances[g] = U16(hmtx + (4 * Math.Min(g, numHMetrics - 1)));
        }

        (int glyfOff, int glyfLen) = _tables["glyf"];
        int loca = Table("loca", (locFormat == 0 ? 2 : 4) * (GlyphCount + 1));
        _glyphOffsets = new int[GlyphCount + 1];
        for (int g = 0; g <= GlyphCount; g++)
        {
            long o = locFormat == 0 ? U16(loca + (2 * g)) * 2L : U32(loca + (4 * g));
            if (o > glyfLen || (g > 0 && o < _glyphOffsets[g - 1]))
            {
                throw Bad("loca", $"Glyph {g} has an invalid offset.");
            }

            _glyphOffsets[g] = (int)o;
        }

        GlyfOffset = glyfOff;

        // A font without cmap (e.g. an embedded CIDFontType2 subset) maps no characters.
        if (_tables.ContainsKey("cmap"))
        {
            ReadCmap();
        }
        if (_tables.TryGetValue("OS/2", out (int Offset, int Length) os2) && os2.Length >= 78)
        {
            WeightClass = U16(os2.Offset + 4);
            FsType = U16(os2.Offset + 8);
            CapHeight = os2.Length >= 90 && U16(os2.Offset) >= 2 ? S16(os2.Offset + 88) : Ascender;
        }
        else
        {
            WeightClass = 400;
            CapHeight = Ascender;
        }

        if (_tables.TryGetValue("post", out (int Offset, int Length) post) && post.Length >= 16)
        {
            ItalicAngle = S32(post.Offset + 4) / 65536.0;
            IsFixedPitch = U32(post.Offset + 12) != 0;
        }

        PostScriptName = ReadPostScriptName() ?? "EDocFont";
    }

    public int UnitsPerEm { get; }

    public int GlyphCount { get; }

    public int Ascender { get; }

    public int Descender { get; }

    public int CapHeight { get; }

    public int XMin { get; }

    public int YMin { get; }

    public int XMax { get; }

    public int YMax { get; }

    public int WeightClass { get; }

    /// <summary>OS/2 fsType embedding permissions (bit 1 = restricted licence embedding).</summary>
    public int FsType { get; }

    public double ItalicAngle { get; }

    public bool IsFixedPitch { get; }

    public string PostScriptName { get; }

    internal byte[] Data => _data;

    internal int GlyfOffset { get; }

    internal IReadOnlyDictionary<string, (int Offset, int Length)> Tables => _tables;

    /// <summary>Parses a font file's bytes.</summary>
    public static TrueTypeFont Parse(byte[] data, string source = "font")
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > MaxFontBytes)
        {
            throw new EDocLimitExceededException("font", source, nameof(MaxFontBytes), MaxFontBytes, data.Length);
        }

        return new TrueTypeFont(data, source);
    }

    /// <summary>The glyph for a Unicode scalar value, or 0 (.notdef) when the font lacks it.</summary>
    public int GetGlyph(int codePoint) => _cmap.TryGetValue(codePoint, out int g) && g < GlyphCount ? g : 0;

    /// <summary>Whether the font maps the code point to a real glyph.</summary>
    public bool HasGlyph(int codePoint) => GetGlyph(codePoint) != 0;

    /// <summary>The advance width of a glyph in font units.</summary>
    public int GetAdvance(int glyph) => _advances[glyph];

    /// <summary>The glyf bytes of one glyph (empty for a glyph without outline).</summary>
    internal ReadOnlySpan<byte> GetGlyphData(int glyph) => _data.AsSpan(GlyfOffset + _glyphOffsets[glyph], _glyphOffsets[glyph + 1] - _glyphOffsets[glyph]);

    /// <summary>The glyphs a composite glyph refers to (empty for a simple glyph).</summary>
    internal List<int> GetComponents(int glyph)
    {
        var result = new List<int>();
        ReadOnlySpan<byte> g = GetGlyphData(glyph);
        if (g.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(g) >= 0)
        {
            return result;
        }

        int p = 10;
        for (int guard = 0; guard < 1024; guard++)
        {
            if (p + 4 > g.Length)
            {
                throw Bad("glyf", $"Composite glyph {glyph} is truncated.");
            }

            int flags = BinaryPrimitives.ReadUInt16BigEndian(g[p..]);
            int component = BinaryPrimitives.ReadUInt16BigEndian(g[(p + 2)..]);
            if (component >= GlyphCount)
            {
                throw Bad("glyf", $"Composite glyph {glyph} refers to glyph {component}, which does not exist.");
            }

            result.Add(component);
            p += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            p += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
            if ((flags & 0x0020) == 0)
            {
                return result;
            }
        }

        throw Bad("glyf", $"Composite glyph {glyph} has too many components.");
    }

    private void ReadCmap()
    {
        (int off, int len) = _tables["cmap"];
        Need(off + 4, "cmap");
        int n = U16(off + 2);
        int best = -1, bestScore = -1;
        for (int i = 0; i < n; i++)
        {
            int rec = off + 4 + (8 * i);
            Need(rec + 8, "cmap");
            int platform = U16(rec), encoding = U16(rec + 2);
            long sub = U32(rec + 4);
            if (sub + 4 > len)
            {
                continue;
            }

            int format = U16(off + (int)sub);
            int score = (platform, encoding, format) switch
            {
                (3, 10, 12) => 4,
                (0, _, 12) => 3,
                (3, 1, 4) => 2,
                (0, _, 4) => 1,
                _ => -1,
            };
            if (score > bestScore)
            {
                bestScore = score;
                best = off + (int)sub;
            }
        }

        if (best < 0)
        {
            throw Bad("cmap", "No Unicode cmap subtable (format 4 or 12) was found.");
        }

        if (U16(best) == 12)
        {
            Need(best + 16, "cmap");
            long groups = U32(best + 12);
            Need(best + 16 + (groups * 12), "cmap");
            for (long i = 0; i < groups; i++)
            {
                int rec = best + 16 + (int)(i * 12);
                long start = U32(rec), end = U32(rec + 4), gid = U32(rec + 8);
                if (end < start || end > 0x10FFFF || end - start > 0x10FFFF)
                {
                    throw Bad("cmap", "A format 12 group is invalid.");
                }

                for (long c = start; c <= end; c++)
                {
                    _cmap.TryAdd((int)c, (int)(gid + (c - start)));
                }
            }

            return;
        }

        Need(best + 14, "cmap");
        int segX2 = U16(best + 6);
        int ends = best + 14, starts = ends + segX2 + 2, deltas = starts + segX2, rangeOffsets = deltas + segX2;
        Need(rangeOffsets + segX2, "cmap");
        for (int s = 0; s < segX2 / 2; s++)
        {
            int end = U16(ends + (2 * s)), start = U16(starts + (2 * s)), delta = S16(deltas + (2 * s));
            int ro = U16(rangeOffsets + (2 * s));
            for (int c = start; c <= end && c != 0xFFFF; c++)
            {
                int g;
                if (ro == 0)
                {
                    g = (c + delta) & 0xFFFF;
                }
                else
                {
                    int addr = rangeOffsets + (2 * s) + ro + (2 * (c - start));
                    Need(addr + 2, "cmap");
                    g = U16(addr);
                    if (g != 0)
                    {
                        g = (g + delta) & 0xFFFF;
                    }
                }

                if (g != 0)
                {
                    _cmap.TryAdd(c, g);
                }
            }
        }
    }

    private string? ReadPostScriptName()
    {
        if (!_tables.TryGetValue("name", out (int Offset, int Length) t) || t.Length < 6)
        {
            return null;
        }

        int count = U16(t.Offset + 2), storage = t.Offset + U16(t.Offset + 4);
        for (int i = 0; i < count; i++)
        {
            int rec = t.Offset + 6 + (12 * i);
            if (rec + 12 > t.Offset + t.Length)
            {
                break;
            }

            int platform = U16(rec), nameId = U16(rec + 6), len = U16(rec + 8), off = U16(rec + 10);
            if (nameId != 6 || storage + off + len > _data.Length)
            {
                continue;
            }

            string name = platform is 3 or 0 ? Encoding.BigEndianUnicode.GetString(_data, storage + off, len) : Encoding.Latin1.GetString(_data, storage + off, len);
            var sb = new StringBuilder();
            foreach (char c in name)
            {
                if (c is > ' ' and < (char)127 and not ('[' or ']' or '(' or ')' or '{' or '}' or '<' or '>' or '/' or '%'))
                {
                    sb.Append(c);
                }
            }

            if (sb.Length > 0)
            {
                return sb.ToString();
            }
        }

        return null;
    }

    private int Table(string tag, int minLength)
    {
        (int off, int len) = _tables[tag];
        if (len < minLength)
        {
            throw Bad(tag, "The table is too short.");
        }

        return off;
    }

    private void Need(long end, string where)
    {
        if (end > _data.Length || end < 0)
        {
            throw Bad(where, "The data is truncated.");
        }
    }

    private ushort U16(int o)
    {
        Need(o + 2L, "data");
        return BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(o));
    }

    private short S16(int o)
    {
        Need(o + 2L, "data");
        return BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(o));
    }

    private uint U32(int o)
    {
        Need(o + 4L, "data");
        return BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(o));
    }

    private int S32(int o)
    {
        Need(o + 4L, "data");
        return BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(o));
    }

    private EDocFormatException Bad(string table, string message) => new("font", _source + " table " + table, message);
}
