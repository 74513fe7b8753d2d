using EDoc.Registers.Numbering;

namespace EDoc.Registers;

/// <summary>Options of <see cref="DocumentRegister"/>.</summary>
public sealed class DocumentRegisterOptions
{
    /// <summary>The register used when a request names none.</summary>
    /// <value>The default value is <c>default</c>.</value>
    public string DefaultRegisterId { get; set; } = "default";

    /// <summary>Which documents get their own numbering sequence.</summary>
    public NumberingOptions Numbering { get; } = new();

    /// <summary>
    /// The working-day calendar used to turn "N working days" into a due date; <see langword="null"/> when due dates
    /// are always given as dates.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IWorkingDayCalendar? Calendar { get; set; }
}
