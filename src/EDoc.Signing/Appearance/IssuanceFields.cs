using System.Globalization;
using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Appearance;

/// <summary>A text form field to create in the draft for a value the clerk fills in at issuance.</summary>
/// <param name="Name">The field name (no '.'), e.g. <see cref="IssuanceFields.NumberFieldName"/>.</param>
/// <param name="PageIndex">Zero-based page; -1 for the last page.</param>
/// <param name="Bounds">The field box on the page as the reader sees it.</param>
public sealed record IssuanceFieldDefinition(string Name, int PageIndex, PageRectangle Bounds);

/// <summary>
/// Số và ngày ban hành (NĐ 30/2020 Điều 15): the draft gets empty text fields for the number and the issue date
/// before the competent signer signs (certifying with DocMDP P=2, which allows form fill-in and signing); at issuance
/// the clerk's revision fills them (only the fields' /V and /AP change), so every earlier signature stays valid and
/// verifiers classify the revision as form fill-in; then the agency signs.
/// </summary>
public static class IssuanceFields
{
    /// <summary>The default number field name.</summary>
    public const string NumberFieldName = "SoVanBan";

    /// <summary>The default issue date field name.</summary>
    public const string DateFieldName = "NgayBanHanh";

    /// <summary>
    /// The urgency field name: an empty text field of the draft (40 × 8 mm, the largest stamp) that
    /// <see cref="UrgencyStampWriter.StampAsync"/> fills with the stamp at issuance — a form fill-in, allowed after
    /// the signer's DocMDP P=2 certification (an added annotation would not be).
    /// </summary>
    public const string UrgencyFieldName = "MucDoKhan";

    /// <summary>Formats a register number as NĐ 30/2020 Phụ lục I writes it: numbers below 10 get a leading zero.</summary>
    /// <param name="number">The number (1 or more).</param>
    /// <returns>E.g. <c>08</c>, <c>125</c>.</returns>
    public static string FormatNumber(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return number.ToString(number < 10 ? "00" : "0", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats the issue date as <c>ngày DD tháng MM năm YYYY</c> with two-digit day and month.</summary>
    /// <param name="date">The issue date.</param>
    /// <param name="place">Optional place name written first (địa danh), e.g. <c>Nghệ An</c>.</param>
    /// <returns>E.g. <c>Nghệ An, ngày 05 tháng 03 năm 2026</c>.</returns>
    /// <remarks>NĐ 30/2020 Phụ lục I strictly requires the leading zero only for days below 10 and months 1 and 2;
    /// two digits throughout satisfy both that rule and the issue's <c>DD</c>/<c>MM</c> format.</remarks>
    public static string FormatDate(DateOnly date, string? place = null)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"ngày {date.Day:00} tháng {date.Month:00} năm {date.Year:0000}");
        return string.IsNullOrWhiteSpace(place) ? text : place.Trim() + ", " + text;
    }

    /// <summary>Adds empty text fields (an incremental update) to the draft.</summary>
    /// <param name="source">The draft PDF.</param>
    /// <param name="output">Receives the draft plus the update.</param>
    /// <param name="fields">The fields to create.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">A field with that name exists.</exception>
    /// <exception cref="PdfFormatException">The PDF is malformed or encrypted.</exception>
    public static async Task AddFieldsAsync(Stream source, Stream output, IReadOnlyList<IssuanceFieldDefinition> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        using PdfDocumentReader reader = PdfDocumentReader.Open(source);
        PdfObjectView view = reader.Latest;
        var existing = PdfAcroForm.EnumerateFields(view, reader.Catalog).Select(f => f.FullName).ToHashSet(StringComparer.Ordinal);
        var writer = new PdfIncrementalWriter(reader);
        var refs = new List<PdfReference>();
        var pageClones = new Dictionary<int, (PdfPage Page, PdfArray Annots)>();
        foreach (IssuanceFieldDefinition def in fields)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(def.Name);
            if (def.Name.Contains('.', StringComparison.Ordinal) || !existing.Add(def.Name))
            {
                throw new InvalidOperationException($"The field '{def.Name}' already exists or its name contains '.'.");
            }

            PdfPage page = UrgencyStampWriter.ResolvePage(reader, def.PageIndex);
            PageRectangle r = def.Bounds.ToPoints();
            (double visW, double visH) = PageGeometry.VisibleSize(page);
            if (r.X < -0.01 || r.Y < -0.01 || r.Right > visW + 0.01 || r.Top > visH + 0.01)
            {
                throw new ArgumentOutOfRangeException(nameof(fields), $"The field '{def.Name}' does not fit page {page.Index + 1} ({visW:0.#}×{visH:0.#} pt as the reader sees it).");
            }

            var form = new PdfDictionary();
            form.Set("Type", new PdfName("XObject"));
            form.Set("Subtype", new PdfName("Form"));
            form.Set("BBox", PdfArray.OfNumbers(0, 0, r.Width, r.Height));
            form.Set("Resources", new PdfDictionary());
            var ap = new PdfDictionary();
            ap.Set("N", new PdfStream(form, []));
            var field = new PdfDictionary();
            field.Set("Type", new PdfName("Annot"));
            field.Set("Subtype", new PdfName("Widget"));
            field.Set("FT", new PdfName("Tx"));
            field.Set("T", PdfString.FromText(def.Name));
            field.Set("V", PdfString.FromText(string.Empty));
            field.Set("DA", PdfString.FromText("/Helv 0 Tf 0 g"));
            field.Set("F", new PdfInteger(4));
            field.Set("Ff", new PdfInteger(0));
            field.Set("P", page.Reference);
            field.Set("Rect", PdfArray.OfNumbers(PageGeometry.ToUserSpaceRect(page, r)));
            field.Set("AP", ap);
            int rotate = PageGeometry.NormalizeRotate(page.Rotate);
            if (rotate != 0)
            {
                var mk = new PdfDictionary();
                mk.Set("R", new PdfInteger(rotate));
                field.Set("MK", mk);
            }

            PdfReference fieldRef = writer.Add(field);
            refs.Add(fieldRef);
            if (!pageClones.TryGetValue(page.Index, out var entry))
            {
                PdfObject? annots = page.Dictionary.Get("Annots");
                entry = (page, view.Resolve(annots) is PdfArray a ? new PdfArray(a.Items) : new PdfArray());
                pageClones[page.Index] = entry;
            }

            entry.Annots.Add(fieldRef);
        }

        foreach ((PdfPage page, PdfArray annots) in pageClones.Values)
        {
            if (page.Dictionary.Get("Annots") is PdfReference annotsRef)
            {
                writer.Update(annotsRef, annots);
            }
            else
            {
                var pageClone = new PdfDictionary(page.Dictionary);
                pageClone.Set("Annots", annots);
                writer.Update(page.Reference, pageClone);
            }
        }

        var catalogClone = new PdfDictionary(reader.Catalog);
        PdfObject? acroObj = catalogClone.Get("AcroForm");
        PdfDictionary? acro = view.GetDictionary(acroObj);
        var acroClone = acro is null ? new PdfDictionary() : new PdfDictionary(acro);
        PdfObject? fieldsObj = acroClone.Get("Fields");
        if (fieldsObj is PdfReference fieldsRef && view.Resolve(fieldsRef) is PdfArray indirect)
        {
            var clone = new PdfArray(indirect.Items);
            clone.Items.AddRange(refs);
            writer.Update(fieldsRef, clone);
        }
        else
        {
            var array = view.Resolve(fieldsObj) is PdfArray direct ? new PdfArray(direct.Items) : new PdfArray();
            array.Items.AddRange(refs);
            acroClone.Set("Fields", array);
        }

        if (view.GetDictionary(acroClone.Get("DR")) is null)
        {
            var helv = new PdfDictionary();
            helv.Set("Type", new PdfName("Font"));
            helv.Set("Subtype", new PdfName("Type1"));
            helv.Set("BaseFont", new PdfName("Helvetica"));
            helv.Set("Encoding", new PdfName("WinAnsiEncoding"));
            var fonts = new PdfDictionary();
            fonts.Set("Helv", helv);
            var dr = new PdfDictionary();
            dr.Set("Font", fonts);
            acroClone.Set("DR", dr);
            acroClone.Set("DA", PdfString.FromText("/Helv 0 Tf 0 g"));
        }

        if (acroObj is PdfReference acroRef && acro is not null)
        {
            writer.Update(acroRef, acroClone);
        }
        else
        {
            catalogClone.Set("AcroForm", writer.Add(acroClone));
            writer.Update(reader.RootReference, catalogClone);
        }

        await writer.WriteAsync(source, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills text fields (the clerk's revision): sets each field's /V and an appearance drawn with an
    /// embedded subset font (Vietnamese kept exact); nothing else changes.</summary>
    /// <param name="source">The signed PDF.</param>
    /// <param name="output">Receives the PDF plus the fill-in update.</param>
    /// <param name="values">Field name → text (NFC), e.g. <c>SoVanBan</c> → <c>08/2026/QĐ-UBND</c>.</param>
    /// <param name="fonts">Font sources; <see langword="null"/> for the system serif.</param>
    /// <param name="fontSize">Font size in points.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">A field is missing, is not a text field, or has no widget.</exception>
    public static async Task FillAsync(Stream source, Stream output, IReadOnlyDictionary<string, string> values, AppearanceFontOptions? fonts = null, double fontSize = 13, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(values);
        using PdfDocumentReader reader = PdfDocumentReader.Open(source);
        PdfObjectView view = reader.Latest;
        List<PdfField> all = PdfAcroForm.EnumerateFields(view, reader.Catalog);
        var writer = new PdfIncrementalWriter(reader);
        var builder = new SignatureAppearanceBuilder(fonts);
        foreach ((string name, string value) in values)
        {
            string text = value.Normalize(System.Text.NormalizationForm.FormC);
            FillField(view, all, writer, name, text, (w, h) => builder.BuildTextBlock(new SignatureTextBlock { Lines = [text], FontSize = Math.Min(fontSize, Math.Max(4, (h - 4) / 1.25)) }, w, h));
        }

        await writer.WriteAsync(source, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a text field's /V and an appearance drawn upright in its widget box (w × h points as the reader sees it).</summary>
    internal static void FillField(PdfObjectView view, List<PdfField> all, PdfIncrementalWriter writer, string name, string text, Func<double, double, PdfSignatureAppearance> build)
    {
        PdfField field = all.Find(f => string.Equals(f.FullName, name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The document has no field '{name}'.");
        if (field.FieldType != "Tx" || field.Reference is null || field.Dictionary.GetNameValue("Subtype") != "Widget")
        {
            throw new InvalidOperationException($"The field '{name}' is not a text field with its own widget.");
        }

        double[] rect = view.GetArray(field.Dictionary.Get("Rect")) is { Count: 4 } ra
            ? [.. ra.Items.Select(i => view.Resolve(i).TryGetNumber(out double d) ? d : 0)]
            : throw new InvalidOperationException($"The field '{name}' has no /Rect.");
        int rotate = view.GetDictionary(field.Dictionary.Get("MK")) is { } mk ? (int)(view.GetInteger(mk.Get("R")) ?? 0) : 0;
        double w = Math.Abs(rect[2] - rect[0]), h = Math.Abs(rect[3] - rect[1]);
        if (rotate is 90 or 270)
        {
            (w, h) = (h, w);
        }

        PdfDictionary ap = PdfAppearanceForms.UprightNormalAppearance(build(w, h), w, h, rotate);
        var clone = new PdfDictionary(field.Dictionary);
        clone.Set("V", PdfString.FromText(text));
        clone.Set("AP", ap);
        writer.Update(field.Reference, clone);
    }
}
