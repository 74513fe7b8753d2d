namespace EDoc.Registers.Reports;

/// <summary>An export could not be produced, for example no font with Vietnamese glyphs was found for the PDF.</summary>
public sealed class RegisterExportException : EDocException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is missing or wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public RegisterExportException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "register.export";
}
