namespace EDoc.Registers.Reports;

/// <summary>One unit's line of the overdue report.</summary>
/// <param name="Unit">The unit (đơn vị) the documents were routed to.</param>
/// <param name="OnTime">Handled by the deadline (đúng hạn).</param>
/// <param name="HandledLate">Handled after the deadline.</param>
/// <param name="OverdueOpen">Not handled and past the deadline on the report date.</param>
/// <param name="NotYetDue">Not handled and not yet due (not counted in the rate).</param>
public sealed record OverdueUnitRow(string Unit, int OnTime, int HandledLate, int OverdueOpen, int NotYetDue)
{
    /// <summary>Overdue documents (quá hạn): handled late plus open past the deadline.</summary>
    public int Overdue => HandledLate + OverdueOpen;

    /// <summary>Documents with a deadline that has passed or was met: on time plus overdue.</summary>
    public int Assessed => OnTime + Overdue;

    /// <summary>Overdue as a percentage of <see cref="Assessed"/>, rounded to 2 decimals (0 when nothing was assessed).</summary>
    public decimal OverdueRatePercent => Assessed == 0 ? 0m : Math.Round(100m * Overdue / Assessed, 2, MidpointRounding.AwayFromZero);

    /// <summary>Whether more than half of the assessed documents are overdue — the units to name in the report.</summary>
    public bool OverHalfOverdue => Assessed > 0 && Overdue * 2 > Assessed;
}

/// <summary>
/// The overdue-rate report (tỷ lệ văn bản quá hạn giải quyết): per unit, incoming documents with a deadline arrived in
/// the period, handled on time, overdue, and the overdue rate; units over 50 % are flagged. Voided and recalled
/// entries are not counted.
/// </summary>
/// <param name="Period">The period (by arrival date).</param>
/// <param name="AsOf">The date open documents are judged against (a document due that day is not yet overdue).</param>
/// <param name="Units">One row per unit, by unit name.</param>
/// <param name="Total">All units together.</param>
public sealed record OverdueReport(ReportPeriod Period, DateOnly AsOf, IReadOnlyList<OverdueUnitRow> Units, OverdueUnitRow Total)
{
    /// <summary>The name used for documents not routed to a unit.</summary>
    public const string UnassignedUnit = "(chưa giao đơn vị)";

    /// <summary>Column headers of <see cref="ToTable"/>.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["Đơn vị", "Đúng hạn", "Quá hạn đã giải quyết", "Quá hạn chưa giải quyết", "Tổng quá hạn", "Chưa đến hạn", "Tỷ lệ quá hạn (%)", "Trên 50%"];

    /// <summary>The units with more than 50 % overdue.</summary>
    public IEnumerable<OverdueUnitRow> FlaggedUnits => Units.Where(u => u.OverHalfOverdue);

    /// <summary>Computes the report.</summary>
    /// <param name="period">The period (by arrival date).</param>
    /// <param name="incoming">Incoming entries.</param>
    /// <param name="asOf">The report date; open documents due before it are overdue.</param>
    /// <returns>The report.</returns>
    public static OverdueReport Compute(ReportPeriod period, IEnumerable<IncomingRegisterEntry> incoming, DateOnly asOf)
        => Compute(period, incoming, asOf, static e => e.DueDate);

    /// <summary>Computes the report with due dates from a function, for example <see cref="OverdueMonitor.GetDueDay"/>
    /// (the recorded deadline, else one computed in working days).</summary>
    /// <param name="period">The period (by arrival date).</param>
    /// <param name="incoming">Incoming entries.</param>
    /// <param name="asOf">The report date; open documents due before it are overdue.</param>
    /// <param name="dueDateOf">The due day of an entry, or <see langword="null"/> when it has none (left out).</param>
    /// <returns>The report.</returns>
    public static OverdueReport Compute(ReportPeriod period, IEnumerable<IncomingRegisterEntry> incoming, DateOnly asOf, Func<IncomingRegisterEntry, DateOnly?> dueDateOf)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(dueDateOf);
        period = period.Validate();
        var rows = incoming
            .Where(e => e.Status == RegisterEntryStatus.Active && period.Contains(e.ArrivalDate))
            .Select(e => (Entry: e, Due: dueDateOf(e)))
            .Where(x => x.Due is not null)
            .GroupBy(x => UnitOf(x.Entry), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g, asOf))
            .ToList();
        var total = new OverdueUnitRow("Tổng", rows.Sum(r => r.OnTime), rows.Sum(r => r.HandledLate), rows.Sum(r => r.OverdueOpen), rows.Sum(r => r.NotYetDue));
        return new OverdueReport(period, asOf, rows, total);
    }

    /// <summary>The report as a table for CSV or XLSX (units, then the total).</summary>
    /// <returns>The table.</returns>
    public ReportTable ToTable()
    {
        var rows = Units.Append(Total).Select(r => (IReadOnlyList<object?>)
        [
            r.Unit, r.OnTime, r.HandledLate, r.OverdueOpen, r.Overdue, r.NotYetDue, r.OverdueRatePercent, r.OverHalfOverdue ? "Có" : "Không",
        ]).ToList();
        var half = Period.Half is { } h ? $"6 THÁNG {(h == 1 ? "ĐẦU" : "CUỐI")} " : string.Empty;
        return new ReportTable($"BÁO CÁO TỶ LỆ VĂN BẢN QUÁ HẠN GIẢI QUYẾT – {half}NĂM {Period.Year} (tính đến {RegisterTables.Date(AsOf)})", Headers, rows);
    }

    internal static string UnitOf(IncomingRegisterEntry entry)
        => string.IsNullOrWhiteSpace(entry.RecipientUnit) ? UnassignedUnit : entry.RecipientUnit.Trim();

    private static OverdueUnitRow Row(string unit, IEnumerable<(IncomingRegisterEntry Entry, DateOnly? Due)> entries, DateOnly asOf)
    {
        int onTime = 0, late = 0, open = 0, notDue = 0;
        foreach (var (e, d) in entries)
        {
            var due = d!.Value;
            if (e.HandledDate is { } handled)
            {
                if (handled <= due)
                {
                    onTime++;
                }
                else
                {
                    late++;
                }
            }
            else if (asOf > due)
            {
                open++;
            }
            else
            {
                notDue++;
            }
        }

        return new OverdueUnitRow(unit, onTime, late, open, notDue);
    }
}
