using System.Text.Json.Serialization;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// An attachment of an edoc package (<c>AttachmentEncoded/Attachment</c>): its metadata, and how to read its bytes.
/// The bytes are never held by the model; they are streamed from <see cref="OpenContent"/> when a package is
/// written, and streamed into an <see cref="IEdXmlAttachmentSink"/> when one is read.
/// </summary>
public sealed class EdXmlAttachment
{
    /// <summary>The content id without the <c>cid:</c> prefix, for example <c>a1</c>; links it to the manifest.</summary>
    public string? ContentId { get; set; }

    /// <summary>The file name as the sender wrote it (at most 500 characters). Untrusted: sanitise before use as a path.</summary>
    public string? AttachmentName { get; set; }

    /// <summary>A description, for example <c>Văn bản</c> or <c>Phụ lục</c>.</summary>
    public string? Description { get; set; }

    /// <summary>The MIME type, for example <c>application/pdf</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>
    /// The length in bytes of the decoded content; set by the reader, <see langword="null"/> for an attachment built
    /// for writing.
    /// </summary>
    [JsonIgnore]
    public long? Length { get; set; }

    /// <summary>
    /// <see langword="true"/> when the reader saw a ZIP archive: the <c>PK</c> signature, with a ZIP content type or
    /// with a type and name that are not a ZIP-based document such as DOCX or ODT. Extraction unzips it within the
    /// zip-bomb limits of <see cref="EdXmlReaderOptions"/>.
    /// </summary>
    [JsonIgnore]
    public bool IsZipped { get; set; }

    /// <summary>
    /// Opens the content for reading. Set by the factories for writing, and by content-keeping sinks (such as
    /// <see cref="EdXmlMemoryAttachmentSink"/>) after reading; <see langword="null"/> when the content was not kept.
    /// The caller disposes the returned stream.
    /// </summary>
    [JsonIgnore]
    public Func<CancellationToken, ValueTask<Stream>>? OpenContent { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];

    /// <summary>Creates an attachment whose content is read from a file when the package is written.</summary>
    /// <param name="path">The file.</param>
    /// <param name="contentId">The content id; a new one is made when <see langword="null"/>.</param>
    /// <param name="contentType">The MIME type; guessed from the extension when <see langword="null"/>.</param>
    /// <param name="description">A description, or <see langword="null"/>.</param>
    /// <returns>The attachment.</returns>
    public static EdXmlAttachment FromFile(string path, string? contentId = null, string? contentType = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        return new EdXmlAttachment
        {
            ContentId = contentId ?? NewContentId(),
            AttachmentName = Path.GetFileName(fullPath),
            ContentType = contentType ?? EdXmlContentTypes.FromFileName(fullPath),
            Description = description,
            OpenContent = _ => ValueTask.FromResult<Stream>(new FileStream(
                fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)),
        };
    }

    /// <summary>Creates an attachment from bytes in memory (for small files).</summary>
    /// <param name="attachmentName">The file name.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The MIME type; guessed from the name when <see langword="null"/>.</param>
    /// <param name="contentId">The content id; a new one is made when <see langword="null"/>.</param>
    /// <param name="description">A description, or <see langword="null"/>.</param>
    /// <returns>The attachment.</returns>
    public static EdXmlAttachment FromBytes(string attachmentName, ReadOnlyMemory<byte> content, string? contentType = null, string? contentId = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(attachmentName);
        return new EdXmlAttachment
        {
            ContentId = contentId ?? NewContentId(),
            AttachmentName = attachmentName,
            ContentType = contentType ?? EdXmlContentTypes.FromFileName(attachmentName),
            Description = description,
            Length = content.Length,
            OpenContent = _ => ValueTask.FromResult<Stream>(new ReadOnlyMemoryStream(content)),
        };
    }

    /// <summary>Creates an attachment whose content comes from a stream factory, called once per write (and once more for the format check when the writer has an inspector).</summary>
    /// <param name="attachmentName">The file name.</param>
    /// <param name="openContent">Opens the content; the writer disposes the stream.</param>
    /// <param name="contentType">The MIME type; guessed from the name when <see langword="null"/>.</param>
    /// <param name="contentId">The content id; a new one is made when <see langword="null"/>.</param>
    /// <param name="description">A description, or <see langword="null"/>.</param>
    /// <returns>The attachment.</returns>
    public static EdXmlAttachment FromStream(string attachmentName, Func<CancellationToken, ValueTask<Stream>> openContent, string? contentType = null, string? contentId = null, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(attachmentName);
        ArgumentNullException.ThrowIfNull(openContent);
        return new EdXmlAttachment
        {
            ContentId = contentId ?? NewContentId(),
            AttachmentName = attachmentName,
            ContentType = contentType ?? EdXmlContentTypes.FromFileName(attachmentName),
            Description = description,
            OpenContent = openContent,
        };
    }

    private static string NewContentId() => Guid.NewGuid().ToString("N");
}

/// <summary><c>edXMLManifest</c>: the list of attachments in the envelope.</summary>
public sealed class EdXmlManifest
{
    /// <summary>The <c>version</c> attribute; <c>1.0</c> in every known package.</summary>
    public string? Version { get; set; } = "1.0";

    /// <summary>One reference per attachment.</summary>
    public IList<EdXmlManifestReference> References { get; set; } = [];

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>A manifest <c>Reference</c>: names an attachment of <c>AttachmentEncoded</c> by its content id.</summary>
public sealed class EdXmlManifestReference
{
    /// <summary>The content id without the <c>cid:</c> prefix (the writer adds it).</summary>
    public string? ContentId { get; set; }

    /// <summary>The MIME type.</summary>
    public string? ContentType { get; set; }

    /// <summary>A description.</summary>
    public string? Description { get; set; }

    /// <summary>The file name.</summary>
    public string? AttachmentName { get; set; }

    /// <summary>Attributes such as <c>xlink:href</c>, keyed by expanded name (<c>{namespace}local</c>), kept for round-trips.</summary>
    public IDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}
