using System.IO.Compression;
using EDoc.Archive.Metadata;
using EDoc.Archive.Rules;

namespace EDoc.Archive.Packages;

/// <summary>The OAIS kind of an information package (Thông tư 05/2025/TT-BNV Art. 17).</summary>
public enum ArchivePackageKind
{
    /// <summary>Gói nộp (submission information package), between systems or to a historical archive.</summary>
    Sip,

    /// <summary>Gói lưu trữ (archival information package), what the archive keeps; carries PREMIS metadata.</summary>
    Aip,
}

/// <summary>One document of a package and where its file comes from.</summary>
public sealed class ArchiveDocumentContent
{
    private readonly Func<CancellationToken, Task<Stream>> _open;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="metadata">The document metadata.</param>
    /// <param name="fileName">The file name in the package (one segment; stored NFC).</param>
    /// <param name="openRead">Opens the file for reading; may be called more than once (for the signature evidence).</param>
    /// <param name="created">When the file was created; the packaging time when <see langword="null"/>.</param>
    /// <param name="mediaType">The media type; guessed from the extension when <see langword="null"/>.</param>
    public ArchiveDocumentContent(DocumentMetadata metadata, string fileName, Func<CancellationToken, Task<Stream>> openRead, DateTimeOffset? created = null, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(openRead);
        Metadata = metadata;
        FileName = fileName;
        _open = openRead;
        Created = created;
        MediaType = mediaType ?? MediaTypes.FromFileName(fileName);
    }

    /// <summary>The document metadata.</summary>
    public DocumentMetadata Metadata { get; }

    /// <summary>The file name in the package, as given (the package stores its NFC form).</summary>
    public string FileName { get; }

    /// <summary>When the file was created, if known.</summary>
    public DateTimeOffset? Created { get; }

    /// <summary>The media type.</summary>
    public string MediaType { get; }

    /// <summary>
    /// The SHA-256 the file is expected to have (uppercase or lowercase hex), for example from the submitting system
    /// or a SIP; checked while packaging and recorded as a PREMIS fixity check.
    /// </summary>
    public string? ExpectedSha256 { get; init; }

    /// <summary>A document whose file is on disk.</summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="path">The file.</param>
    /// <param name="fileName">The name in the package; the file's own name when <see langword="null"/>.</param>
    /// <returns>The document.</returns>
    public static ArchiveDocumentContent FromFile(DocumentMetadata metadata, string path, string? fileName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        return new ArchiveDocumentContent(
            metadata,
            fileName ?? info.Name,
            _ => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan)),
            info.Exists ? new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero) : null);
    }

    /// <summary>Opens the file.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>A stream at the start of the file.</returns>
    public Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default) => _open(cancellationToken);
}

/// <summary>What goes into a package: a dossier (or a batch of loose documents) and its documents.</summary>
public sealed class ArchivePackageContent
{
    /// <summary>The dossier metadata (or the batch header of loose documents).</summary>
    public required DossierMetadata Dossier { get; init; }

    /// <summary>The documents.</summary>
    public required IReadOnlyList<ArchiveDocumentContent> Documents { get; init; }

    /// <summary>Dossier or loose documents.</summary>
    /// <value>The default value is <see cref="ArchiveContentVariant.Dossier"/>.</value>
    public ArchiveContentVariant Variant { get; init; } = ArchiveContentVariant.Dossier;

    /// <summary>When the package is an AIP made from a SIP, the SIP's OBJID (recorded as a PREMIS conversion event).</summary>
    public string? SourcePackageId { get; init; }
}

/// <summary>Options of <see cref="ArchivePackageWriter"/>.</summary>
public sealed class ArchivePackageWriterOptions
{
    /// <summary>SIP or AIP.</summary>
    /// <value>The default value is <see cref="ArchivePackageKind.Sip"/>.</value>
    public ArchivePackageKind Kind { get; set; } = ArchivePackageKind.Sip;

    /// <summary>Wraps the package in a BagIt bag (RFC 8493) for transfer; the package goes under <c>data/</c>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CreateBag { get; set; }

    /// <summary>The name of the packaging software (METS CREATOR agent).</summary>
    /// <value>The default value is <c>EDoc.Archive</c>.</value>
    public string SoftwareName { get; set; } = "EDoc.Archive";

    /// <summary>The version of the packaging software; the assembly version when <see langword="null"/>.</summary>
    public string? SoftwareVersion { get; set; }

    /// <summary>The name of the submitting agency (METS CREATOR organisation, bag-info Source-Organization).</summary>
    public string? AgencyName { get; set; }

    /// <summary>The submission agreement reference (METS <c>altRecordID TYPE="SUBMISSIONAGREEMENT"</c>).</summary>
    public string? SubmissionAgreement { get; set; }

    /// <summary>The UUID of the package; a new one when <see langword="null"/>.</summary>
    public Guid? PackageUuid { get; set; }

    /// <summary>The fonds code of an AIP OBJID (<c>urn:{fonds}:uuid:{UUID}</c>); the archive agency code or the file's agency when <see langword="null"/>.</summary>
    public string? FondsCode { get; set; }

    /// <summary>The rule set the metadata is validated against.</summary>
    /// <value>The default value is <see cref="ArchiveRuleSet.Tt05"/>.</value>
    public ArchiveRuleSet RuleSet { get; set; } = ArchiveRuleSet.Tt05;

    /// <summary>Whether invalid metadata is refused before anything is written.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ValidateMetadata { get; set; } = true;

    /// <summary>The ZIP compression of data files (archival formats are usually compressed already).</summary>
    /// <value>The default value is <see cref="CompressionLevel.NoCompression"/> (stored).</value>
    public CompressionLevel DataCompression { get; set; } = CompressionLevel.NoCompression;

    /// <summary>The largest number of documents accepted.</summary>
    /// <value>The default value is 100,000.</value>
    public int MaxDocuments { get; set; } = 100_000;
}

/// <summary>A file written into a package.</summary>
/// <param name="Path">The path relative to the package root folder (NFC, <c>/</c>-separated).</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Sha256">The SHA-256 checksum, uppercase hex.</param>
/// <param name="MediaType">The media type.</param>
/// <param name="Created">The creation time recorded in METS.</param>
public sealed record PackagedFile(string Path, long Size, string Sha256, string MediaType, DateTimeOffset Created);

/// <summary>The outcome of writing a package.</summary>
/// <param name="PackageId">The METS OBJID, e.g. <c>uuid-…</c> or <c>urn:…:uuid:…</c>.</param>
/// <param name="FolderName">The name of the package root folder (OBJID with <c>:</c> replaced by <c>_</c>).</param>
/// <param name="OutputPath">The ZIP file or the package folder written.</param>
/// <param name="Kind">SIP or AIP.</param>
/// <param name="IsBag">Whether the package is wrapped in a BagIt bag.</param>
/// <param name="Files">Every file referenced by the METS files, in package order.</param>
/// <param name="SignatureReports">The number of signature validation reports stored.</param>
public sealed record ArchivePackageResult(string PackageId, string FolderName, string OutputPath, ArchivePackageKind Kind, bool IsBag, IReadOnlyList<PackagedFile> Files, int SignatureReports);

internal static class MediaTypes
{
    public static string FromFileName(string name) => Path.GetExtension(name).ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".XML" => "application/xml",
        ".XSD" => "application/xml",
        ".JSON" => "application/json",
        ".TXT" => "text/plain",
        ".CSV" => "text/csv",
        ".HTML" or ".HTM" => "text/html",
        ".DOC" => "application/msword",
        ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".XLS" => "application/vnd.ms-excel",
        ".XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".ODT" => "application/vnd.oasis.opendocument.text",
        ".ODS" => "application/vnd.oasis.opendocument.spreadsheet",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".PNG" => "image/png",
        ".TIF" or ".TIFF" => "image/tiff",
        ".MP4" => "video/mp4",
        ".AVI" => "video/x-msvideo",
        ".WMV" => "video/x-ms-wmv",
        ".MP3" => "audio/mpeg",
        ".WMA" => "audio/x-ms-wma",
        ".ZIP" => "application/zip",
        ".P7S" => "application/pkcs7-signature",
        _ => "application/octet-stream",
    };

    public static string ExtensionOf(string mediaType) => mediaType switch
    {
        "application/json" => ".json",
        "application/xml" or "text/xml" => ".xml",
        "application/pdf" => ".pdf",
        "text/plain" => ".txt",
        "text/html" => ".html",
        _ => ".bin",
    };
}
