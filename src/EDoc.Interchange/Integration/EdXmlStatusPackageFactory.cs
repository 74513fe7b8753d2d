using EDoc.Interchange.EdXml;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Status;

namespace EDoc.Interchange.Integration;

/// <summary>
/// The real <see cref="IStatusPackageFactory"/>: answers a received document with an edXML status package (gói tin
/// trạng thái) built by <see cref="StatusPackageFactory"/> — 01 đã đến, 02 từ chối tiếp nhận (with the reason), 03 đã
/// tiếp nhận … — whose <c>ResponseFor</c> copies the document's sender, số/ký hiệu, date and DocumentId.
/// </summary>
/// <remarks>
/// When the document package cannot be read (an unreadable package answered with 02), <c>ResponseFor</c> is built
/// from the routing metadata alone. Attachments of the answered package are decoded and discarded, never kept.
/// </remarks>
public sealed class EdXmlStatusPackageFactory : IStatusPackageFactory
{
    private readonly EdXmlReader _reader;
    private readonly EdXmlWriter _writer;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="readerOptions">The limits for reading the answered package; defaults when <see langword="null"/>.</param>
    public EdXmlStatusPackageFactory(EdXmlReaderOptions? readerOptions = null)
    {
        _reader = new EdXmlReader(readerOptions);
        _writer = new EdXmlWriter(new EdXmlWriterOptions { Indent = false });
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The status code is not one of §6 or the reporting agency code is empty.</exception>
    public async Task<byte[]> CreateAsync(StatusPackageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FromOrganId);
        if (!EdXmlStatusCodes.TryParse(request.StatusCode, out var code) || !EdXmlStatusCodes.IsKnown(code))
        {
            throw new ArgumentException($"'{request.StatusCode}' is not a status code of QCVN 102:2016 §6.", nameof(request));
        }

        var from = new EdXmlOrganization { OrganId = request.FromOrganId, OrganName = request.FromOrganId };
        var clock = new FixedTimeProvider(request.Timestamp);
        EdocPackage? received = null;
        if (!request.DocumentPackage.IsEmpty)
        {
            try
            {
                received = await _reader.ReadAsync(new MemoryStream(request.DocumentPackage.ToArray(), writable: false), null, cancellationToken).ConfigureAwait(false) as EdocPackage;
            }
            catch (EDocFormatException)
            {
                received = null;
            }
        }

        received ??= FromMetadata(request);
        var status = StatusPackageFactory.CreateFor(received, code, from, clock, request.Description);
        using var buffer = new MemoryStream();
        await _writer.WriteAsync(status, buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static EdocPackage FromMetadata(StatusPackageRequest request)
    {
        var package = new EdocPackage();
        package.MessageHeader.From = new EdXmlOrganization { OrganId = request.Document.From };
        if (EdXmlDocumentId.TryParse(request.Document.DocumentId, out var id))
        {
            package.MessageHeader.DocumentId = id;
        }

        return package;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
