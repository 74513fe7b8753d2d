using EDoc.Registers.Calendar.Internal;

namespace EDoc.Registers.Calendar;

/// <summary>
/// The Vietnamese lunar calendar (âm lịch), computed at UTC+7 (meridian 105° E) from astronomical algorithms
/// (Jean Meeus, <i>Astronomical Algorithms</i>: true new moons, ch. 49; the Sun's apparent longitude, ch. 25).
/// </summary>
/// <remarks>
/// <para>Rules: a month starts on the day (Vietnam time) that contains the new moon (Sóc); month 11 contains the
/// winter solstice (Đông chí); when 13 lunations separate two month-11s, the first month after month 11 that contains
/// no major solar term (trung khí) is the leap month (tháng nhuận) and repeats the number of the month before it.</para>
/// <para>Because the Vietnamese calendar uses UTC+7 and the Chinese one UTC+8, the two differ when a new moon or a
/// major term falls between 23:00 and 24:00 Vietnam time: e.g. Tết 1985 was 21 January in Vietnam and 20 February in
/// China, and Tết 2007 was 17 February in Vietnam and 18 February in China. Do not use
/// <see cref="System.Globalization.ChineseLunisolarCalendar"/> for Vietnamese dates. Every year is computed at UTC+7;
/// calendars printed in (North) Vietnam before 1968 followed UTC+8, so a few historical dates (e.g. Tết 1903, 1935,
/// 1965) differ from what was printed then.</para>
/// <para>Accuracy: new moons to a few seconds (Meeus ch. 49), solar terms to about 15 minutes (ch. 25 low-accuracy
/// method), ΔT from the Espenak–Meeus polynomials; a day can only be wrong when a new moon or a major term falls within
/// minutes of midnight Vietnam time.</para>
/// <para>Supported range: Gregorian dates from 1900-01-01 to 2199-12-31. Results are deterministic and the months of
/// each year are computed once and cached; the class is thread-safe.</para>
/// </remarks>
public static class VietnameseLunarCalendar
{
    /// <summary>The first supported Gregorian date: 1900-01-01.</summary>
    public static readonly DateOnly MinSupportedDate = new(1900, 1, 1);

    /// <summary>The last supported Gregorian date: 2199-12-31.</summary>
    public static readonly DateOnly MaxSupportedDate = new(2199, 12, 31);

    /// <summary>Converts a Gregorian date to the Vietnamese lunar date.</summary>
    /// <param name="date">A date between <see cref="MinSupportedDate"/> and <see cref="MaxSupportedDate"/>.</param>
    /// <returns>The lunar date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside the supported range.</exception>
    public static LunarDate ToLunar(DateOnly date)
    {
        ThrowIfOutOfRange(date);
        var month = FindMonth(date.DayNumber, LunarYearTable.VietnamUtcOffsetHours);
        return new LunarDate(month.LunarYear, month.Month, date.DayNumber - month.StartDayNumber + 1, month.IsLeap);
    }

    /// <summary>Converts a Vietnamese lunar date to the Gregorian date.</summary>
    /// <param name="lunarDate">The lunar date.</param>
    /// <returns>The Gregorian date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The lunar date does not exist (a leap month the year does not
    /// have, day 30 of a 29-day month, the default value) or lies outside the supported range.</exception>
    public static DateOnly ToSolar(LunarDate lunarDate)
    {
        if (lunarDate.Month == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarDate), "The lunar date is the default value, not a date.");
        }

        if (lunarDate.Year < MinSupportedDate.Year - 1 || lunarDate.Year > MaxSupportedDate.Year)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lunarDate), lunarDate.Year, $"The lunar year must be between {MinSupportedDate.Year - 1} and {MaxSupportedDate.Year}.");
        }

        var month = FindMonth(lunarDate.Year, lunarDate.Month, lunarDate.IsLeapMonth)
            ?? throw new ArgumentOutOfRangeException(
                nameof(lunarDate), lunarDate, $"Lunar year {lunarDate.Year} has no leap month {lunarDate.Month}.");
        if (lunarDate.Day > month.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lunarDate), lunarDate, $"Lunar month {lunarDate.Month}{(lunarDate.IsLeapMonth ? " (leap)" : string.Empty)} of {lunarDate.Year} has {month.Length} days.");
        }

        var result = DateOnly.FromDayNumber(month.StartDayNumber + lunarDate.Day - 1);
        if (result < MinSupportedDate || result > MaxSupportedDate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lunarDate), lunarDate, $"The lunar date falls on {result:yyyy-MM-dd}, outside the supported range {MinSupportedDate:yyyy-MM-dd}..{MaxSupportedDate:yyyy-MM-dd}.");
        }

        return result;
    }

    /// <summary>Tries to convert a lunar date to the Gregorian date, without throwing for dates that do not exist.</summary>
    /// <param name="lunarDate">The lunar date.</param>
    /// <param name="date">The Gregorian date when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the lunar date exists and lies in the supported range.</returns>
    public static bool TryToSolar(LunarDate lunarDate, out DateOnly date)
    {
        date = default;
        if (lunarDate.Month == 0 || lunarDate.Year < MinSupportedDate.Year - 1 || lunarDate.Year > MaxSupportedDate.Year)
        {
            return false;
        }

        if (FindMonth(lunarDate.Year, lunarDate.Month, lunarDate.IsLeapMonth) is not { } month || lunarDate.Day > month.Length)
        {
            return false;
        }

        var result = DateOnly.FromDayNumber(month.StartDayNumber + lunarDate.Day - 1);
        if (result < MinSupportedDate || result > MaxSupportedDate)
        {
            return false;
        }

        date = result;
        return true;
    }

    /// <summary>The Gregorian date of Tết Nguyên đán (lunar 1/1) of a year.</summary>
    /// <param name="year">The Gregorian year, 1900–2199.</param>
    /// <returns>The first day of the lunar year.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1900–2199.</exception>
    public static DateOnly GetNewYear(int year)
    {
        ThrowIfYearOutOfRange(year);
        return ToSolar(new LunarDate(year, 1, 1));
    }

    /// <summary>The leap month (tháng nhuận) of a lunar year.</summary>
    /// <param name="lunarYear">The lunar year, 1900–2199.</param>
    /// <returns>The number of the month that is repeated (e.g. 6 for 2025), or 0 when the year has no leap month.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1900–2199.</exception>
    public static int GetLeapMonth(int lunarYear)
    {
        ThrowIfYearOutOfRange(lunarYear);
        foreach (var year in new[] { lunarYear, lunarYear + 1 })
        {
            foreach (var month in LunarYearTable.For(year).Months)
            {
                if (month.IsLeap && month.LunarYear == lunarYear)
                {
                    return month.Month;
                }
            }
        }

        return 0;
    }

    /// <summary>The number of days (29 or 30) of a lunar month.</summary>
    /// <param name="lunarYear">The lunar year, 1900–2199.</param>
    /// <param name="month">The month, 1–12.</param>
    /// <param name="isLeapMonth">Whether the leap month is meant.</param>
    /// <returns>29 or 30.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year or month is out of range, or the year has no such leap month.</exception>
    public static int GetDaysInMonth(int lunarYear, int month, bool isLeapMonth = false)
    {
        ThrowIfYearOutOfRange(lunarYear);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var info = FindMonth(lunarYear, month, isLeapMonth)
            ?? throw new ArgumentOutOfRangeException(nameof(isLeapMonth), $"Lunar year {lunarYear} has no leap month {month}.");
        return info.Length;
    }

    /// <summary>The month containing a day, for a calendar at the given UTC offset (8 gives the Chinese rules, for tests).</summary>
    internal static LunarMonthInfo FindMonth(int dayNumber, double utcOffsetHours)
    {
        int year = DateOnly.FromDayNumber(dayNumber).Year;
        var table = LunarYearTable.For(year + 1, utcOffsetHours);
        if (dayNumber < table.StartDayNumber)
        {
            table = LunarYearTable.For(year, utcOffsetHours);
        }

        var months = table.Months;
        for (int i = months.Count - 1; i >= 0; i--)
        {
            if (months[i].StartDayNumber <= dayNumber)
            {
                return months[i];
            }
        }

        // Unreachable: a suì starts on or before every day that is not in the next suì.
        throw new InvalidOperationException("Lunar month table is inconsistent.");
    }

    private static LunarMonthInfo? FindMonth(int lunarYear, int month, bool isLeap)
    {
        // Months 11 and 12 of lunar year Y open the suì closed by the solstice of Y+1; months 1–10 are in the suì of Y.
        var table = LunarYearTable.For(month >= 11 ? lunarYear + 1 : lunarYear);
        foreach (var info in table.Months)
        {
            if (info.LunarYear == lunarYear && info.Month == month && info.IsLeap == isLeap)
            {
                return info;
            }
        }

        return null;
    }

    private static void ThrowIfOutOfRange(DateOnly date)
    {
        if (date < MinSupportedDate || date > MaxSupportedDate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date), date, $"The date must be between {MinSupportedDate:yyyy-MM-dd} and {MaxSupportedDate:yyyy-MM-dd}.");
        }
    }

    private static void ThrowIfYearOutOfRange(int year)
    {
        if (year < MinSupportedDate.Year || year > MaxSupportedDate.Year)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year), year, $"The year must be between {MinSupportedDate.Year} and {MaxSupportedDate.Year}.");
        }
    }
}
