using System.Globalization;

namespace EDoc.Registers.Calendar;

/// <summary>
/// A date of the Vietnamese lunar calendar (âm lịch): day (ngày, 1–30), month (tháng, 1–12), leap-month flag
/// (tháng nhuận) and lunar year. The lunar year is numbered by the Gregorian year in which its first day (Tết
/// Nguyên đán) falls, so lunar 12/2025 can fall in January or February 2026.
/// </summary>
public readonly record struct LunarDate
{
    private static readonly string[] Stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"];
    private static readonly string[] Branches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"];

    /// <summary>Initializes a new lunar date. Whether the month exists in that year (length, leap month) is checked by
    /// <see cref="VietnameseLunarCalendar.ToSolar(LunarDate)"/>.</summary>
    /// <param name="year">The lunar year, e.g. 2026 for Bính Ngọ.</param>
    /// <param name="month">The month number, 1 (tháng Giêng) to 12 (tháng Chạp).</param>
    /// <param name="day">The day, 1 to 30.</param>
    /// <param name="isLeapMonth">Whether the month is the leap month (tháng nhuận) that repeats <paramref name="month"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The month is not 1–12 or the day is not 1–30.</exception>
    public LunarDate(int year, int month, int day, bool isLeapMonth = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 30);
        Year = year;
        Month = month;
        Day = day;
        IsLeapMonth = isLeapMonth;
    }

    /// <summary>The lunar year, numbered by the Gregorian year of its Tết.</summary>
    public int Year { get; }

    /// <summary>The month number, 1–12.</summary>
    public int Month { get; }

    /// <summary>The day of the month, 1–30.</summary>
    public int Day { get; }

    /// <summary>Whether the month is the leap month (tháng nhuận).</summary>
    public bool IsLeapMonth { get; }

    /// <summary>The sexagenary (Can Chi) name of the lunar year, e.g. <c>Bính Ngọ</c> for 2026.</summary>
    public string YearName => GetYearName(Year);

    /// <summary>Deconstructs the date into its parts.</summary>
    /// <param name="year">The lunar year.</param>
    /// <param name="month">The month, 1–12.</param>
    /// <param name="day">The day, 1–30.</param>
    /// <param name="isLeapMonth">Whether the month is the leap month.</param>
    public void Deconstruct(out int year, out int month, out int day, out bool isLeapMonth)
    {
        year = Year;
        month = Month;
        day = Day;
        isLeapMonth = IsLeapMonth;
    }

    /// <summary>The sexagenary (Can Chi) name of a lunar year: heavenly stem (can) and earthly branch (chi).</summary>
    /// <param name="lunarYear">The lunar year, e.g. 2026.</param>
    /// <returns>For example <c>Bính Ngọ</c> (2026), <c>Giáp Tý</c> (1984).</returns>
    public static string GetYearName(int lunarYear)
        => $"{Stems[Mod(lunarYear + 6, 10)]} {Branches[Mod(lunarYear + 8, 12)]}";

    /// <summary>Formats as <c>day/month/year</c>, with <c> nhuận</c> after a leap month, e.g. <c>15/4 nhuận/2020</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Day}/{Month}{(IsLeapMonth ? " nhuận" : string.Empty)}/{Year}");

    private static int Mod(int value, int modulus)
    {
        int r = value % modulus;
        return r < 0 ? r + modulus : r;
    }
}
