using System.Security.Cryptography;
using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>DocMDP permissions of a certification signature (ISO 32000-1 §12.8.2.2).</summary>
internal enum PdfDocMdpPermissions
{
    /// <summary>No changes allowed.</summary>
    NoChanges = 1,

    /// <summary>Form fill-in and signing allowed (what Vietnamese signers use for the first signature).</summary>
    FormFillingAndSigning = 2,

    /// <summary>Form fill-in, signing and annotations allowed.</summary>
    FormFillingSigningAndAnnotations = 3,
}

/// <summary>
/// A caller-supplied appearance: a form XObject content stream and its resources, drawn in a box of the widget size
/// as the reader sees it. On a page with /Rotate 90 or 270 that box is [0 0 height width] of the rectangle; the
/// preparer adds the /Matrix that keeps the appearance upright (and /MK /R).
/// </summary>
internal sealed class PdfSignatureAppearance
{
    /// <summary>The content stream operators (unencoded).</summary>
    public required byte[] Content { get; init; }

    /// <summary>The resources of the form XObject; in-memory <see cref="PdfStream"/> values (images, fonts) become new objects.</summary>
    public PdfDictionary? Resources { get; init; }
}

/// <summary>What the signature field and signature dictionary look like. Every property has a documented default.</summary>
internal sealed class PdfSignatureOptions
{
    /// <summary>/SubFilter of a PAdES signature.</summary>
    public const string CadesDetached = "ETSI.CAdES.detached";

    /// <summary>/SubFilter of a document timestamp.</summary>
    public const string Rfc3161 = "ETSI.RFC3161";

    /// <summary>The field name. An existing empty signature field of that name is signed; else a new field is created. <value>The default value is <see langword="null"/>: a unique <c>SignatureN</c>.</value></summary>
    public string? FieldName { get; init; }

    /// <summary>The zero-based page of the widget. <value>The default value is 0.</value></summary>
    public int PageIndex { get; init; }

    /// <summary>The widget rectangle [x1 y1 x2 y2] in default user space. <value>The default value is <see langword="null"/>: an invisible signature (/Rect [0 0 0 0]).</value></summary>
    public double[]? Rectangle { get; init; }

    /// <summary>/TU of a new widget (its description for readers and screen readers). <value>The default value is <see langword="null"/>.</value></summary>
    public string? Tooltip { get; init; }

    /// <summary>The appearance of a visible signature. <value>The default value is <see langword="null"/>: an empty appearance.</value></summary>
    public PdfSignatureAppearance? Appearance { get; init; }

    /// <summary>/SubFilter. <value>The default value is <see cref="CadesDetached"/>; use <see cref="Rfc3161"/> for a document timestamp (/Type /DocTimeStamp).</value></summary>
    public string SubFilter { get; init; } = CadesDetached;

    /// <summary>/M, the claimed signing time. <value>The default value is <see langword="null"/> (no /M; PAdES B-B requires it for signatures).</value></summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>/Reason. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Reason { get; init; }

    /// <summary>/Location. <value>The default value is <see langword="null"/>.</value></summary>
    public string? Location { get; init; }

    /// <summary>/ContactInfo. <value>The default value is <see langword="null"/>.</value></summary>
    public string? ContactInfo { get; init; }

    /// <summary>/Name (the signer's name). <value>The default value is <see langword="null"/>.</value></summary>
    public string? Name { get; init; }

    /// <summary>Bytes reserved for the CMS in /Contents (written as twice as many hex digits). <value>The default value is 16,384.</value></summary>
    public int ContentsCapacity { get; init; } = 16_384;

    /// <summary>Makes this the certification signature with these permissions. <value>The default value is <see langword="null"/> (an approval signature).</value></summary>
    public PdfDocMdpPermissions? DocMdp { get; init; }

    /// <summary>The digest over the byte ranges. <value>The default value is SHA-256.</value></summary>
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>Limits for reading the source. <value>The default value is <see cref="PdfReaderOptions.Default"/>.</value></summary>
    public PdfReaderOptions ReaderOptions { get; init; } = PdfReaderOptions.Default;

    internal bool IsDocumentTimestamp => string.Equals(SubFilter, Rfc3161, StringComparison.Ordinal);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(PageIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(ContentsCapacity, 256, nameof(ContentsCapacity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ContentsCapacity, 4 * 1024 * 1024, nameof(ContentsCapacity));
        ArgumentException.ThrowIfNullOrWhiteSpace(SubFilter);
        if (Rectangle is not null && (Rectangle.Length != 4 || Array.Exists(Rectangle, double.IsNaN) || Array.Exists(Rectangle, double.IsInfinity)))
        {
            throw new ArgumentException("The rectangle must have four finite numbers [x1 y1 x2 y2].", nameof(Rectangle));
        }

        if (FieldName is not null && (FieldName.Length == 0 || FieldName.Contains('.', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A field name must be non-empty and must not contain '.'.", nameof(FieldName));
        }

        if (DocMdp is not null && IsDocumentTimestamp)
        {
            throw new ArgumentException("A document timestamp cannot be a certification (DocMDP) signature.", nameof(DocMdp));
        }
    }
}

/// <summary>
/// The result of preparing a signature: where the placeholder is, what the ByteRange is, and the digest over it.
/// Serializable by its public values, so a two-phase signer can keep it while waiting for a remote signature.
/// </summary>
internal sealed record PreparedSignature(
    string FieldName,
    long[] ByteRange,
    long ContentsOffset,
    int ContentsCapacity,
    byte[] Digest,
    HashAlgorithmName DigestAlgorithm,
    long OutputLength);
