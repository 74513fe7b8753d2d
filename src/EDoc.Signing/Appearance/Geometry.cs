using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Appearance;

/// <summary>A length unit for rectangles and sizes on a page.</summary>
public enum Unit
{
    /// <summary>PDF points (1/72 inch).</summary>
    Point = 0,

    /// <summary>Millimetres (1 mm = 72/25.4 pt ≈ 2.8346 pt).</summary>
    Millimetre = 1,
}

/// <summary>Unit conversions.</summary>
public static class Units
{
    /// <summary>Points per millimetre (72/25.4).</summary>
    public const double PointsPerMillimetre = 72.0 / 25.4;

    /// <summary>Converts a length in <paramref name="unit"/> to points.</summary>
    /// <param name="value">The length.</param>
    /// <param name="unit">Its unit.</param>
    /// <returns>The length in points.</returns>
    public static double ToPoints(double value, Unit unit) => unit switch
    {
        Unit.Point => value,
        Unit.Millimetre => value * PointsPerMillimetre,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown unit."),
    };

    /// <summary>Converts millimetres to points.</summary>
    /// <param name="millimetres">The length in mm.</param>
    /// <returns>The length in points.</returns>
    public static double MillimetresToPoints(double millimetres) => millimetres * PointsPerMillimetre;

    /// <summary>Converts points to millimetres.</summary>
    /// <param name="points">The length in pt.</param>
    /// <returns>The length in mm.</returns>
    public static double PointsToMillimetres(double points) => points / PointsPerMillimetre;
}

/// <summary>
/// A rectangle on a page <b>as the reader sees it</b>: origin at the bottom-left corner of the visible (crop) box,
/// after the page's /Rotate, x to the right and y up, in <see cref="Unit"/>.
/// </summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Bottom edge.</param>
/// <param name="Width">Width (positive).</param>
/// <param name="Height">Height (positive).</param>
/// <param name="Unit">The unit of all four values.</param>
public readonly record struct PageRectangle(double X, double Y, double Width, double Height, Unit Unit = Unit.Point)
{
    /// <summary>The right edge.</summary>
    public double Right => X + Width;

    /// <summary>The top edge.</summary>
    public double Top => Y + Height;

    /// <summary>Creates a rectangle in millimetres.</summary>
    /// <param name="x">Left edge in mm.</param>
    /// <param name="y">Bottom edge in mm.</param>
    /// <param name="width">Width in mm.</param>
    /// <param name="height">Height in mm.</param>
    /// <returns>The rectangle.</returns>
    public static PageRectangle FromMillimetres(double x, double y, double width, double height) => new(x, y, width, height, Unit.Millimetre);

    /// <summary>Returns the same rectangle in points.</summary>
    /// <returns>The rectangle with <see cref="Unit.Point"/>.</returns>
    public PageRectangle ToPoints() => Unit == Unit.Point
        ? this
        : new PageRectangle(Units.ToPoints(X, Unit), Units.ToPoints(Y, Unit), Units.ToPoints(Width, Unit), Units.ToPoints(Height, Unit), Unit.Point);

    /// <summary>Parses <c>x,y,w,h</c> (invariant culture, as the CLI's <c>--rect</c> takes it).</summary>
    /// <param name="text">Four comma-separated numbers.</param>
    /// <param name="unit">Their unit.</param>
    /// <returns>The rectangle.</returns>
    /// <exception cref="FormatException">The text is not four finite numbers with positive width and height.</exception>
    public static PageRectangle Parse(string text, Unit unit = Unit.Point)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var v = new double[4];
        if (parts.Length != 4)
        {
            throw new FormatException($"A rectangle is 'x,y,w,h' (four numbers); got '{text}'.");
        }

        for (int i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
            {
                throw new FormatException($"A rectangle is 'x,y,w,h' (four numbers); '{parts[i]}' is not a number.");
            }
        }

        if (v[2] <= 0 || v[3] <= 0)
        {
            throw new FormatException($"The rectangle '{text}' needs a positive width and height.");
        }

        return new PageRectangle(v[0], v[1], v[2], v[3], unit);
    }

    internal void Validate(string paramName)
    {
        if (!double.IsFinite(X) || !double.IsFinite(Y) || !double.IsFinite(Width) || !double.IsFinite(Height) || Width <= 0 || Height <= 0)
        {
            throw new ArgumentException("The rectangle needs finite coordinates and a positive width and height.", paramName);
        }
    }
}

/// <summary>
/// Places the agency seal (chữ ký số của cơ quan, tổ chức — NĐ 30/2020 Phụ lục I, ô 8) relative to the competent
/// signer's signature image: at the seal's real diameter, vertically centred on the signature, covering a share of
/// the signature image from its left edge.
/// </summary>
public static class SealPlacement
{
    /// <summary>The default share of the signer image covered by the seal: one third.</summary>
    public const double DefaultCoverShare = 1.0 / 3.0;

    /// <summary>Computes the seal's square box (in points, page as the reader sees it).</summary>
    /// <param name="signerImage">The signer's image box (any unit).</param>
    /// <param name="sealDiameterMillimetres">The seal's real diameter in mm (typically 30–45 mm).</param>
    /// <param name="coverShare">The share (0–1] of the signer image's width, from its left edge, the seal covers.</param>
    /// <returns>The seal box in points: its right edge at <c>left + share × width</c> of the signer image, centred vertically on it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive diameter or a share outside (0, 1].</exception>
    public static PageRectangle ComputeSealRectangle(PageRectangle signerImage, double sealDiameterMillimetres, double coverShare = DefaultCoverShare)
    {
        signerImage.Validate(nameof(signerImage));
        if (!double.IsFinite(sealDiameterMillimetres) || sealDiameterMillimetres <= 0 || sealDiameterMillimetres > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(sealDiameterMillimetres), sealDiameterMillimetres, "The seal diameter must be in (0, 500] mm.");
        }

        if (!double.IsFinite(coverShare) || coverShare <= 0 || coverShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(coverShare), coverShare, "The cover share must be in (0, 1].");
        }

        PageRectangle s = signerImage.ToPoints();
        double d = Units.MillimetresToPoints(sealDiameterMillimetres);
        double right = s.X + (coverShare * s.Width);
        double centreY = s.Y + (s.Height / 2);
        return new PageRectangle(right - d, centreY - (d / 2), d, d, Unit.Point);
    }
}

/// <summary>Converts between the page as the reader sees it and the page's default user space.</summary>
internal static class PageGeometry
{
    /// <summary>The size of the visible page (crop box after rotation) in points.</summary>
    public static (double Width, double Height) VisibleSize(PdfPage page)
    {
        double[] c = page.VisibleBox;
        double w = c[2] - c[0], h = c[3] - c[1];
        return NormalizeRotate(page.Rotate) is 90 or 270 ? (h, w) : (w, h);
    }

    /// <summary>Maps a visible-page point to default user space.</summary>
    public static (double X, double Y) ToUserSpace(PdfPage page, double u, double v)
    {
        double[] c = page.VisibleBox;
        double cw = c[2] - c[0], ch = c[3] - c[1];
        (double dx, double dy) = NormalizeRotate(page.Rotate) switch
        {
            90 => (cw - v, u),
            180 => (cw - u, ch - v),
            270 => (v, ch - u),
            _ => (u, v),
        };
        return (c[0] + dx, c[1] + dy);
    }

    /// <summary>Maps a visible-page rectangle to a /Rect [x1 y1 x2 y2] in default user space.</summary>
    public static double[] ToUserSpaceRect(PdfPage page, PageRectangle rect)
    {
        rect.Validate(nameof(rect));
        PageRectangle r = rect.ToPoints();
        (double x1, double y1) = ToUserSpace(page, r.X, r.Y);
        (double x2, double y2) = ToUserSpace(page, r.Right, r.Top);
        return [Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2)];
    }

    /// <summary>Maps a /Rect in default user space back to the page as the reader sees it (points).</summary>
    public static PageRectangle FromUserSpaceRect(PdfPage page, double[] rect)
    {
        double[] c = page.VisibleBox;
        double cw = c[2] - c[0], ch = c[3] - c[1];
        (double U, double V) Map(double x, double y)
        {
            double dx = x - c[0], dy = y - c[1];
            return NormalizeRotate(page.Rotate) switch
            {
                90 => (dy, cw - dx),
                180 => (cw - dx, ch - dy),
                270 => (ch - dy, dx),
                _ => (dx, dy),
            };
        }

        (double u1, double v1) = Map(rect[0], rect[1]);
        (double u2, double v2) = Map(rect[2], rect[3]);
        return new PageRectangle(Math.Min(u1, u2), Math.Min(v1, v2), Math.Abs(u2 - u1), Math.Abs(v2 - v1));
    }

    public static int NormalizeRotate(int rotate) => ((rotate % 360) + 360) % 360;
}
