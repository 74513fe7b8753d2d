using System.Xml.Linq;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Status;
using EDoc.Validation;

namespace EDoc.Interchange.Integration;

/// <summary>Settings of <see cref="EdXmlPackageInspector"/>.</summary>
public sealed class EdXmlPackageInspectorOptions
{
    /// <summary>The reader's limits.</summary>
    /// <value>The default value is a new <see cref="EdXmlReaderOptions"/> (4 MB header, 1 GB per attachment, zip-bomb checks).</value>
    public EdXmlReaderOptions Reader { get; set; } = new();

    /// <summary>The validator's settings: article 11 format policy, optional PDF page counter (article 8.2), clock.</summary>
    /// <value>The default value is a new <see cref="EdXmlValidatorOptions"/> with the default format inspector and no page counter.</value>
    public EdXmlValidatorOptions Validator { get; set; } = new();

    /// <summary>The signature verifier's limits.</summary>
    /// <value>The default value is a new <see cref="EdXmlSignatureOptions"/>.</value>
    public EdXmlSignatureOptions Signature { get; set; } = new();

    /// <summary>Whether an unsigned package is a validation error rather than a warning.</summary>
    /// <value>The default value is <see langword="false"/>: an absent signature is a warning.</value>
    public bool RequireSignature { get; set; }

    /// <summary>Where the temporary attachment files go; the system temporary directory when <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? TemporaryDirectory { get; set; }
}

/// <summary>
/// The real <see cref="IEdXmlPackageInspector"/>: reads a package with <see cref="EdXmlReader"/> (attachments streamed
/// into temporary files, memory flat), validates it with <see cref="EdXmlValidator"/> (required elements, codes,
/// manifest, article 11 formats, page count when a counter is configured), verifies its XML signature with
/// <see cref="EdXmlSignatureVerifier"/> when one is present, and extracts the routing metadata.
/// </summary>
/// <remarks>
/// A present signature that does not verify, or that violates the anti-wrapping rules (a second or misplaced
/// <c>Signature</c>, a reference other than <c>URI=""</c>), makes the package invalid; an absent one is a warning
/// (an error with <see cref="EdXmlPackageInspectorOptions.RequireSignature"/>). The attachments returned for malware
/// scanning decode the package again into a delete-on-close temporary file each time they are opened, so no file
/// outlives its reader.
/// </remarks>
public sealed class EdXmlPackageInspector : IEdXmlPackageInspector
{
    private readonly EdXmlReader _reader;
    private readonly long _maxUnzippedBytes;
    private readonly int _maxCompressionRatio;
    private readonly int _maxZipEntries;
    private readonly EdXmlValidator _validator;
    private readonly EdXmlSignatureVerifier _verifier;
    private readonly bool _requireSignature;
    private readonly string? _temporaryDirectory;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>.</param>
    public EdXmlPackageInspector(EdXmlPackageInspectorOptions? options = null)
    {
        options ??= new EdXmlPackageInspectorOptions();
        _reader = new EdXmlReader(options.Reader);
        _maxUnzippedBytes = options.Reader.MaxUnzippedBytes;
        _maxCompressionRatio = options.Reader.MaxCompressionRatio;
        _maxZipEntries = options.Reader.MaxZipEntries;
        _validator = new EdXmlValidator(options.Validator);
        _verifier = new EdXmlSignatureVerifier(options.Signature);
        _requireSignature = options.RequireSignature;
        _temporaryDirectory = options.TemporaryDirectory;
    }

    /// <inheritdoc />
    /// <exception cref="EdXmlFormatException">The package is not readable edXML (not XML, a DTD, no envelope, bad Base64).</exception>
    /// <exception cref="EDocLimitExceededException">The package exceeds a reader limit (size, count, zip bomb).</exception>
    public async Task<PackageInspection> InspectAsync(ReadOnlyMemory<byte> package, HubMessageKind expectedKind, CancellationToken cancellationToken = default)
    {
        if (package.IsEmpty)
        {
            throw new EdXmlFormatException("edXML", null, "the package is empty.");
        }

        var problems = new ValidationProblemCollector();
        EdXmlPackage model;
        var sink = new EdXmlTempFileAttachmentSink(_temporaryDirectory);
        await using (sink.ConfigureAwait(false))
        {
            try
            {
                model = await _reader.ReadAsync(AsStream(package), sink, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.DecoderFallbackException)
            {
                throw new EdXmlFormatException("edXML", null, "the package cannot be read: " + ex.Message, ex);
            }

            problems.AddRange((await _validator.ValidateAsync(model, cancellationToken).ConfigureAwait(false)).Problems);
            if (model is EdocPackage zipped)
            {
                await CheckZippedAttachmentsAsync(zipped, problems, cancellationToken).ConfigureAwait(false);
            }
        }

        await CheckSignatureAsync(package, model, problems, cancellationToken).ConfigureAwait(false);

        var actualKind = model is StatusPackage ? HubMessageKind.Status : HubMessageKind.Edoc;
        if (actualKind != expectedKind)
        {
            problems.Error("edXML", "kind-mismatch", $"the hub announced a {expectedKind} package but it is a {actualKind} package.", $"trục báo gói tin loại {expectedKind} nhưng gói tin là loại {actualKind}.");
        }

        PackageMetadata metadata;
        var attachments = new List<PackageAttachment>();
        if (model is StatusPackage status)
        {
            var responseFor = status.Status.ResponseFor;
            metadata = new PackageMetadata
            {
                Kind = HubMessageKind.Status,
                From = status.Status.From?.OrganId ?? string.Empty,
                To = responseFor?.OrganId is { } sender ? [sender] : [],
                DocumentId = responseFor?.DocumentId?.ToString() ?? string.Empty,
                StatusCode = status.Status.StatusCode is { } code ? EdXmlStatusCodes.ToWire(code) : null,
                CodeNumberNotation = responseFor?.Code,
            };
        }
        else
        {
            var edoc = (EdocPackage)model;
            var header = edoc.MessageHeader;
            metadata = new PackageMetadata
            {
                Kind = HubMessageKind.Edoc,
                From = header.From?.OrganId ?? string.Empty,
                To = header.To.Select(t => t.OrganId).OfType<string>().ToList(),
                DocumentId = header.DocumentId?.ToString() ?? string.Empty,
                CodeNumberNotation = header.Code is { CodeNumber: { } number, CodeNotation: { } notation } ? number + "/" + notation : header.DocumentId?.Code,
            };
            for (int i = 0; i < edoc.Attachments.Count; i++)
            {
                int index = i;
                string name = edoc.Attachments[i].AttachmentName ?? "attachment-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                attachments.Add(new PackageAttachment(name, ct => OpenAttachmentAsync(package, index, ct)));
            }
        }

        // The routing fields the hub, outbox and inbox cannot do without; the validator reports them too, but a
        // tolerant read may leave them empty without a validator error (e.g. a custom validator configuration).
        if (metadata.From.Length == 0 && !problems.Problems.Any(p => p.Severity == ValidationSeverity.Error))
        {
            problems.Error("From.OrganId", "required", "the sender's agency code is missing.", "thiếu mã định danh cơ quan gửi.");
        }

        if (metadata.DocumentId.Length == 0 && !problems.Problems.Any(p => p.Severity == ValidationSeverity.Error))
        {
            problems.Error("DocumentId", "required", "the DocumentId is missing.", "thiếu DocumentId.");
        }

        return new PackageInspection { Metadata = metadata, Validation = problems.ToResult(), Attachments = attachments };
    }

    private async Task CheckSignatureAsync(ReadOnlyMemory<byte> package, EdXmlPackage model, ValidationProblemCollector problems, CancellationToken cancellationToken)
    {
        if (model.Signature is null && !HasStraySignature(model))
        {
            const string message = "the package has no XML signature.";
            const string messageVi = "gói tin không có chữ ký số XML.";
            if (_requireSignature)
            {
                problems.Error("edXML/Signature", "signature-missing", message, messageVi);
            }
            else
            {
                problems.Warning("edXML/Signature", "signature-missing", message, messageVi);
            }

            return;
        }

        try
        {
            var result = await _verifier.VerifyAsync(AsStream(package), cancellationToken).ConfigureAwait(false);
            foreach (var warning in result.Warnings)
            {
                problems.Warning("edXML/Signature", "signature-warning", warning, "cảnh báo chữ ký số: " + warning);
            }

            switch (result.Status)
            {
                case EdXmlSignatureStatus.Invalid:
                    problems.Error("edXML/Signature", "signature-invalid", "the XML signature does not match the package (changed after signing, or wrong key).", "chữ ký số XML không khớp với gói tin (đã bị sửa sau khi ký hoặc sai khóa).");
                    break;
                case EdXmlSignatureStatus.NotSigned when _requireSignature:
                    problems.Error("edXML/Signature", "signature-missing", "the package has no XML signature.", "gói tin không có chữ ký số XML.");
                    break;
            }
        }
        catch (EdXmlSignatureException ex)
        {
            problems.Error("edXML/Signature", "signature-structure", "the XML signature is not acceptable: " + ex.Message, "chữ ký số XML không hợp lệ về cấu trúc: " + ex.Message);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or ArgumentException or InvalidOperationException)
        {
            // Malformed KeyInfo or signature values (e.g. a certificate that is not DER): hostile input, not a bug of ours.
            problems.Error("edXML/Signature", "signature-structure", "the XML signature cannot be processed: " + ex.GetType().Name, "không xử lý được chữ ký số XML.");
        }
    }

    /// <summary>
    /// Refuses zip bombs before the package is stored: the entries of a zipped attachment (transport compression) are
    /// checked against the reader's entry count, total size and compression ratio limits from the ZIP directory, so a
    /// later extraction cannot be led into inflating gigabytes. The extractor enforces the same limits while inflating.
    /// </summary>
    private async Task CheckZippedAttachmentsAsync(EdocPackage package, ValidationProblemCollector problems, CancellationToken cancellationToken)
    {
        for (int i = 0; i < package.Attachments.Count; i++)
        {
            var attachment = package.Attachments[i];
            if (!attachment.IsZipped || attachment.OpenContent is null)
            {
                continue;
            }

            string path = "AttachmentEncoded.Attachment[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            var content = await attachment.OpenContent(cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                try
                {
                    using var archive = new System.IO.Compression.ZipArchive(content, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
                    if (archive.Entries.Count > _maxZipEntries)
                    {
                        problems.Error(path, "zip-bomb", $"the zipped attachment has {archive.Entries.Count} entries, more than {_maxZipEntries}.", $"tệp nén có {archive.Entries.Count} tệp, vượt giới hạn {_maxZipEntries}.");
                        continue;
                    }

                    long total = 0;
                    foreach (var entry in archive.Entries)
                    {
                        total += entry.Length;
                        long ratio = entry.Length / Math.Max(1, entry.CompressedLength);
                        if (ratio > _maxCompressionRatio || total > _maxUnzippedBytes)
                        {
                            problems.Error(path, "zip-bomb", $"the zipped attachment inflates beyond the limits (ratio {ratio} > {_maxCompressionRatio} or {total} bytes > {_maxUnzippedBytes}): a zip bomb.", "tệp nén vượt giới hạn giải nén (nghi tệp nén độc hại - zip bomb).");
                            break;
                        }
                    }
                }
                catch (InvalidDataException ex)
                {
                    problems.Error(path, "zip-unreadable", "the zipped attachment cannot be read: " + ex.Message, "không đọc được tệp nén: " + ex.Message);
                }
            }
        }
    }

    private static bool HasStraySignature(EdXmlPackage model)
    {
        static bool Any(IEnumerable<XElement> elements) => elements.Any(e => e.DescendantsAndSelf().Any(d => d.Name.LocalName == "Signature"));
        return Any(model.RootUnknownElements) || Any(model.EnvelopeUnknownElements) || Any(model.HeaderUnknownElements)
            || (model is EdocPackage edoc && (Any(edoc.BodyUnknownElements) || Any(edoc.MessageHeader.UnknownElements)));
    }

    private async Task<Stream> OpenAttachmentAsync(ReadOnlyMemory<byte> package, int index, CancellationToken cancellationToken)
    {
        string directory = _temporaryDirectory ?? Path.GetTempPath();
        string path = Path.Combine(directory, "edoc-scan-" + Guid.NewGuid().ToString("N") + ".bin");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await _reader.ReadAsync(AsStream(package), new SingleAttachmentSink(index, file), cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> package)
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(package, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(package.ToArray(), writable: false);

    /// <summary>Writes one attachment into a stream it does not own; discards the others.</summary>
    private sealed class SingleAttachmentSink(int wanted, Stream destination) : IEdXmlAttachmentSink
    {
        public ValueTask<Stream?> OpenAsync(EdXmlAttachment attachment, int index, CancellationToken cancellationToken)
            => ValueTask.FromResult<Stream?>(index == wanted ? new NonClosingStream(destination) : null);

        public async ValueTask CloseAsync(EdXmlAttachment attachment, int index, Stream content, bool completed, CancellationToken cancellationToken)
        {
            await content.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
