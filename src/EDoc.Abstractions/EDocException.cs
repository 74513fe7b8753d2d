namespace EDoc;

/// <summary>
/// The base of every exception the EDoc SDK throws on purpose. Catch this type to handle any failure the SDK reports
/// about documents, packages, registers or archives; argument misuse still throws the <see cref="ArgumentException"/>
/// family and cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public abstract class EDocException : Exception
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong, in English.</param>
    protected EDocException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the low-level exception that caused it.</summary>
    /// <param name="message">What went wrong, in English.</param>
    /// <param name="innerException">The exception that caused this one, kept for diagnosis.</param>
    protected EDocException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// A stable, machine-readable code of the failure (for example <c>agency-code.format</c>), suitable for
    /// mapping to a user-facing message or an HTTP problem type.
    /// </summary>
    public abstract string ErrorCode { get; }
}
