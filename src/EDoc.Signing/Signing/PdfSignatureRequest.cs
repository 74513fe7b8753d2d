using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Appearance;
using EDoc.Signing.Signers;

namespace EDoc.Signing;

/// <summary>PAdES baseline levels (ETSI EN 319 142-1) — mức chữ ký PAdES.</summary>
public enum PadesLevel
{
    /// <summary>PAdES B-B: a CAdES-detached signature with /M, ESS signing-certificate-v2 and no CMS signing-time.</summary>
    BaselineB = 0,

    /// <summary>PAdES B-T: B-B plus an RFC 3161 signature timestamp (dấu thời gian) in the CMS unsigned attributes.</summary>
    BaselineT = 1,

    /// <summary>PAdES B-LT: B-T plus a later incremental update with a Document Security Store (certificates, OCSP, CRLs).</summary>
    BaselineLT = 2,

    /// <summary>PAdES B-LTA: B-LT plus a document timestamp (/DocTimeStamp) covering the validation data.</summary>
    BaselineLTA = 3,
}

/// <summary>DocMDP permissions of a certification signature (chữ ký chứng thực, ISO 32000-1 §12.8.2.2).</summary>
public enum PdfCertificationLevel
{
    /// <summary>No changes are allowed after the certification signature (P=1). Later approval signatures are refused.</summary>
    NoChanges = 1,

    /// <summary>Form fill-in and further signatures are allowed (P=2): what Vietnamese workflows use for the first signature.</summary>
    FormFillingAndSigning = 2,

    /// <summary>Form fill-in, signatures and annotations are allowed (P=3).</summary>
    FormFillingSigningAndAnnotations = 3,
}

/// <summary>A widget rectangle in PDF default user space (points, origin bottom-left).</summary>
/// <param name="Left">The lower-left x.</param>
/// <param name="Bottom">The lower-left y.</param>
/// <param name="Right">The upper-right x.</param>
/// <param name="Top">The upper-right y.</param>
public readonly record struct PdfSignatureRectangle(double Left, double Bottom, double Right, double Top)
{
    /// <summary>The width (may be negative when the corners are swapped; readers normalize).</summary>
    public double Width => Right - Left;

    /// <summary>The height.</summary>
    public double Height => Top - Bottom;

    internal double[] ToArray() => [Left, Bottom, Right, Top];
}

/// <summary>
/// What a signature looks like in the document and which PAdES level it reaches; shared by
/// <see cref="PdfSignatureRequest"/> (a key at hand) and <see cref="PdfTwoPhaseRequest"/> (remote signing).
/// Every property has a documented default.
/// </summary>
public abstract class PdfSignatureParameters
{
    /// <summary>Initializes a new instance (only the request types of this package derive).</summary>
    private protected PdfSignatureParameters()
    {
    }

    /// <summary>The PAdES level. <value>The default value is <see cref="PadesLevel.BaselineB"/>.</value></summary>
    public PadesLevel Level { get; init; } = PadesLevel.BaselineB;

    /// <summary>
    /// The signature field name (tên trường chữ ký). An existing empty signature field of that name is signed in place;
    /// otherwise a new field is created. Must not contain '.'.
    /// <value>The default value is <see langword="null"/>: a unique <c>SignatureN</c>.</value>
    /// </summary>
    public string? FieldName { get; init; }

    /// <summary>/Reason (lý do ký). <value>The default value is <see langword="null"/>.</value></summary>
    public string? Reason { get; init; }

    /// <summary>/Location (nơi ký). <value>The default value is <see langword="null"/>.</value></summary>
    public string? Location { get; init; }

    /// <summary>/ContactInfo. <value>The default value is <see langword="null"/>.</value></summary>
    public string? ContactInfo { get; init; }

    /// <summary>/Name, the signer's name as shown by readers. <value>The default value is <see langword="null"/> (readers show the certificate subject).</value></summary>
    public string? SignerName { get; init; }

    /// <summary>The one-based page the widget is on. <value>The default value is 1.</value></summary>
    public int PageNumber { get; init; } = 1;

    /// <summary>
    /// The widget rectangle of a visible signature in PDF default user space, on <see cref="PageNumber"/>.
    /// Prefer <see cref="Placement"/> (page as the reader sees it, mm or pt, anchor text, existing field).
    /// <value>The default value is <see langword="null"/>: an invisible signature unless <see cref="Placement"/> or an
    /// appearance with an automatic placement is given.</value>
    /// </summary>
    public PdfSignatureRectangle? Rectangle { get; init; }

    /// <summary>
    /// Where the visible signature goes (vị trí chữ ký): a rectangle on page N or the last page in the coordinates of
    /// the page as the reader sees it, next to an anchor text, in an existing empty signature field, over the last
    /// signature (seal) or top right (text block). Overrides <see cref="PageNumber"/>; must not be combined with
    /// <see cref="Rectangle"/>.
    /// <value>The default value is <see langword="null"/>: <see cref="Rectangle"/> if given; else an existing empty
    /// field named <see cref="FieldName"/>; else the appearance's automatic placement
    /// (<see cref="SealSignatureAppearance"/>: over the last signature; <see cref="TextBlockSignatureAppearance"/>: top
    /// right of page 1); else an invisible signature.</value>
    /// </summary>
    public SignaturePlacement? Placement { get; init; }

    /// <summary>
    /// The drawn appearance of a visible signature (hình ảnh chữ ký): <see cref="ImageSignatureAppearance"/>,
    /// <see cref="SealSignatureAppearance"/> or <see cref="TextBlockSignatureAppearance"/>.
    /// <value>The default value is <see langword="null"/>: an empty (transparent) appearance.</value>
    /// </summary>
    public PdfSignatureAppearanceProvider? Appearance { get; init; }

    /// <summary>
    /// Makes this the certification signature (DocMDP); only allowed as the first signature of the document.
    /// <value>The default value is <see langword="null"/>: an approval signature.</value>
    /// </summary>
    public PdfCertificationLevel? Certification { get; init; }

    /// <summary>The digest algorithm over the ByteRange and in the CMS. <value>The default value is SHA-256.</value></summary>
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    internal void ValidateParameters()
    {
        if (!Enum.IsDefined(Level))
        {
            throw new ArgumentOutOfRangeException(nameof(Level), Level, "Unknown PAdES level.");
        }

        if (Certification is { } c && !Enum.IsDefined(c))
        {
            throw new ArgumentOutOfRangeException(nameof(Certification), c, "Unknown certification level.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PageNumber, 1, nameof(PageNumber));
        if (FieldName is not null && (FieldName.Length == 0 || FieldName.Contains('.', StringComparison.Ordinal)))
        {
            throw new ArgumentException("A field name must be non-empty and must not contain '.'.", nameof(FieldName));
        }

        if (DigestAlgorithm != HashAlgorithmName.SHA256 && DigestAlgorithm != HashAlgorithmName.SHA384 && DigestAlgorithm != HashAlgorithmName.SHA512)
        {
            throw new ArgumentException($"The digest algorithm '{DigestAlgorithm.Name}' is not supported; use SHA-256, SHA-384 or SHA-512.", nameof(DigestAlgorithm));
        }

        if (Rectangle is { } r && (!double.IsFinite(r.Left) || !double.IsFinite(r.Bottom) || !double.IsFinite(r.Right) || !double.IsFinite(r.Top)))
        {
            throw new ArgumentException("The rectangle must have four finite numbers.", nameof(Rectangle));
        }
    }
}

/// <summary>A request to sign a PDF with a key at hand (PFX, PKCS#11 token, or an external signer answering in the call).</summary>
public sealed class PdfSignatureRequest : PdfSignatureParameters
{
    /// <summary>The signing key (khóa ký) with its certificate and chain.</summary>
    public required SigningKey Key { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Key, nameof(Key));
        ValidateParameters();
    }
}

/// <summary>
/// Phase 1 of two-phase (remote) signing: the certificate and scheme the signing service will use, without a key
/// (ký số từ xa: the user approves on a phone minutes later).
/// </summary>
public sealed class PdfTwoPhaseRequest : PdfSignatureParameters
{
    /// <summary>The signer certificate (public part, from the signing service).</summary>
    public required X509Certificate2 Certificate { get; init; }

    /// <summary>Further certificates to embed in the CMS. <value>The default value is empty (leaf only).</value></summary>
    public IReadOnlyList<X509Certificate2> Chain { get; init; } = [];

    /// <summary>The scheme the service signs with. <value>The default value is <see langword="null"/>: ECDSA for EC keys, RSA PKCS#1 v1.5 otherwise.</value></summary>
    public SignatureScheme? Scheme { get; init; }

    internal SignatureScheme EffectiveScheme => Scheme ?? (Certificate.GetECDsaPublicKey() is { } ec ? DisposeAnd(ec, SignatureScheme.Ecdsa) : SignatureScheme.RsaPkcs1);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Certificate, nameof(Certificate));
        ArgumentNullException.ThrowIfNull(Chain, nameof(Chain));
        ValidateParameters();
    }

    private static SignatureScheme DisposeAnd(ECDsa d, SignatureScheme s)
    {
        d.Dispose();
        return s;
    }
}
