namespace EDoc;

/// <summary>
/// An operation the regulation forbids, for example sending a secret document (văn bản mật) electronically or
/// issuing an attachment whose format article 11 of NĐ 30/2020 does not allow.
/// </summary>
public class EDocPolicyException : EDocException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="rule">The rule that forbids the operation, for example <c>secret-document</c>.</param>
    /// <param name="message">Why the operation is refused, in English.</param>
    public EDocPolicyException(string rule, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(rule);
        Rule = rule;
    }

    /// <summary>The rule that forbids the operation, as a stable code.</summary>
    public string Rule { get; }

    /// <inheritdoc />
    public override string ErrorCode => "policy." + Rule;
}
