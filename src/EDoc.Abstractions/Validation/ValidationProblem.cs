namespace EDoc.Validation;

/// <summary>How serious a validation problem is.</summary>
public enum ValidationSeverity
{
    /// <summary>The input is invalid and must not be used as it is.</summary>
    Error = 0,

    /// <summary>The input is usable but deviates from the rules or from common practice.</summary>
    Warning = 1,
}

/// <summary>One problem found by a validator.</summary>
/// <param name="Path">Where the problem is, as a dotted path (for example <c>Recipients[1].Code</c>).</param>
/// <param name="Code">A stable, machine-readable code (for example <c>length</c>, <c>required</c>).</param>
/// <param name="Message">The problem in English.</param>
/// <param name="MessageVi">The problem in Vietnamese (TCVN 6909:2001, NFC).</param>
/// <param name="Severity">How serious the problem is.</param>
public sealed record ValidationProblem(
    string Path,
    string Code,
    string Message,
    string MessageVi,
    ValidationSeverity Severity = ValidationSeverity.Error);
