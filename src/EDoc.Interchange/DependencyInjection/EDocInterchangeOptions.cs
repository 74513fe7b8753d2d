namespace EDoc.Interchange;

/// <summary>The settings of the outbox and inbox: this agency's code, malware policy, delivery and polling.</summary>
public sealed class EDocInterchangeOptions
{
    /// <summary>This agency's code (mã định danh); the <c>From</c> of the status replies the inbox sends.</summary>
    /// <value>No default; <c>AddVxpHub</c> sets it to the account's system id when empty.</value>
    public string OrganId { get; set; } = string.Empty;

    /// <summary>
    /// Whether an <see cref="Scanning.IMalwareScanner"/> must be registered (NĐ 30/2020 article 20.2). When
    /// <see langword="false"/> and none is registered, attachments are not scanned.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireMalwareScanner { get; set; } = true;

    /// <summary>The outbox settings.</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>The inbox settings.</summary>
    public InboxOptions Inbox { get; set; } = new();
}

/// <summary>How the outbox delivers.</summary>
public sealed class OutboxOptions
{
    /// <summary>How many packages are sent at the same time.</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How many due items one pass claims.</summary>
    /// <value>The default value is 32.</value>
    public int BatchSize { get; set; } = 32;

    /// <summary>The first retry delay; it doubles per attempt (with ±50 % jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest retry delay. Transient failures are retried without limit: nothing is dropped. A hub that answers
    /// 429 or 503 with a longer <c>Retry-After</c> is obeyed (up to one hour) for that item.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the delivery loop looks for due items when not woken by an enqueue.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claim holds. An item left in the sending state by a dead worker is claimed again after it; keep
    /// it longer than one send with all its HTTP retries.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the delivery service puts every item in the sending state back to pending when it starts (right for
    /// one process per store, the SQLite default). Set it to <see langword="false"/> when several processes share one
    /// PostgreSQL store; lease expiry then recovers.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RecoverInFlightOnStart { get; set; } = true;

    /// <summary>The largest package the outbox accepts, in bytes.</summary>
    /// <value>The default value is 64 MiB.</value>
    public long MaxPackageBytes { get; set; } = 64L * 1024 * 1024;
}

/// <summary>How the inbox polls.</summary>
public sealed class InboxOptions
{
    /// <summary>How often the polling service asks the hub for new messages.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many messages are fetched and processed at the same time.</summary>
    /// <value>The default value is 4.</value>
    public int MaxConcurrency { get; set; } = 4;
}
