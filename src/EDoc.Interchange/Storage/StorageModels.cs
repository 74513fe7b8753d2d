using EDoc.Interchange.Hub;

namespace EDoc.Interchange.Storage;

/// <summary>The delivery state of an outbox item: pending → sending → sent, or failed.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 0,

    /// <summary>Claimed by a delivery worker; if the process dies, it is claimed again after restart or lease expiry.</summary>
    Sending = 1,

    /// <summary>The hub accepted it.</summary>
    Sent = 2,

    /// <summary>The hub refused it permanently (not a transient failure); kept for the operator.</summary>
    Failed = 3,
}

/// <summary>A package waiting in, or delivered from, the durable outbox.</summary>
public sealed class OutboxItem
{
    /// <summary>The item id; also the idempotency key sent to the hub.</summary>
    public required Guid Id { get; init; }

    /// <summary>Document or status package.</summary>
    public required HubMessageKind Kind { get; init; }

    /// <summary>The sender's agency code.</summary>
    public required string From { get; init; }

    /// <summary>The receivers' agency codes.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>The DocumentId of the document (or of the document a status answers).</summary>
    public string? DocumentId { get; init; }

    /// <summary>The status code of a status package.</summary>
    public string? StatusCode { get; init; }

    /// <summary>The package bytes.</summary>
    public required byte[] Package { get; init; }

    /// <summary>The delivery state.</summary>
    public OutboxState State { get; init; }

    /// <summary>How many delivery attempts were started.</summary>
    public int Attempts { get; init; }

    /// <summary>When the item was enqueued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the next attempt is due.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>The last failure, if any (no secret, no content).</summary>
    public string? LastError { get; init; }

    /// <summary>The hub's message id once sent.</summary>
    public string? HubMessageId { get; init; }

    /// <summary>When the hub accepted it.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>For a status reply, the hub id of the received message it answers.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>What the inbox did with a received package.</summary>
public enum InboxDisposition
{
    /// <summary>Stored for the application.</summary>
    Accepted = 0,

    /// <summary>An attachment is infected: isolated, not released to the application; status 02 sent.</summary>
    Quarantined = 1,

    /// <summary>Unreadable or invalid: kept for audit; the hub was told <c>fail</c>.</summary>
    Rejected = 2,
}

/// <summary>A package received from the hub and stored by the inbox.</summary>
public sealed class InboxItem
{
    /// <summary>The hub's message id.</summary>
    public required string HubMessageId { get; init; }

    /// <summary>Document or status package.</summary>
    public required HubMessageKind Kind { get; init; }

    /// <summary>The sender's agency code, when readable.</summary>
    public string? From { get; init; }

    /// <summary>The receivers' agency codes.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>The DocumentId (of the document, or the one a status answers), when readable.</summary>
    public string? DocumentId { get; init; }

    /// <summary>The status code of a status package.</summary>
    public string? StatusCode { get; init; }

    /// <summary>The SHA-256 of the package, lower-case hex.</summary>
    public required string ContentSha256 { get; init; }

    /// <summary>The package bytes.</summary>
    public required byte[] Package { get; init; }

    /// <summary>What the inbox did with it.</summary>
    public InboxDisposition Disposition { get; init; }

    /// <summary>Why it was quarantined or rejected.</summary>
    public string? Reason { get; init; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Whether the hub acknowledgement (done/fail) went through.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>
    /// The key that makes a second delivery of the same package a duplicate: sender, DocumentId and, for a document,
    /// the package digest (a changed document is a new delivery), for a status, its code. Unreadable packages are keyed
    /// by hub id.
    /// </summary>
    public string DeduplicationKey => From is null || DocumentId is null
        ? "hub|" + HubMessageId
        : Kind == HubMessageKind.Status
            ? $"status|{From}|{DocumentId}|{StatusCode}"
            : $"edoc|{From}|{DocumentId}|{ContentSha256}";
}

/// <summary>Whether a received package was new or a duplicate delivery.</summary>
public enum InboxStoreOutcome
{
    /// <summary>Stored now (and its reply enqueued).</summary>
    Stored = 0,

    /// <summary>Already stored (same hub id, or same sender, DocumentId and content); nothing changed.</summary>
    Duplicate = 1,
}

/// <summary>An agency of the directory with both code systems.</summary>
/// <param name="Code102">The QCVN 102:2016 identifier (mã định danh), if known.</param>
/// <param name="CodeQd20">The QĐ 20/2020 electronic identifier, if known.</param>
/// <param name="Name">The agency name.</param>
/// <param name="ParentCode">The parent agency's code, if any.</param>
/// <param name="Email">The contact e-mail, if any.</param>
/// <param name="IsDeleted">Whether the hub marks it as removed.</param>
/// <param name="SyncedAt">When the entry was last synchronised.</param>
public sealed record AgencyDirectoryEntry(
    string? Code102,
    string? CodeQd20,
    string Name,
    string? ParentCode,
    string? Email,
    bool IsDeleted,
    DateTimeOffset SyncedAt);

/// <summary>The number of outbox items in each state.</summary>
/// <param name="Pending">Waiting.</param>
/// <param name="Sending">Being sent (or left by a crashed process).</param>
/// <param name="Sent">Accepted by the hub.</param>
/// <param name="Failed">Refused permanently.</param>
public sealed record OutboxCounts(long Pending, long Sending, long Sent, long Failed);
