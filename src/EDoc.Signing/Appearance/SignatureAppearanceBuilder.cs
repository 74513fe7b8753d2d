using System.Globalization;
using EDoc.Signing.Appearance.Fonts;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Appearance;

/// <summary>Horizontal alignment of text lines.</summary>
public enum TextAlignment
{
    /// <summary>Left-aligned.</summary>
    Left = 0,

    /// <summary>Centred.</summary>
    Center = 1,

    /// <summary>Right-aligned.</summary>
    Right = 2,
}

/// <summary>
/// What a visible signature box shows: the competent signer's handwritten-signature image (blue, NĐ 30/2020 Phụ lục
/// I ô 7c) fitted and centred in the box with its aspect ratio kept, optionally with text lines (name, title) below.
/// </summary>
public sealed class VisibleSignatureAppearance
{
    /// <summary>The prepared signature image, or <see langword="null"/> for text only.</summary>
    public SignatureImage? Image { get; init; }

    /// <summary>Text lines under the image (e.g. the signer's title and full name); may be empty.</summary>
    public IReadOnlyList<string> TextLines { get; init; } = [];

    /// <summary>Font size of the text lines in points.</summary>
    /// <value>The default value is 10.</value>
    public double FontSize { get; init; } = 10;

    /// <summary>Alignment of the text lines.</summary>
    /// <value>The default value is <see cref="TextAlignment.Center"/>.</value>
    public TextAlignment Alignment { get; init; } = TextAlignment.Center;

    /// <summary>Whether the text is bold.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Bold { get; init; }

    /// <summary>Text colour.</summary>
    /// <value>The default value is black.</value>
    public InkColor TextColor { get; init; } = InkColor.Black;
}

/// <summary>
/// A text block for an agency signature without image: on an attachment or appendix in a separate file (number and
/// notation + signing time) or on an electronic copy (SAO Y / SAO LỤC / TRÍCH SAO + copying agency + time);
/// NĐ 30/2020 Phụ lục I: top right of the first page, Times New Roman-like, 10 pt, regular, black.
/// </summary>
public sealed class SignatureTextBlock
{
    /// <summary>The lines, top to bottom (NFC Vietnamese).</summary>
    public required IReadOnlyList<string> Lines { get; init; }

    /// <summary>Font size in points.</summary>
    /// <value>The default value is 10.</value>
    public double FontSize { get; init; } = 10;

    /// <summary>Line alignment inside the block.</summary>
    /// <value>The default value is <see cref="TextAlignment.Left"/>.</value>
    public TextAlignment Alignment { get; init; } = TextAlignment.Left;

    /// <summary>Formats the signing time as ISO 8601 in Vietnam time with its offset, e.g. <c>2026-11-24T15:30:00+07:00</c>.</summary>
    /// <param name="signingTime">The signing time (any offset).</param>
    /// <returns>The text.</returns>
    public static string FormatSigningTime(DateTimeOffset signingTime)
        => signingTime.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The block for an attachment/appendix in a separate file: <c>Số: …</c> and the signing time.</summary>
    /// <param name="numberAndNotation">Số và ký hiệu, e.g. <c>08/2018/QĐ-UBND</c>.</param>
    /// <param name="signingTime">The agency signature's time.</param>
    /// <param name="agencyName">Optional issuing agency name shown first.</param>
    /// <returns>The block.</returns>
    public static SignatureTextBlock ForAttachment(string numberAndNotation, DateTimeOffset signingTime, string? agencyName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(numberAndNotation);
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(agencyName))
        {
            lines.Add(agencyName.Trim());
        }

        lines.Add("Số: " + numberAndNotation.Trim());
        lines.Add("Thời gian ký: " + FormatSigningTime(signingTime));
        return new SignatureTextBlock { Lines = lines };
    }

    /// <summary>The block for an electronic copy (bản sao điện tử): copy form, copying agency, signing time.</summary>
    /// <param name="form">The copy form.</param>
    /// <param name="copyingAgency">Tên cơ quan, tổ chức sao văn bản.</param>
    /// <param name="signingTime">The agency signature's time.</param>
    /// <returns>The block.</returns>
    public static SignatureTextBlock ForCopy(CopyForm form, string copyingAgency, DateTimeOffset signingTime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(copyingAgency);
        string formText = form switch
        {
            CopyForm.SaoY => "SAO Y",
            CopyForm.SaoLuc => "SAO LỤC",
            CopyForm.TrichSao => "TRÍCH SAO",
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown copy form."),
        };
        return new SignatureTextBlock { Lines = [formText, copyingAgency.Trim(), "Thời gian ký: " + FormatSigningTime(signingTime)] };
    }
}

/// <summary>Hình thức bản sao (NĐ 30/2020 Điều 25).</summary>
public enum CopyForm
{
    /// <summary>Sao y.</summary>
    SaoY = 0,

    /// <summary>Sao lục.</summary>
    SaoLuc = 1,

    /// <summary>Trích sao.</summary>
    TrichSao = 2,
}

/// <summary>Dấu chỉ mức độ khẩn (NĐ 30/2020 Phụ lục I).</summary>
public enum UrgencyLevel
{
    /// <summary>KHẨN, 20×8 mm.</summary>
    Khan = 0,

    /// <summary>THƯỢNG KHẨN, 40×8 mm.</summary>
    ThuongKhan = 1,

    /// <summary>HỎA TỐC, 30×8 mm.</summary>
    HoaToc = 2,
}

/// <summary>The urgency stamp's wording and size: bold caps, single red border, red text.</summary>
public static class UrgencyStamp
{
    /// <summary>The stamp's red (đỏ tươi): RGB 255, 0, 0.</summary>
    public static InkColor Color => InkColor.SealRed;

    /// <summary>The wording in caps, NFC.</summary>
    /// <param name="level">The level.</param>
    /// <returns><c>KHẨN</c>, <c>THƯỢNG KHẨN</c> or <c>HỎA TỐC</c>.</returns>
    public static string GetText(UrgencyLevel level) => level switch
    {
        UrgencyLevel.Khan => "KHẨN",
        UrgencyLevel.ThuongKhan => "THƯỢNG KHẨN",
        UrgencyLevel.HoaToc => "HỎA TỐC",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown urgency level."),
    };

    /// <summary>The stamp's size in millimetres (width, height).</summary>
    /// <param name="level">The level.</param>
    /// <returns>20×8, 40×8 or 30×8 mm.</returns>
    public static (double Width, double Height) GetSizeMillimetres(UrgencyLevel level) => level switch
    {
        UrgencyLevel.Khan => (20, 8),
        UrgencyLevel.ThuongKhan => (40, 8),
        UrgencyLevel.HoaToc => (30, 8),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown urgency level."),
    };

    /// <summary>Parses the CLI spelling <c>khan</c>, <c>thuong-khan</c>, <c>hoa-toc</c> (also the Vietnamese words).</summary>
    /// <param name="text">The text.</param>
    /// <param name="level">The level.</param>
    /// <returns>Whether the text names a level.</returns>
    public static bool TryParse(string? text, out UrgencyLevel level)
    {
        string key = (text ?? string.Empty).Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormC);
        (bool ok, level) = key switch
        {
            "khan" or "khẩn" => (true, UrgencyLevel.Khan),
            "thuong-khan" or "thuongkhan" or "thượng khẩn" => (true, UrgencyLevel.ThuongKhan),
            "hoa-toc" or "hoatoc" or "hỏa tốc" or "hoả tốc" => (true, UrgencyLevel.HoaToc),
            _ => (false, UrgencyLevel.Khan),
        };
        return ok;
    }
}

/// <summary>
/// Builds appearance streams (content + resources) for visible signatures, seals, text blocks and urgency stamps.
/// Boxes are in points as the reader sees the page (upright); the PDF engine adds the /Matrix for rotated pages.
/// Thread-safe: every build uses its own font subset.
/// </summary>
public sealed class SignatureAppearanceBuilder
{
    private readonly AppearanceFontOptions? _fonts;

    /// <summary>Creates a builder.</summary>
    /// <param name="fonts">Font sources; <see langword="null"/> finds a Vietnamese-capable serif on the system.</param>
    public SignatureAppearanceBuilder(AppearanceFontOptions? fonts = null)
    {
        _fonts = fonts is null ? null : new AppearanceFontOptions { RegularFontPath = fonts.RegularFontPath, BoldFontPath = fonts.BoldFontPath };
    }

    /// <summary>The rectangle an image occupies when fitted (aspect ratio kept) and centred in a box.</summary>
    /// <param name="image">The image.</param>
    /// <param name="box">The box.</param>
    /// <returns>The fitted rectangle, in the box's unit.</returns>
    public static PageRectangle FitImage(SignatureImage image, PageRectangle box)
    {
        ArgumentNullException.ThrowIfNull(image);
        box.Validate(nameof(box));
        double scale = Math.Min(box.Width / image.PixelWidth, box.Height / image.PixelHeight);
        double w = image.PixelWidth * scale, h = image.PixelHeight * scale;
        return new PageRectangle(box.X + ((box.Width - w) / 2), box.Y + ((box.Height - h) / 2), w, h, box.Unit);
    }

    /// <summary>Measures the size (points) a text block needs, for placing it before building.</summary>
    /// <param name="block">The block.</param>
    /// <returns>Width and height in points, including a 2 pt padding.</returns>
    public (double Width, double Height) MeasureTextBlock(SignatureTextBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var font = new PdfEmbeddedFont(AppearanceFonts.Resolve(_fonts, bold: false));
        double w = block.Lines.Count == 0 ? 1 : block.Lines.Max(l => font.Measure(l, block.FontSize));
        return (w + 4, (block.Lines.Count * block.FontSize * LineFactor) + 4);
    }

    private const double LineFactor = 1.25;

    /// <summary>The signer box appearance.</summary>
    internal PdfSignatureAppearance BuildSigner(VisibleSignatureAppearance appearance, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(appearance);
        CheckBox(width, height);
        var content = new ContentWriter();
        var resources = new PdfDictionary();
        double textHeight = appearance.TextLines.Count * appearance.FontSize * LineFactor;
        if (appearance.Image is { } image)
        {
            double areaH = Math.Max(1, height - textHeight);
            PageRectangle fit = FitImage(image, new PageRectangle(0, textHeight, width, areaH));
            AddImage(resources, "Im1", image);
            content.DrawImage("Im1", fit.X, fit.Y, fit.Width, fit.Height);
        }

        if (appearance.TextLines.Count > 0)
        {
            var font = new PdfEmbeddedFont(AppearanceFonts.Resolve(_fonts, appearance.Bold));
            double top = appearance.Image is null ? height : textHeight;
            WriteLines(content, font, appearance.TextLines, appearance.FontSize, appearance.Alignment, appearance.TextColor, 0, width, top);
            AddFont(resources, "F1", font);
        }

        return new PdfSignatureAppearance { Content = content.ToBytes(), Resources = resources };
    }

    /// <summary>The seal appearance: the (red) seal image fitted into its square box.</summary>
    internal static PdfSignatureAppearance BuildSeal(SignatureImage seal, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(seal);
        CheckBox(width, height);
        var resources = new PdfDictionary();
        AddImage(resources, "Im1", seal);
        PageRectangle fit = FitImage(seal, new PageRectangle(0, 0, width, height));
        var content = new ContentWriter().DrawImage("Im1", fit.X, fit.Y, fit.Width, fit.Height);
        return new PdfSignatureAppearance { Content = content.ToBytes(), Resources = resources };
    }

    /// <summary>A text block appearance (attachment/copy signature).</summary>
    internal PdfSignatureAppearance BuildTextBlock(SignatureTextBlock block, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(block);
        CheckBox(width, height);
        var font = new PdfEmbeddedFont(AppearanceFonts.Resolve(_fonts, bold: false));
        var content = new ContentWriter();
        WriteLines(content, font, block.Lines, block.FontSize, block.Alignment, InkColor.Black, 2, width - 2, height - 2);
        var resources = new PdfDictionary();
        AddFont(resources, "F1", font);
        return new PdfSignatureAppearance { Content = content.ToBytes(), Resources = resources };
    }

    /// <summary>An urgency stamp appearance: single red border and bold red caps centred in the box.</summary>
    internal PdfSignatureAppearance BuildUrgencyStamp(UrgencyLevel level, double width, double height)
    {
        CheckBox(width, height);
        string text = UrgencyStamp.GetText(level);
        var font = new PdfEmbeddedFont(AppearanceFonts.Resolve(_fonts, bold: true));
        double border = 1.0;

        // Times New Roman 13–14 pt bold caps; shrink when the box is too narrow for the chosen font.
        double size = 13.5;
        double avail = width - (2 * border) - 4;
        double measured = font.Measure(text, size);
        if (measured > avail)
        {
            size *= avail / measured;
        }

        double cap = font.CapHeight(size);
        var content = new ContentWriter()
            .Stroke(UrgencyStamp.Color).Op("w", border)
            .Op("re", border / 2, border / 2, width - border, height - border).Raw("S")
            .Fill(UrgencyStamp.Color)
            .Text("F1", size, (width - font.Measure(text, size)) / 2, (height - cap) / 2, font.Encode(text));
        var resources = new PdfDictionary();
        AddFont(resources, "F1", font);
        return new PdfSignatureAppearance { Content = content.ToBytes(), Resources = resources };
    }

    private static void WriteLines(ContentWriter content, PdfEmbeddedFont font, IReadOnlyList<string> lines, double size, TextAlignment alignment, InkColor color, double left, double right, double top)
    {
        if (!double.IsFinite(size) || size <= 0 || size > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The font size must be in (0, 200] pt.");
        }

        content.Fill(color);
        double lineHeight = size * LineFactor;
        double baseline = top - ((lineHeight - size) / 2) - (size * 0.85);
        foreach (string raw in lines)
        {
            string line = (raw ?? string.Empty).Normalize(System.Text.NormalizationForm.FormC);
            double w = font.Measure(line, size);
            double x = alignment switch
            {
                TextAlignment.Center => left + ((right - left - w) / 2),
                TextAlignment.Right => right - w,
                _ => left,
            };
            content.Text("F1", size, x, baseline, font.Encode(line));
            baseline -= lineHeight;
        }
    }

    private static void AddImage(PdfDictionary resources, string name, SignatureImage image)
    {
        var xobjects = resources.Get("XObject") as PdfDictionary ?? new PdfDictionary();
        xobjects.Set(name, image.ToXObject());
        resources.Set("XObject", xobjects);
    }

    private static void AddFont(PdfDictionary resources, string name, PdfEmbeddedFont font)
    {
        var fonts = resources.Get("Font") as PdfDictionary ?? new PdfDictionary();
        fonts.Set(name, font.BuildFontDictionary());
        resources.Set("Font", fonts);
    }

    private static void CheckBox(double width, double height)
    {
        if (!double.IsFinite(width) || !double.IsFinite(height) || width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), "The appearance box needs a positive finite width and height.");
        }
    }
}
