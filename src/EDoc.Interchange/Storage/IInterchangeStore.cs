using EDoc.Interchange.Hub;

namespace EDoc.Interchange.Storage;

/// <summary>
/// The durable store of the outbox, the inbox and the agency directory. Every write is one transaction; a received
/// package and its status reply are stored together. Implementations: <see cref="SqliteInterchangeStore"/> (embedded,
/// the default) and <see cref="PostgresInterchangeStore"/>. Thread-safe.
/// </summary>
public interface IInterchangeStore
{
    /// <summary>Creates the tables if they do not exist; the other members call it on first use.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a pending item; a second call with the same id changes nothing.</summary>
    /// <param name="item">The item (state, attempts and times are taken from it).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns><see langword="true"/> when added, <see langword="false"/> when the id already exists.</returns>
    Task<bool> EnqueueAsync(OutboxItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims due items: pending ones whose next attempt is due, and sending ones whose lease expired (their worker
    /// died). Claimed items move to <see cref="OutboxState.Sending"/> with one more attempt and a lease.
    /// </summary>
    /// <param name="maxItems">The most items to claim.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lease">How long the claim holds.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The claimed items.</returns>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(int maxItems, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Moves every <see cref="OutboxState.Sending"/> item back to pending (single-process crash recovery).</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The number of items recovered.</returns>
    Task<int> RecoverInFlightAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Marks an item sent.</summary>
    /// <param name="id">The item.</param>
    /// <param name="hubMessageId">The hub's message id.</param>
    /// <param name="sentAt">When the hub accepted it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when stored.</returns>
    Task MarkSentAsync(Guid id, string hubMessageId, DateTimeOffset sentAt, CancellationToken cancellationToken = default);

    /// <summary>Puts a sending item back to pending with its next attempt time.</summary>
    /// <param name="id">The item.</param>
    /// <param name="nextAttemptAt">When to try again.</param>
    /// <param name="reason">The failure (no secret, no content).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when stored.</returns>
    Task MarkRetryAsync(Guid id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Marks an item failed permanently.</summary>
    /// <param name="id">The item.</param>
    /// <param name="reason">The failure.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when stored.</returns>
    Task MarkFailedAsync(Guid id, string reason, CancellationToken cancellationToken = default);

    /// <summary>Puts a failed item back to pending (after the operator fixed the cause).</summary>
    /// <param name="id">The item.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns><see langword="true"/> when the item was failed and is now pending.</returns>
    Task<bool> RequeueAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Reads one outbox item.</summary>
    /// <param name="id">The item.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    Task<OutboxItem?> FindOutboxItemAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists outbox items, oldest first.</summary>
    /// <param name="state">Only this state, or every state.</param>
    /// <param name="limit">The most items.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<OutboxItem>> ListOutboxAsync(OutboxState? state, int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts outbox items per state.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The counts.</returns>
    Task<OutboxCounts> CountOutboxAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a received package and, in the same transaction, enqueues its reply (status 01 or 02). A duplicate (same
    /// hub id, or same <see cref="InboxItem.DeduplicationKey"/>) changes nothing and enqueues nothing.
    /// </summary>
    /// <param name="item">The received package.</param>
    /// <param name="reply">The status reply to enqueue, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Stored or duplicate.</returns>
    Task<InboxStoreOutcome> StoreInboundAsync(InboxItem item, OutboxItem? reply, CancellationToken cancellationToken = default);

    /// <summary>Reads a received package by hub id.</summary>
    /// <param name="hubMessageId">The hub's message id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    Task<InboxItem?> FindInboundAsync(string hubMessageId, CancellationToken cancellationToken = default);

    /// <summary>Records that the hub acknowledgement went through.</summary>
    /// <param name="hubMessageId">The hub's message id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when stored.</returns>
    Task MarkAcknowledgedAsync(string hubMessageId, CancellationToken cancellationToken = default);

    /// <summary>Lists received packages, oldest first.</summary>
    /// <param name="kind">Only this kind, or both.</param>
    /// <param name="disposition">Only this disposition, or all.</param>
    /// <param name="limit">The most items.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<InboxItem>> ListInboundAsync(HubMessageKind? kind, InboxDisposition? disposition, int limit, CancellationToken cancellationToken = default);

    /// <summary>Adds or updates agencies of the directory, matched by QCVN 102 code (else by QĐ 20 code).</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when stored.</returns>
    Task UpsertAgenciesAsync(IEnumerable<AgencyDirectoryEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Lists the agency directory.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<AgencyDirectoryEntry>> ListAgenciesAsync(CancellationToken cancellationToken = default);

    /// <summary>Finds an agency by either code.</summary>
    /// <param name="code">A QCVN 102 or QĐ 20 code.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    Task<AgencyDirectoryEntry?> FindAgencyAsync(string code, CancellationToken cancellationToken = default);
}
