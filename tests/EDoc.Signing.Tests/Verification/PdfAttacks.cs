using System.Globalization;
using System.Text;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Tests.Verification;

/// <summary>
/// Builds the published PDF signature attacks (Mladenov et al. 2019; Mainka et al. 2021) by hand from signed files:
/// in-place byte patches of the signature dictionary and raw incremental updates whose cross-reference section and
/// trailer can lie.
/// </summary>
internal static class PdfAttacks
{
    /// <summary>How the raw update ends.</summary>
    public enum Xref
    {
        /// <summary>A classic xref table listing the objects, a trailer with /Prev, startxref and %%EOF.</summary>
        Table,

        /// <summary>The objects only: no xref, no trailer, no startxref.</summary>
        None,

        /// <summary>The objects, then <c>startxref</c> repeating the previous value and %%EOF (the file still "ends like a PDF").</summary>
        OldStartXref,
    }

    /// <summary>One object of a raw update: its number and what goes between <c>obj</c> and <c>endobj</c>.</summary>
    public sealed record RawObject(int Number, string Body);

    public static string Latin(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Page content painting the whole A4 page red: what the attacker wants shown.</summary>
    public const string RedPage = "1 0 0 rg 0 0 595 842 re f";

    /// <summary>An uncompressed stream body.</summary>
    public static string Stream(string dictionaryEntries, string data)
        => $"<< {dictionaryEntries} /Length {Encoding.Latin1.GetByteCount(data)} >>\nstream\n{data}\nendstream";

    /// <summary>Object <paramref name="number"/> redefined as a content stream painting the page red (<see cref="RedPage"/>).</summary>
    public static RawObject RedPageContent(int number) => new(number, Stream(string.Empty, RedPage));

    /// <summary>Object <paramref name="number"/> redefined as an empty A4 form XObject: what was drawn through it disappears.</summary>
    public static RawObject EmptyForm(int number) => new(number, Stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842]", string.Empty));

    /// <summary>Replaces <paramref name="find"/> (first occurrence) by <paramref name="replace"/> padded with spaces to the same length.</summary>
    public static async Task<string> PatchAsync(string input, string output, string find, string replace)
    {
        byte[] bytes = await File.ReadAllBytesAsync(input);
        int at = Latin(bytes).IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, "not found: " + find);
        Assert.True(replace.Length <= find.Length, "the replacement must not be longer");
        Encoding.Latin1.GetBytes(replace.PadRight(find.Length)).CopyTo(bytes, at);
        await File.WriteAllBytesAsync(output, bytes);
        return output;
    }

    /// <summary>Replaces the bytes [<paramref name="start"/>, <paramref name="start"/> + length) by <paramref name="replacement"/>.</summary>
    public static async Task<string> OverwriteAsync(string input, string output, long start, byte[] replacement)
    {
        byte[] bytes = await File.ReadAllBytesAsync(input);
        replacement.CopyTo(bytes, start);
        await File.WriteAllBytesAsync(output, bytes);
        return output;
    }

    /// <summary>The /ByteRange text of the only signature, e.g. <c>/ByteRange [0 123 456 789]</c>, as written (without the padding).</summary>
    public static (string Text, long[] Values) ByteRangeOf(string file)
    {
        string latin = Latin(File.ReadAllBytes(file));
        int at = latin.LastIndexOf("/ByteRange", StringComparison.Ordinal);
        int end = latin.IndexOf(']', at);
        string text = latin[at..(end + 1)];
        long[] values = text["/ByteRange".Length..].Trim().Trim('[', ']').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (text, values);
    }

    /// <summary>
    /// Appends a hand-written incremental update. <paramref name="unlisted"/> objects are written but left out of the
    /// xref; <paramref name="redirects"/> are xref entries that point at existing bytes (no body written);
    /// <paramref name="root"/> replaces the trailer /Root.
    /// </summary>
    public static async Task<string> AppendAsync(
        string input,
        string output,
        IReadOnlyList<RawObject> objects,
        Xref xref = Xref.Table,
        IReadOnlyCollection<int>? unlisted = null,
        IReadOnlyDictionary<int, long>? redirects = null,
        int? root = null)
    {
        byte[] original = await File.ReadAllBytesAsync(input);
        string latin = Latin(original);
        int sx = latin.LastIndexOf("startxref", StringComparison.Ordinal);
        long prev = long.Parse(latin[(sx + 9)..].Trim().Split('\n', '\r')[0].Trim(), CultureInfo.InvariantCulture);
        PdfDictionary trailer;
        int size;
        using (var fs = new MemoryStream(original))
        using (PdfDocumentReader reader = PdfDocumentReader.Open(fs))
        {
            trailer = reader.Trailer;
            size = reader.Size;
        }

        var sb = new StringBuilder();
        if (original[^1] is not ((byte)'\n' or (byte)'\r'))
        {
            sb.Append('\n');
        }

        var offsets = new SortedDictionary<int, long>();
        foreach (RawObject o in objects)
        {
            long offset = original.Length + Encoding.Latin1.GetByteCount(sb.ToString());
            if (unlisted is null || !unlisted.Contains(o.Number))
            {
                offsets[o.Number] = offset;
            }

            sb.Append(CultureInfo.InvariantCulture, $"{o.Number} 0 obj\n{o.Body}\nendobj\n");
            size = Math.Max(size, o.Number + 1);
        }

        foreach (KeyValuePair<int, long> r in redirects ?? new Dictionary<int, long>())
        {
            offsets[r.Key] = r.Value;
        }

        switch (xref)
        {
            case Xref.Table:
                long xrefAt = original.Length + Encoding.Latin1.GetByteCount(sb.ToString());
                sb.Append("xref\n");
                foreach (KeyValuePair<int, long> e in offsets)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{e.Key} 1\n{e.Value:D10} 00000 n \n");
                }

                string info = trailer.Get("Info") is PdfReference i ? $" /Info {i.Number} {i.Generation} R" : string.Empty;
                var rootRef = (PdfReference)trailer.Get("Root")!;
                sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {root ?? rootRef.Number} 0 R{info} /Prev {prev} >>\nstartxref\n{xrefAt}\n%%EOF\n");
                break;
            case Xref.OldStartXref:
                sb.Append(CultureInfo.InvariantCulture, $"startxref\n{prev}\n%%EOF\n");
                break;
        }

        await using FileStream outStream = File.Create(output);
        await outStream.WriteAsync(original);
        await outStream.WriteAsync(Encoding.Latin1.GetBytes(sb.ToString()));
        return output;
    }

    /// <summary>Opens a file for looking up object numbers and offsets.</summary>
    public static PdfDocumentReader Open(string file) => PdfDocumentReader.Open(new MemoryStream(File.ReadAllBytes(file)));

    /// <summary>The in-file offset of object <paramref name="number"/> in the latest revision.</summary>
    public static long OffsetOf(PdfDocumentReader reader, int number)
    {
        PdfXrefEntry e = reader.Latest.Entries[number];
        Assert.Equal(PdfXrefEntryType.InFile, e.Type);
        return e.Offset;
    }
}
