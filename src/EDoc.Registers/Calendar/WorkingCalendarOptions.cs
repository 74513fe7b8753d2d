namespace EDoc.Registers.Calendar;

/// <summary>Options of the <see cref="WorkingDayCalendar"/>. Every property has a documented default.</summary>
public sealed class WorkingCalendarOptions
{
    /// <summary>The weekly rest days (ngày nghỉ hằng tuần).</summary>
    /// <value>The default value is Saturday and Sunday (the civil-service 40-hour week, QĐ 188/1999/QĐ-TTg).</value>
    /// <remarks>The configuration binder adds to a list that already has items: clear this list before binding a
    /// section that sets it.</remarks>
    public IList<DayOfWeek> WeekendDays { get; } = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>Whether the public holidays of the Labour Code 2019 Art. 112 are days off.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeStatutoryHolidays { get; set; } = true;

    /// <summary>Whether a holiday that falls on a weekly rest day gives a compensatory day off on the next working day (nghỉ bù).</summary>
    /// <value>The default value is <see langword="true"/> (Labour Code 2019 Art. 111.3, as applied to civil servants).</value>
    public bool CompensateWeekendHolidays { get; set; } = true;

    /// <summary>Whether the embedded yearly government schedules (2025 and 2026, see <see cref="GovernmentSchedules"/>) apply.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeEmbeddedSchedules { get; set; } = true;

    /// <summary>
    /// Whether 24 November, Ngày Văn hóa Việt Nam, is a day off. The Politburo chose the day in 2025 as a paid holiday and
    /// Government Resolution 30/NQ-CP (February 2026) asks for Labour Code Art. 112.1 to be amended; until the amendment
    /// is in force this is an opt-in rule.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IncludeVietnamCultureDay { get; set; }

    /// <summary>The first year in which <see cref="IncludeVietnamCultureDay"/> applies.</summary>
    /// <value>The default value is 2026.</value>
    public int VietnamCultureDayFromYear { get; set; } = 2026;

    /// <summary>Yearly schedule adjustments added by configuration; they override the embedded ones for the same date.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<ScheduleAdjustment> Adjustments { get; } = [];
}
