using System.Collections.Concurrent;

namespace EDoc.Registers.Calendar.Internal;

/// <summary>One lunar month: the day it starts, its number, whether it is the leap month, and its lunar year.</summary>
/// <param name="StartDayNumber">The <see cref="DateOnly.DayNumber"/> of day 1 (mùng 1).</param>
/// <param name="Month">1..12.</param>
/// <param name="IsLeap">Whether this is the leap month (tháng nhuận).</param>
/// <param name="LunarYear">The lunar year the month belongs to (the Gregorian year of its Tết).</param>
/// <param name="Length">29 or 30 days.</param>
internal readonly record struct LunarMonthInfo(int StartDayNumber, int Month, bool IsLeap, int LunarYear, int Length);

/// <summary>
/// The months of one "suì": from the month containing the winter solstice (Đông chí) of year Y−1 (month 11) up to,
/// but not including, the month containing the winter solstice of year Y. Built from the rules of the Vietnamese
/// calendar at UTC+7: a month starts on the local day of the new moon (Sóc); month 11 contains the winter solstice;
/// when 13 months lie between two month-11s, the first of them (after the first month 11) without a major solar term
/// (trung khí, a multiple of 30° of solar longitude) is the leap month and repeats the previous month's number.
/// </summary>
internal sealed class LunarYearTable
{
    /// <summary>The UTC offset of the Vietnamese calendar (meridian 105° E).</summary>
    public const double VietnamUtcOffsetHours = 7.0;

    private static readonly ConcurrentDictionary<(int Year, double Offset), LunarYearTable> Cache = new();

    private LunarYearTable(int solsticeYear, LunarMonthInfo[] months, int endDayNumber)
    {
        SolsticeYear = solsticeYear;
        Months = months;
        EndDayNumber = endDayNumber;
    }

    /// <summary>The year Y whose winter solstice closes this suì.</summary>
    public int SolsticeYear { get; }

    /// <summary>The 12 or 13 months of the suì in order, the first being month 11 of lunar year Y−1.</summary>
    public IReadOnlyList<LunarMonthInfo> Months { get; }

    /// <summary>The first day of the month 11 that starts the next suì.</summary>
    public int EndDayNumber { get; }

    /// <summary>The first day of this suì (month 11 of lunar year Y−1).</summary>
    public int StartDayNumber => Months[0].StartDayNumber;

    /// <summary>The table of the suì closed by the winter solstice of <paramref name="year"/>, cached.</summary>
    /// <param name="year">The Gregorian year of the closing solstice.</param>
    /// <param name="utcOffsetHours">The civil time of the calendar: 7 for Vietnam, 8 for China.</param>
    /// <returns>The months.</returns>
    public static LunarYearTable For(int year, double utcOffsetHours = VietnamUtcOffsetHours)
        => Cache.GetOrAdd((year, utcOffsetHours), static key => Build(key.Year, key.Offset));

    private static LunarYearTable Build(int year, double offset)
    {
        // Local dates of the 13 major solar terms from the solstice of Y-1 (270°) to the solstice of Y (270°).
        var terms = new int[13];
        double estimate = MeeusAstronomy.JulianDayAtMidnight(new DateOnly(year - 1, 12, 21).DayNumber);
        for (int i = 0; i <= 12; i++)
        {
            double longitude = (270 + (30 * i)) % 360;
            double jde = MeeusAstronomy.SolarLongitudeTime(longitude, estimate);
            terms[i] = MeeusAstronomy.LocalDayNumber(jde, offset);
            estimate = jde + 30.44;
        }

        // Month starts: from the month containing the first solstice to the month containing the second one, inclusive.
        int k = MeeusAstronomy.LunationAtOrBefore(MeeusAstronomy.JulianDayAtMidnight(terms[0])) - 1;
        while (NewMoonDay(k + 1, offset) <= terms[0])
        {
            k++;
        }

        while (NewMoonDay(k, offset) > terms[0])
        {
            k--;
        }

        var starts = new List<int>(15) { NewMoonDay(k, offset) };
        while (true)
        {
            int next = NewMoonDay(++k, offset);
            if (next > terms[12])
            {
                break;
            }

            starts.Add(next);
        }

        // starts[^1] is month 11 of the next suì; the months of this suì are starts[0..^1].
        int count = starts.Count - 1;
        int leapIndex = -1;
        if (count == 13)
        {
            for (int i = 1; i < count; i++)
            {
                int from = starts[i];
                int to = starts[i + 1];
                if (!Array.Exists(terms, t => t >= from && t < to))
                {
                    leapIndex = i;
                    break;
                }
            }
        }

        var months = new LunarMonthInfo[count];
        int number = 10;
        bool seenFirstMonth = false;
        for (int i = 0; i < count; i++)
        {
            bool isLeap = i == leapIndex;
            if (!isLeap)
            {
                number = (number % 12) + 1;
            }

            if (number == 1 && !isLeap)
            {
                seenFirstMonth = true;
            }

            months[i] = new LunarMonthInfo(starts[i], number, isLeap, seenFirstMonth ? year : year - 1, starts[i + 1] - starts[i]);
        }

        return new LunarYearTable(year, months, starts[^1]);
    }

    private static int NewMoonDay(int k, double offset) => MeeusAstronomy.LocalDayNumber(MeeusAstronomy.TrueNewMoon(k), offset);
}
