using EDoc.Documents;
using EDoc.Registers.Deadlines;
using EDoc.Registers.Storage;
using EDoc.Time;

namespace EDoc.Registers.Reports;

/// <summary>
/// Theo dõi văn bản quá hạn: the overdue lists leaders watch, per unit and per person, read from the follow-up columns
/// of the incoming register. An entry's deadline is its recorded <see cref="IncomingRegisterEntry.DueDate"/> (end of that
/// working day); without one, an urgent entry (Khẩn and above) is due immediately and, when
/// <see cref="OverdueMonitorOptions.DefaultHandlingWorkingDays"/> is set, any other entry is due that many working days
/// after arrival, counted by the <see cref="DeadlineCalculator"/>.
/// </summary>
/// <remarks>Immutable and thread-safe; the options are copied.</remarks>
public sealed class OverdueMonitor
{
    private readonly IRegisterStore store;
    private readonly DeadlineCalculator calculator;
    private readonly TimeProvider timeProvider;
    private readonly int? defaultHandlingWorkingDays;
    private readonly int lookbackYears;

    /// <summary>Initializes a monitor.</summary>
    /// <param name="store">The register store.</param>
    /// <param name="calculator">The deadline calculator (working-day calendar and office hours).</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public OverdueMonitor(IRegisterStore store, DeadlineCalculator calculator, OverdueMonitorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(calculator);
        options ??= new OverdueMonitorOptions();
        if (options.DefaultHandlingWorkingDays is < 0 or > 365)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultHandlingWorkingDays, "DefaultHandlingWorkingDays must be between 0 and 365.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.LookbackYears, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.LookbackYears, 10, nameof(options));
        this.store = store;
        this.calculator = calculator;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        defaultHandlingWorkingDays = options.DefaultHandlingWorkingDays;
        lookbackYears = options.LookbackYears;
    }

    /// <summary>The deadline of an entry, or <see langword="null"/> when it has none (see the class remarks).</summary>
    /// <param name="entry">The incoming entry.</param>
    /// <returns>The due instant, offset +07:00.</returns>
    public DateTimeOffset? GetDueAt(IncomingRegisterEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.DueDate is { } due)
        {
            return calculator.GetDueDate(new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset), 0);
        }

        if (entry.Urgency.IsUrgent())
        {
            return calculator.GetIncomingHandlingDeadline(entry.ArrivedAt, entry.Urgency);
        }

        return defaultHandlingWorkingDays is { } days ? calculator.GetDueDate(entry.ArrivedAt, days) : null;
    }

    /// <summary>The due day of an entry (the Vietnam date of <see cref="GetDueAt"/>), for <see cref="OverdueReport.Compute(ReportPeriod, IEnumerable{IncomingRegisterEntry}, DateOnly, Func{IncomingRegisterEntry, DateOnly?})"/>.</summary>
    /// <param name="entry">The incoming entry.</param>
    /// <returns>The due day, or <see langword="null"/>.</returns>
    public DateOnly? GetDueDay(IncomingRegisterEntry entry)
        => GetDueAt(entry) is { } at ? DateOnly.FromDateTime(VietnamTime.ToVietnamTime(at).DateTime) : null;

    /// <summary>
    /// Every active, unhandled incoming document whose deadline has passed, most overdue first.
    /// </summary>
    /// <param name="asOf">The time to judge at; <see langword="null"/> for now.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The overdue documents.</returns>
    /// <exception cref="RegisterStoreException">The store failed.</exception>
    public async Task<IReadOnlyList<OverdueItem>> ListOverdueAsync(DateTimeOffset? asOf = null, string? registerId = null, CancellationToken cancellationToken = default)
    {
        var at = VietnamTime.ToVietnamTime(asOf ?? timeProvider.GetUtcNow());
        var today = DateOnly.FromDateTime(at.DateTime);
        var items = new List<OverdueItem>();
        for (var year = at.Year - lookbackYears; year <= at.Year; year++)
        {
            foreach (var entry in await store.ListIncomingAsync(year, registerId, cancellationToken).ConfigureAwait(false))
            {
                if (entry.Status != RegisterEntryStatus.Active || entry.HandledDate is not null || GetDueAt(entry) is not { } due || !DeadlineCalculator.IsOverdue(due, at))
                {
                    continue;
                }

                var dueDay = DateOnly.FromDateTime(VietnamTime.ToVietnamTime(due).DateTime);
                var late = dueDay < today ? calculator.Calendar.WorkingDaysBetween(dueDay, today) : 0;
                items.Add(new OverdueItem(entry, due, Math.Max(late, 0), OverdueReport.UnitOf(entry), PersonOf(entry)));
            }
        }

        return [.. items.OrderBy(i => i.DueAt).ThenBy(i => i.Entry.Year).ThenBy(i => i.Entry.ArrivalNumber)];
    }

    /// <summary>The overdue documents grouped by the unit they are routed to (cột 7), units in name order.</summary>
    /// <param name="asOf">The time to judge at; <see langword="null"/> for now.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One group per unit with overdue work.</returns>
    public async Task<IReadOnlyList<OverdueGroup>> ListOverdueByUnitAsync(DateTimeOffset? asOf = null, string? registerId = null, CancellationToken cancellationToken = default)
        => Group(await ListOverdueAsync(asOf, registerId, cancellationToken).ConfigureAwait(false), i => i.Unit);

    /// <summary>The overdue documents grouped by the person handling them (<see cref="IncomingRegisterEntry.Handler"/>).</summary>
    /// <param name="asOf">The time to judge at; <see langword="null"/> for now.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One group per person with overdue work; documents with no handler under <see cref="UnassignedPerson"/>.</returns>
    public async Task<IReadOnlyList<OverdueGroup>> ListOverdueByPersonAsync(DateTimeOffset? asOf = null, string? registerId = null, CancellationToken cancellationToken = default)
        => Group(await ListOverdueAsync(asOf, registerId, cancellationToken).ConfigureAwait(false), i => i.Person);

    /// <summary>The overdue documents of one person (compared after trimming, case-insensitively).</summary>
    /// <param name="person">The handler's name.</param>
    /// <param name="asOf">The time to judge at; <see langword="null"/> for now.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The person's overdue documents, most overdue first.</returns>
    public async Task<IReadOnlyList<OverdueItem>> ListOverdueForPersonAsync(string person, DateTimeOffset? asOf = null, string? registerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(person);
        var name = person.Trim().Normalize(System.Text.NormalizationForm.FormC);
        var all = await ListOverdueAsync(asOf, registerId, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(i => string.Equals(i.Person, name, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The overdue-rate report of a period (art. 23.2) with due dates as this monitor computes them.</summary>
    /// <param name="period">The period (by arrival date).</param>
    /// <param name="asOf">The date open documents are judged against.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report; <see cref="OverdueReport.FlaggedUnits"/> are the units over 50%.</returns>
    public async Task<OverdueReport> ReportAsync(ReportPeriod period, DateOnly asOf, string? registerId = null, CancellationToken cancellationToken = default)
    {
        period = period.Validate();
        var incoming = await store.ListIncomingAsync(period.Year, registerId, cancellationToken).ConfigureAwait(false);
        return OverdueReport.Compute(period, incoming, asOf, GetDueDay);
    }

    /// <summary>The group name of overdue documents that no person has been assigned.</summary>
    public const string UnassignedPerson = "(chưa giao người xử lý)";

    private static string PersonOf(IncomingRegisterEntry entry)
        => string.IsNullOrWhiteSpace(entry.Handler) ? UnassignedPerson : entry.Handler.Trim();

    private static List<OverdueGroup> Group(IReadOnlyList<OverdueItem> items, Func<OverdueItem, string> key)
        => [.. items.GroupBy(key, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OverdueGroup(g.Key, [.. g]))];
}

/// <summary>Options of <see cref="OverdueMonitor"/>.</summary>
public sealed class OverdueMonitorOptions
{
    /// <summary>
    /// The handling time, in working days after arrival, of an entry that has no recorded deadline (the agency's working
    /// rules, art. 24.2); <see langword="null"/> to leave such entries unmonitored.
    /// </summary>
    /// <value>The default value is <see langword="null"/>. Must be between 0 and 365.</value>
    public int? DefaultHandlingWorkingDays { get; set; }

    /// <summary>How many years before the current one are scanned for documents still open.</summary>
    /// <value>The default value is 1. Must be between 0 and 10.</value>
    public int LookbackYears { get; set; } = 1;
}

/// <summary>An overdue incoming document.</summary>
/// <param name="Entry">The register entry.</param>
/// <param name="DueAt">Its deadline, offset +07:00.</param>
/// <param name="WorkingDaysOverdue">Working days from the due day to the day judged (0 when due earlier the same day).</param>
/// <param name="Unit">The unit it is routed to, or <see cref="OverdueReport.UnassignedUnit"/>.</param>
/// <param name="Person">The person handling it, or <see cref="OverdueMonitor.UnassignedPerson"/>.</param>
public sealed record OverdueItem(IncomingRegisterEntry Entry, DateTimeOffset DueAt, int WorkingDaysOverdue, string Unit, string Person);

/// <summary>The overdue documents of one unit or person.</summary>
/// <param name="Key">The unit or person.</param>
/// <param name="Items">Its overdue documents, most overdue first.</param>
public sealed record OverdueGroup(string Key, IReadOnlyList<OverdueItem> Items)
{
    /// <summary>The number of overdue documents.</summary>
    public int Count => Items.Count;
}
