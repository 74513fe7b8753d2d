namespace EDoc;

/// <summary>
/// Input that does not have the expected format: a malformed agency code, document number, PDF, edXML package,
/// archive package and so on. The message names what was being read and where the problem is.
/// </summary>
public class EDocFormatException : EDocException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="subject">What was being read, for example <c>AgencyCode</c> or <c>PDF</c>.</param>
    /// <param name="location">Where in the input the problem is (a path, an offset, a field name), if known.</param>
    /// <param name="message">What is wrong, in English.</param>
    /// <param name="innerException">A low-level exception that caused this one, if any.</param>
    public EDocFormatException(string subject, string? location, string message, Exception? innerException = null)
        : base(Compose(subject, location, message), innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(message);
        Subject = subject;
        Location = location;
        Reason = message;
    }

    /// <summary>What was being read, for example <c>AgencyCode</c>, <c>DocumentNumber</c> or <c>PDF</c>.</summary>
    public string Subject { get; }

    /// <summary>Where in the input the problem is (a path, a byte offset, a field name), or <see langword="null"/>.</summary>
    public string? Location { get; }

    /// <summary>What is wrong, without the subject and location prefix.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ErrorCode => "format";

    private static string Compose(string subject, string? location, string message)
        => string.IsNullOrEmpty(location) ? $"{subject}: {message}" : $"{subject} at {location}: {message}";
}
