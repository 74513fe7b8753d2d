namespace EDoc.Interchange.Hub;

/// <summary>
/// A document-exchange hub (trục liên thông văn bản): the national VXP hub, a VNPT-based provincial hub, or a
/// vendor REST hub with Bearer/OAuth2 tokens. Packages are opaque bytes here; authentication, paths and wire formats
/// belong to the implementation.
/// </summary>
/// <remarks>
/// Implementations throw <see cref="HubRequestFailedException"/> when the hub cannot be reached or refuses a request;
/// its <see cref="HubRequestFailedException.IsTransient"/> says whether a later attempt may succeed.
/// Implementations must be thread-safe.
/// </remarks>
public interface IHubTransport
{
    /// <summary>Sends a package (VXP <c>sendEdoc</c>).</summary>
    /// <param name="message">The package and its routing data.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The hub's id of the message.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not be reached or refused the package.</exception>
    Task<HubSendResult> SendAsync(HubOutgoingMessage message, CancellationToken cancellationToken = default);

    /// <summary>Lists the messages waiting for this account (VXP <c>getReceivedEdocList</c>).</summary>
    /// <param name="kind">Document or status packages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The waiting messages.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not be reached or refused the request.</exception>
    Task<IReadOnlyList<HubReceivedMessage>> ListReceivedAsync(HubMessageKind kind, CancellationToken cancellationToken = default);

    /// <summary>Downloads one package (VXP <c>getEdoc</c>).</summary>
    /// <param name="hubMessageId">The hub's id of the message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The package bytes.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not be reached, refused, or the package is too large.</exception>
    Task<byte[]> GetPackageAsync(string hubMessageId, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a received message (VXP <c>updateStatus</c>).</summary>
    /// <param name="hubMessageId">The hub's id of the message.</param>
    /// <param name="status">Done, fail or processing.</param>
    /// <param name="reason">Why the message failed, for <see cref="HubDeliveryStatus.Fail"/>; no secret or content.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the hub accepted the acknowledgement.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not be reached or refused the request.</exception>
    Task UpdateStatusAsync(string hubMessageId, HubDeliveryStatus status, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Lists messages this account sent, with their delivery state (VXP <c>getSentEdocList</c>).</summary>
    /// <param name="kind">Document or status packages.</param>
    /// <param name="hubMessageId">One message, or <see langword="null"/> for all the hub reports.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The sent messages.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not be reached or refused the request.</exception>
    Task<IReadOnlyList<HubSentMessage>> ListSentAsync(HubMessageKind kind, string? hubMessageId = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the hub's agency directory (VXP <c>getAgenciesList</c> / <c>getAgenciesListQD20</c>).</summary>
    /// <param name="codeSystem">QCVN 102 identifiers or QĐ 20 codes (the latter also carry the QCVN 102 code).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The agencies.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not be reached or refused the request.</exception>
    Task<IReadOnlyList<HubAgency>> GetAgenciesAsync(HubAgencyCodeSystem codeSystem, CancellationToken cancellationToken = default);
}
