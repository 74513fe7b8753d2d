namespace EDoc.Validation;

/// <summary>
/// Collects validation problems with their paths; validators use it to report every problem at once.
/// </summary>
public sealed class ValidationProblemCollector
{
    private readonly List<ValidationProblem> _problems = [];

    /// <summary>The problems collected so far.</summary>
    public IReadOnlyList<ValidationProblem> Problems => _problems;

    /// <summary>Adds an error.</summary>
    /// <param name="path">Where the problem is.</param>
    /// <param name="code">A stable machine-readable code.</param>
    /// <param name="message">The problem in English.</param>
    /// <param name="messageVi">The problem in Vietnamese.</param>
    public void Error(string path, string code, string message, string messageVi)
        => _problems.Add(new ValidationProblem(path, code, message, messageVi, ValidationSeverity.Error));

    /// <summary>Adds a warning.</summary>
    /// <param name="path">Where the problem is.</param>
    /// <param name="code">A stable machine-readable code.</param>
    /// <param name="message">The problem in English.</param>
    /// <param name="messageVi">The problem in Vietnamese.</param>
    public void Warning(string path, string code, string message, string messageVi)
        => _problems.Add(new ValidationProblem(path, code, message, messageVi, ValidationSeverity.Warning));

    /// <summary>Adds problems found by another validator.</summary>
    /// <param name="problems">The problems to add.</param>
    public void AddRange(IEnumerable<ValidationProblem> problems) => _problems.AddRange(problems);

    /// <summary>Reports a required value that is missing or blank.</summary>
    /// <param name="path">The field.</param>
    /// <param name="value">The value to check.</param>
    /// <returns><see langword="true"/> when the value is present.</returns>
    public bool Required(string path, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Error(path, "required", $"{path} is required.", $"Trường {path} là bắt buộc.");
        return false;
    }

    /// <summary>Reports a text longer than the allowed number of characters (counted after NFC normalization).</summary>
    /// <param name="path">The field.</param>
    /// <param name="value">The value to check; <see langword="null"/> passes.</param>
    /// <param name="maxLength">The largest allowed length in characters.</param>
    /// <returns><see langword="true"/> when the value fits.</returns>
    public bool MaxLength(string path, string? value, int maxLength)
    {
        if (value is null)
        {
            return true;
        }

        var length = value.IsNormalized(System.Text.NormalizationForm.FormC)
            ? value.Length
            : value.Normalize(System.Text.NormalizationForm.FormC).Length;
        if (length <= maxLength)
        {
            return true;
        }

        Error(
            path,
            "length",
            $"{path} has {length} characters; at most {maxLength} are allowed.",
            $"Trường {path} có {length} ký tự; tối đa {maxLength} ký tự.");
        return false;
    }

    /// <summary>The collected problems as a result.</summary>
    /// <returns>A result holding a copy of the problems.</returns>
    public ValidationResult ToResult() => _problems.Count == 0 ? ValidationResult.Success : new ValidationResult(_problems.ToList());
}
