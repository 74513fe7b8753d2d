using System.Text.Json.Serialization;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;
using EDoc.Validation;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// An edXML package (gói tin edXML, QCVN 102:2016): either an <see cref="EdocPackage"/> (a document with attachments)
/// or a <see cref="Status.StatusPackage"/> (a status message).
/// </summary>
public abstract class EdXmlPackage
{
    /// <summary>Initializes a new instance.</summary>
    private protected EdXmlPackage()
    {
    }

    /// <summary>The routing trace and business action, or <see langword="null"/> when absent.</summary>
    public EdXmlTraceHeaderList? TraceHeaderList { get; set; }

    /// <summary>
    /// The XML signature (<c>Signature</c> in <c>edXMLHeader</c>) as read, or <see langword="null"/>. The writer writes
    /// it back unchanged; it only verifies if nothing it covers changed. Sign with <see cref="EdXmlSigner"/>.
    /// </summary>
    [JsonIgnore]
    public XElement? Signature { get; set; }

    /// <summary>Unknown children of the root <c>edXML</c> element, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> RootUnknownElements { get; set; } = [];

    /// <summary>Unknown children of <c>edXMLEnvelope</c>, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> EnvelopeUnknownElements { get; set; } = [];

    /// <summary>Unknown children of <c>edXMLHeader</c>, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> HeaderUnknownElements { get; set; } = [];

    /// <summary>
    /// Problems the tolerant reader met without failing (an unparsable date or number, a duplicate element), with
    /// their paths; <see cref="EdXmlValidator"/> reports them with its own findings.
    /// </summary>
    [JsonIgnore]
    public IList<ValidationProblem> ReadProblems { get; } = [];
}

/// <summary>
/// An edoc package (gói tin văn bản): <c>MessageHeader</c>, <c>TraceHeaderList</c>, the manifest and the attachments.
/// </summary>
public sealed class EdocPackage : EdXmlPackage
{
    /// <summary>The document metadata.</summary>
    public EdXmlMessageHeader MessageHeader { get; set; } = new();

    /// <summary>The manifest (<c>edXMLBody/edXMLManifest</c>); <see langword="null"/> when the body is absent.</summary>
    public EdXmlManifest? Manifest { get; set; } = new();

    /// <summary>The attachments (<c>AttachmentEncoded/Attachment</c>), in document order.</summary>
    public IList<EdXmlAttachment> Attachments { get; set; } = [];

    /// <summary>Unknown children of <c>edXMLBody</c>, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> BodyUnknownElements { get; set; } = [];

    /// <summary>Adds an attachment and its matching manifest reference.</summary>
    /// <param name="attachment">The attachment; its <see cref="EdXmlAttachment.ContentId"/> must be set.</param>
    /// <returns>This package.</returns>
    /// <exception cref="ArgumentException">The attachment has no content id, or the id is already used.</exception>
    public EdocPackage AddAttachment(EdXmlAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (string.IsNullOrWhiteSpace(attachment.ContentId))
        {
            throw new ArgumentException("The attachment has no content id.", nameof(attachment));
        }

        if (Attachments.Any(a => string.Equals(a.ContentId, attachment.ContentId, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"The content id '{attachment.ContentId}' is already used.", nameof(attachment));
        }

        Manifest ??= new EdXmlManifest();
        Manifest.References.Add(new EdXmlManifestReference
        {
            ContentId = attachment.ContentId,
            ContentType = attachment.ContentType,
            Description = attachment.Description,
            AttachmentName = attachment.AttachmentName,
        });
        Attachments.Add(attachment);
        return this;
    }
}
