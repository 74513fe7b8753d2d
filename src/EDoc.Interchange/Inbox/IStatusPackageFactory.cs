using EDoc.Interchange.Hub;

namespace EDoc.Interchange.Inbox;

/// <summary>
/// Builds the status package (gói tin trạng thái) the inbox sends back to a document's sender: 01 (đã đến) for
/// every document received, 02 (từ chối tiếp nhận) for a quarantined or refused one. The edXML engine implements it.
/// </summary>
public interface IStatusPackageFactory
{
    /// <summary>Builds a status package.</summary>
    /// <param name="request">The document answered, the code and who reports it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The status package bytes (an <c>.edxml</c> status message).</returns>
    Task<byte[]> CreateAsync(StatusPackageRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What a status package answers.</summary>
/// <param name="Document">The metadata of the document answered.</param>
/// <param name="DocumentPackage">The bytes of the document package answered (to copy ResponseFor details).</param>
/// <param name="StatusCode">The status code, e.g. <c>01</c> or <c>02</c>.</param>
/// <param name="Description">The description (e.g. the reason of a refusal), in Vietnamese.</param>
/// <param name="FromOrganId">The reporting agency's code (this inbox's agency).</param>
/// <param name="Timestamp">The time of the event.</param>
public sealed record StatusPackageRequest(
    PackageMetadata Document,
    ReadOnlyMemory<byte> DocumentPackage,
    string StatusCode,
    string? Description,
    string FromOrganId,
    DateTimeOffset Timestamp);
