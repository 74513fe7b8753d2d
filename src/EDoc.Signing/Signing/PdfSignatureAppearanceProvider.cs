using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Appearance;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing;

/// <summary>
/// EXTENSION POINT for visible signature appearances (hình ảnh chữ ký / con dấu). The appearance types of this
/// package derive from it and draw a form XObject for the widget: <see cref="ImageSignatureAppearance"/> (the
/// competent signer's image), <see cref="SealSignatureAppearance"/> (the agency seal) and
/// <see cref="TextBlockSignatureAppearance"/> (attachments and copies). <see cref="PdfSigner"/> calls it once per
/// signature with the signer, the time and the texts. It cannot be derived outside EDoc.Signing.
/// </summary>
public abstract class PdfSignatureAppearanceProvider
{
    /// <summary>Initializes a new instance (only types of this package derive).</summary>
    private protected PdfSignatureAppearanceProvider()
    {
    }

    /// <summary>The widget's /TU (field description shown by readers and screen readers), or null.</summary>
    internal virtual string? Tooltip => null;

    /// <summary>Where the widget goes when the request gives neither a placement nor a rectangle (null: the request must give one).</summary>
    internal virtual SignaturePlacement? DefaultPlacement => null;

    /// <summary>Draws the appearance for one signature.</summary>
    /// <param name="context">What the appearance may show.</param>
    /// <returns>The content stream and resources for the PDF engine.</returns>
    internal abstract PdfSignatureAppearance CreateAppearance(PdfSignatureAppearanceContext context);

    /// <summary>Shrinks or moves a requested box (points, page as the reader sees it) to the box the widget really gets.</summary>
    internal virtual PageRectangle AdjustBox(PageRectangle box) => box;

    /// <summary>The size (points) of a box placed automatically at the top right; only text blocks have one.</summary>
    internal virtual (double Width, double Height) MeasureAutomaticBox(DateTimeOffset signingTime)
        => throw new ArgumentException($"{GetType().Name} cannot be placed at the top right automatically; give a rectangle.");

    /// <summary>The box placed relative to an earlier signature widget (points); only seals have one.</summary>
    internal virtual PageRectangle PlaceOverSignature(PageRectangle signerWidget)
        => throw new ArgumentException($"{GetType().Name} cannot be placed over an earlier signature; give a rectangle (only SealSignatureAppearance is placed automatically).");
}

/// <summary>What an appearance may show: the widget rectangle, signer certificate, signing time (Vietnam time) and texts.</summary>
/// <param name="Rectangle">The widget rectangle in default user space.</param>
/// <param name="Width">The width of the box the appearance is drawn in (points, upright as the reader sees the page).</param>
/// <param name="Height">The height of that box.</param>
/// <param name="SignerCertificate">The signer certificate.</param>
/// <param name="SigningTime">The signing time (/M), in Vietnam time.</param>
/// <param name="Reason">The reason.</param>
/// <param name="Location">The location.</param>
/// <param name="ContactInfo">The contact information.</param>
/// <param name="SignerName">The signer name given in the request.</param>
internal sealed record PdfSignatureAppearanceContext(
    PdfSignatureRectangle Rectangle,
    double Width,
    double Height,
    X509Certificate2 SignerCertificate,
    DateTimeOffset SigningTime,
    string? Reason,
    string? Location,
    string? ContactInfo,
    string? SignerName);
