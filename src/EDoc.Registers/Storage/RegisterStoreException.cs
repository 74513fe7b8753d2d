namespace EDoc.Registers.Storage;

/// <summary>
/// The register store failed: the database could not be opened, its schema is newer than this library, or a write
/// kept failing after the configured retries. The database exception is kept as the inner exception.
/// </summary>
public sealed class RegisterStoreException : EDocException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed, in English (never the connection password).</param>
    /// <param name="innerException">The database exception, if any.</param>
    public RegisterStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "register.store";
}
