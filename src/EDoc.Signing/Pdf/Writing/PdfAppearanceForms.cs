using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>
/// Appearance form XObjects drawn upright as the reader sees a rotated page: the box is given in visible orientation
/// and a /Matrix counter-rotates it into the page's user space. One place for widgets, stamps and filled fields.
/// </summary>
internal static class PdfAppearanceForms
{
    /// <summary>The /Matrix that counter-rotates an appearance on a page with this /Rotate (0, 90, 180, 270); <see langword="null"/> for 0.</summary>
    public static PdfArray? CounterRotation(int rotate) => rotate switch
    {
        0 => null,
        90 => PdfArray.OfNumbers(0, 1, -1, 0, 0, 0),
        180 => PdfArray.OfNumbers(-1, 0, 0, -1, 0, 0),
        _ => PdfArray.OfNumbers(0, -1, 1, 0, 0, 0),
    };

    /// <summary>Sets /BBox (0 0 width height) and, on a rotated page, the counter-rotating /Matrix on a form dictionary.</summary>
    public static void SetUprightBox(PdfDictionary form, double width, double height, int rotate)
    {
        form.Set("BBox", PdfArray.OfNumbers(0, 0, width, height));
        if (CounterRotation(rotate) is { } matrix)
        {
            form.Set("Matrix", matrix);
        }
    }

    /// <summary>An /AP dictionary whose /N is an upright form XObject drawing <paramref name="appearance"/>.</summary>
    public static PdfDictionary UprightNormalAppearance(PdfSignatureAppearance appearance, double width, double height, int rotate)
    {
        var form = new PdfDictionary();
        form.Set("Type", new PdfName("XObject"));
        form.Set("Subtype", new PdfName("Form"));
        SetUprightBox(form, width, height, rotate);
        form.Set("Resources", appearance.Resources ?? new PdfDictionary());
        var ap = new PdfDictionary();
        ap.Set("N", new PdfStream(form, appearance.Content));
        return ap;
    }
}
