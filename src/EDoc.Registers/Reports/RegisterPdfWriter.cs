using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace EDoc.Registers.Reports;

/// <summary>Options of <see cref="RegisterPdfWriter"/>.</summary>
public sealed class RegisterPdfOptions
{
    /// <summary>
    /// The regular TrueType font file; <see langword="null"/> to look for Noto Sans (Debian <c>fonts-noto-core</c>),
    /// then DejaVu Sans, in the usual font folders. The font must have Vietnamese glyphs.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? FontPath { get; set; }

    /// <summary>The bold font file; <see langword="null"/> for the bold sibling of the regular font, or the regular font.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? BoldFontPath { get; set; }

    /// <summary>The font size of the table, in points.</summary>
    /// <value>The default value is 8.</value>
    public double FontSize { get; set; } = 8;
}

/// <summary>
/// Prints a register (or any <see cref="ReportTable"/>) as a PDF on landscape A4 with all columns, text wrapped in
/// its cell, the header repeated on every page and page numbers — for printing and binding the register (đóng sổ,
/// NĐ 30/2020 art. 16.2.b). Vietnamese text is kept as Unicode and extractable.
/// </summary>
public static class RegisterPdfWriter
{
    private const double Margin = 28; // points (about 1 cm)
    private const double CellPadding = 2.5;
    private static readonly Lock ResolverLock = new();

    /// <summary>Writes the table as a PDF.</summary>
    /// <param name="table">The table.</param>
    /// <param name="destination">Where to write.</param>
    /// <param name="options">Font options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when written.</returns>
    /// <exception cref="RegisterExportException">No usable font was found.</exception>
    public static async Task WriteAsync(ReportTable table, Stream destination, RegisterPdfOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new RegisterPdfOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FontSize, 4d, nameof(options));
        var family = EnsureFontResolver(options);
        using var buffer = new MemoryStream();
        Render(table, buffer, family, options.FontSize, cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private static void Render(ReportTable table, Stream output, string family, double fontSize, CancellationToken cancellationToken)
    {
        using var document = new PdfDocument();
        document.Info.Title = table.Title;
        document.Info.Creator = "EDoc.Registers";
        var font = new XFont(family, fontSize, XFontStyleEx.Regular);
        var bold = new XFont(family, fontSize, XFontStyleEx.Bold);
        var titleFont = new XFont(family, fontSize + 4, XFontStyleEx.Bold);
        var pageWidth = XUnit.FromMillimeter(297).Point;
        var pageHeight = XUnit.FromMillimeter(210).Point;
        var usable = pageWidth - (2 * Margin);
        double[] widths = [];
        var lineHeight = fontSize * 1.3;

        PdfPage? page = null;
        XGraphics? gfx = null;
        double y = 0;
        var pageNumber = 0;
        try
        {
            void NewPage()
            {
                gfx?.Dispose();
                page = document.AddPage();
                page.Width = XUnit.FromPoint(pageWidth);
                page.Height = XUnit.FromPoint(pageHeight);
                gfx = XGraphics.FromPdfPage(page);
                if (widths.Length == 0)
                {
                    widths = ColumnWidths(gfx, table, font, bold, usable);
                }

                pageNumber++;
                y = Margin;
                if (pageNumber == 1)
                {
                    gfx.DrawString(table.Title, titleFont, XBrushes.Black, new XRect(Margin, y, usable, fontSize + 6), XStringFormats.TopCenter);
                    y += fontSize + 14;
                }

                gfx.DrawString(pageNumber.ToString(CultureInfo.InvariantCulture), font, XBrushes.Black,
                    new XRect(Margin, pageHeight - Margin + 6, usable, fontSize), XStringFormats.TopCenter);
                y = DrawRow(gfx, table.Headers.Select((h, i) => Wrap(gfx, h, bold, widths[i])).ToList(), widths, y, lineHeight, bold, true);
            }

            NewPage();
            foreach (var row in table.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cells = row.Select((value, i) => Wrap(gfx!, CellText(value), font, widths[i])).ToList();
                var height = RowHeight(cells, lineHeight);
                if (y + height > pageHeight - Margin)
                {
                    NewPage();
                }

                y = DrawRow(gfx!, cells, widths, y, lineHeight, font, false);
            }
        }
        finally
        {
            gfx?.Dispose();
        }

        document.Save(output, closeStream: false);
    }

    /// <summary>
    /// Column widths: each column at least as wide as its widest word (so numbers, notations and dates never break),
    /// the rest shared in proportion to how much wider the full text would like to be.
    /// </summary>
    private static double[] ColumnWidths(XGraphics gfx, ReportTable table, XFont font, XFont bold, double usable)
    {
        var count = table.Headers.Count;
        var min = new double[count];
        var natural = new double[count];
        for (var i = 0; i < count; i++)
        {
            min[i] = WidestWord(gfx, table.Headers[i], bold);
            // Headers may wrap: they ask for half their width.
            natural[i] = Math.Min(gfx.MeasureString(table.Headers[i], bold).Width / 2, usable * 0.15);
            foreach (var row in table.Rows)
            {
                var text = CellText(row[i]);
                if (text.Length == 0)
                {
                    continue;
                }

                min[i] = Math.Max(min[i], WidestWord(gfx, text, font));
                natural[i] = Math.Max(natural[i], Math.Min(gfx.MeasureString(text, font).Width, usable * 0.4));
            }

            min[i] = Math.Min(min[i], usable * 0.25) + (2 * CellPadding) + 1;
            natural[i] = Math.Max(natural[i] + (2 * CellPadding) + 1, min[i]);
        }

        var minSum = min.Sum();
        if (minSum >= usable)
        {
            return min.Select(m => m * usable / minSum).ToArray();
        }

        var naturalSum = natural.Sum();
        if (naturalSum <= usable)
        {
            return natural.Select(n => n * usable / naturalSum).ToArray();
        }

        var extra = natural.Select((n, i) => n - min[i]).ToArray();
        var extraSum = extra.Sum();
        return min.Select((m, i) => m + ((usable - minSum) * extra[i] / extraSum)).ToArray();
    }

    private static double WidestWord(XGraphics gfx, string text, XFont font)
        => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(w => gfx.MeasureString(w, font).Width).DefaultIfEmpty(0).Max();

    private static double RowHeight(List<List<string>> cells, double lineHeight)
        => (cells.Max(c => Math.Max(1, c.Count)) * lineHeight) + (2 * CellPadding);

    private static double DrawRow(XGraphics gfx, List<List<string>> cells, double[] widths, double y, double lineHeight, XFont font, bool header)
    {
        var height = RowHeight(cells, lineHeight);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var rect = new XRect(x, y, widths[i], height);
            if (header)
            {
                gfx.DrawRectangle(XBrushes.Gainsboro, rect);
            }

            gfx.DrawRectangle(XPens.Black, rect);
            var lineY = y + CellPadding;
            foreach (var line in cells[i])
            {
                gfx.DrawString(line, font, XBrushes.Black, new XRect(x + CellPadding, lineY, widths[i] - (2 * CellPadding), lineHeight), XStringFormats.TopLeft);
                lineY += lineHeight;
            }

            x += widths[i];
        }

        return y + height;
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var max = width - (2 * CellPadding);
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var current = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= max)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                // A word wider than the cell is broken by characters.
                current = string.Empty;
                foreach (var c in word)
                {
                    if (current.Length > 0 && gfx.MeasureString(current + c, font).Width > max)
                    {
                        lines.Add(current);
                        current = string.Empty;
                    }

                    current += c;
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    private static string CellText(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => (value.ToString() ?? string.Empty).Normalize(System.Text.NormalizationForm.FormC),
    };

    private static string EnsureFontResolver(RegisterPdfOptions options)
    {
        var regular = options.FontPath ?? FindFont("NotoSans-Regular.ttf") ?? FindFont("DejaVuSans.ttf")
            ?? throw new RegisterExportException(
                "No font with Vietnamese glyphs was found for the PDF (looked for NotoSans-Regular.ttf and DejaVuSans.ttf). " +
                "Install fonts-noto-core (Debian/Ubuntu) or set RegisterPdfOptions.FontPath.");
        if (!File.Exists(regular))
        {
            throw new RegisterExportException($"The font file '{regular}' does not exist.");
        }

        var boldPath = options.BoldFontPath ?? SiblingBold(regular) ?? regular;
        lock (ResolverLock)
        {
            if (GlobalFontSettings.FontResolver is RegisterFontResolver existing)
            {
                return existing.Register(regular, boldPath);
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                var resolver = new RegisterFontResolver();
                var family = resolver.Register(regular, boldPath);
                GlobalFontSettings.FontResolver = resolver;
                return family;
            }

            // The application installed its own resolver; ask it for Noto Sans.
            return "Noto Sans";
        }
    }

    private static string? SiblingBold(string regular)
    {
        var name = Path.GetFileName(regular);
        var bold = name.Replace("-Regular", "-Bold", StringComparison.Ordinal);
        if (bold == name)
        {
            bold = Path.GetFileNameWithoutExtension(name) + "-Bold" + Path.GetExtension(name);
        }

        var path = Path.Combine(Path.GetDirectoryName(regular) ?? ".", bold);
        return File.Exists(path) ? path : null;
    }

    private static string? FindFont(string fileName)
    {
        string[] roots =
        [
            "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts", "/usr/local/share/fonts",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts"),
            Environment.GetFolderPath(Environment.SpecialFolder.Fonts),
            "/System/Library/Fonts", "/Library/Fonts",
        ];
        foreach (var root in roots.Where(r => !string.IsNullOrEmpty(r) && Directory.Exists(r)))
        {
            var direct = Path.Combine(root, fileName);
            if (File.Exists(direct))
            {
                return direct;
            }

            try
            {
                var found = Directory.EnumerateFiles(root, fileName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4, IgnoreInaccessible = true })
                    .FirstOrDefault();
                if (found is not null)
                {
                    return found;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    /// <summary>Serves the font files found at run time to PDFsharp; one family per regular file.</summary>
    private sealed class RegisterFontResolver : IFontResolver
    {
        private readonly Dictionary<string, (string Regular, string Bold)> families = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, byte[]> faces = new(StringComparer.Ordinal);
        private readonly Lock sync = new();

        public string Register(string regular, string bold)
        {
            lock (sync)
            {
                var family = "EDoc " + Path.GetFileNameWithoutExtension(regular);
                families[family] = (regular, bold);
                return family;
            }
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
        {
            lock (sync)
            {
                if (!families.TryGetValue(familyName, out var files) && families.Count > 0)
                {
                    files = families.Values.First();
                }

                if (files.Regular is null)
                {
                    return null;
                }

                var path = isBold ? files.Bold : files.Regular;
                var simulateBold = isBold && string.Equals(files.Bold, files.Regular, StringComparison.Ordinal);
                return new FontResolverInfo(path, simulateBold, isItalic);
            }
        }

        public byte[]? GetFont(string faceName)
        {
            lock (sync)
            {
                if (!faces.TryGetValue(faceName, out var bytes))
                {
                    bytes = File.ReadAllBytes(faceName);
                    faces[faceName] = bytes;
                }

                return bytes;
            }
        }
    }
}
