using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Appearance;

/// <summary>
/// The competent signer's visible signature (chữ ký số của người có thẩm quyền, NĐ 30/2020 Phụ lục I ô 7c): the
/// handwritten-signature image (prepare it with <see cref="ImagePreparationOptions.Signer"/> for the regulation's
/// blue) fitted into the box with its aspect ratio kept, optionally with text lines (title, full name) below.
/// Without text lines the widget is shrunk to the image's box, so a later <see cref="SealSignatureAppearance"/> is
/// placed relative to the image itself. Immutable and thread-safe.
/// </summary>
public sealed class ImageSignatureAppearance : PdfSignatureAppearanceProvider
{
    private readonly SignatureAppearanceBuilder _builder;

    /// <summary>Creates the appearance.</summary>
    /// <param name="image">The prepared signature image; <see langword="null"/> for text lines only.</param>
    /// <param name="fonts">Font sources for the text lines; <see langword="null"/> finds a Vietnamese-capable serif on the system.</param>
    public ImageSignatureAppearance(SignatureImage? image, AppearanceFontOptions? fonts = null)
    {
        Image = image;
        _builder = new SignatureAppearanceBuilder(fonts);
    }

    /// <summary>The prepared signature image, or <see langword="null"/>.</summary>
    public SignatureImage? Image { get; }

    /// <summary>Text lines under the image (e.g. <c>KT. CHỦ TỊCH</c>, <c>PHÓ CHỦ TỊCH</c>, the full name), NFC. <value>The default value is empty.</value></summary>
    public IReadOnlyList<string> TextLines { get; init; } = [];

    /// <summary>Font size of the text lines in points. <value>The default value is 10.</value></summary>
    public double FontSize { get; init; } = 10;

    /// <summary>Alignment of the text lines. <value>The default value is <see cref="TextAlignment.Center"/>.</value></summary>
    public TextAlignment Alignment { get; init; } = TextAlignment.Center;

    /// <summary>Whether the text lines are bold. <value>The default value is <see langword="false"/>.</value></summary>
    public bool Bold { get; init; }

    /// <summary>Colour of the text lines. <value>The default value is black.</value></summary>
    public InkColor TextColor { get; init; } = InkColor.Black;

    internal override string? Tooltip => "Chữ ký số của người có thẩm quyền";

    internal override PageRectangle AdjustBox(PageRectangle box)
        => Image is not null && TextLines.Count == 0 ? SignatureAppearanceBuilder.FitImage(Image, box) : box;

    internal override PdfSignatureAppearance CreateAppearance(PdfSignatureAppearanceContext context)
    {
        if (Image is null && TextLines.Count == 0)
        {
            throw new ArgumentException("An ImageSignatureAppearance needs an image or text lines.");
        }

        var appearance = new VisibleSignatureAppearance
        {
            Image = Image,
            TextLines = TextLines,
            FontSize = FontSize,
            Alignment = Alignment,
            Bold = Bold,
            TextColor = TextColor,
        };
        return _builder.BuildSigner(appearance, context.Width, context.Height);
    }
}

/// <summary>
/// The agency's visible signature (chữ ký số của cơ quan, tổ chức, NĐ 30/2020 Phụ lục I ô 8): the seal image
/// (prepare it with <see cref="ImagePreparationOptions.Seal"/> for the regulation's red) at its real diameter.
/// Without a placement it goes over the most recent visible signature widget
/// (<see cref="SignaturePlacement.OverLastSignature"/>): vertically centred on it, covering
/// <see cref="CoverShare"/> of its width from its left edge (<see cref="SealPlacement"/>). Immutable and thread-safe.
/// </summary>
public sealed class SealSignatureAppearance : PdfSignatureAppearanceProvider
{
    private readonly double _coverShare = SealPlacement.DefaultCoverShare;

    /// <summary>Creates the appearance.</summary>
    /// <param name="seal">The prepared seal image.</param>
    /// <param name="diameterMillimetres">The seal's real diameter in mm (e.g. 36 for a provincial agency's round seal).</param>
    /// <exception cref="ArgumentOutOfRangeException">The diameter is not in (0, 500] mm.</exception>
    public SealSignatureAppearance(SignatureImage seal, double diameterMillimetres)
    {
        ArgumentNullException.ThrowIfNull(seal);
        if (!double.IsFinite(diameterMillimetres) || diameterMillimetres <= 0 || diameterMillimetres > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(diameterMillimetres), diameterMillimetres, "The seal diameter must be in (0, 500] mm.");
        }

        Seal = seal;
        DiameterMillimetres = diameterMillimetres;
    }

    /// <summary>The prepared seal image.</summary>
    public SignatureImage Seal { get; }

    /// <summary>The seal's real diameter in mm.</summary>
    public double DiameterMillimetres { get; }

    /// <summary>The share (0–1] of the signer widget's width, from its left edge, the seal covers. <value>The default value is one third (<see cref="SealPlacement.DefaultCoverShare"/>).</value></summary>
    public double CoverShare
    {
        get => _coverShare;
        init
        {
            if (!double.IsFinite(value) || value <= 0 || value > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The cover share must be in (0, 1].");
            }

            _coverShare = value;
        }
    }

    /// <summary>The /TU of seal widgets; <see cref="SignaturePlacement.OverLastSignature"/> skips widgets carrying it.</summary>
    internal const string SealTooltip = "Chữ ký số của cơ quan, tổ chức (con dấu)";

    internal override string? Tooltip => SealTooltip;

    internal override SignaturePlacement? DefaultPlacement => SignaturePlacement.OverLastSignature();

    internal override PageRectangle PlaceOverSignature(PageRectangle signerWidget)
        => SealPlacement.ComputeSealRectangle(signerWidget, DiameterMillimetres, CoverShare);

    internal override PageRectangle AdjustBox(PageRectangle box) => SignatureAppearanceBuilder.FitImage(Seal, box);

    internal override PdfSignatureAppearance CreateAppearance(PdfSignatureAppearanceContext context)
        => SignatureAppearanceBuilder.BuildSeal(Seal, context.Width, context.Height);
}

/// <summary>
/// A text-only agency signature (NĐ 30/2020 Phụ lục I): on an attachment or appendix in a separate file
/// (<see cref="ForAttachment"/>: number and notation + signing time) or on an electronic copy (<see cref="ForCopy"/>:
/// SAO Y / SAO LỤC / TRÍCH SAO + copying agency + signing time); 10 pt Times New Roman-like, black, an embedded
/// subset font with /ToUnicode. The signing time shown is the signature's /M (ISO 8601, +07:00). Without a
/// placement it goes to the top right of page 1 (<see cref="SignaturePlacement.TopRight"/>). Immutable and thread-safe.
/// </summary>
public sealed class TextBlockSignatureAppearance : PdfSignatureAppearanceProvider
{
    private readonly Func<DateTimeOffset, SignatureTextBlock> _block;
    private readonly SignatureAppearanceBuilder _builder;

    private TextBlockSignatureAppearance(Func<DateTimeOffset, SignatureTextBlock> block, AppearanceFontOptions? fonts)
    {
        _block = block;
        _builder = new SignatureAppearanceBuilder(fonts);
    }

    /// <summary>Fixed lines (no signing time added).</summary>
    /// <param name="lines">The lines, top to bottom.</param>
    /// <param name="fonts">Font sources; <see langword="null"/> finds a Vietnamese-capable serif on the system.</param>
    /// <returns>The appearance.</returns>
    public static TextBlockSignatureAppearance FromLines(IReadOnlyList<string> lines, AppearanceFontOptions? fonts = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            throw new ArgumentException("A text block needs at least one line.", nameof(lines));
        }

        string[] copy = [.. lines];
        return new TextBlockSignatureAppearance(_ => new SignatureTextBlock { Lines = copy }, fonts);
    }

    /// <summary>The block of an attachment or appendix in a separate file: <c>Số: …</c> and <c>Thời gian ký: …</c>.</summary>
    /// <param name="numberAndNotation">Số và ký hiệu of the main document, e.g. <c>08/2018/QĐ-UBND</c>.</param>
    /// <param name="agencyName">Optional issuing agency name shown first.</param>
    /// <param name="fonts">Font sources.</param>
    /// <returns>The appearance.</returns>
    public static TextBlockSignatureAppearance ForAttachment(string numberAndNotation, string? agencyName = null, AppearanceFontOptions? fonts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(numberAndNotation);
        return new TextBlockSignatureAppearance(t => SignatureTextBlock.ForAttachment(numberAndNotation, t, agencyName), fonts);
    }

    /// <summary>The block of an electronic copy: copy form, copying agency, signing time.</summary>
    /// <param name="form">The copy form.</param>
    /// <param name="copyingAgency">Tên cơ quan, tổ chức sao văn bản.</param>
    /// <param name="fonts">Font sources.</param>
    /// <returns>The appearance.</returns>
    public static TextBlockSignatureAppearance ForCopy(CopyForm form, string copyingAgency, AppearanceFontOptions? fonts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(copyingAgency);
        _ = SignatureTextBlock.ForCopy(form, copyingAgency, DateTimeOffset.UnixEpoch);
        return new TextBlockSignatureAppearance(t => SignatureTextBlock.ForCopy(form, copyingAgency, t), fonts);
    }

    /// <summary>The lines as they are drawn for a signing time.</summary>
    /// <param name="signingTime">The signing time.</param>
    /// <returns>The lines, NFC.</returns>
    public IReadOnlyList<string> GetLines(DateTimeOffset signingTime) => _block(signingTime).Lines;

    internal override string? Tooltip => "Chữ ký số của cơ quan, tổ chức";

    internal override SignaturePlacement? DefaultPlacement => SignaturePlacement.TopRight();

    internal override (double Width, double Height) MeasureAutomaticBox(DateTimeOffset signingTime) => _builder.MeasureTextBlock(_block(signingTime));

    internal override PdfSignatureAppearance CreateAppearance(PdfSignatureAppearanceContext context)
        => _builder.BuildTextBlock(_block(context.SigningTime), context.Width, context.Height);
}
