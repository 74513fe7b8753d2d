using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace EDoc.Registers.Calendar;

/// <summary>
/// The Vietnamese working-day calendar (lịch ngày làm việc) of State agencies: weekly rest days, the public holidays of
/// the Labour Code 2019 Art. 112 (solar and lunar), compensatory days (nghỉ bù) and the yearly government schedules.
/// </summary>
/// <remarks>
/// <para>Computed holidays (when <see cref="WorkingCalendarOptions.IncludeStatutoryHolidays"/>):</para>
/// <list type="bullet">
/// <item>Tết Dương lịch: 1 January.</item>
/// <item>Tết Nguyên đán: 5 days, the last day of the lunar year and lunar 1/1 to 4/1 (the Government fixes the actual
/// days each year; differences go in the schedules); 4 days (up to lunar 3/1) before 2014.</item>
/// <item>Giỗ Tổ Hùng Vương: lunar 10/3 (from 2007).</item>
/// <item>Ngày Chiến thắng 30 April; Ngày Quốc tế Lao động 1 May.</item>
/// <item>Quốc khánh: 2 September, and from 2021 one adjacent day (1 or 3 September, decided yearly; by default Mon→Tue 3,
/// Tue→Mon 1, Wed→Tue 1, Thu→Fri 3, Fri→Thu 1, Sat→Fri 1, Sun→Mon 3).</item>
/// </list>
/// <para>A holiday on a weekly rest day gives a compensatory day off on the next day that is neither a rest day nor a
/// day off (a working-day adjustment on that day cancels the compensation rather than moving it). Then the schedule adjustments apply: a <see cref="ScheduleAdjustmentKind.DayOff"/> adds a day off, a
/// <see cref="ScheduleAdjustmentKind.WorkingDay"/> makes any day a working day (ngày làm bù). Configured adjustments
/// override embedded ones for the same date.</para>
/// <para>Supported dates: 1900-01-01 to 2199-12-31 (the range of <see cref="VietnameseLunarCalendar"/>). Each year is
/// computed once and cached; the instance is immutable and thread-safe (later changes to the options change nothing).</para>
/// </remarks>
public sealed class WorkingDayCalendar : IWorkingDayCalendar
{
    private readonly FrozenSet<DayOfWeek> weekendDays;
    private readonly bool includeStatutory;
    private readonly bool compensate;
    private readonly bool cultureDay;
    private readonly int cultureDayFromYear;
    private readonly FrozenDictionary<DateOnly, ScheduleAdjustment> adjustments;
    private readonly ConcurrentDictionary<int, YearData> years = new();

    /// <summary>Initializes a calendar with the default options (Saturday and Sunday off, statutory holidays,
    /// compensation, the embedded 2025 and 2026 schedules).</summary>
    public WorkingDayCalendar()
        : this(new WorkingCalendarOptions())
    {
    }

    /// <summary>Initializes a calendar. The options are copied.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">Every day of the week is a rest day, or an adjustment has no name.</exception>
    public WorkingDayCalendar(WorkingCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        weekendDays = options.WeekendDays.ToFrozenSet();
        if (weekendDays.Count >= 7)
        {
            throw new ArgumentException("At least one day of the week must be a working day.", nameof(options));
        }

        includeStatutory = options.IncludeStatutoryHolidays;
        compensate = options.CompensateWeekendHolidays;
        cultureDay = options.IncludeVietnamCultureDay;
        cultureDayFromYear = options.VietnamCultureDayFromYear;

        var map = new Dictionary<DateOnly, ScheduleAdjustment>();
        if (options.IncludeEmbeddedSchedules)
        {
            foreach (var a in GovernmentSchedules.GetEmbeddedAdjustments())
            {
                map[a.Date] = a;
            }
        }

        foreach (var a in options.Adjustments)
        {
            if (a is null || string.IsNullOrWhiteSpace(a.Name))
            {
                throw new ArgumentException("Every schedule adjustment needs a name.", nameof(options));
            }

            if (!Enum.IsDefined(a.Kind))
            {
                throw new ArgumentException($"The adjustment of {a.Date:yyyy-MM-dd} has an unknown kind {a.Kind}.", nameof(options));
            }

            map[a.Date] = new ScheduleAdjustment(a.Date, a.Kind, a.Name) { Source = a.Source };
        }

        adjustments = map.ToFrozenDictionary();
    }

    /// <summary>A shared calendar with the default options.</summary>
    public static WorkingDayCalendar Default { get; } = new();

    /// <summary>Whether a day is a working day (ngày làm việc).</summary>
    /// <param name="day">The day, 1900-01-01 to 2199-12-31.</param>
    /// <returns><see langword="false"/> on weekly rest days (unless declared working), holidays and scheduled days off.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside the supported range.</exception>
    public bool IsWorkingDay(DateOnly day)
    {
        ThrowIfOutOfRange(day, nameof(day));
        return GetYear(day.Year).IsWorkingDay(day);
    }

    /// <summary>Finds the holiday, compensatory day or scheduled day off on a date.</summary>
    /// <param name="date">The day.</param>
    /// <param name="holiday">The day off, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the date is a named day off (plain weekends are not).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside the supported range.</exception>
    public bool TryGetHoliday(DateOnly date, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Holiday? holiday)
    {
        ThrowIfOutOfRange(date, nameof(date));
        return GetYear(date.Year).DaysOff.TryGetValue(date, out holiday);
    }

    /// <summary>Every named day off of a year, in date order: holidays (lunar ones included, also those on a weekend),
    /// compensatory days and scheduled days off. Days the schedule makes working days are left out.</summary>
    /// <param name="year">The year, 1900–2199.</param>
    /// <returns>The days off.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1900–2199.</exception>
    public IReadOnlyList<Holiday> GetHolidays(int year)
    {
        if (year < VietnameseLunarCalendar.MinSupportedDate.Year || year > VietnameseLunarCalendar.MaxSupportedDate.Year)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be between 1900 and 2199.");
        }

        return GetYear(year).Ordered;
    }

    /// <summary>The weekend days the schedule makes working days (ngày làm bù) in a year.</summary>
    /// <param name="year">The year, 1900–2199.</param>
    /// <returns>The adjustments of kind <see cref="ScheduleAdjustmentKind.WorkingDay"/> of that year, in date order.</returns>
    public IReadOnlyList<ScheduleAdjustment> GetScheduledWorkingDays(int year)
        => [.. adjustments.Values.Where(a => a.Date.Year == year && a.Kind == ScheduleAdjustmentKind.WorkingDay).OrderBy(a => a.Date)];

    /// <summary>The first working day strictly after a date.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The next working day.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date or the result is outside the supported range.</exception>
    public DateOnly NextWorkingDay(DateOnly date) => Step(date, 1);

    /// <summary>The last working day strictly before a date.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The previous working day.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date or the result is outside the supported range.</exception>
    public DateOnly PreviousWorkingDay(DateOnly date) => Step(date, -1);

    /// <summary>
    /// Adds working days: the result is the <paramref name="days"/>-th working day after <paramref name="start"/> (before it
    /// when negative). The start day itself is not counted, so Friday + 1 is the next Monday when Monday is working.
    /// Zero returns <paramref name="start"/> unchanged.
    /// </summary>
    /// <param name="start">The start day (need not be a working day).</param>
    /// <param name="days">The number of working days; negative counts backwards.</param>
    /// <returns>The day reached.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date or the result is outside the supported range.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ThrowIfOutOfRange(start, nameof(start));
        int direction = Math.Sign(days);
        var current = start;
        for (int remaining = Math.Abs(days); remaining > 0; remaining--)
        {
            current = Step(current, direction);
        }

        return current;
    }

    /// <summary>
    /// Counts the working days after <paramref name="start"/> up to and including <paramref name="end"/>; negative when
    /// <paramref name="end"/> is before <paramref name="start"/>. For a working day <c>end</c>,
    /// <c>AddWorkingDays(start, WorkingDaysBetween(start, end)) == end</c>.
    /// </summary>
    /// <param name="start">The first day (not counted).</param>
    /// <param name="end">The last day (counted when it is a working day).</param>
    /// <returns>The signed number of working days.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the supported range.</exception>
    public int WorkingDaysBetween(DateOnly start, DateOnly end)
    {
        ThrowIfOutOfRange(start, nameof(start));
        ThrowIfOutOfRange(end, nameof(end));
        if (end < start)
        {
            // Working days d with end <= d < start, counted backwards.
            int back = 0;
            for (var d = end; d < start; d = d.AddDays(1))
            {
                if (GetYear(d.Year).IsWorkingDay(d))
                {
                    back++;
                }
            }

            return -back;
        }

        int count = 0;
        for (var d = start.AddDays(1); d <= end; d = d.AddDays(1))
        {
            if (GetYear(d.Year).IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    private DateOnly Step(DateOnly date, int direction)
    {
        ThrowIfOutOfRange(date, nameof(date));
        var current = date;
        do
        {
            if ((direction > 0 && current == VietnameseLunarCalendar.MaxSupportedDate)
                || (direction < 0 && current == VietnameseLunarCalendar.MinSupportedDate))
            {
                throw new ArgumentOutOfRangeException(nameof(date), date, "The result would be outside the supported range 1900-01-01..2199-12-31.");
            }

            current = current.AddDays(direction);
        }
        while (!GetYear(current.Year).IsWorkingDay(current));

        return current;
    }

    private static void ThrowIfOutOfRange(DateOnly date, string paramName)
    {
        if (date < VietnameseLunarCalendar.MinSupportedDate || date > VietnameseLunarCalendar.MaxSupportedDate)
        {
            throw new ArgumentOutOfRangeException(paramName, date, "The date must be between 1900-01-01 and 2199-12-31.");
        }
    }

    private YearData GetYear(int year) => years.GetOrAdd(year, BuildYear);

    private bool IsWeekend(DateOnly date) => weekendDays.Contains(date.DayOfWeek);

    private YearData BuildYear(int year)
    {
        var statutory = new List<Holiday>();
        if (includeStatutory)
        {
            AddStatutory(year, statutory);
        }

        if (cultureDay && year >= cultureDayFromYear)
        {
            statutory.Add(new Holiday(new DateOnly(year, 11, 24), "Ngày Văn hóa Việt Nam (24/11)", HolidayKind.Optional));
        }

        // Every computed holiday of a year lies in that year (Tết days fall between 20 January and 24 February), so the
        // year can be built on its own; the filter below is only a safeguard.
        var daysOff = new Dictionary<DateOnly, Holiday>();
        foreach (var h in statutory.Where(h => h.Date.Year == year).OrderBy(h => h.Date))
        {
            daysOff.TryAdd(h.Date, h);
        }

        foreach (var a in adjustments.Values.Where(a => a.Date.Year == year && a.Kind == ScheduleAdjustmentKind.DayOff))
        {
            daysOff[a.Date] = new Holiday(a.Date, a.Name, HolidayKind.Scheduled);
        }

        if (compensate)
        {
            // Compensation (nghỉ bù) for holidays on weekly rest days, on the next day that is neither a rest day nor a day
            // off. A WorkingDay adjustment on that day cancels the compensation (the yearly schedule is authoritative).
            // Holidays never fall in late December, so nothing spills over into the next year.
            var candidates = statutory.Where(h => h.Date.Year == year).ToList();
            var taken = new HashSet<DateOnly>(daysOff.Keys);
            foreach (var h in candidates.OrderBy(h => h.Date))
            {
                if (!IsWeekend(h.Date)
                    || (adjustments.TryGetValue(h.Date, out var own) && own.Kind == ScheduleAdjustmentKind.WorkingDay))
                {
                    continue;
                }

                var d = h.Date.AddDays(1);
                while (IsWeekend(d) || taken.Contains(d))
                {
                    d = d.AddDays(1);
                }

                taken.Add(d);
                if (d.Year == year)
                {
                    daysOff.TryAdd(d, new Holiday(d, $"Nghỉ bù {BaseName(h.Name)}", HolidayKind.Compensatory));
                }
            }
        }

        foreach (var a in adjustments.Values.Where(a => a.Date.Year == year && a.Kind == ScheduleAdjustmentKind.WorkingDay))
        {
            daysOff.Remove(a.Date);
        }

        var working = adjustments.Values
            .Where(a => a.Date.Year == year && a.Kind == ScheduleAdjustmentKind.WorkingDay)
            .Select(a => a.Date)
            .ToFrozenSet();
        return new YearData(this, daysOff.ToFrozenDictionary(), working);
    }

    private static string BaseName(string name)
    {
        int paren = name.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private static void AddStatutory(int year, List<Holiday> list)
    {
        list.Add(new Holiday(new DateOnly(year, 1, 1), "Tết Dương lịch (1/1)", HolidayKind.Statutory));

        // Tết Nguyên đán: the last day of the previous lunar year and lunar 1/1..4/1 (5 days: Labour Code 2012 Art. 115
        // from 1 May 2013, kept by Labour Code 2019 Art. 112.1.b). Before that, 4 days: the last day and 1/1..3/1 [from
        // memory: Labour Code 1994 as amended in 2007].
        var tet = VietnameseLunarCalendar.GetNewYear(year);
        var eve = VietnameseLunarCalendar.ToLunar(tet.AddDays(-1));
        list.Add(new Holiday(tet.AddDays(-1), $"Tết Nguyên đán ({eve.Day} tháng Chạp, ngày cuối năm)", HolidayKind.Statutory));
        int newYearDays = year >= 2014 ? 4 : 3;
        for (int i = 0; i < newYearDays; i++)
        {
            list.Add(new Holiday(tet.AddDays(i), $"Tết Nguyên đán (mùng {i + 1} tháng Giêng)", HolidayKind.Statutory));
        }

        if (year >= 2007)
        {
            var hungKings = VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10));
            list.Add(new Holiday(hungKings, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", HolidayKind.Statutory));
        }

        list.Add(new Holiday(new DateOnly(year, 4, 30), "Ngày Chiến thắng (30/4)", HolidayKind.Statutory));
        list.Add(new Holiday(new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động (1/5)", HolidayKind.Statutory));

        var nationalDay = new DateOnly(year, 9, 2);
        list.Add(new Holiday(nationalDay, "Quốc khánh (2/9)", HolidayKind.Statutory));
        if (year >= 2021)
        {
            int adjacent = nationalDay.DayOfWeek switch
            {
                DayOfWeek.Monday or DayOfWeek.Thursday or DayOfWeek.Sunday => 3,
                _ => 1,
            };
            list.Add(new Holiday(new DateOnly(year, 9, adjacent), $"Quốc khánh (ngày liền kề {adjacent}/9)", HolidayKind.Statutory));
        }
    }

    private sealed class YearData(WorkingDayCalendar owner, FrozenDictionary<DateOnly, Holiday> daysOff, FrozenSet<DateOnly> working)
    {
        public FrozenDictionary<DateOnly, Holiday> DaysOff { get; } = daysOff;

        public IReadOnlyList<Holiday> Ordered { get; } = [.. daysOff.Values.OrderBy(h => h.Date)];

        public bool IsWorkingDay(DateOnly date)
            => working.Contains(date) || (!DaysOff.ContainsKey(date) && !owner.IsWeekend(date));
    }
}
