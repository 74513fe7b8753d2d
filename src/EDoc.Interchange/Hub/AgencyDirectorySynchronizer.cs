using EDoc.Interchange.Storage;

namespace EDoc.Interchange.Hub;

/// <summary>
/// Copies the hub's agency directory into the store, keeping both code systems: the QCVN 102:2016 identifiers
/// (<c>getAgenciesList</c>) and the QĐ 20/2020 codes with their QCVN 102 equivalents (<c>getAgenciesListQD20</c>).
/// </summary>
public sealed class AgencyDirectorySynchronizer
{
    private readonly IHubTransport _transport;
    private readonly IInterchangeStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="transport">The hub.</param>
    /// <param name="store">The store.</param>
    /// <param name="timeProvider">The clock.</param>
    public AgencyDirectorySynchronizer(IHubTransport transport, IInterchangeStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(store);
        _transport = transport;
        _store = store;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Reads both listings and upserts them.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The number of entries written.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not be read; nothing is written.</exception>
    public async Task<int> SyncAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var qcvn = await _transport.GetAgenciesAsync(HubAgencyCodeSystem.Qcvn102, cancellationToken).ConfigureAwait(false);
        var qd20 = await _transport.GetAgenciesAsync(HubAgencyCodeSystem.Qd20, cancellationToken).ConfigureAwait(false);
        var entries = new List<AgencyDirectoryEntry>(qcvn.Count + qd20.Count);
        entries.AddRange(qcvn.Select(a => new AgencyDirectoryEntry(a.Code, null, a.Name, a.ParentCode, a.Email, a.IsDeleted, now)));
        entries.AddRange(qd20.Select(a => new AgencyDirectoryEntry(string.IsNullOrEmpty(a.Code102) ? null : a.Code102, a.Code, a.Name, null, a.Email, a.IsDeleted, now)));
        await _store.UpsertAgenciesAsync(entries, cancellationToken).ConfigureAwait(false);
        return entries.Count;
    }
}
