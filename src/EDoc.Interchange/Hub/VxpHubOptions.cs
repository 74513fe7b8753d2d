namespace EDoc.Interchange.Hub;

/// <summary>
/// The account and resilience settings of the national hub client (VXP): endpoint, system id, HMAC secret, timeouts,
/// retries and circuit breaker.
/// </summary>
public sealed class VxpHubOptions
{
    /// <summary>The hub's base address, for example <c>https://hub.example.gov.vn/vxp/</c>.</summary>
    /// <value>No default; required.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>The account's system id (mã định danh of the agency that owns the account).</summary>
    /// <value>No default; required.</value>
    public string SystemId { get; set; } = string.Empty;

    /// <summary>The account's HMAC secret. It is never logged nor put in exception messages.</summary>
    /// <value>No default; required.</value>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The time allowed for one HTTP attempt.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time allowed for one operation, all its retries included.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times a safe operation is retried after a transient failure.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The base delay of the exponential backoff (with jitter) between retries.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The failure ratio over <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The number of attempts in a sampling window below which the circuit never opens.</summary>
    /// <value>The default value is 20.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window over which the failure ratio is measured.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial request.</summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether the hub de-duplicates <c>sendEdoc</c> by the <c>Idempotency-Key</c> header. When <see langword="true"/>
    /// a send is retried inside the HTTP pipeline like a read; when <see langword="false"/> a send is tried once per
    /// call and the outbox retries it later (the receiver de-duplicates what reaches it twice).
    /// </summary>
    /// <value>The default value is <see langword="false"/>: the national hub does not document such a key.</value>
    public bool HubDeduplicatesSends { get; set; }

    /// <summary>The largest package accepted from <c>getEdoc</c>, in bytes.</summary>
    /// <value>The default value is 64 MiB.</value>
    public long MaxPackageBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest JSON answer accepted from a listing operation, in bytes.</summary>
    /// <value>The default value is 16 MiB.</value>
    public long MaxListResponseBytes { get; set; } = 16L * 1024 * 1024;
}
