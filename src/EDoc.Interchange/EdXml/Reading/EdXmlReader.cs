using System.Buffers;
using System.Xml;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// Reads edXML packages (edoc and status) tolerantly: elements in any order, with any prefix or none, <c>cid:</c> or
/// not, <c>Bussiness</c> or <c>Business</c>, dates <c>yyyy/MM/dd</c> or <c>dd/MM/yyyy</c>; unknown elements are kept.
/// Attachments are streamed in chunks through <see cref="XmlReader.ReadElementContentAsBase64Async"/> into an
/// <see cref="IEdXmlAttachmentSink"/>: memory does not grow with their size. DTDs are refused, no resolver is used,
/// and every size is bounded by <see cref="EdXmlReaderOptions"/>.
/// </summary>
public sealed class EdXmlReader
{
    private const int Slack = 64 * 1024;
    private const string SoapEnvelope11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string SoapEnvelope12 = "http://www.w3.org/2003/05/soap-envelope";
    private const int ChunkSize = 64 * 1024;
    private readonly EdXmlReaderOptions _options;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The limits; defaults when <see langword="null"/>. Copied: later changes have no effect.</param>
    public EdXmlReader(EdXmlReaderOptions? options = null)
    {
        _options = (options ?? new EdXmlReaderOptions()).Clone();
        _options.Validate();
    }

    /// <summary>Reads a package from a file.</summary>
    /// <param name="path">The <c>.edxml</c> file.</param>
    /// <param name="sink">Receives the attachments' bytes; <see langword="null"/> decodes and counts them only.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>An <see cref="EdocPackage"/> or a <see cref="Status.StatusPackage"/>.</returns>
    /// <exception cref="EdXmlFormatException">The package cannot be read.</exception>
    /// <exception cref="EDocLimitExceededException">The package exceeds a limit.</exception>
    public async Task<EdXmlPackage> ReadFileAsync(string path, IEdXmlAttachmentSink? sink = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, sink, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a package from a stream.</summary>
    /// <param name="source">The package; read forward once, left open.</param>
    /// <param name="sink">Receives the attachments' bytes; <see langword="null"/> decodes and counts them only.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>An <see cref="EdocPackage"/> or a <see cref="Status.StatusPackage"/>.</returns>
    /// <exception cref="EdXmlFormatException">The package cannot be read (not XML, a DTD, no envelope, bad Base64).</exception>
    /// <exception cref="EDocLimitExceededException">The package exceeds a limit.</exception>
    public async Task<EdXmlPackage> ReadAsync(Stream source, IEdXmlAttachmentSink? sink = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bounded = new BoundedReadStream(source, _options.MaxHeaderBytes);
        try
        {
            using var xml = XmlReader.Create(bounded, EdXmlXml.CreateReaderSettings(async: true));
            return await ReadCoreAsync(xml, bounded, sink, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            var location = ex.LineNumber > 0 ? $"line {ex.LineNumber}, position {ex.LinePosition}" : null;
            throw new EdXmlFormatException("edXML", location, ex.Message, ex);
        }
    }

    private async Task<EdXmlPackage> ReadCoreAsync(XmlReader xml, BoundedReadStream bounded, IEdXmlAttachmentSink? sink, CancellationToken cancellationToken)
    {
        bounded.SetLimit(_options.MaxHeaderBytes, "MaxHeaderBytes");
        if (await MoveToRootAsync(xml, bounded).ConfigureAwait(false) != XmlNodeType.Element)
        {
            throw new EdXmlFormatException("edXML", null, "the document has no root element.");
        }

        var rootName = xml.LocalName;
        if (EdXmlParser.Is(rootName, "edXMLEnvelope") || (rootName == "Envelope" && xml.NamespaceURI is SoapEnvelope11 or SoapEnvelope12))
        {
            // A bare envelope (no root, no attachments), as some status writers produce, or the legacy CV 512/2803
            // form: a SOAP Envelope whose Header holds MessageHeader or Status.
            var bare = await XmlElementBuilder.BuildAsync(xml, string.Empty, cancellationToken).ConfigureAwait(false);
            var barePackage = EdXmlParser.ParseEnvelope(bare);
            await DrainAsync(xml).ConfigureAwait(false);
            return barePackage;
        }

        if (!EdXmlParser.Is(rootName, "edXML"))
        {
            throw new EdXmlFormatException("edXML", rootName, $"the root element is '{EdXmlText.Excerpt(rootName)}', not 'edXML'.");
        }

        XElement? envelope = null;
        var rootUnknown = new List<XElement>();
        var attachments = new List<EdXmlAttachment>();
        var readProblems = new List<EDoc.Validation.ValidationProblem>();
        var attachmentBlocks = 0;
        var total = 0L;
        if (!xml.IsEmptyElement)
        {
            await xml.ReadAsync().ConfigureAwait(false);
            while (!xml.EOF)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (xml.NodeType == XmlNodeType.EndElement)
                {
                    break;
                }

                if (xml.NodeType != XmlNodeType.Element)
                {
                    await xml.ReadAsync().ConfigureAwait(false);
                    continue;
                }

                if (EdXmlParser.Is(xml.LocalName, "edXMLEnvelope") && envelope is null)
                {
                    bounded.SetLimit(_options.MaxHeaderBytes, "MaxHeaderBytes");
                    envelope = bounded.Retain(await XmlElementBuilder.BuildAsync(xml, "edXML", cancellationToken).ConfigureAwait(false), "edXMLEnvelope");
                }
                else if (EdXmlParser.Is(xml.LocalName, "AttachmentEncoded"))
                {
                    attachmentBlocks++;
                    total = await ReadAttachmentsAsync(xml, bounded, sink, attachments, readProblems, total, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    bounded.SetLimit(_options.MaxHeaderBytes, "MaxHeaderBytes");
                    rootUnknown.Add(bounded.Retain(await XmlElementBuilder.BuildAsync(xml, "edXML", cancellationToken).ConfigureAwait(false), "edXML"));
                }
            }
        }

        bounded.SetLimit(_options.MaxHeaderBytes, "MaxHeaderBytes");
        await DrainAsync(xml).ConfigureAwait(false);
        if (envelope is null)
        {
            throw new EdXmlFormatException("edXML", "edXML", "the package has no edXMLEnvelope.");
        }

        var package = EdXmlParser.ParseEnvelope(envelope);
        foreach (var unknown in rootUnknown)
        {
            package.RootUnknownElements.Add(unknown);
        }

        foreach (var problem in readProblems)
        {
            package.ReadProblems.Add(problem);
        }

        if (package is EdocPackage edoc)
        {
            foreach (var attachment in attachments)
            {
                edoc.Attachments.Add(attachment);
            }
        }
        else if (attachments.Count > 0 || attachmentBlocks > 0)
        {
            package.ReadProblems.Add(new EDoc.Validation.ValidationProblem(
                "AttachmentEncoded", "unexpected", "A status package has attachments; they are ignored.", "Gói tin trạng thái có tệp đính kèm; các tệp này bị bỏ qua.", EDoc.Validation.ValidationSeverity.Warning));
        }

        return package;
    }

    /// <summary>The first read, which parses the XML declaration, then moves to the root element.</summary>
    private static async Task<XmlNodeType> MoveToRootAsync(XmlReader xml, BoundedReadStream bounded)
    {
        try
        {
            return await xml.MoveToContentAsync().ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException ex) when (!bounded.SourceFailed)
        {
            // Found by fuzzing (fuzz/regressions/edxml-reader): .NET's XML reader, sync and async, fails with a
            // negative copy length (Buffer.BlockCopy in XmlTextReaderImpl.ReadData) instead of an XmlException when
            // an XML declaration declares its encoding after bytes the default decoder rejected. The declaration is
            // parsed only by this first read (200,000 mutated packages: every such failure came from it), and the
            // source stream did not throw, so the exception can only be that one.
            throw new EdXmlFormatException("edXML", "the XML declaration", "the XML declaration is malformed.", ex);
        }
    }

    private static async Task DrainAsync(XmlReader xml)
    {
        while (await xml.ReadAsync().ConfigureAwait(false))
        {
        }
    }

    private async Task<long> ReadAttachmentsAsync(
        XmlReader xml,
        BoundedReadStream bounded,
        IEdXmlAttachmentSink? sink,
        List<EdXmlAttachment> attachments,
        List<EDoc.Validation.ValidationProblem> problems,
        long total,
        CancellationToken cancellationToken)
    {
        if (xml.IsEmptyElement)
        {
            await xml.ReadAsync().ConfigureAwait(false);
            return total;
        }

        var depth = xml.Depth;
        await xml.ReadAsync().ConfigureAwait(false);
        while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                await xml.ReadAsync().ConfigureAwait(false);
                continue;
            }

            if (!EdXmlParser.Is(xml.LocalName, "Attachment"))
            {
                bounded.SetLimit(_options.MaxHeaderBytes, "MaxHeaderBytes");
                var skipped = bounded.Retain(await XmlElementBuilder.BuildAsync(xml, "edXML/AttachmentEncoded", cancellationToken).ConfigureAwait(false), "AttachmentEncoded");
                problems.Add(new EDoc.Validation.ValidationProblem(
                    "AttachmentEncoded." + skipped.Name.LocalName, "unknown", "An unknown element in AttachmentEncoded was ignored.", "Phần tử lạ trong AttachmentEncoded bị bỏ qua.", EDoc.Validation.ValidationSeverity.Warning));
                continue;
            }

            if (attachments.Count >= _options.MaxAttachments)
            {
                throw new EDocLimitExceededException("edXML", "AttachmentEncoded", "MaxAttachments", _options.MaxAttachments, attachments.Count + 1L);
            }

            var attachment = new EdXmlAttachment();
            total = await ReadAttachmentAsync(xml, bounded, sink, attachment, attachments.Count, problems, total, cancellationToken).ConfigureAwait(false);
            attachments.Add(attachment);
        }

        if (!xml.EOF)
        {
            await xml.ReadAsync().ConfigureAwait(false); // past </AttachmentEncoded>
        }

        return total;
    }

    private async Task<long> ReadAttachmentAsync(
        XmlReader xml,
        BoundedReadStream bounded,
        IEdXmlAttachmentSink? sink,
        EdXmlAttachment attachment,
        int index,
        List<EDoc.Validation.ValidationProblem> problems,
        long total,
        CancellationToken cancellationToken)
    {
        var path = $"AttachmentEncoded.Attachment[{index}]";
        if (xml.IsEmptyElement)
        {
            await xml.ReadAsync().ConfigureAwait(false);
            attachment.Length = 0;
            return total;
        }

        var depth = xml.Depth;
        Stream? content = null;
        var sawContent = false;
        var completed = false;
        var length = 0L;
        var head = new byte[4];
        var headLength = 0;
        try
        {
            await xml.ReadAsync().ConfigureAwait(false);
            while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (xml.NodeType != XmlNodeType.Element)
                {
                    await xml.ReadAsync().ConfigureAwait(false);
                    continue;
                }

                var name = xml.LocalName;
                if (EdXmlParser.Is(name, "ContentTransferEncoded") && !sawContent)
                {
                    sawContent = true;
                    bounded.ClearLimit();
                    content = sink is null ? null : await sink.OpenAsync(attachment, index, cancellationToken).ConfigureAwait(false);
                    var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                    try
                    {
                        if (xml.IsEmptyElement)
                        {
                            await xml.ReadAsync().ConfigureAwait(false);
                            continue;
                        }

                        int n;
                        while ((n = await ReadBase64Async(xml, buffer, path).ConfigureAwait(false)) > 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            length += n;
                            total += n;
                            if (length > _options.MaxAttachmentBytes)
                            {
                                throw new EDocLimitExceededException("edXML", path, "MaxAttachmentBytes", _options.MaxAttachmentBytes, length);
                            }

                            if (total > _options.MaxTotalAttachmentBytes)
                            {
                                throw new EDocLimitExceededException("edXML", path, "MaxTotalAttachmentBytes", _options.MaxTotalAttachmentBytes, total);
                            }

                            if (headLength < head.Length)
                            {
                                var take = Math.Min(head.Length - headLength, n);
                                buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                                headLength += take;
                            }

                            if (content is not null)
                            {
                                await content.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    continue;
                }

                bounded.SetLimit(_options.MaxAttachmentMetadataBytes, "MaxAttachmentMetadataBytes");
                if (EdXmlParser.Is(name, "ContentId"))
                {
                    attachment.ContentId = EdXmlText.StripCid(Keep(bounded, await xml.ReadElementContentAsStringAsync().ConfigureAwait(false), path));
                }
                else if (EdXmlParser.Is(name, "AttachmentName"))
                {
                    attachment.AttachmentName = Keep(bounded, await xml.ReadElementContentAsStringAsync().ConfigureAwait(false), path);
                }
                else if (EdXmlParser.Is(name, "Description"))
                {
                    attachment.Description = Keep(bounded, await xml.ReadElementContentAsStringAsync().ConfigureAwait(false), path);
                }
                else if (EdXmlParser.Is(name, "ContentType"))
                {
                    attachment.ContentType = Keep(bounded, await xml.ReadElementContentAsStringAsync().ConfigureAwait(false), path);
                }
                else
                {
                    if (EdXmlParser.Is(name, "ContentTransferEncoded"))
                    {
                        problems.Add(new EDoc.Validation.ValidationProblem(
                            path + ".ContentTransferEncoded", "duplicate", "The attachment has a second content element; it was ignored.", "Tệp đính kèm có phần nội dung thứ hai; phần này bị bỏ qua."));
                        await xml.SkipAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        attachment.UnknownElements.Add(bounded.Retain(await XmlElementBuilder.BuildAsync(xml, $"edXML/AttachmentEncoded/Attachment[{index}]", cancellationToken).ConfigureAwait(false), path));
                    }
                }

                bounded.ClearLimit();
            }

            if (!xml.EOF)
            {
                await xml.ReadAsync().ConfigureAwait(false); // past </Attachment>
            }

            attachment.Length = length;
            // A ZIP is recognised by its signature; the content type alone is not trusted (a declared ZIP that is
            // not one is kept as it is, with a warning), and ZIP-based documents (DOCX, ODT …) are not archives.
            var zipMagic = headLength >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
            var declaredZip = EdXmlContentTypes.IsZipContentType(attachment.ContentType);
            attachment.IsZipped = zipMagic && (declaredZip || !EdXmlContentTypes.IsZipBasedDocument(attachment.ContentType, attachment.AttachmentName));
            if (declaredZip && !zipMagic && length > 0)
            {
                problems.Add(new EDoc.Validation.ValidationProblem(
                    path + ".ContentType", "zip.not-an-archive", "The attachment is declared as ZIP but is not a ZIP archive; it is kept as it is.", "Tệp đính kèm khai báo là ZIP nhưng không phải tệp nén ZIP; giữ nguyên tệp.", EDoc.Validation.ValidationSeverity.Warning));
            }
            if (!sawContent)
            {
                problems.Add(new EDoc.Validation.ValidationProblem(
                    path + ".ContentTransferEncoded", "required", "The attachment has no content.", "Tệp đính kèm không có nội dung."));
            }

            completed = true;
            return total;
        }
        finally
        {
            if (content is not null && sink is not null)
            {
                await sink.CloseAsync(attachment, index, content, completed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Keep(BoundedReadStream bounded, string value, string location)
    {
        bounded.Retain(value.Length, location);
        return value;
    }

    private static async Task<int> ReadBase64Async(XmlReader xml, byte[] buffer, string path)
    {
        try
        {
            return await xml.ReadElementContentAsBase64Async(buffer, 0, ChunkSize).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new EdXmlFormatException("edXML", path + ".ContentTransferEncoded", "the content is not valid Base64.", ex);
        }
        catch (XmlException ex) when (ex.InnerException is FormatException || ex.Message.Contains("Base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new EdXmlFormatException("edXML", path + ".ContentTransferEncoded", "the content is not valid Base64.", ex);
        }
    }

    /// <summary>Counts the bytes the XML reader pulls and refuses to go past a limit while one is set.</summary>
    private sealed class BoundedReadStream(Stream inner, long retainBudget) : Stream
    {
        private long _retained;
        private long _position;
        private long _limit = long.MaxValue;
        private long _limitValue;
        private string _limitName = string.Empty;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public void SetLimit(long allowance, string name)
        {
            _limitValue = allowance;
            _limitName = name;
            _limit = _position + allowance + Slack;
        }

        public void ClearLimit() => _limit = long.MaxValue;

        /// <summary>
        /// Counts text kept in memory outside attachment content (envelope, unknown elements, attachment metadata),
        /// so that many small elements cannot add up past <see cref="EdXmlReaderOptions.MaxHeaderBytes"/>.
        /// </summary>
        public void Retain(long characters, string location)
        {
            _retained += characters;
            if (_retained > retainBudget)
            {
                throw new EDocLimitExceededException("edXML", location, "MaxHeaderBytes", retainBudget, _retained);
            }
        }

        /// <summary>Counts the text of a node built by <see cref="XmlElementBuilder"/> (which bounded its depth).</summary>
        public T Retain<T>(T node, string location)
            where T : XNode
        {
            long size = 0;
            foreach (var n in node is XElement e ? e.DescendantNodesAndSelf() : [node])
            {
                size += n switch
                {
                    XElement x => x.Name.LocalName.Length + x.Attributes().Sum(a => (long)a.Name.LocalName.Length + a.Value.Length),
                    XText t => t.Value.Length,
                    _ => 0,
                };
            }

            Retain(size, location);
            return node;
        }

        /// <summary>Whether a read of the source stream threw: its exceptions are not the XML reader's.</summary>
        public bool SourceFailed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n;
            try
            {
                n = inner.Read(buffer, offset, count);
            }
            catch
            {
                SourceFailed = true;
                throw;
            }

            return Count(n);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n;
            try
            {
                n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                SourceFailed = true;
                throw;
            }

            return Count(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _position += n;
            if (_position > _limit)
            {
                throw new EDocLimitExceededException("edXML", $"byte {_position}", _limitName, _limitValue);
            }

            return n;
        }
    }
}
