using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing;

/// <summary>
/// EXTENSION POINT for visible signature appearances (hình ảnh chữ ký / con dấu). The appearance types of this
/// package derive from it and draw a form XObject for the widget; <see cref="PdfSigner"/> calls it once per signature
/// with the signer, the time and the texts. It cannot be derived outside EDoc.Signing.
/// </summary>
public abstract class PdfSignatureAppearanceProvider
{
    /// <summary>Initializes a new instance (only types of this package derive).</summary>
    private protected PdfSignatureAppearanceProvider()
    {
    }

    /// <summary>Draws the appearance for one signature.</summary>
    /// <param name="context">What the appearance may show.</param>
    /// <returns>The content stream and resources for the PDF engine.</returns>
    internal abstract PdfSignatureAppearance CreateAppearance(PdfSignatureAppearanceContext context);
}

/// <summary>What an appearance may show: the widget rectangle, signer certificate, signing time (Vietnam time) and texts.</summary>
/// <param name="Rectangle">The widget rectangle as requested (on a page with /Rotate 90 or 270 the engine draws in a box of swapped width and height).</param>
/// <param name="SignerCertificate">The signer certificate.</param>
/// <param name="SigningTime">The signing time (/M), in Vietnam time.</param>
/// <param name="Reason">The reason.</param>
/// <param name="Location">The location.</param>
/// <param name="ContactInfo">The contact information.</param>
/// <param name="SignerName">The signer name given in the request.</param>
internal sealed record PdfSignatureAppearanceContext(
    PdfSignatureRectangle Rectangle,
    X509Certificate2 SignerCertificate,
    DateTimeOffset SigningTime,
    string? Reason,
    string? Location,
    string? ContactInfo,
    string? SignerName);
