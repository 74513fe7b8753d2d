using EDoc.Validation;

namespace EDoc.Interchange.Hub;

/// <summary>
/// Reads what the outbox and inbox need from an edXML package: routing metadata, the validation verdict
/// (required elements, signature…) and the attachments to scan. The edXML engine implements it; the hub, outbox
/// and inbox treat packages as opaque bytes otherwise.
/// </summary>
public interface IEdXmlPackageInspector
{
    /// <summary>Parses, validates and checks one package.</summary>
    /// <param name="package">The package bytes.</param>
    /// <param name="expectedKind">What the hub said the package is.</param>
    /// <param name="cancellationToken">Cancels the inspection.</param>
    /// <returns>The metadata, the verdict and the attachments.</returns>
    /// <exception cref="EDocFormatException">The package cannot be read at all (not edXML, malformed, over a limit).</exception>
    Task<PackageInspection> InspectAsync(ReadOnlyMemory<byte> package, HubMessageKind expectedKind, CancellationToken cancellationToken = default);
}

/// <summary>What an <see cref="IEdXmlPackageInspector"/> found in a package.</summary>
public sealed class PackageInspection
{
    /// <summary>The routing and identity metadata.</summary>
    public required PackageMetadata Metadata { get; init; }

    /// <summary>Every problem found (structure, required elements, signature…); warnings do not block.</summary>
    public ValidationResult Validation { get; init; } = ValidationResult.Success;

    /// <summary>The decoded attachments, to scan for malware.</summary>
    public IReadOnlyList<PackageAttachment> Attachments { get; init; } = [];
}

/// <summary>The metadata of a package the hub, outbox and inbox route and de-duplicate by.</summary>
public sealed record PackageMetadata
{
    /// <summary>Document or status package.</summary>
    public required HubMessageKind Kind { get; init; }

    /// <summary>The sender's agency code (From/OrganId).</summary>
    public required string From { get; init; }

    /// <summary>The receivers' agency codes (To/OrganId; for a status package, the document's sender).</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>
    /// The edXML DocumentId <c>{OrganId},{yyyy/MM/dd},{number}/{notation}</c>: of the document itself, or for a
    /// status package the document it answers (ResponseFor/DocumentId).
    /// </summary>
    public required string DocumentId { get; init; }

    /// <summary>The status code (01, 02, 03…) of a status package; <see langword="null"/> for a document.</summary>
    public string? StatusCode { get; init; }

    /// <summary>The number and notation (số/ký hiệu), e.g. <c>123/UBND-VX</c>, when known.</summary>
    public string? CodeNumberNotation { get; init; }
}

/// <summary>One decoded attachment of a package.</summary>
public sealed class PackageAttachment
{
    private readonly Func<CancellationToken, Task<Stream>> _open;

    /// <summary>Initializes a new instance over bytes in memory.</summary>
    /// <param name="name">The attachment name.</param>
    /// <param name="content">The decoded bytes.</param>
    public PackageAttachment(string name, ReadOnlyMemory<byte> content)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        _open = _ => Task.FromResult<Stream>(new MemoryStream(content.ToArray(), writable: false));
    }

    /// <summary>Initializes a new instance over a stream factory (for large attachments).</summary>
    /// <param name="name">The attachment name.</param>
    /// <param name="open">Opens the decoded content; each call returns a new stream the caller disposes.</param>
    public PackageAttachment(string name, Func<CancellationToken, Task<Stream>> open)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(open);
        Name = name;
        _open = open;
    }

    /// <summary>The attachment name (AttachmentName).</summary>
    public string Name { get; }

    /// <summary>Opens the decoded content.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>A new stream the caller disposes.</returns>
    public Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default) => _open(cancellationToken);
}
