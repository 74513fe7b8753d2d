using EDoc.Signing.Appearance;
using EDoc.Signing.Tests.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace EDoc.Signing.Tests.Appearance;

/// <summary>Anchor search on LibreOffice output, judged against PdfPig's letter boxes.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class AnchorTextLocatorTests(PdfCorpusFixture corpus)
{
    [Theory]
    [InlineData(PdfCorpusFixture.Lo, "Độc lập")]
    [InlineData(PdfCorpusFixture.Lo, "CỘNG HÒA XÃ HỘI")]
    [InlineData(PdfCorpusFixture.LoObjStm, "Hạnh phúc")]
    [InlineData(PdfCorpusFixture.LoForm, "Số:")]
    public void Find_LibreOfficeText_BoundsMatchPdfPigLetters(string file, string anchor)
    {
        string path = corpus.Path(file);
        using FileStream stream = File.OpenRead(path);

        IReadOnlyList<AnchorMatch> matches = AnchorTextLocator.Find(stream, anchor);

        AnchorMatch m = Assert.Single(matches);
        using PdfDocument pig = PdfDocument.Open(path);
        Page page = pig.GetPage(m.PageIndex + 1);
        string squashed = anchor.Replace(" ", "", StringComparison.Ordinal);
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
        string all = string.Concat(letters.Select(l => l.Value));
        int at = all.IndexOf(squashed, StringComparison.Ordinal);
        Assert.True(at >= 0, $"PdfPig did not find '{anchor}' in '{all}'");
        var span = letters.Skip(at).Take(squashed.Length).ToList();
        double left = span.Min(l => l.StartBaseLine.X), right = span.Max(l => l.EndBaseLine.X);
        double bottom = span.Min(l => l.StartBaseLine.Y);
        Assert.InRange(m.Bounds.X, left - 2, left + 2);
        Assert.InRange(m.Bounds.Right, right - 3, right + 3);
        Assert.True(m.Bounds.Y < bottom && m.Bounds.Top > bottom, $"the baseline {bottom} must lie inside {m.Bounds}");
    }

    [Fact]
    public void Find_Rotated90Page_ReturnsBoxAsTheReaderSeesIt()
    {
        using FileStream plain = File.OpenRead(corpus.Path(PdfCorpusFixture.Lo));
        using FileStream rotated = File.OpenRead(corpus.Path(PdfCorpusFixture.Rotated90));

        AnchorMatch a = Assert.Single(AnchorTextLocator.Find(plain, "Độc lập", 0));
        AnchorMatch b = Assert.Single(AnchorTextLocator.Find(rotated, "Độc lập", 0));

        using PdfDocument pig = PdfDocument.Open(corpus.Path(PdfCorpusFixture.Lo));
        double cw = pig.GetPage(1).Width;
        Assert.Equal(a.Bounds.Y, b.Bounds.X, 3);
        Assert.Equal(cw - a.Bounds.Right, b.Bounds.Y, 3);
        Assert.Equal(a.Bounds.Height, b.Bounds.Width, 3);
        Assert.Equal(a.Bounds.Width, b.Bounds.Height, 3);
    }

    [Fact]
    public void Find_TextOnSecondPageOnly_FindsItThere()
    {
        using FileStream stream = File.OpenRead(corpus.Path(PdfCorpusFixture.Lo));

        IReadOnlyList<AnchorMatch> all = AnchorTextLocator.Find(stream, "Nơi nhận");
        IReadOnlyList<AnchorMatch> last = AnchorTextLocator.Find(stream, "Nơi nhận", -1);
        IReadOnlyList<AnchorMatch> first = AnchorTextLocator.Find(stream, "Nơi nhận", 0);

        Assert.Equal(1, Assert.Single(all).PageIndex);
        Assert.Equal(1, Assert.Single(last).PageIndex);
        Assert.Empty(first);
    }

    [Fact]
    public void Find_AbsentText_ReturnsEmpty()
    {
        using FileStream stream = File.OpenRead(corpus.Path(PdfCorpusFixture.Lo));

        Assert.Empty(AnchorTextLocator.Find(stream, "Không có chữ này"));
    }
}

[Collection(PdfCorpusDefinition.Name)]
public sealed class TextBlockPlacementTests(PdfCorpusFixture corpus)
{
    [Fact]
    public void PlaceTopRight_LibreOfficePageWithHeader_AvoidsExistingTextBoxes()
    {
        using FileStream stream = File.OpenRead(corpus.Path(PdfCorpusFixture.Lo));
        IReadOnlyList<PageRectangle> boxes = AnchorTextLocator.GetTextBoxes(stream, 0);
        AnchorMatch header = Assert.Single(AnchorTextLocator.Find(stream, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0));

        // A block as wide as the page's text column must move below the text lines it would cover.
        PageRectangle placed = AnchorTextLocator.PlaceTopRight(595.3, 841.9, 480, 40, boxes, margin: 30);

        Assert.Contains(boxes, b => b.X <= header.Bounds.X + 1 && b.Right >= header.Bounds.X + 10 && Math.Abs(b.Y - header.Bounds.Y) < 2);
        Assert.DoesNotContain(boxes, b => placed.X < b.Right && b.X < placed.Right && placed.Y < b.Top && b.Y < placed.Top);
        Assert.True(placed.Top < header.Bounds.Y, $"placed {placed} should be below the header {header.Bounds}");
    }

    [Fact]
    public void PlaceTopRight_NoObstacles_UsesTopRightCornerWithMargin()
    {
        PageRectangle placed = AnchorTextLocator.PlaceTopRight(595, 842, 150, 40, []);

        Assert.Equal(595 - 42.52 - 150, placed.X, 6);
        Assert.Equal(842 - 42.52, placed.Top, 6);
    }
}

public sealed class AnchorTextLocatorRobustnessTests
{
    /// <summary>A page whose content has an inline image, unbalanced q/Q, unknown operators and a font-less Tj.</summary>
    [Fact]
    public void Find_OddContentStream_FindsTextAndIgnoresTheRest()
    {
        const string content = "Q Q q (no font) Tj BI /W 2 /H 1 /CS /G /BPC 8 ID \u00ff\u0000 EI foo bar 1 2 3 baz BT /F1 12 Tf 1 0 0 1 100 700 Tm [(Hel) 120 (lo)] TJ T* (World) ' ET <</X [1 2]>> BDC EMC";
        byte[] pdf = PdfWithContent(content);
        using var stream = new MemoryStream(pdf);

        AnchorMatch hello = Assert.Single(AnchorTextLocator.Find(stream, "Hello"));
        Assert.Single(AnchorTextLocator.Find(stream, "World"));

        Assert.InRange(hello.Bounds.X, 99.9, 100.1);
        Assert.InRange(hello.Bounds.Y, 695, 700);
        Assert.InRange(hello.Bounds.Top, 705, 715);
    }

    private static byte[] PdfWithContent(string content)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {System.Text.Encoding.Latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        };
        var sb = new System.Text.StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Count; i++)
        {
            offsets.Add(System.Text.Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = System.Text.Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (int o in offsets)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.Latin1.GetBytes(sb.ToString());
    }
}
