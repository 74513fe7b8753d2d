using EDoc.Validation;

namespace EDoc;

/// <summary>
/// Thrown by APIs that require valid input (for example before a document is sent) when validation found problems.
/// Every problem is listed, not only the first.
/// </summary>
public sealed class EDocValidationException : EDocException
{
    /// <summary>Initializes a new instance from a failed validation result.</summary>
    /// <param name="subject">What was validated, for example <c>ElectronicDocument</c>.</param>
    /// <param name="problems">The problems found; at least one.</param>
    public EDocValidationException(string subject, IReadOnlyList<ValidationProblem> problems)
        : base(Compose(subject, problems))
    {
        Subject = subject;
        Problems = problems;
    }

    /// <summary>What was validated.</summary>
    public string Subject { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <inheritdoc />
    public override string ErrorCode => "validation";

    private static string Compose(string subject, IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var lines = problems.Take(20).Select(p => $"  {p.Path}: {p.Message} [{p.Code}]");
        var more = problems.Count > 20 ? $"{Environment.NewLine}  … and {problems.Count - 20} more." : string.Empty;
        return $"{subject} is invalid ({problems.Count} problem(s)):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
