using EDoc.Archive.Export;
using EDoc.Archive.Packages;
using EDoc.Samples.Workflow;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace EDoc.Cli.Commands;

/// <summary>
/// Composes the PDF of an exported dossier with PDFsharp: an index page (Noto Sans, which renders Vietnamese
/// stacked diacritics correctly) and then the pages of every PDF document in chronological order. Each PDF is
/// copied to a temporary file first, because PDFsharp needs a seekable input.
/// </summary>
internal sealed class PdfSharpDossierComposer : IDossierPdfComposer
{
    public async Task ComposeAsync(ArchivePackage package, IReadOnlyList<ArchivePackageDocument> documents, Stream output, CancellationToken cancellationToken = default)
    {
        PdfSharpFonts.EnsureInstalled(PdfSharpFonts.Sans);
        PdfSharpFonts.EnsureRegistered();
        using var result = new PdfDocument();
        result.Info.Title = package.Dossier.Title;
        result.Info.Subject = package.Dossier.FileCode.ToString();
        result.Info.Creator = "EDoc.Archive (edoc archive export)";
        DrawIndex(result, package, documents);
        foreach (var document in documents.Where(d => d.MediaType == "application/pdf"))
        {
            var temp = Path.Combine(Path.GetTempPath(), $"edoc-export-{Guid.NewGuid():N}.pdf");
            try
            {
                await using (var source = await package.OpenDocumentAsync(document, cancellationToken))
                await using (var file = File.Create(temp))
                {
                    await source.CopyToAsync(file, cancellationToken);
                }

                PdfDocument imported;
                try
                {
                    imported = PdfReader.Open(temp, PdfDocumentOpenMode.Import);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new EDocFormatException("PDF", document.Path, $"the document cannot be read for the export: {ex.Message}", ex);
                }

                using var _ = imported;
                foreach (var page in imported.Pages)
                {
                    result.AddPage(page);
                }
            }
            finally
            {
                File.Delete(temp);
            }
        }

        await result.SaveAsync(output, false);
    }

    private static void DrawIndex(PdfDocument pdf, ArchivePackage package, IReadOnlyList<ArchivePackageDocument> documents)
    {
        var title = new XFont(PdfSharpFonts.Sans, 14, XFontStyleEx.Bold);
        var body = new XFont(PdfSharpFonts.Sans, 10);
        PdfPage page = pdf.AddPage();
        var gfx = XGraphics.FromPdfPage(page);
        double y = 60;
        const double left = 56;
        var width = page.Width.Point - (2 * left);

        void Line(string text, XFont font, double gap = 4, double indent = 0)
        {
            foreach (var line in PdfSharpText.Wrap(gfx, text, font, width - indent))
            {
                if (y > page.Height.Point - 60)
                {
                    gfx.Dispose();
                    page = pdf.AddPage();
                    gfx = XGraphics.FromPdfPage(page);
                    y = 60;
                }

                gfx.DrawString(line, font, XBrushes.Black, new XPoint(left + indent, y));
                y += font.Height + 2;
            }

            y += gap;
        }

        var d = package.Dossier;
        Line("MỤC LỤC VĂN BẢN", title, 8);
        Line($"Hồ sơ: {d.Title}", body);
        Line($"Mã hồ sơ: {d.FileCode}", body);
        Line($"Thời gian: {d.StartDate:dd/MM/yyyy} – {d.EndDate:dd/MM/yyyy}   Số văn bản: {documents.Count}", body, 12);
        var n = 0;
        foreach (var doc in documents)
        {
            var m = doc.Metadata;
            var number = string.Join("/", new[] { m.CodeNumber, m.CodeNotation }.Where(s => !string.IsNullOrEmpty(s)));
            var note = doc.MediaType == "application/pdf" ? string.Empty : $" (tệp {doc.FileName} không phải PDF, không ghép)";
            Line($"{++n}. {m.IssuedDate:dd/MM/yyyy}  {number}  {m.OrganName}", body, 0);
            Line($"{m.Subject}{note}", body, 6, 16);
        }

        gfx.Dispose();
    }
}
