namespace EDoc;

/// <summary>
/// Untrusted input that exceeds a configured size, depth or count limit (a huge length, deep nesting, too many
/// objects). Thrown before the SDK allocates or loops on behalf of the input.
/// </summary>
public sealed class EDocLimitExceededException : EDocFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">What was being read, for example <c>PDF</c> or <c>edXML</c>.</param>
    /// <param name="location">Where in the input the limit was hit, if known.</param>
    /// <param name="limitName">The name of the limit, for example <c>MaxObjectDepth</c>.</param>
    /// <param name="limit">The configured limit.</param>
    /// <param name="actual">The value the input asked for, if known.</param>
    public EDocLimitExceededException(string subject, string? location, string limitName, long limit, long? actual = null)
        : base(subject, location, actual is null
            ? $"the limit {limitName} ({limit}) was exceeded."
            : $"the limit {limitName} ({limit}) was exceeded: the input asks for {actual}.")
    {
        LimitName = limitName;
        Limit = limit;
        Actual = actual;
    }

    /// <summary>The name of the limit that was exceeded.</summary>
    public string LimitName { get; }

    /// <summary>The configured limit.</summary>
    public long Limit { get; }

    /// <summary>The value the input asked for, if known.</summary>
    public long? Actual { get; }

    /// <inheritdoc />
    public override string ErrorCode => "limit-exceeded";
}
