using System.Buffers.Binary;

namespace EDoc.Signing.Appearance.Fonts;

/// <summary>
/// Builds a glyph subset of a TrueType font for /FontFile2. Glyph ids are kept (so /CIDToGIDMap /Identity stays
/// valid); glyphs outside the subset get no outline, unused advance widths are zeroed, composite glyphs pull in their
/// components. Tables: head (long loca, new checkSumAdjustment), hhea, maxp, OS/2, hmtx, loca, glyf, post (format 3),
/// and the hinting tables cvt/fpgm/prep when present; each with its recomputed checksum.
/// </summary>
internal static class TrueTypeSubsetter
{
    /// <summary>Returns the closed set of glyphs (always with .notdef) for the requested ones.</summary>
    public static SortedSet<int> Close(TrueTypeFont font, IEnumerable<int> glyphs)
    {
        var result = new SortedSet<int>();
        var pending = new Stack<int>(glyphs);
        pending.Push(0);
        while (pending.Count > 0)
        {
            int g = pending.Pop();
            if (g < 0 || g >= font.GlyphCount || !result.Add(g))
            {
                continue;
            }

            foreach (int c in font.GetComponents(g))
            {
                pending.Push(c);
            }
        }

        return result;
    }

    public static byte[] Subset(TrueTypeFont font, IEnumerable<int> glyphs)
    {
        SortedSet<int> keep = Close(font, glyphs);
        int n = font.GlyphCount;

        // glyf + loca (long format).
        using var glyf = new MemoryStream();
        byte[] loca = new byte[4 * (n + 1)];
        for (int g = 0; g < n; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * g), (uint)glyf.Length);
            if (keep.Contains(g))
            {
                glyf.Write(font.GetGlyphData(g));
                while (glyf.Length % 4 != 0)
                {
                    glyf.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * n), (uint)glyf.Length);

        // hmtx: one full metric per glyph, zero for dropped glyphs (compresses to almost nothing).
        byte[] hmtx = new byte[4 * n];
        for (int g = 0; g < n; g++)
        {
            if (keep.Contains(g))
            {
                BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * g), (ushort)font.GetAdvance(g));
                BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan((4 * g) + 2), LeftSideBearing(font, g));
            }
        }

        byte[] head = Copy(font, "head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        byte[] hhea = Copy(font, "hhea");
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)n);
        byte[] post = new byte[32];
        byte[] srcPost = font.Tables.ContainsKey("post") ? Copy(font, "post") : [];
        srcPost.AsSpan(0, Math.Min(32, srcPost.Length)).CopyTo(post);
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = head,
            ["hhea"] = hhea,
            ["maxp"] = Copy(font, "maxp"),
            ["hmtx"] = hmtx,
            ["loca"] = loca,
            ["glyf"] = glyf.ToArray(),
            ["post"] = post,
        };
        foreach (string t in new[] { "OS/2", "cvt ", "fpgm", "prep" })
        {
            if (font.Tables.ContainsKey(t))
            {
                tables[t] = Copy(font, t);
            }
        }

        return Assemble(tables);
    }

    private static short LeftSideBearing(TrueTypeFont font, int g)
    {
        ReadOnlySpan<byte> data = font.GetGlyphData(g);
        return data.Length >= 4 ? BinaryPrimitives.ReadInt16BigEndian(data[2..]) : (short)0;
    }

    private static byte[] Copy(TrueTypeFont font, string tag)
    {
        (int off, int len) = font.Tables[tag];
        return font.Data.AsSpan(off, len).ToArray();
    }

    internal static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            last.Clear();
            data[i..].CopyTo(last);
            sum += BinaryPrimitives.ReadUInt32BigEndian(last);
        }

        return sum;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        int numTables = tables.Count;
        int entrySelector = (int)Math.Floor(Math.Log2(numTables));
        int searchRange = (1 << entrySelector) * 16;
        int offset = 12 + (16 * numTables);
        int total = offset + tables.Values.Sum(t => (t.Length + 3) & ~3);
        byte[] output = new byte[total];
        Span<byte> o = output;
        BinaryPrimitives.WriteUInt32BigEndian(o, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(o[4..], (ushort)numTables);
        BinaryPrimitives.WriteUInt16BigEndian(o[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(o[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(o[10..], (ushort)((numTables * 16) - searchRange));
        int rec = 12, headOffset = -1;
        foreach ((string tag, byte[] data) in tables)
        {
            for (int k = 0; k < 4; k++)
            {
                o[rec + k] = (byte)tag[k];
            }

            BinaryPrimitives.WriteUInt32BigEndian(o[(rec + 4)..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(o[(rec + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(o[(rec + 12)..], (uint)data.Length);
            data.CopyTo(o[offset..]);
            if (tag == "head")
            {
                headOffset = offset;
            }

            offset += (data.Length + 3) & ~3;
            rec += 16;
        }

        uint adjustment = unchecked(0xB1B0AFBA - Checksum(output));
        BinaryPrimitives.WriteUInt32BigEndian(o[(headOffset + 8)..], adjustment);
        return output;
    }
}
