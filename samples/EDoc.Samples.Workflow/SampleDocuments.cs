using EDoc.Signing.Appearance;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EDoc.Samples.Workflow;

/// <summary>Where the later steps put things on the draft's first page (millimetres, origin bottom-left as the reader sees it).</summary>
/// <param name="NumberField">The box of the number field (ô 3: "Số: …/QĐ-UBND").</param>
/// <param name="DateField">The box of the place-and-date field (ô 4).</param>
/// <param name="UrgencyStamp">Where the urgency stamp goes (ô 10b, under the number).</param>
/// <param name="SignerBox">The space between the signer's title and name (ô 7c), for the signature image.</param>
public sealed record DraftLayout(PageRectangle NumberField, PageRectangle DateField, PageRectangle UrgencyStamp, PageRectangle SignerBox);

/// <summary>
/// Draws the samples' documents with PDFsharp in the layout of NĐ 30/2020/NĐ-CP Phụ lục I (A4, margins 20/20/30/15 mm,
/// a serif face at 13–14 pt): a Quyết định of UBND tỉnh Nghệ An with empty places for the number and date, and its
/// annex (phụ lục) with a table.
/// </summary>
public static class SampleDocuments
{
    private const double PageHeightMm = 297, LeftMm = 30, RightMm = 195;

    /// <summary>Writes the draft Quyết định (one page, number and date left empty for the clerk).</summary>
    /// <param name="path">The PDF to write.</param>
    /// <param name="s">The scenario.</param>
    /// <returns>Where the later steps put the number, date, urgency stamp and signature.</returns>
    /// <exception cref="IOException">No serif font with Vietnamese letters is installed (the message names the Debian package).</exception>
    public static DraftLayout WriteDecision(string path, SampleScenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        PdfSharpFonts.EnsureInstalled(PdfSharpFonts.Serif);
        PdfSharpFonts.EnsureRegistered();
        using var pdf = NewDocument(s.Subject, s.Sender.Name);
        PdfPage page = pdf.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        DraftLayout layout;
        using (XGraphics g = XGraphics.FromPdfPage(page))
        {
            var bold13 = Font(13, XFontStyleEx.Bold);
            var bold12 = Font(12, XFontStyleEx.Bold);
            var bold14 = Font(14, XFontStyleEx.Bold);
            var normal14 = Font(14);
            var italic14 = Font(14, XFontStyleEx.Italic);

            // Ô 1 and ô 2: the national title and the agency, each centred on its column.
            const double leftCentre = 67, rightCentre = 142;
            Centre(g, "ỦY BAN NHÂN DÂN", bold13, leftCentre, 22);
            Centre(g, "TỈNH NGHỆ AN", bold13, leftCentre, 27.5);
            Rule(g, leftCentre - 12, leftCentre + 12, 30);
            Centre(g, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold12, rightCentre, 22);
            Centre(g, "Độc lập - Tự do - Hạnh phúc", bold13, rightCentre, 27.5);
            Rule(g, rightCentre - 30, rightCentre + 30, 30);

            // Ô 3 and ô 4 stay empty: the clerk's fill-in writes them after the signer has signed.
            // Ô 5: the type and the abstract.
            double y = 62;
            Centre(g, "QUYẾT ĐỊNH", bold14, 112.5, y);
            y += 6.5;
            foreach (var line in Lines(g, s.Subject, bold14, 160))
            {
                Centre(g, line, bold14, 112.5, y);
                y += 6.5;
            }

            Rule(g, 100, 125, y - 3);
            y += 6;
            Centre(g, "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", bold14, 112.5, y);
            y += 9;

            // Ô 6: the content.
            foreach (var basis in s.LegalBasis)
            {
                y = Paragraph(g, basis, italic14, y);
            }

            y += 2;
            Centre(g, "QUYẾT ĐỊNH:", bold14, 112.5, y);
            y += 9;
            foreach (var (head, text) in s.Articles)
            {
                y = Paragraph(g, text, normal14, y, head, bold14);
            }

            // Ô 9a (recipients) on the left; ô 7a–7c (authority, title, name) on the right.
            y += 6;
            double top = y;
            g.DrawString("Nơi nhận:", Font(12, XFontStyleEx.BoldItalic), XBrushes.Black, Pt(LeftMm), Pt(y));
            foreach (var recipient in s.RecipientLines)
            {
                y += 5;
                g.DrawString(recipient, Font(11), XBrushes.Black, Pt(LeftMm), Pt(y));
            }

            const double signCentre = 150;
            Centre(g, s.SignerCompetence, bold14, signCentre, top);
            Centre(g, s.SignerPosition, bold14, signCentre, top + 6);
            double nameY = top + 38;
            Centre(g, s.SignerFullName, bold14, signCentre, nameY);

            // Boxes for the later steps, in millimetres from the bottom-left corner.
            var numberField = PageRectangle.FromMillimetres(LeftMm + 2, PageHeightMm - 40, 70, 8);
            var dateField = PageRectangle.FromMillimetres(100, PageHeightMm - 40, 90, 8);
            var stamp = PageRectangle.FromMillimetres(LeftMm + 22, PageHeightMm - 52, 20, 8);
            var signer = PageRectangle.FromMillimetres(signCentre - 30, PageHeightMm - nameY + 6, 60, 24);
            layout = new DraftLayout(numberField, dateField, stamp, signer);
        }

        pdf.Save(path);
        return layout;
    }

    /// <summary>Writes the annex (phụ lục): its title and the table of tasks.</summary>
    /// <param name="path">The PDF to write.</param>
    /// <param name="s">The scenario.</param>
    /// <exception cref="IOException">No serif font with Vietnamese letters is installed (the message names the Debian package).</exception>
    public static void WriteAnnex(string path, SampleScenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        PdfSharpFonts.EnsureInstalled(PdfSharpFonts.Serif);
        PdfSharpFonts.EnsureRegistered();
        using var pdf = NewDocument("Phụ lục: " + s.PlanTitle, s.Sender.Name);
        PdfPage page = pdf.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (XGraphics g = XGraphics.FromPdfPage(page))
        {
            DrawAnnex(g, s);
        }

        pdf.Save(path);
    }

    private static void DrawAnnex(XGraphics g, SampleScenario s)
    {
        var bold14 = Font(14, XFontStyleEx.Bold);
        var bold12 = Font(12, XFontStyleEx.Bold);
        var normal12 = Font(12);
        double y = 45;
        Centre(g, "PHỤ LỤC", bold14, 112.5, y);
        y += 6.5;
        foreach (var line in Lines(g, s.AnnexTitle.ToUpperInvariant(), bold14, 150))
        {
            Centre(g, line, bold14, 112.5, y);
            y += 6.5;
        }

        Centre(g, "(Kèm theo Quyết định của Ủy ban nhân dân tỉnh Nghệ An)", Font(13, XFontStyleEx.Italic), 112.5, y);
        y += 12;

        double[] columns = [LeftMm, LeftMm + 12, LeftMm + 95, LeftMm + 140, RightMm];
        string[] head = ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"];
        y = Row(g, columns, head, bold12, y);
        int n = 0;
        foreach (var (task, owner, due) in s.AnnexRows)
        {
            y = Row(g, columns, [(++n).ToString(System.Globalization.CultureInfo.InvariantCulture), task, owner, due], normal12, y);
        }
    }

    private static PdfDocument NewDocument(string title, string author)
    {
        var pdf = new PdfDocument();
        pdf.Info.Title = title;
        pdf.Info.Author = author;
        pdf.Info.Creator = "edoc demo (EDoc SDK)";
        return pdf;
    }

    private static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) => new(PdfSharpFonts.Serif, size, style);

    private static double Pt(double mm) => mm * 72 / 25.4;

    private static void Centre(XGraphics g, string text, XFont font, double centreMm, double baselineMm)
    {
        double width = g.MeasureString(text, font).Width;
        g.DrawString(text, font, XBrushes.Black, Pt(centreMm) - (width / 2), Pt(baselineMm));
    }

    private static void Rule(XGraphics g, double fromMm, double toMm, double yMm)
        => g.DrawLine(new XPen(XColors.Black, 0.6), Pt(fromMm), Pt(yMm), Pt(toMm), Pt(yMm));

    private static IEnumerable<string> Lines(XGraphics g, string text, XFont font, double widthMm)
        => PdfSharpText.Wrap(g, text, font, Pt(widthMm));

    /// <summary>A paragraph with a first-line indent of 10 mm and an optional bold lead ("Điều 1."); returns the next baseline.</summary>
    private static double Paragraph(XGraphics g, string text, XFont font, double yMm, string? lead = null, XFont? leadFont = null)
    {
        const double indent = 10, lineMm = 6.8;
        double x = LeftMm + indent;
        double firstWidth = RightMm - x;
        if (lead is not null)
        {
            g.DrawString(lead, leadFont!, XBrushes.Black, Pt(x), Pt(yMm));
            double leadWidth = g.MeasureString(lead + " ", leadFont!).Width / (72 / 25.4);
            x += leadWidth;
            firstWidth -= leadWidth;
        }

        var words = new Queue<string>(text.Split(' '));
        bool first = true;
        while (words.Count > 0)
        {
            double width = first ? firstWidth : RightMm - LeftMm;
            string line = words.Dequeue();
            while (words.Count > 0 && g.MeasureString(line + " " + words.Peek(), font).Width <= Pt(width))
            {
                line += " " + words.Dequeue();
            }

            g.DrawString(line, font, XBrushes.Black, Pt(first ? x : LeftMm), Pt(yMm));
            yMm += lineMm;
            first = false;
        }

        return yMm + 1.5;
    }

    /// <summary>One table row with wrapped cells and borders; returns the top of the next row.</summary>
    private static double Row(XGraphics g, double[] columns, string[] cells, XFont font, double topMm)
    {
        const double lineMm = 5.5, padMm = 1.5;
        var wrapped = cells.Select((c, i) => Lines(g, c, font, columns[i + 1] - columns[i] - (2 * padMm)).ToList()).ToList();
        int lines = wrapped.Max(w => w.Count);
        double height = (lines * lineMm) + (2 * padMm);
        var pen = new XPen(XColors.Black, 0.5);
        for (int i = 0; i < cells.Length; i++)
        {
            g.DrawRectangle(pen, Pt(columns[i]), Pt(topMm), Pt(columns[i + 1] - columns[i]), Pt(height));
            double y = topMm + padMm + 4.2;
            foreach (var line in wrapped[i])
            {
                g.DrawString(line, font, XBrushes.Black, Pt(columns[i] + padMm), Pt(y));
                y += lineMm;
            }
        }

        return topMm + height;
    }
}
