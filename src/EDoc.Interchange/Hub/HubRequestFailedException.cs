namespace EDoc.Interchange.Hub;

/// <summary>
/// A hub request that failed: the hub could not be reached, timed out, answered with an HTTP error, or refused the
/// request in its response body. The message never contains secrets or package content.
/// </summary>
public sealed class HubRequestFailedException : EDocException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="operation">The hub operation, for example <c>sendEdoc</c>.</param>
    /// <param name="statusCode">The HTTP status code, or <see langword="null"/> when no response arrived.</param>
    /// <param name="isTransient">Whether a later attempt may succeed.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="hubErrorCode">The hub's own error code (VXP <c>ErrorCode</c>), if any.</param>
    /// <param name="innerException">The low-level cause, if any.</param>
    /// <param name="retryAfter">How long the hub asked the client to wait (HTTP <c>Retry-After</c>), if it did.</param>
    public HubRequestFailedException(
        string operation,
        int? statusCode,
        bool isTransient,
        string message,
        string? hubErrorCode = null,
        Exception? innerException = null,
        TimeSpan? retryAfter = null)
        : base($"Hub {operation}: {message}", innerException)
    {
        RetryAfter = retryAfter is { } wait && wait < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
        ArgumentException.ThrowIfNullOrEmpty(operation);
        Operation = operation;
        StatusCode = statusCode;
        IsTransient = isTransient;
        HubErrorCode = hubErrorCode;
    }

    /// <summary>The hub operation that failed, for example <c>sendEdoc</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP status code, or <see langword="null"/> when no response arrived (timeout, dropped connection).</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// <see langword="true"/> when retrying later may succeed (no response, 408, 429, 5xx, open circuit);
    /// <see langword="false"/> when the hub refused the request itself (bad credentials, invalid package).
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>
    /// How long the hub asked the client to wait before trying again (the HTTP <c>Retry-After</c> header of a 429 or
    /// 503 answer), or <see langword="null"/> when it did not say.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The hub's own error code (VXP <c>ErrorCode</c>), or <see langword="null"/>.</summary>
    public string? HubErrorCode { get; }

    /// <inheritdoc />
    public override string ErrorCode => "hub.request-failed";

    /// <summary>Whether an HTTP status code is worth retrying.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <returns><see langword="true"/> for 408, 429 and 5xx.</returns>
    public static bool IsTransientStatusCode(int statusCode) => statusCode is 408 or 429 or >= 500;
}
