namespace EDoc.Registers;

/// <summary>
/// A register operation that would break the register's uniqueness or state rules: a duplicate
/// (number, notation, issuer, year), an incoming document registered twice, or voiding an entry already voided.
/// Nothing was written and no number was consumed.
/// </summary>
public sealed class RegisterConflictException : EDocException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="conflict">A stable code of the conflict, for example <c>duplicate-notation</c>.</param>
    /// <param name="message">What conflicts, in English.</param>
    /// <param name="innerException">The database exception, if any.</param>
    public RegisterConflictException(string conflict, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(conflict);
        Conflict = conflict;
    }

    /// <summary>The kind of conflict: <c>duplicate-notation</c>, <c>duplicate-number</c>, <c>duplicate-incoming</c>, <c>status</c>, <c>not-found</c>.</summary>
    public string Conflict { get; }

    /// <inheritdoc />
    public override string ErrorCode => "register." + Conflict;
}
