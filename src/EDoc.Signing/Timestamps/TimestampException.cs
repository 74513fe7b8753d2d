namespace EDoc.Signing.Timestamps;

/// <summary>
/// A timestamp authority (TSA, dịch vụ cấp dấu thời gian) could not be reached, refused the request or answered with
/// a token that does not match the request.
/// </summary>
public sealed class TimestampException : SigningException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="code">A stable code, for example <c>timestamp.http</c>.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="isTransient">Whether retrying later may succeed (network errors, HTTP 5xx).</param>
    /// <param name="innerException">The cause.</param>
    public TimestampException(string code, string message, bool isTransient = false, Exception? innerException = null)
        : base(code, message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether retrying later may succeed.</summary>
    public bool IsTransient { get; }
}
