namespace EDoc.Signing;

/// <summary>
/// A signature could not be produced or completed (ký số thất bại): the key refused to sign, a token was not found,
/// a remote signature does not match the data to be signed, a timestamp authority answered with an error.
/// The message never contains a PIN, a password or key material.
/// </summary>
public class SigningException : EDocException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="code">A stable code of the failure, for example <c>signature-mismatch</c>.</param>
    /// <param name="message">What went wrong, in English.</param>
    /// <param name="innerException">The low-level cause, if any.</param>
    public SigningException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The stable code of the failure, without the <c>signing.</c> prefix.</summary>
    public string Code { get; }

    /// <inheritdoc />
    public override string ErrorCode => "signing." + Code;
}
