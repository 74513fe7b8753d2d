using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;
using EDoc.Interchange.Status;

namespace EDoc.Interchange.EdXml;

/// <summary>Options of <see cref="EdXmlWriter"/>.</summary>
public sealed class EdXmlWriterOptions
{
    /// <summary>Whether elements are indented (the Base64 content is never wrapped).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Indent { get; set; } = true;

    /// <summary>How many attachment bytes are read and Base64-encoded at a time; rounded down to a multiple of 3.</summary>
    /// <value>The default value is 49,152 (48 KiB).</value>
    public int Base64ChunkSize { get; set; } = 48 * 1024;

    /// <summary>
    /// Checks each attachment's format before anything is written (NĐ 30/2020 article 11); an error refuses the
    /// package with an <see cref="EDocPolicyException"/>. <see langword="null"/> writes attachments unchecked.
    /// </summary>
    /// <remarks>The inspector reads the content through an extra call to <see cref="EdXmlAttachment.OpenContent"/>.</remarks>
    /// <value>The default value is <see cref="EdXmlAttachmentFormatInspector.Default"/> (the article 11 policy, decided from the content).</value>
    public IEdXmlAttachmentFormatInspector? FormatInspector { get; set; } = EdXmlAttachmentFormatInspector.Default;
}

/// <summary>
/// Writes edXML packages in the canonical form of QCVN 102:2016 §2 and §7: root <c>edXML</c> in the default
/// namespace, <c>edXMLEnvelope</c> and its descendants with the <c>edXML</c> prefix, the fixed element order, dates
/// <c>yyyy/MM/dd</c>, <c>cid:</c> content ids and the <c>Bussiness</c> spelling. Attachments are streamed from
/// <see cref="EdXmlAttachment.OpenContent"/> in chunks through <see cref="XmlWriter.WriteBase64Async"/>: memory
/// does not grow with their size.
/// </summary>
public sealed class EdXmlWriter
{
    private readonly bool _indent;
    private readonly int _chunkSize;
    private readonly IEdXmlAttachmentFormatInspector? _formatInspector;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The chunk size is below 3 bytes or above 16 MiB.</exception>
    public EdXmlWriter(EdXmlWriterOptions? options = null)
    {
        options ??= new EdXmlWriterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Base64ChunkSize, 3, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Base64ChunkSize, 16 * 1024 * 1024, nameof(options));
        _indent = options.Indent;
        _chunkSize = options.Base64ChunkSize / 3 * 3;
        _formatInspector = options.FormatInspector;
    }

    /// <summary>Writes a package to a stream.</summary>
    /// <param name="package">An <see cref="EdocPackage"/> or a <see cref="StatusPackage"/>.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the package is written and flushed.</returns>
    /// <exception cref="ArgumentException">An attachment has no content to write.</exception>
    /// <exception cref="EDocPolicyException">
    /// The format inspector refused an attachment (rule <c>attachment-format</c>; by default an attachment whose content
    /// is not an article 11 format or does not match its extension). Nothing is written.
    /// </exception>
    public async Task WriteAsync(EdXmlPackage package, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(destination);
        if (package is EdocPackage edoc)
        {
            for (var i = 0; i < edoc.Attachments.Count; i++)
            {
                if (edoc.Attachments[i].OpenContent is null)
                {
                    throw new ArgumentException(
                        $"Attachment[{i}] ('{edoc.Attachments[i].AttachmentName}') has no content: set OpenContent, or read the package with a content-keeping sink.",
                        nameof(package));
                }
            }

            await CheckFormatsAsync(edoc, cancellationToken).ConfigureAwait(false);
        }

        var settings = new XmlWriterSettings
        {
            Async = true,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = _indent,
            IndentChars = " ",
            CloseOutput = false,
            NamespaceHandling = NamespaceHandling.OmitDuplicates,
        };
        var writer = XmlWriter.Create(destination, settings);
        await using (writer.ConfigureAwait(false))
        {
            var w = new Emitter(writer, cancellationToken);
            await writer.WriteStartDocumentAsync().ConfigureAwait(false);
            await writer.WriteStartElementAsync(null, "edXML", EdXmlNamespaces.Qcvn102).ConfigureAwait(false);
            await writer.WriteStartElementAsync(EdXmlNamespaces.Prefix, "edXMLEnvelope", EdXmlNamespaces.Qcvn102).ConfigureAwait(false);
            await writer.WriteAttributeStringAsync("xmlns", EdXmlNamespaces.Prefix, null, EdXmlNamespaces.Qcvn102).ConfigureAwait(false);
            await w.StartAsync("edXMLHeader").ConfigureAwait(false);
            switch (package)
            {
                case EdocPackage e:
                    await WriteMessageHeaderAsync(w, e.MessageHeader).ConfigureAwait(false);
                    break;
                case StatusPackage s:
                    await WriteStatusAsync(w, s.Status).ConfigureAwait(false);
                    break;
                default:
                    throw new ArgumentException("Unknown package type.", nameof(package));
            }

            if (package.TraceHeaderList is { } trace)
            {
                await WriteTraceHeaderListAsync(w, trace).ConfigureAwait(false);
            }

            if (package.Signature is { } signature)
            {
                await signature.WriteToAsync(writer, cancellationToken).ConfigureAwait(false);
            }

            await w.UnknownAsync(package.HeaderUnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false); // edXMLHeader
            if (package is EdocPackage body && (body.Manifest is not null || body.BodyUnknownElements.Count > 0))
            {
                await w.StartAsync("edXMLBody").ConfigureAwait(false);
                if (body.Manifest is { } manifest)
                {
                    await WriteManifestAsync(w, manifest).ConfigureAwait(false);
                }

                await w.UnknownAsync(body.BodyUnknownElements).ConfigureAwait(false);
                await w.EndAsync().ConfigureAwait(false);
            }

            await w.UnknownAsync(package.EnvelopeUnknownElements).ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false); // edXMLEnvelope
            if (package is EdocPackage attachments)
            {
                await WriteAttachmentsAsync(w, attachments.Attachments, cancellationToken).ConfigureAwait(false);
            }

            await w.UnknownAsync(package.RootUnknownElements).ConfigureAwait(false);
            await writer.WriteEndElementAsync().ConfigureAwait(false); // edXML
            await writer.WriteEndDocumentAsync().ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task CheckFormatsAsync(EdocPackage package, CancellationToken cancellationToken)
    {
        if (_formatInspector is null)
        {
            return;
        }

        var problems = new EDoc.Validation.ValidationProblemCollector();
        for (var i = 0; i < package.Attachments.Count; i++)
        {
            var attachment = package.Attachments[i];
            var content = await attachment.OpenContent!(cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                await _formatInspector.InspectAsync(attachment, content, $"AttachmentEncoded.Attachment[{i}]", problems, cancellationToken).ConfigureAwait(false);
            }
        }

        var errors = problems.Problems.Where(p => p.Severity == EDoc.Validation.ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new EDocPolicyException(
                EDoc.Formats.AttachmentFormatPolicy.RuleName,
                "The package was not written: " + string.Join(" ", errors.Select(e => $"{e.Path}: {e.Message}")));
        }
    }

    /// <summary>
    /// Writes a package to a file atomically: into a temporary file in the same directory, then renamed over
    /// <paramref name="path"/>. No partial file is left when writing fails.
    /// </summary>
    /// <param name="package">The package.</param>
    /// <param name="path">The destination file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="EDocPolicyException">The format inspector refused an attachment; no file is written.</exception>
    public async Task WriteToFileAsync(EdXmlPackage package, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentException.ThrowIfNullOrEmpty(path);
        await AtomicFile.WriteAsync(path, (stream, ct) => WriteAsync(package, stream, ct), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteMessageHeaderAsync(Emitter w, EdXmlMessageHeader h)
    {
        await w.StartAsync("MessageHeader").ConfigureAwait(false);
        if (h.From is { } from)
        {
            await WriteOrganizationAsync(w, "From", from).ConfigureAwait(false);
        }

        foreach (var to in h.To)
        {
            await WriteOrganizationAsync(w, "To", to).ConfigureAwait(false);
        }

        await w.TextAsync("DocumentId", h.DocumentId?.ToString()).ConfigureAwait(false);
        if (h.Code is { } code)
        {
            await w.StartAsync("Code").ConfigureAwait(false);
            await w.TextAsync("CodeNumber", code.CodeNumber).ConfigureAwait(false);
            await w.TextAsync("CodeNotation", code.CodeNotation).ConfigureAwait(false);
            await w.UnknownAsync(code.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        if (h.PromulgationInfo is { } info)
        {
            await w.StartAsync("PromulgationInfo").ConfigureAwait(false);
            await w.TextAsync("Place", info.Place).ConfigureAwait(false);
            await w.DateAsync("PromulgationDate", info.PromulgationDate).ConfigureAwait(false);
            await w.UnknownAsync(info.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        if (h.DocumentType is { } type)
        {
            await w.StartAsync("DocumentType").ConfigureAwait(false);
            await w.IntAsync("Type", type.Type).ConfigureAwait(false);
            await w.TextAsync("TypeDetail", type.TypeDetail).ConfigureAwait(false);
            await w.TextAsync("TypeName", type.TypeName).ConfigureAwait(false);
            await w.UnknownAsync(type.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        await w.TextAsync("Subject", h.Subject).ConfigureAwait(false);
        await w.TextAsync("Content", h.Content).ConfigureAwait(false);
        if (h.SignerInfo is { } signer)
        {
            await w.StartAsync("SignerInfo").ConfigureAwait(false);
            await w.TextAsync("Competence", signer.Competence).ConfigureAwait(false);
            await w.TextAsync("Position", signer.Position).ConfigureAwait(false);
            await w.TextAsync("FullName", signer.FullName).ConfigureAwait(false);
            await w.UnknownAsync(signer.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        await w.DateAsync("DueDate", h.DueDate).ConfigureAwait(false);
        if (h.ToPlaces is { } places)
        {
            await w.StartAsync("ToPlaces").ConfigureAwait(false);
            foreach (var place in places)
            {
                await w.TextAsync("Place", place).ConfigureAwait(false);
            }

            await w.EndAsync().ConfigureAwait(false);
        }

        if (h.OtherInfo is { } other)
        {
            await w.StartAsync("OtherInfo").ConfigureAwait(false);
            await w.IntAsync("Priority", other.Priority).ConfigureAwait(false);
            await w.TextAsync("SphereOfPromulgation", other.SphereOfPromulgation).ConfigureAwait(false);
            await w.TextAsync("TyperNotation", other.TyperNotation).ConfigureAwait(false);
            await w.IntAsync("PromulgationAmount", other.PromulgationAmount).ConfigureAwait(false);
            await w.IntAsync("PageAmount", other.PageAmount).ConfigureAwait(false);
            if (other.Appendixes is { } appendixes)
            {
                await w.StartAsync("Appendixes").ConfigureAwait(false);
                foreach (var appendix in appendixes)
                {
                    await w.TextAsync("Appendix", appendix).ConfigureAwait(false);
                }

                await w.EndAsync().ConfigureAwait(false);
            }

            if (other.Direction is { } direction)
            {
                await w.TextAsync("Direction", direction ? "true" : "false").ConfigureAwait(false);
            }

            await w.UnknownAsync(other.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        foreach (var response in h.ResponseFor)
        {
            await WriteResponseForAsync(w, response).ConfigureAwait(false);
        }

        await w.IntAsync("SteeringType", h.SteeringType).ConfigureAwait(false);
        await w.UnknownAsync(h.UnknownElements).ConfigureAwait(false);
        await w.EndAsync().ConfigureAwait(false);
    }

    private static async Task WriteOrganizationAsync(Emitter w, string name, EdXmlOrganization o)
    {
        await w.StartAsync(name).ConfigureAwait(false);
        await w.TextAsync("OrganId", o.OrganId).ConfigureAwait(false);
        await w.TextAsync("OrganizationInCharge", o.OrganizationInCharge).ConfigureAwait(false);
        await w.TextAsync("OrganName", o.OrganName).ConfigureAwait(false);
        await w.TextAsync("OrganAdd", o.OrganAdd).ConfigureAwait(false);
        await w.TextAsync("Email", o.Email).ConfigureAwait(false);
        await w.TextAsync("Telephone", o.Telephone).ConfigureAwait(false);
        await w.TextAsync("Fax", o.Fax).ConfigureAwait(false);
        await w.TextAsync("Website", o.Website).ConfigureAwait(false);
        await w.UnknownAsync(o.UnknownElements).ConfigureAwait(false);
        await w.EndAsync().ConfigureAwait(false);
    }

    private static async Task WriteResponseForAsync(Emitter w, EdXmlResponseFor r)
    {
        await w.StartAsync("ResponseFor").ConfigureAwait(false);
        await w.TextAsync("OrganId", r.OrganId).ConfigureAwait(false);
        await w.TextAsync("Code", r.Code).ConfigureAwait(false);
        await w.DateAsync("PromulgationDate", r.PromulgationDate).ConfigureAwait(false);
        await w.TextAsync("DocumentId", r.DocumentId?.ToString()).ConfigureAwait(false);
        await w.UnknownAsync(r.UnknownElements).ConfigureAwait(false);
        await w.EndAsync().ConfigureAwait(false);
    }

    private static async Task WriteStaffInfoAsync(Emitter w, EdXmlStaffInfo s)
    {
        await w.StartAsync("StaffInfo").ConfigureAwait(false);
        await w.TextAsync("Department", s.Department).ConfigureAwait(false);
        await w.TextAsync("Staff", s.Staff).ConfigureAwait(false);
        await w.TextAsync("Mobile", s.Mobile).ConfigureAwait(false);
        await w.TextAsync("Email", s.Email).ConfigureAwait(false);
        await w.UnknownAsync(s.UnknownElements).ConfigureAwait(false);
        await w.EndAsync().ConfigureAwait(false);
    }

    private static async Task WriteStatusAsync(Emitter w, EdXmlStatus s)
    {
        await w.StartAsync("Status").ConfigureAwait(false);
        if (s.ResponseFor is { } response)
        {
            await WriteResponseForAsync(w, response).ConfigureAwait(false);
        }

        if (s.From is { } from)
        {
            await WriteOrganizationAsync(w, "From", from).ConfigureAwait(false);
        }

        await w.TextAsync("StatusCode", s.StatusCode is { } code ? EdXmlStatusCodes.ToWire(code) : null).ConfigureAwait(false);
        await w.TextAsync("Description", s.Description).ConfigureAwait(false);
        await w.TextAsync("Timestamp", s.Timestamp is { } t ? EdXmlDates.FormatTimestamp(t) : null).ConfigureAwait(false);
        if (s.StaffInfo is { } staff)
        {
            await WriteStaffInfoAsync(w, staff).ConfigureAwait(false);
        }

        await w.UnknownAsync(s.UnknownElements).ConfigureAwait(false);
        await w.EndAsync().ConfigureAwait(false);
    }

    private static async Task WriteTraceHeaderListAsync(Emitter w, EdXmlTraceHeaderList t)
    {
        await w.StartAsync("TraceHeaderList").ConfigureAwait(false);
        await w.AttributesAsync(t.Attributes).ConfigureAwait(false);
        foreach (var hop in t.TraceHeaders)
        {
            await w.StartAsync("TraceHeader").ConfigureAwait(false);
            await w.TextAsync("OrganId", hop.OrganId).ConfigureAwait(false);
            await w.TextAsync("Timestamp", hop.Timestamp is { } ts ? EdXmlDates.FormatTimestamp(ts) : null).ConfigureAwait(false);
            await w.UnknownAsync(hop.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        if (t.Business is { } b)
        {
            await w.StartAsync("Bussiness").ConfigureAwait(false);
            await w.IntAsync("BussinessDocType", (int?)b.BusinessDocType).ConfigureAwait(false);
            await w.TextAsync("BussinessDocReason", b.BusinessDocReason).ConfigureAwait(false);
            await w.TextAsync("DocumentId", b.DocumentId?.ToString()).ConfigureAwait(false);
            await w.IntAsync("Paper", b.Paper).ConfigureAwait(false);
            if (b.StaffInfo is { } staff)
            {
                await WriteStaffInfoAsync(w, staff).ConfigureAwait(false);
            }

            if (b.BusinessDocumentInfo is { } info)
            {
                await w.StartAsync("BussinessDocumentInfo").ConfigureAwait(false);
                await w.TextAsync("DocumentInfo", info.DocumentInfo).ConfigureAwait(false);
                await w.TextAsync("DocumentReceiver", info.DocumentReceiver).ConfigureAwait(false);
                if (info.ReceiverList is { } receivers)
                {
                    await w.StartAsync("ReceiverList").ConfigureAwait(false);
                    foreach (var receiver in receivers)
                    {
                        await w.StartAsync("Receiver").ConfigureAwait(false);
                        await w.IntAsync("ReceiverType", receiver.ReceiverType).ConfigureAwait(false);
                        await w.TextAsync("OrganId", receiver.OrganId).ConfigureAwait(false);
                        await w.UnknownAsync(receiver.UnknownElements).ConfigureAwait(false);
                        await w.EndAsync().ConfigureAwait(false);
                    }

                    await w.EndAsync().ConfigureAwait(false);
                }

                await w.UnknownAsync(info.UnknownElements).ConfigureAwait(false);
                await w.EndAsync().ConfigureAwait(false);
            }

            if (b.ReplacementInfoList is { } replacements)
            {
                await w.StartAsync("ReplacementInfoList").ConfigureAwait(false);
                foreach (var replacement in replacements)
                {
                    await w.StartAsync("ReplacementInfo").ConfigureAwait(false);
                    await w.TextAsync("DocumentId", replacement.DocumentId?.ToString()).ConfigureAwait(false);
                    await w.StartAsync("OrganIdList").ConfigureAwait(false);
                    foreach (var organId in replacement.OrganIdList)
                    {
                        await w.TextAsync("OrganId", organId).ConfigureAwait(false);
                    }

                    await w.EndAsync().ConfigureAwait(false);
                    await w.UnknownAsync(replacement.UnknownElements).ConfigureAwait(false);
                    await w.EndAsync().ConfigureAwait(false);
                }

                await w.EndAsync().ConfigureAwait(false);
            }

            await w.UnknownAsync(b.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        await w.UnknownAsync(t.UnknownElements).ConfigureAwait(false);
        await w.EndAsync().ConfigureAwait(false);
    }

    private static async Task WriteManifestAsync(Emitter w, EdXmlManifest manifest)
    {
        await w.StartAsync("edXMLManifest").ConfigureAwait(false);
        if (manifest.Version is { } version)
        {
            await w.Writer.WriteAttributeStringAsync(null, "version", null, version).ConfigureAwait(false);
        }

        foreach (var reference in manifest.References)
        {
            await w.StartAsync("Reference").ConfigureAwait(false);
            await w.AttributesAsync(reference.Attributes).ConfigureAwait(false);
            await w.TextAsync("ContentId", reference.ContentId is null ? null : "cid:" + EdXmlText.StripCid(reference.ContentId)).ConfigureAwait(false);
            await w.TextAsync("ContentType", reference.ContentType).ConfigureAwait(false);
            await w.TextAsync("Description", reference.Description).ConfigureAwait(false);
            await w.TextAsync("AttachmentName", reference.AttachmentName).ConfigureAwait(false);
            await w.UnknownAsync(reference.UnknownElements).ConfigureAwait(false);
            await w.EndAsync().ConfigureAwait(false);
        }

        await w.UnknownAsync(manifest.UnknownElements).ConfigureAwait(false);
        await w.EndAsync().ConfigureAwait(false);
    }

    private async Task WriteAttachmentsAsync(Emitter w, IList<EdXmlAttachment> attachments, CancellationToken cancellationToken)
    {
        var writer = w.Writer;
        await writer.WriteStartElementAsync(string.Empty, "AttachmentEncoded", EdXmlNamespaces.Qcvn102).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(_chunkSize);
        try
        {
            foreach (var attachment in attachments)
            {
                await writer.WriteStartElementAsync(string.Empty, "Attachment", EdXmlNamespaces.Qcvn102).ConfigureAwait(false);
                await PlainTextAsync(writer, "ContentId", attachment.ContentId is null ? null : "cid:" + EdXmlText.StripCid(attachment.ContentId)).ConfigureAwait(false);
                await PlainTextAsync(writer, "AttachmentName", attachment.AttachmentName).ConfigureAwait(false);
                await PlainTextAsync(writer, "Description", attachment.Description).ConfigureAwait(false);
                await PlainTextAsync(writer, "ContentType", attachment.ContentType).ConfigureAwait(false);
                await writer.WriteStartElementAsync(string.Empty, "ContentTransferEncoded", EdXmlNamespaces.Qcvn102).ConfigureAwait(false);
                var content = await attachment.OpenContent!(cancellationToken).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    while (true)
                    {
                        var filled = await FillAsync(content, buffer.AsMemory(0, _chunkSize), cancellationToken).ConfigureAwait(false);
                        if (filled == 0)
                        {
                            break;
                        }

                        await writer.WriteBase64Async(buffer, 0, filled).ConfigureAwait(false);
                    }
                }

                await writer.WriteEndElementAsync().ConfigureAwait(false);
                foreach (var unknown in attachment.UnknownElements)
                {
                    await unknown.WriteToAsync(writer, cancellationToken).ConfigureAwait(false);
                }

                await writer.WriteEndElementAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await writer.WriteEndElementAsync().ConfigureAwait(false);
    }

    private static async Task PlainTextAsync(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            await writer.WriteElementStringAsync(string.Empty, name, EdXmlNamespaces.Qcvn102, value).ConfigureAwait(false);
        }
    }

    private static async ValueTask<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await source.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Writes prefixed edXML elements.</summary>
    private sealed class Emitter(XmlWriter writer, CancellationToken cancellationToken)
    {
        public XmlWriter Writer => writer;

        public Task StartAsync(string name) => writer.WriteStartElementAsync(EdXmlNamespaces.Prefix, name, EdXmlNamespaces.Qcvn102);

        public Task EndAsync() => writer.WriteEndElementAsync();

        public async Task TextAsync(string name, string? value)
        {
            if (value is not null)
            {
                await writer.WriteElementStringAsync(EdXmlNamespaces.Prefix, name, EdXmlNamespaces.Qcvn102, value).ConfigureAwait(false);
            }
        }

        public Task IntAsync(string name, int? value) => TextAsync(name, value?.ToString(CultureInfo.InvariantCulture));

        public Task DateAsync(string name, DateOnly? value) => TextAsync(name, value is { } d ? EdXmlDates.FormatDate(d) : null);

        public async Task UnknownAsync(IList<XElement> elements)
        {
            foreach (var element in elements)
            {
                await element.WriteToAsync(writer, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task AttributesAsync(IDictionary<string, string> attributes)
        {
            foreach (var (key, value) in attributes)
            {
                var name = XName.Get(key);
                var prefix = name.NamespaceName == "http://www.w3.org/1999/xlink" ? "xlink" : null;
                await writer.WriteAttributeStringAsync(
                    name.NamespaceName.Length == 0 ? null : prefix,
                    name.LocalName,
                    name.NamespaceName.Length == 0 ? null : name.NamespaceName,
                    value).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>Atomic file writes: a temporary file in the same directory, renamed over the destination.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? ".";
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
