using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Appearance;

/// <summary>How a <see cref="SignaturePlacement"/> finds its box.</summary>
public enum SignaturePlacementKind
{
    /// <summary>A rectangle on page N or the last page (<see cref="SignaturePlacement.AtRectangle"/>).</summary>
    Rectangle = 0,

    /// <summary>Next to a text found on the page (<see cref="SignaturePlacement.AtAnchor"/>).</summary>
    Anchor = 1,

    /// <summary>An existing empty signature field (<see cref="SignaturePlacement.InField"/>).</summary>
    ExistingField = 2,

    /// <summary>Over the last earlier signature widget, for the agency seal (<see cref="SignaturePlacement.OverLastSignature"/>).</summary>
    OverLastSignature = 3,

    /// <summary>Top right of a page without covering its text, for attachment and copy text blocks (<see cref="SignaturePlacement.TopRight"/>).</summary>
    TopRight = 4,
}

/// <summary>
/// Where a visible signature goes (vị trí chữ ký), resolved by <see cref="PdfSigner"/> against the document being
/// signed. Rectangles are in the coordinates of the page <b>as the reader sees it</b>: origin at the bottom-left
/// corner of the visible (crop) box, after /Rotate. Immutable.
/// </summary>
public sealed class SignaturePlacement
{
    /// <summary>The page number meaning "the last page".</summary>
    public const int LastPage = -1;

    /// <summary>The default size of a box placed at an anchor: 50 × 20 mm.</summary>
    public static readonly PageRectangle DefaultAnchorBox = PageRectangle.FromMillimetres(0, 0, 50, 20);

    private SignaturePlacement(SignaturePlacementKind kind, int? pageNumber)
    {
        Kind = kind;
        PageNumber = pageNumber;
    }

    /// <summary>How the box is found.</summary>
    public SignaturePlacementKind Kind { get; }

    /// <summary>The one-based page, <see cref="LastPage"/>, or <see langword="null"/> (any page: the anchor's last occurrence, the last signature's page).</summary>
    public int? PageNumber { get; }

    /// <summary>The rectangle (<see cref="SignaturePlacementKind.Rectangle"/>) or, for an anchor, the box relative to the anchor's bottom-left corner.</summary>
    public PageRectangle? Rectangle { get; private init; }

    /// <summary>The anchor text (<see cref="SignaturePlacementKind.Anchor"/>).</summary>
    public string? AnchorText { get; private init; }

    /// <summary>The field name (<see cref="SignaturePlacementKind.ExistingField"/>).</summary>
    public string? FieldName { get; private init; }

    /// <summary>The distance from the page's top and right edges in mm (<see cref="SignaturePlacementKind.TopRight"/>).</summary>
    public double MarginMillimetres { get; private init; }

    /// <summary>A rectangle on a page as the reader sees it.</summary>
    /// <param name="rectangle">The box (pt or mm). An image appearance shrinks it to the image's aspect ratio, centred.</param>
    /// <param name="pageNumber">The one-based page or <see cref="LastPage"/>.</param>
    /// <returns>The placement.</returns>
    /// <exception cref="ArgumentException">The rectangle is empty or not finite, or the page number is 0 or below -1.</exception>
    public static SignaturePlacement AtRectangle(PageRectangle rectangle, int pageNumber = 1)
    {
        rectangle.Validate(nameof(rectangle));
        CheckPage(pageNumber);
        return new SignaturePlacement(SignaturePlacementKind.Rectangle, pageNumber) { Rectangle = rectangle };
    }

    /// <summary>
    /// Next to a text found on the page (e.g. the signer's name under the signing place, or a placeholder such as
    /// <c>[CHU_KY]</c>); whitespace-insensitive, NFC. The last occurrence is used.
    /// </summary>
    /// <param name="text">The anchor text.</param>
    /// <param name="box">The box relative to the anchor's bottom-left corner (x, y offsets, width, height);
    /// <see langword="null"/>: <see cref="DefaultAnchorBox"/> centred horizontally on the anchor, just above it.</param>
    /// <param name="pageNumber">The one-based page, <see cref="LastPage"/>, or <see langword="null"/> for every page.</param>
    /// <returns>The placement.</returns>
    public static SignaturePlacement AtAnchor(string text, PageRectangle? box = null, int? pageNumber = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (box is { } b && (!double.IsFinite(b.X) || !double.IsFinite(b.Y) || !double.IsFinite(b.Width) || !double.IsFinite(b.Height) || b.Width <= 0 || b.Height <= 0))
        {
            throw new ArgumentException("The box needs finite offsets and a positive width and height.", nameof(box));
        }

        if (pageNumber is { } p)
        {
            CheckPage(p);
        }

        return new SignaturePlacement(SignaturePlacementKind.Anchor, pageNumber) { AnchorText = text, Rectangle = box };
    }

    /// <summary>An existing empty signature field (e.g. prepared by the drafter); its widget's box is used.</summary>
    /// <param name="fieldName">The fully qualified field name.</param>
    /// <returns>The placement.</returns>
    public static SignaturePlacement InField(string fieldName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fieldName);
        if (fieldName.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("A field name must not contain '.'.", nameof(fieldName));
        }

        return new SignaturePlacement(SignaturePlacementKind.ExistingField, null) { FieldName = fieldName };
    }

    /// <summary>
    /// Over the most recent visible signature widget that is not a seal (the competent signer's), for <see cref="SealSignatureAppearance"/>:
    /// the seal at its real diameter, vertically centred, covering the left share of the signer's widget.
    /// </summary>
    /// <param name="pageNumber">The one-based page or <see cref="LastPage"/> to look on; <see langword="null"/>: any page.</param>
    /// <returns>The placement.</returns>
    public static SignaturePlacement OverLastSignature(int? pageNumber = null)
    {
        if (pageNumber is { } p)
        {
            CheckPage(p);
        }

        return new SignaturePlacement(SignaturePlacementKind.OverLastSignature, pageNumber);
    }

    /// <summary>Top right of a page, moved down while it would cover existing text (attachment and copy signatures).</summary>
    /// <param name="pageNumber">The one-based page or <see cref="LastPage"/>. <value>The default value is 1.</value></param>
    /// <param name="marginMillimetres">The distance from the top and right edges. <value>The default value is 15 mm.</value></param>
    /// <returns>The placement.</returns>
    public static SignaturePlacement TopRight(int pageNumber = 1, double marginMillimetres = 15)
    {
        CheckPage(pageNumber);
        if (!double.IsFinite(marginMillimetres) || marginMillimetres < 0 || marginMillimetres > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(marginMillimetres), marginMillimetres, "The margin must be in [0, 200] mm.");
        }

        return new SignaturePlacement(SignaturePlacementKind.TopRight, pageNumber) { MarginMillimetres = marginMillimetres };
    }

    private static void CheckPage(int pageNumber)
    {
        if (pageNumber == 0 || pageNumber < LastPage)
        {
            throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, "A page number is 1-based, or SignaturePlacement.LastPage (-1).");
        }
    }
}

/// <summary>The widget a signature gets: page, /Rect in user space, field name and the upright appearance box.</summary>
internal sealed record ResolvedPlacement(int PageIndex, double[]? UserRect, string? FieldName, PageRectangle? VisibleBox);

/// <summary>Resolves a request's placement against the document (read only; the source position is restored to 0).</summary>
internal static class SignaturePlacementResolver
{
    public static ResolvedPlacement Resolve(Stream source, PdfSignatureParameters request, DateTimeOffset signingTime)
    {
        PdfSignatureAppearanceProvider? provider = request.Appearance;
        SignaturePlacement? placement = request.Placement;
        if (placement is not null && request.Rectangle is not null)
        {
            throw new ArgumentException("Give either Placement or Rectangle, not both.", nameof(request));
        }

        bool needsDocument = placement is not null || provider is not null;
        if (!needsDocument)
        {
            return new ResolvedPlacement(request.PageNumber - 1, request.Rectangle?.ToArray(), request.FieldName, null);
        }

        try
        {
            using PdfDocumentReader reader = PdfDocumentReader.Open(source, PdfReaderOptions.Default, leaveOpen: true);
            PdfObjectView view = reader.Latest;
            int pageCount = PdfPageTree.GetPageCount(view, reader.Catalog);
            if (placement is null && request.Rectangle is { } legacy)
            {
                PdfPage page = GetPage(reader, request.PageNumber, pageCount);
                double[] user = legacy.ToArray();
                return new ResolvedPlacement(page.Index, user, request.FieldName, PageGeometry.FromUserSpaceRect(page, user));
            }

            if (placement is null && request.FieldName is { } name && FindEmptyField(reader, name) is not null)
            {
                placement = SignaturePlacement.InField(name);
            }

            placement ??= provider?.DefaultPlacement;
            if (placement is null)
            {
                if (provider is not null)
                {
                    throw new ArgumentException($"A visible signature with {provider.GetType().Name} needs a Placement (or a Rectangle).", nameof(request));
                }

                return new ResolvedPlacement(request.PageNumber - 1, null, request.FieldName, null);
            }

            switch (placement.Kind)
            {
                case SignaturePlacementKind.ExistingField:
                {
                    if (request.FieldName is not null && !string.Equals(request.FieldName, placement.FieldName, StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"FieldName '{request.FieldName}' and the placement's field '{placement.FieldName}' differ.", nameof(request));
                    }

                    (PdfPage page, double[] rect) = FindEmptyField(reader, placement.FieldName!)
                        ?? throw new SigningException("pdf-field", $"The document has no empty signature field '{placement.FieldName}' with a widget on a page.");
                    return new ResolvedPlacement(page.Index, rect, placement.FieldName, PageGeometry.FromUserSpaceRect(page, rect));
                }

                case SignaturePlacementKind.Rectangle:
                {
                    PdfPage page = GetPage(reader, placement.PageNumber!.Value, pageCount);
                    PageRectangle box = placement.Rectangle!.Value.ToPoints();
                    return Finish(page, provider?.AdjustBox(box) ?? box, request.FieldName);
                }

                case SignaturePlacementKind.Anchor:
                {
                    int? pageIndex = placement.PageNumber is { } pn ? (pn == SignaturePlacement.LastPage ? -1 : pn - 1) : null;
                    if (pageIndex is { } pi && pi >= pageCount)
                    {
                        throw new ArgumentOutOfRangeException(nameof(request), placement.PageNumber, $"The document has {pageCount} page(s).");
                    }

                    source.Position = 0;
                    IReadOnlyList<AnchorMatch> matches = AnchorTextLocator.Find(source, placement.AnchorText!, pageIndex);
                    if (matches.Count == 0)
                    {
                        throw new SigningException("anchor-not-found", $"The anchor text '{placement.AnchorText}' was not found" + (placement.PageNumber is null ? " in the document." : $" on page {placement.PageNumber}."));
                    }

                    AnchorMatch m = matches[^1];
                    PageRectangle a = m.Bounds.ToPoints();
                    PageRectangle box;
                    if (placement.Rectangle is { } offset)
                    {
                        PageRectangle o = offset.ToPoints();
                        box = new PageRectangle(a.X + o.X, a.Y + o.Y, o.Width, o.Height);
                    }
                    else
                    {
                        PageRectangle d = SignaturePlacement.DefaultAnchorBox.ToPoints();
                        box = new PageRectangle(a.X + (a.Width / 2) - (d.Width / 2), a.Top + 2, d.Width, d.Height);
                    }

                    PdfPage page = PdfPageTree.GetPage(view, reader.Catalog, m.PageIndex);
                    if (provider is not null)
                    {
                        // An image shrinks towards the anchor: keep it sitting on the anchor line.
                        PageRectangle fitted = provider.AdjustBox(box);
                        box = placement.Rectangle is null ? fitted with { Y = box.Y } : fitted;
                    }

                    return Finish(page, box, request.FieldName);
                }

                case SignaturePlacementKind.OverLastSignature:
                {
                    if (provider is null)
                    {
                        throw new ArgumentException("OverLastSignature needs a SealSignatureAppearance.", nameof(request));
                    }

                    int? pageIndex = placement.PageNumber is { } pn ? (pn == SignaturePlacement.LastPage ? pageCount - 1 : pn - 1) : null;
                    (PdfPage page, double[] widget) = FindLastSignatureWidget(reader, pageIndex)
                        ?? throw new SigningException("no-signature-widget", "There is no visible signature" + (placement.PageNumber is null ? "" : $" on page {placement.PageNumber}") + " to place the seal over; sign visibly first or give a rectangle.");
                    PageRectangle signer = PageGeometry.FromUserSpaceRect(page, widget);
                    return Finish(page, provider.PlaceOverSignature(signer), request.FieldName);
                }

                case SignaturePlacementKind.TopRight:
                {
                    if (provider is null)
                    {
                        throw new ArgumentException("TopRight needs a TextBlockSignatureAppearance.", nameof(request));
                    }

                    PdfPage page = GetPage(reader, placement.PageNumber!.Value, pageCount);
                    (double w, double h) = provider.MeasureAutomaticBox(signingTime);
                    (double vw, double vh) = PageGeometry.VisibleSize(page);
                    source.Position = 0;
                    IReadOnlyList<PageRectangle> obstacles = AnchorTextLocator.GetTextBoxes(source, page.Index);
                    PageRectangle box = AnchorTextLocator.PlaceTopRight(vw, vh, w, h, obstacles, Units.MillimetresToPoints(placement.MarginMillimetres));
                    return Finish(page, box, request.FieldName);
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(request), placement.Kind, "Unknown placement.");
            }
        }
        finally
        {
            source.Position = 0;
        }
    }

    private static ResolvedPlacement Finish(PdfPage page, PageRectangle visible, string? fieldName)
    {
        (double vw, double vh) = PageGeometry.VisibleSize(page);
        PageRectangle p = visible.ToPoints();
        if (p.X < -0.5 || p.Y < -0.5 || p.Right > vw + 0.5 || p.Top > vh + 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(visible), $"The signature box [{p.X:0.#} {p.Y:0.#} {p.Width:0.#}×{p.Height:0.#} pt] is outside page {page.Index + 1} ({vw:0.#}×{vh:0.#} pt as the reader sees it).");
        }

        return new ResolvedPlacement(page.Index, PageGeometry.ToUserSpaceRect(page, p), fieldName, p);
    }

    private static PdfPage GetPage(PdfDocumentReader reader, int pageNumber, int pageCount)
    {
        int index = pageNumber == SignaturePlacement.LastPage ? pageCount - 1 : pageNumber - 1;
        if (index < 0 || index >= pageCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, $"The document has {pageCount} page(s).");
        }

        return PdfPageTree.GetPage(reader.Latest, reader.Catalog, index);
    }

    /// <summary>An empty signature field's widget: its page and /Rect (null when absent, signed, or without a non-empty widget).</summary>
    private static (PdfPage Page, double[] Rect)? FindEmptyField(PdfDocumentReader reader, string name)
    {
        PdfObjectView view = reader.Latest;
        PdfField? field = PdfAcroForm.EnumerateFields(view, reader.Catalog).Find(f => string.Equals(f.FullName, name, StringComparison.Ordinal));
        if (field is null || field.FieldType != "Sig" || field.Dictionary.ContainsKey("V") || field.Reference is null)
        {
            return null;
        }

        return FindWidget(reader, field, null);
    }

    /// <summary>The most recent signed signature field with a non-empty widget (on <paramref name="pageIndex"/> if given).</summary>
    private static (PdfPage Page, double[] Rect)? FindLastSignatureWidget(PdfDocumentReader reader, int? pageIndex)
    {
        PdfObjectView view = reader.Latest;
        (PdfPage Page, double[] Rect)? best = null;
        long bestOrder = -1;
        foreach (PdfField f in PdfAcroForm.EnumerateFields(view, reader.Catalog))
        {
            if (f.FieldType != "Sig" || view.GetDictionary(f.Dictionary.Get("V")) is not { } sig)
            {
                continue;
            }

            if (view.Resolve(f.Dictionary.Get("TU")) is PdfString tu && tu.ToText() == SealSignatureAppearance.SealTooltip)
            {
                continue; // An earlier seal: a second agency seal still goes over the signer's signature.
            }

            PdfArray? br = view.GetArray(sig.Get("ByteRange"));
            long order = br is { Count: 4 } && view.GetInteger(br[2]) is { } c ? c : 0;
            if (order <= bestOrder || FindWidget(reader, f, pageIndex) is not { } w)
            {
                continue;
            }

            best = w;
            bestOrder = order;
        }

        return best;
    }

    private static (PdfPage Page, double[] Rect)? FindWidget(PdfDocumentReader reader, PdfField field, int? pageIndex)
    {
        PdfObjectView view = reader.Latest;
        var widgets = new List<PdfReference>(field.WidgetReferences);
        if (widgets.Count == 0 && field.Reference is not null && field.Dictionary.GetNameValue("Subtype") == "Widget")
        {
            widgets.Add(field.Reference);
        }

        foreach (PdfReference wr in widgets)
        {
            if (view.GetDictionary(wr) is not { } widget || PdfPageTree.ToBox(view, widget.Get("Rect")) is not { } rect || rect[2] - rect[0] < 1 || rect[3] - rect[1] < 1)
            {
                continue;
            }

            PdfPage? page = null;
            foreach (PdfPage p in PdfPageTree.Enumerate(view, reader.Catalog))
            {
                bool onPage = widget.Get("P") is PdfReference pr ? pr.Number == p.Reference.Number : false;
                if (!onPage && view.GetArray(p.Dictionary.Get("Annots")) is { } annots)
                {
                    onPage = annots.Items.Any(a => a is PdfReference ar && ar.Number == wr.Number);
                }

                if (onPage)
                {
                    page = p;
                    break;
                }
            }

            if (page is not null && (pageIndex is null || page.Index == pageIndex))
            {
                return (page, rect);
            }
        }

        return null;
    }
}
