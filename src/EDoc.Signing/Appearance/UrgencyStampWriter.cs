using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Appearance;

/// <summary>Options for <see cref="UrgencyStampWriter"/>.</summary>
public sealed class UrgencyStampOptions
{
    /// <summary>The zero-based page; -1 for the last page.</summary>
    /// <value>The default value is 0 (the first page, ô 10b of NĐ 30/2020 Phụ lục I).</value>
    public int PageIndex { get; set; }

    /// <summary>Where the stamp goes (page as the reader sees it). Only X and Y are used; the size is the
    /// regulation's (<see cref="UrgencyStamp.GetSizeMillimetres"/>). <see langword="null"/> for the default position.</summary>
    /// <value>The default value is <see langword="null"/>: the draft's urgency field
    /// (<see cref="IssuanceFields.UrgencyFieldName"/>) if it has one; else 3 mm under the number line (the text
    /// <c>Số:</c>) on the page; else 30 mm from the left edge (the decree's left margin), its top 50 mm below the top
    /// edge, i.e. under the number line (ô 3) of a standard layout.</value>
    public PageRectangle? Position { get; set; }

    /// <summary>Font sources for the bold caps.</summary>
    /// <value>The default value is <see langword="null"/> (system serif with Vietnamese glyphs).</value>
    public AppearanceFontOptions? Fonts { get; set; }
}

/// <summary>
/// Adds a dấu chỉ mức độ khẩn (KHẨN / THƯỢNG KHẨN / HỎA TỐC) to a PDF as a /Stamp annotation with an upright appearance,
/// in an incremental update (earlier bytes untouched). When the draft carries the empty urgency field
/// (<see cref="IssuanceFields.UrgencyFieldName"/>, added with the number and date fields) and no position is given, the
/// stamp fills that field instead: a form fill-in, allowed after the signer's DocMDP P=2 certification, so the clerk can
/// stamp at issuance. Without the field, stamp the draft before the first signature (after a P=2 certification an
/// added annotation is a disallowed change).
/// </summary>
public static class UrgencyStampWriter
{
    /// <summary>Writes <paramref name="source"/> plus an update carrying the stamp to <paramref name="output"/>.</summary>
    /// <param name="source">The PDF (seekable, readable).</param>
    /// <param name="output">Receives the whole stamped PDF (the source bytes, then the update).</param>
    /// <param name="level">The urgency level.</param>
    /// <param name="options">Page and position; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The stamp's rectangle in points on the page as the reader sees it.</returns>
    /// <exception cref="PdfFormatException">The source PDF is malformed or encrypted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The page does not exist.</exception>
    public static async Task<PageRectangle> StampAsync(Stream source, Stream output, UrgencyLevel level, UrgencyStampOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new UrgencyStampOptions();
        (double wmm, double hmm) = UrgencyStamp.GetSizeMillimetres(level);
        var builder = new SignatureAppearanceBuilder(options.Fonts);
        using PdfDocumentReader reader = PdfDocumentReader.Open(source);
        List<PdfField> fields = PdfAcroForm.EnumerateFields(reader.Latest, reader.Catalog);
        if (options.Position is null && fields.Find(f => f.FullName == IssuanceFields.UrgencyFieldName && f.FieldType == "Tx") is { } urgencyField)
        {
            return await FillFieldAsync(reader, fields, urgencyField, source, output, level, builder, cancellationToken).ConfigureAwait(false);
        }

        PdfPage page = ResolvePage(reader, options.PageIndex);
        (double visW, double visH) = PageGeometry.VisibleSize(page);
        double w = Units.MillimetresToPoints(wmm), h = Units.MillimetresToPoints(hmm);
        PageRectangle rect;
        if (options.Position is { } p)
        {
            rect = new PageRectangle(Units.ToPoints(p.X, p.Unit), Units.ToPoints(p.Y, p.Unit), w, h);
        }
        else if (AnchorTextLocator.Find(source, "Số:", page.Index) is { Count: > 0 } numberLine)
        {
            // Under the number line (ô 3 → ô 10b): aligned with "Số:", 3 mm below it.
            PageRectangle s = numberLine[0].Bounds.ToPoints();
            rect = new PageRectangle(s.X, s.Y - Units.MillimetresToPoints(3) - h, w, h);
        }
        else
        {
            rect = new PageRectangle(Units.MillimetresToPoints(30), visH - Units.MillimetresToPoints(50) - h, w, h);
        }
        if (rect.X < 0 || rect.Y < 0 || rect.Right > visW + 0.01 || rect.Top > visH + 0.01)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The stamp at ({rect.X:0.#}, {rect.Y:0.#}) pt does not fit the page ({visW:0.#}×{visH:0.#} pt).");
        }

        PdfSignatureAppearance appearance = builder.BuildUrgencyStamp(level, w, h);
        var writer = new PdfIncrementalWriter(reader);
        PdfReference annot = writer.Add(BuildAnnotation(page, rect, appearance, UrgencyStamp.GetText(level)));
        AddToAnnots(writer, reader.Latest, page, annot);
        await writer.WriteAsync(source, output, cancellationToken).ConfigureAwait(false);
        return rect;
    }

    /// <summary>Fills the draft's urgency field with the stamp at its real size, left-aligned and vertically centred in the field.</summary>
    private static async Task<PageRectangle> FillFieldAsync(PdfDocumentReader reader, List<PdfField> fields, PdfField field, Stream source, Stream output, UrgencyLevel level, SignatureAppearanceBuilder builder, CancellationToken cancellationToken)
    {
        if (reader.Latest.Resolve(field.Dictionary.Get("V")) is PdfString { } v && v.ToText().Length > 0)
        {
            throw new InvalidOperationException($"The urgency field '{field.FullName}' is already filled ('{v.ToText()}').");
        }

        (double wmm, double hmm) = UrgencyStamp.GetSizeMillimetres(level);
        double sw = Units.MillimetresToPoints(wmm), sh = Units.MillimetresToPoints(hmm);
        PageRectangle box = default;
        var writer = new PdfIncrementalWriter(reader);
        IssuanceFields.FillField(reader.Latest, fields, writer, field.FullName, UrgencyStamp.GetText(level), (w, h) =>
        {
            double dw = Math.Min(w, sw), dh = Math.Min(h, sh), dy = (h - dh) / 2;
            PdfSignatureAppearance stamp = builder.BuildUrgencyStamp(level, dw, dh);
            byte[] prefix = System.Text.Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"q 1 0 0 1 0 {dy:0.###} cm\n"));
            box = new PageRectangle(0, dy, dw, dh);
            return new PdfSignatureAppearance { Content = [.. prefix, .. stamp.Content, .. "\nQ\n"u8.ToArray()], Resources = stamp.Resources };
        });
        await writer.WriteAsync(source, output, cancellationToken).ConfigureAwait(false);
        if (field.Dictionary.Get("P") is PdfReference pr && PdfPageTree.FindPage(reader.Latest, reader.Catalog, pr.Number) is { } page
            && PdfPageTree.ToBox(reader.Latest, field.Dictionary.Get("Rect")) is { } rect)
        {
            PageRectangle f = PageGeometry.FromUserSpaceRect(page, rect);
            box = box with { X = f.X + box.X, Y = f.Y + box.Y };
        }

        return box;
    }

    internal static PdfPage ResolvePage(PdfDocumentReader reader, int pageIndex)
    {
        int count = PdfPageTree.GetPageCount(reader.Latest, reader.Catalog);
        int index = pageIndex == -1 ? count - 1 : pageIndex;
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(pageIndex), pageIndex, $"The document has {count} page(s).");
        }

        return PdfPageTree.GetPage(reader.Latest, reader.Catalog, index);
    }

    /// <summary>An annotation dictionary whose appearance is upright on the page as the reader sees it.</summary>
    internal static PdfDictionary BuildAnnotation(PdfPage page, PageRectangle visibleRect, PdfSignatureAppearance appearance, string contents, string subtype = "Stamp")
    {
        int rotate = PageGeometry.NormalizeRotate(page.Rotate);
        PageRectangle r = visibleRect.ToPoints();
        PdfDictionary ap = PdfAppearanceForms.UprightNormalAppearance(appearance, r.Width, r.Height, rotate);
        var annot = new PdfDictionary();
        annot.Set("Type", new PdfName("Annot"));
        annot.Set("Subtype", new PdfName(subtype));
        annot.Set("Rect", PdfArray.OfNumbers(PageGeometry.ToUserSpaceRect(page, r)));
        annot.Set("Contents", PdfString.FromText(contents));
        annot.Set("F", new PdfInteger(4 | 128));
        annot.Set("P", page.Reference);
        annot.Set("AP", ap);
        return annot;
    }

    internal static void AddToAnnots(PdfIncrementalWriter writer, PdfObjectView view, PdfPage page, PdfReference annot)
    {
        PdfObject? annots = page.Dictionary.Get("Annots");
        if (annots is PdfReference annotsRef && view.Resolve(annotsRef) is PdfArray indirect)
        {
            var clone = new PdfArray(indirect.Items);
            clone.Add(annot);
            writer.Update(annotsRef, clone);
            return;
        }

        var pageClone = new PdfDictionary(page.Dictionary);
        var array = annots is PdfArray direct ? new PdfArray(direct.Items) : new PdfArray();
        array.Add(annot);
        pageClone.Set("Annots", array);
        writer.Update(page.Reference, pageClone);
    }
}
