using System.Text;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Tests.Pdf;

/// <summary>
/// Classic cross-reference tables: entries of the standard 20-byte shape are read by a fast path, anything else by
/// the tokenizer; both must give the same entries, including when the shape changes inside one subsection.
/// </summary>
public sealed class PdfXrefTableTests
{
    // Eight objects so that a subsection has a head of standard entries followed by a different shape.
    private static readonly string[] Objects =
    [
        .. MalformedPdf.MinimalObjects,
        "(four)", "(five)", "(six)", "[7]", "<</Eight 8>>",
    ];

    [Theory]
    [InlineData(" \r")]
    [InlineData(" \n")]
    [InlineData("\r\n")]
    public void Open_StandardEntriesWithEachTwoByteEol_ReadsEveryEntry(string eol)
    {
        byte[] pdf = WithEntryEol(MalformedPdf.Classic(Objects), eol, fromEntry: 0);

        using var reader = PdfDocumentReader.Open(new MemoryStream(pdf));

        AssertEntries(Expected(pdf), reader);
        Assert.False(reader.WasRecovered);
    }

    [Theory]
    [InlineData(0, "\n")]
    [InlineData(4, "\n")]
    [InlineData(4, "  \r\n")]
    [InlineData(8, "\n")]
    public void Open_EntriesThatLeaveTheStandardShape_SameEntriesAsTheTokenizer(int fromEntry, string eol)
    {
        byte[] pdf = WithEntryEol(MalformedPdf.Classic(Objects), eol, fromEntry);

        using var reader = PdfDocumentReader.Open(new MemoryStream(pdf));

        AssertEntries(Expected(pdf), reader);
        Assert.False(reader.WasRecovered);
        Assert.Equal("six"u8.ToArray(), Assert.IsType<PdfString>(reader.Latest.Get(6)).Bytes);
    }

    [Fact]
    public void Open_InUseEntryWithOffsetZero_IsFree()
    {
        string text = Encoding.Latin1.GetString(MalformedPdf.Classic(Objects));
        int xref = text.LastIndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        string line5 = text.Substring(xref + "xref\n0 9\n".Length + (5 * 20), 20);
        text = text.Remove(xref + "xref\n0 9\n".Length + (5 * 20), 20).Insert(xref + "xref\n0 9\n".Length + (5 * 20), "0000000000 00000 n\r\n");
        Assert.EndsWith(" 00000 n\r\n", line5, StringComparison.Ordinal);

        using var reader = PdfDocumentReader.Open(new MemoryStream(Encoding.Latin1.GetBytes(text)));

        Assert.Equal(PdfXrefEntryType.Free, reader.Entries[5].Type);
        Assert.Equal(PdfXrefEntryType.InFile, reader.Entries[6].Type);
    }

    [Fact]
    public void Open_LetterInsideAnEntryOffset_RecoversByScanningLikeBefore()
    {
        string text = Encoding.Latin1.GetString(MalformedPdf.Classic(Objects));
        int xref = text.LastIndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        int at = xref + "xref\n0 9\n".Length + (3 * 20) + 2;
        text = text.Remove(at, 1).Insert(at, "x");

        using var reader = PdfDocumentReader.Open(new MemoryStream(Encoding.Latin1.GetBytes(text)));

        Assert.True(reader.WasRecovered);
        Assert.Equal(9, reader.Entries.Count(e => e.Value.Type == PdfXrefEntryType.InFile) + 1);
    }

    [Fact]
    public void Open_SubsectionLongerThanOneReadChunk_ReadsEveryEntry()
    {
        var objects = new List<string>(MalformedPdf.MinimalObjects);
        for (int i = 0; i < 700; i++)
        {
            objects.Add("(" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        }

        byte[] pdf = MalformedPdf.Classic(objects);

        using var reader = PdfDocumentReader.Open(new MemoryStream(pdf));

        AssertEntries(Expected(pdf), reader);
        Assert.Equal(704, reader.Size);
    }

    /// <summary>The entries by object number, read from the text of the table by a regular expression (an independent reading).</summary>
    private static Dictionary<int, (long Offset, char Kind)> Expected(byte[] pdf)
    {
        string text = Encoding.Latin1.GetString(pdf);
        int xref = text.LastIndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        string table = text[xref..text.IndexOf("trailer", xref, StringComparison.Ordinal)];
        var result = new Dictionary<int, (long, char)>();
        int n = 0;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(table, @"(\d{10}) (\d{5}) ([nf])"))
        {
            result[n++] = (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[3].Value[0]);
        }

        return result;
    }

    private static void AssertEntries(Dictionary<int, (long Offset, char Kind)> expected, PdfDocumentReader reader)
    {
        Assert.Equal(expected.Count, reader.Entries.Count);
        foreach ((int number, (long offset, char kind)) in expected)
        {
            PdfXrefEntry actual = reader.Entries[number];
            Assert.Equal(kind == 'n' ? PdfXrefEntryType.InFile : PdfXrefEntryType.Free, actual.Type);
            if (kind == 'n')
            {
                Assert.Equal(offset, actual.Offset);
            }
        }
    }

    /// <summary>Rewrites the end of line of entries <paramref name="fromEntry"/> onwards (keeping offsets right: the table is last).</summary>
    private static byte[] WithEntryEol(byte[] pdf, string eol, int fromEntry)
    {
        string text = Encoding.Latin1.GetString(pdf);
        int xref = text.LastIndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        int trailer = text.IndexOf("trailer", xref, StringComparison.Ordinal);
        string[] lines = text[xref..trailer].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        string head = lines[0];
        sb.Append(head[..(head.LastIndexOf('\n') + 1)]);
        var entries = new List<string> { head[(head.LastIndexOf('\n') + 1)..] };
        entries.AddRange(lines.Skip(1));
        for (int i = 0; i < entries.Count; i++)
        {
            sb.Append(entries[i]).Append(i >= fromEntry ? eol : "\r\n");
        }

        string rewritten = text[..xref] + sb + text[trailer..];
        return Encoding.Latin1.GetBytes(rewritten);
    }
}
