using EDoc.Registers.Calendar;
using EDoc.Registers.Deadlines;
using EDoc.Registers.Numbering;
using EDoc.Registers.Reports;
using EDoc.Registers.Storage;

namespace EDoc.Registers;

/// <summary>
/// Options of <c>AddEDocRegisters</c>: the store, the numbering rules, the working-day calendar, office hours and the
/// overdue monitor. Every property has a documented default; they are validated at start-up.
/// </summary>
public sealed class EDocRegistersOptions
{
    /// <summary>
    /// The store: a SQLite file path or connection string, or a PostgreSQL connection string (<c>Host=…</c>);
    /// <see langword="null"/> for <c>edoc-registers.db</c> in the current directory.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>The register used when a request names none.</summary>
    /// <value>The default value is <c>default</c>.</value>
    public string DefaultRegisterId { get; set; } = "default";

    /// <summary>Refuses type abbreviations the document type catalog does not know.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RequireKnownTypes { get; set; }

    /// <summary>Which documents get their own numbering sequence, and the secret-notation qualifier.</summary>
    public NumberingOptions Numbering { get; } = new();

    /// <summary>Retry and timeout settings of the store.</summary>
    public RegisterStoreOptions Store { get; } = new();

    /// <summary>The working-day calendar (weekends, holidays, embedded 2025–2026 schedules).</summary>
    public WorkingCalendarOptions Calendar { get; } = new();

    /// <summary>
    /// Yearly government schedule files (JSON, see <see cref="GovernmentSchedules.ParseJson"/>) added to
    /// <see cref="Calendar"/> at start-up; later files override earlier ones for the same date.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> ScheduleFiles { get; } = [];

    /// <summary>Office hours and the urgent grace period.</summary>
    public DeadlineOptions Deadlines { get; } = new();

    /// <summary>How the overdue monitor finds deadlines.</summary>
    public OverdueMonitorOptions Overdue { get; } = new();
}
