namespace EDoc.Validation;

/// <summary>The outcome of a validation: every problem found, errors and warnings.</summary>
public sealed class ValidationResult
{
    /// <summary>A result with no problem.</summary>
    public static ValidationResult Success { get; } = new([]);

    /// <summary>Initializes a new instance.</summary>
    /// <param name="problems">The problems found.</param>
    public ValidationResult(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
    }

    /// <summary>Every problem found, in the order found.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary><see langword="true"/> when no problem is an error (warnings are allowed).</summary>
    public bool IsValid => !Problems.Any(p => p.Severity == ValidationSeverity.Error);

    /// <summary>The problems that are errors.</summary>
    public IEnumerable<ValidationProblem> Errors => Problems.Where(p => p.Severity == ValidationSeverity.Error);

    /// <summary>The problems that are warnings.</summary>
    public IEnumerable<ValidationProblem> Warnings => Problems.Where(p => p.Severity == ValidationSeverity.Warning);

    /// <summary>Throws <see cref="EDocValidationException"/> when the result has errors.</summary>
    /// <param name="subject">What was validated, for the exception message.</param>
    /// <exception cref="EDocValidationException">The result has at least one error.</exception>
    public void ThrowIfInvalid(string subject)
    {
        if (!IsValid)
        {
            throw new EDocValidationException(subject, Errors.ToList());
        }
    }
}
