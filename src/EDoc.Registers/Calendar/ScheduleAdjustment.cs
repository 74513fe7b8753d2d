namespace EDoc.Registers.Calendar;

/// <summary>What a yearly schedule does to a day.</summary>
public enum ScheduleAdjustmentKind
{
    /// <summary>The day is a day off (e.g. a weekday swapped with a Saturday, extra Tết day).</summary>
    DayOff = 0,

    /// <summary>The day is a working day, even if it is a weekend or a computed holiday (e.g. ngày làm bù on a Saturday).</summary>
    WorkingDay = 1,
}

/// <summary>
/// One day of a yearly government schedule of holidays (lịch nghỉ lễ, tết hằng năm do Thủ tướng Chính phủ quyết định):
/// an extra day off, or a Saturday made a working day (ngày làm bù). A plain class so that it binds from
/// <c>IConfiguration</c> and JSON, e.g. <c>{ "date": "2026-01-10", "kind": "WorkingDay", "name": "Làm bù" }</c>.
/// </summary>
public sealed class ScheduleAdjustment
{
    /// <summary>Initializes an empty adjustment (for configuration binding).</summary>
    public ScheduleAdjustment()
    {
    }

    /// <summary>Initializes an adjustment.</summary>
    /// <param name="date">The day.</param>
    /// <param name="kind">Day off or working day.</param>
    /// <param name="name">The name shown for the day, in Vietnamese.</param>
    public ScheduleAdjustment(DateOnly date, ScheduleAdjustmentKind kind, string name)
    {
        Date = date;
        Kind = kind;
        Name = name;
    }

    /// <summary>The day.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Whether the day becomes a day off or a working day.</summary>
    public ScheduleAdjustmentKind Kind { get; set; }

    /// <summary>The name shown for the day, in Vietnamese (e.g. <c>Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Where the rule comes from (e.g. <c>Công văn 12729/VPCP-KGVX ngày 25/12/2025</c>); informative.</summary>
    public string? Source { get; set; }
}
