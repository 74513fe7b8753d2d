using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EDoc.Signing.Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Revocation;
using EDoc.Validation;

namespace EDoc.Signing.Verification;

/// <summary>The verdict on a signature or a document (kết quả kiểm tra).</summary>
public enum PdfVerificationStatus
{
    /// <summary>Intact, trusted, not revoked, and only allowed changes after it (hợp lệ).</summary>
    Valid = 0,

    /// <summary>Intact, but trust or revocation could not be established (chưa xác định).</summary>
    Indeterminate = 1,

    /// <summary>Broken, revoked, or followed by changes that are not allowed (không hợp lệ).</summary>
    Invalid = 2,
}

/// <summary>What kind of signature a field holds.</summary>
public enum PdfSignatureKind
{
    /// <summary>An approval signature (chữ ký phê duyệt).</summary>
    Approval = 0,

    /// <summary>The certification signature (DocMDP) of the document.</summary>
    Certification = 1,

    /// <summary>A document timestamp (/Type /DocTimeStamp, /SubFilter ETSI.RFC3161).</summary>
    DocumentTimestamp = 2,
}

/// <summary>The PAdES baseline level (ETSI EN 319 142-1) a signature reaches.</summary>
public enum PadesBaselineLevel
{
    /// <summary>Not a PAdES baseline signature (e.g. <c>adbe.pkcs7.detached</c>, or a document timestamp).</summary>
    None = 0,

    /// <summary>B-B: ETSI.CAdES.detached with signing-certificate-v2 and no CMS signing-time.</summary>
    BaselineB = 1,

    /// <summary>B-T: plus a signature timestamp or a later document timestamp.</summary>
    BaselineT = 2,

    /// <summary>B-LT: plus a DSS with validation data for the signer.</summary>
    BaselineLT = 3,

    /// <summary>B-LTA: plus a document timestamp over the DSS.</summary>
    BaselineLta = 4,
}

/// <summary>How serious the changes made after a signature are (phân loại thay đổi sau khi ký).</summary>
public enum PdfChangeCategory
{
    /// <summary>Nothing changed.</summary>
    None = 0,

    /// <summary>Only later signatures, DSS data, document timestamps and metadata.</summary>
    SignaturesAndDss = 1,

    /// <summary>Form fill-in: values of existing fields.</summary>
    FormFill = 2,

    /// <summary>Annotations added, changed or removed.</summary>
    Annotations = 3,

    /// <summary>Anything else: page content, pages, resources, other catalog entries.</summary>
    Other = 4,
}

/// <summary>One object changed after a signature.</summary>
/// <param name="ObjectNumber">The object number.</param>
/// <param name="IsNew">Whether the object was added (rather than changed).</param>
/// <param name="Category">How it is classified.</param>
/// <param name="Reason">Why it is classified so (English).</param>
public sealed record PdfChangedObject(
    [property: JsonPropertyName("objectNumber")] int ObjectNumber,
    [property: JsonPropertyName("isNew")] bool IsNew,
    [property: JsonPropertyName("category")] PdfChangeCategory Category,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>The report on one signature of a PDF (kết quả kiểm tra một chữ ký).</summary>
public sealed class PdfSignatureReport
{
    internal PdfSignatureReport()
    {
    }

    /// <summary>The verdict.</summary>
    [JsonPropertyName("status")]
    public PdfVerificationStatus Status { get; internal set; }

    /// <summary>The one-line verdict in English.</summary>
    [JsonPropertyName("message")]
    public string Message { get; internal set; } = string.Empty;

    /// <summary>The one-line verdict in Vietnamese.</summary>
    [JsonPropertyName("messageVi")]
    public string MessageVi { get; internal set; } = string.Empty;

    /// <summary>The fully qualified field name.</summary>
    [JsonPropertyName("fieldName")]
    public string FieldName { get; internal set; } = string.Empty;

    /// <summary>The signature kind.</summary>
    [JsonPropertyName("kind")]
    public PdfSignatureKind Kind { get; internal set; }

    /// <summary>/Filter.</summary>
    [JsonPropertyName("filter")]
    public string? Filter { get; internal set; }

    /// <summary>/SubFilter (ETSI.CAdES.detached, adbe.pkcs7.detached, ETSI.RFC3161).</summary>
    [JsonPropertyName("subFilter")]
    public string? SubFilter { get; internal set; }

    /// <summary>The signer (or TSA) certificate subject.</summary>
    [JsonPropertyName("signerSubject")]
    public string? SignerSubject { get; internal set; }

    /// <summary>The signer's identity with the Vietnamese identifiers (MST, CCCD, CMND…).</summary>
    [JsonPropertyName("signer")]
    public SignerIdentity? Signer { get; internal set; }

    /// <summary>The signer certificate's SHA-1 thumbprint (hex).</summary>
    [JsonPropertyName("signerCertificateThumbprint")]
    public string? SignerCertificateThumbprint { get; internal set; }

    /// <summary>The signer certificate's serial number (hex).</summary>
    [JsonPropertyName("signerCertificateSerialNumber")]
    public string? SignerCertificateSerialNumber { get; internal set; }

    /// <summary>The signing time claimed in /M (thời điểm ký do người ký khai).</summary>
    [JsonPropertyName("signingTime")]
    public DateTimeOffset? SigningTime { get; internal set; }

    /// <summary>The time proven by a valid timestamp (signature timestamp, or the document timestamp's own time).</summary>
    [JsonPropertyName("timestampTime")]
    public DateTimeOffset? TimestampTime { get; internal set; }

    /// <summary>/Reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; internal set; }

    /// <summary>/Location.</summary>
    [JsonPropertyName("location")]
    public string? Location { get; internal set; }

    /// <summary>The digest algorithm (e.g. SHA256).</summary>
    [JsonPropertyName("digestAlgorithm")]
    public string? DigestAlgorithm { get; internal set; }

    /// <summary>The signature algorithm (e.g. <c>RSA PKCS#1 v1.5 with SHA256</c>).</summary>
    [JsonPropertyName("signatureAlgorithm")]
    public string? SignatureAlgorithm { get; internal set; }

    /// <summary>Whether the ByteRange digest matches and the CMS signature verifies (toàn vẹn).</summary>
    [JsonPropertyName("isIntegrityValid")]
    public bool IsIntegrityValid { get; internal set; }

    /// <summary>/ByteRange as written (four numbers), or <see langword="null"/> when missing or malformed.</summary>
    [JsonPropertyName("byteRange")]
    public IReadOnlyList<long>? ByteRange { get; internal set; }

    /// <summary>ByteRange sanity problems (empty when it starts at 0, its gap is exactly /Contents and it ends at a revision).</summary>
    [JsonPropertyName("byteRangeProblems")]
    public IReadOnlyList<string> ByteRangeProblems { get; internal set; } = [];

    /// <summary>The chain verdict against the configured trust anchors.</summary>
    [JsonPropertyName("trust")]
    public CertificateTrustStatus Trust { get; internal set; } = CertificateTrustStatus.NotChecked;

    /// <summary>The subjects of the chain as built, leaf first.</summary>
    [JsonPropertyName("chain")]
    public IReadOnlyList<string> Chain { get; internal set; } = [];

    /// <summary>The worst revocation status over the chain, or <see langword="null"/> when not checked.</summary>
    [JsonPropertyName("revocationStatus")]
    public CertificateRevocationStatus? RevocationStatus { get; internal set; }

    /// <summary>Where the leaf's revocation evidence came from (<c>ocsp</c>, <c>crl</c>, <c>none</c>), or <see langword="null"/>.</summary>
    [JsonPropertyName("revocationSource")]
    public string? RevocationSource { get; internal set; }

    /// <summary>Whether validation data for this signature came from the document's DSS.</summary>
    [JsonPropertyName("usesDss")]
    public bool UsesDss { get; internal set; }

    /// <summary>The index of the revision the signature covers (0 = original file), or <see langword="null"/>.</summary>
    [JsonPropertyName("coveredRevision")]
    public int? CoveredRevision { get; internal set; }

    /// <summary>Whether the signature covers the whole current file.</summary>
    [JsonPropertyName("coversWholeDocument")]
    public bool CoversWholeDocument { get; internal set; }

    /// <summary>The classification of everything changed after the covered revision.</summary>
    [JsonPropertyName("changesAfter")]
    public PdfChangeCategory ChangesAfter { get; internal set; }

    /// <summary>The objects changed after the covered revision.</summary>
    [JsonPropertyName("changedObjects")]
    public IReadOnlyList<PdfChangedObject> ChangedObjects { get; internal set; } = [];

    /// <summary>Whether the changes after the signature are allowed by the policy and the DocMDP level.</summary>
    [JsonPropertyName("changesAllowed")]
    public bool ChangesAllowed { get; internal set; }

    /// <summary>The DocMDP /P of the document's certification (1, 2 or 3), or <see langword="null"/> when not certified.</summary>
    [JsonPropertyName("docMdpPermissions")]
    public int? DocMdpPermissions { get; internal set; }

    /// <summary>The PAdES baseline level reached.</summary>
    [JsonPropertyName("padesLevel")]
    public PadesBaselineLevel PadesLevel { get; internal set; }

    /// <summary>The PAdES level as ETSI writes it (<c>B-B</c>, <c>B-T</c>, <c>B-LT</c>, <c>B-LTA</c>) or <see langword="null"/>.</summary>
    [JsonPropertyName("padesLevelName")]
    public string? PadesLevelName => PadesLevel switch
    {
        PadesBaselineLevel.BaselineB => "B-B",
        PadesBaselineLevel.BaselineT => "B-T",
        PadesBaselineLevel.BaselineLT => "B-LT",
        PadesBaselineLevel.BaselineLta => "B-LTA",
        _ => null,
    };

    /// <summary>Every problem found (errors and warnings), in English and Vietnamese.</summary>
    [JsonPropertyName("problems")]
    public IReadOnlyList<ValidationProblem> Problems { get; internal set; } = [];
}

/// <summary>The report on every signature of a PDF (báo cáo kiểm tra chữ ký số của văn bản).</summary>
public sealed class PdfVerificationReport
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    internal PdfVerificationReport()
    {
    }

    /// <summary>
    /// Whether the document is valid: it has at least one signature, and every signature is intact, trusted, not
    /// revoked, and followed only by allowed changes.
    /// </summary>
    [JsonPropertyName("isValid")]
    public bool IsValid => Status == PdfVerificationStatus.Valid;

    /// <summary>The overall verdict: the worst signature verdict; <see cref="PdfVerificationStatus.Invalid"/> when there is no signature.</summary>
    [JsonPropertyName("status")]
    public PdfVerificationStatus Status { get; internal set; }

    /// <summary>The one-line verdict in English.</summary>
    [JsonPropertyName("message")]
    public string Message { get; internal set; } = string.Empty;

    /// <summary>The one-line verdict in Vietnamese.</summary>
    [JsonPropertyName("messageVi")]
    public string MessageVi { get; internal set; } = string.Empty;

    /// <summary>The number of pages.</summary>
    [JsonPropertyName("pageCount")]
    public int PageCount { get; internal set; }

    /// <summary>The file length in bytes.</summary>
    [JsonPropertyName("length")]
    public long Length { get; internal set; }

    /// <summary>The number of revisions (incremental updates plus the original).</summary>
    [JsonPropertyName("revisionCount")]
    public int RevisionCount { get; internal set; }

    /// <summary>Whether the document has a DSS dictionary (validation data for B-LT).</summary>
    [JsonPropertyName("hasDss")]
    public bool HasDss { get; internal set; }

    /// <summary>When the verification ran.</summary>
    [JsonPropertyName("verifiedAt")]
    public DateTimeOffset VerifiedAt { get; internal set; }

    /// <summary>One report per signature, in the order they were added.</summary>
    [JsonPropertyName("signatures")]
    public IReadOnlyList<PdfSignatureReport> Signatures { get; internal set; } = [];

    /// <summary>Document-level problems (e.g. no signature).</summary>
    [JsonPropertyName("problems")]
    public IReadOnlyList<ValidationProblem> Problems { get; internal set; } = [];

    /// <summary>Serializes the report as indented UTF-8 JSON with stable camelCase property names and kebab-case enum values.</summary>
    /// <returns>The JSON bytes.</returns>
    public byte[] ToJsonUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);

    /// <summary>Serializes the report as indented JSON (see <see cref="ToJsonUtf8Bytes"/>).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
