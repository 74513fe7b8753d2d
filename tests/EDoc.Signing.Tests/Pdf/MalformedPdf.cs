using System.Text;

namespace EDoc.Signing.Tests.Pdf;

/// <summary>Hand-written PDFs for malformed-input tests only; offsets are computed so that only the intended defect is present.</summary>
internal static class MalformedPdf
{
    /// <summary>Builds "%PDF-1.7" + objects + a classic xref + trailer; <paramref name="trailerExtra"/> is appended inside the trailer.</summary>
    public static byte[] Classic(IReadOnlyList<string> objects, string trailerExtra = "", long? startxrefOverride = null)
    {
        var sb = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<long>();
        for (int i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        long xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append("xref\n0 ").Append(objects.Count + 1).Append('\n').Append("0000000000 65535 f\r\n");
        foreach (long o in offsets)
        {
            sb.Append(o.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n\r\n");
        }

        sb.Append("trailer\n<</Size ").Append(objects.Count + 1).Append("/Root 1 0 R").Append(trailerExtra).Append(">>\nstartxref\n")
          .Append(startxrefOverride ?? xref).Append("\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    public static readonly string[] MinimalObjects =
    [
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ];

    /// <summary>Two xref sections whose /Prev entries point at each other.</summary>
    public static byte[] CyclicPrev()
    {
        var sb = new StringBuilder("%PDF-1.7\n");
        long o1 = sb.Length;
        sb.Append("1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n");
        long o2 = sb.Length;
        sb.Append("2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj\n");
        long x1 = sb.Length;
        string Entry(long o) => o.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + " 00000 n\r\n";
        // The first table is written with a /Prev that will point at the second one.
        string table1Head = "xref\n1 1\n" + Entry(o1) + "trailer\n<</Size 3/Root 1 0 R/Prev ";
        long x2 = x1 + table1Head.Length + 10 + ">>\n".Length;
        sb.Append(table1Head).Append(x2.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(">>\n");
        sb.Append("xref\n2 1\n").Append(Entry(o2)).Append("trailer\n<</Size 3/Root 1 0 R/Prev ").Append(x1).Append(">>\n");
        sb.Append("startxref\n").Append(x2).Append("\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>A file whose xref stream puts object 4 in object stream 5 and object stream 5 in object stream 4.</summary>
    public static byte[] ObjectStreamLoop()
    {
        var sb = new StringBuilder("%PDF-1.7\n");
        long o1 = sb.Length;
        sb.Append("1 0 obj\n<</Type/Catalog/Pages 4 0 R>>\nendobj\n");
        long x = sb.Length;
        // Rows: type(1) field2(2) field3(1). Objects 0..5.
        byte[] rows =
        [
            0, 0, 0, 0,
            1, (byte)(o1 >> 8), (byte)o1, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
            2, 0, 5, 0,
            2, 0, 4, 0,
        ];
        string head = $"6 0 obj\n<</Type/XRef/Size 7/W[1 2 1]/Index[0 6]/Root 1 0 R/Length {rows.Length}>>\nstream\n";
        var bytes = new List<byte>(Encoding.Latin1.GetBytes(sb.ToString() + head));
        bytes.AddRange(rows);
        bytes.AddRange(Encoding.Latin1.GetBytes($"\nendstream\nendobj\nstartxref\n{x}\n%%EOF\n"));
        return [.. bytes];
    }
}
