using System.Globalization;
using EDoc.Registers.Calendar;
using EDoc.Registers.Calendar.Internal;

namespace EDoc.Registers.Tests.Calendar;

public class VietnameseLunarCalendarTests
{
    /// <summary>
    /// Tết Nguyên đán (lunar 1/1) in Vietnam, 1990–2050, as published in Vietnamese calendars (lịch vạn niên). The
    /// Vietnamese dates differ from the Chinese New Year in 2007 (17 Feb vs 18 Feb) and 2030 (2 Feb vs 3 Feb) because
    /// Vietnam computes at UTC+7; the table is cross-checked below by its own properties and against .NET's Chinese
    /// calendar (an independent, table-based source).
    /// </summary>
    public static readonly IReadOnlyDictionary<int, DateOnly> PublishedTet = new Dictionary<int, DateOnly>
    {
        [1990] = new(1990, 1, 27), [1991] = new(1991, 2, 15), [1992] = new(1992, 2, 4), [1993] = new(1993, 1, 23),
        [1994] = new(1994, 2, 10), [1995] = new(1995, 1, 31), [1996] = new(1996, 2, 19), [1997] = new(1997, 2, 7),
        [1998] = new(1998, 1, 28), [1999] = new(1999, 2, 16), [2000] = new(2000, 2, 5), [2001] = new(2001, 1, 24),
        [2002] = new(2002, 2, 12), [2003] = new(2003, 2, 1), [2004] = new(2004, 1, 22), [2005] = new(2005, 2, 9),
        [2006] = new(2006, 1, 29), [2007] = new(2007, 2, 17), [2008] = new(2008, 2, 7), [2009] = new(2009, 1, 26),
        [2010] = new(2010, 2, 14), [2011] = new(2011, 2, 3), [2012] = new(2012, 1, 23), [2013] = new(2013, 2, 10),
        [2014] = new(2014, 1, 31), [2015] = new(2015, 2, 19), [2016] = new(2016, 2, 8), [2017] = new(2017, 1, 28),
        [2018] = new(2018, 2, 16), [2019] = new(2019, 2, 5), [2020] = new(2020, 1, 25), [2021] = new(2021, 2, 12),
        [2022] = new(2022, 2, 1), [2023] = new(2023, 1, 22), [2024] = new(2024, 2, 10), [2025] = new(2025, 1, 29),
        [2026] = new(2026, 2, 17), [2027] = new(2027, 2, 6), [2028] = new(2028, 1, 26), [2029] = new(2029, 2, 13),
        [2030] = new(2030, 2, 2), [2031] = new(2031, 1, 23), [2032] = new(2032, 2, 11), [2033] = new(2033, 1, 31),
        [2034] = new(2034, 2, 19), [2035] = new(2035, 2, 8), [2036] = new(2036, 1, 28), [2037] = new(2037, 2, 15),
        [2038] = new(2038, 2, 4), [2039] = new(2039, 1, 24), [2040] = new(2040, 2, 12), [2041] = new(2041, 2, 1),
        [2042] = new(2042, 1, 22), [2043] = new(2043, 2, 10), [2044] = new(2044, 1, 30), [2045] = new(2045, 2, 17),
        [2046] = new(2046, 2, 6), [2047] = new(2047, 1, 26), [2048] = new(2048, 2, 14), [2049] = new(2049, 2, 2),
        [2050] = new(2050, 1, 23),
    };

    public static TheoryData<int> TetYears() => new(Enumerable.Range(1990, 61));

    [Theory]
    [MemberData(nameof(TetYears))]
    public void GetNewYear_PublishedTet1990To2050_Matches(int year)
    {
        var expected = PublishedTet[year];

        var actual = VietnameseLunarCalendar.GetNewYear(year);

        Assert.Equal(expected, actual);
        Assert.Equal(new LunarDate(year, 1, 1), VietnameseLunarCalendar.ToLunar(expected));
        var eve = VietnameseLunarCalendar.ToLunar(expected.AddDays(-1));
        Assert.Equal(year - 1, eve.Year);
        Assert.Equal(12, eve.Month);
        Assert.Contains(eve.Day, new[] { 29, 30 });
    }

    [Fact]
    public void PublishedTetTable_Properties_AreConsistent()
    {
        // The table itself is checked: 61 years, Tết between 21 January and 20 February, consecutive lunar years of
        // 353–355 (common) or 383–385 (leap) days.
        Assert.Equal(61, PublishedTet.Count);
        foreach (var (year, date) in PublishedTet)
        {
            Assert.Equal(year, date.Year);
            Assert.InRange(date, new DateOnly(year, 1, 21), new DateOnly(year, 2, 20));
            if (PublishedTet.TryGetValue(year + 1, out var next))
            {
                int length = next.DayNumber - date.DayNumber;
                Assert.True(length is >= 353 and <= 355 or >= 383 and <= 385, $"Lunar year {year} would have {length} days.");
            }
        }
    }

    [Fact]
    public void GetNewYear_ComparedWithChineseCalendar_DiffersOnlyIn2007And2030()
    {
        // .NET's ChineseLunisolarCalendar (UTC+8 rules, table-based) is an independent judge: Vietnam and China agree
        // on Tết except where a new moon falls between 23:00 and 24:00 Vietnam time.
        var chinese = new ChineseLunisolarCalendar();
        var differences = new List<int>();

        for (int year = 1990; year <= 2050; year++)
        {
            var chineseNewYear = DateOnly.FromDateTime(chinese.ToDateTime(year, 1, 1, 0, 0, 0, 0));
            var vietnamese = VietnameseLunarCalendar.GetNewYear(year);
            if (chineseNewYear != vietnamese)
            {
                differences.Add(year);
                Assert.Equal(chineseNewYear.AddDays(-1), vietnamese);
            }
        }

        Assert.Equal(new[] { 2007, 2030 }, differences);
    }

    [Fact]
    public void Engine_AtUtcPlus8_ReproducesChineseCalendarDayByDay()
    {
        // The same engine at UTC+8 must reproduce the Chinese calendar (every day, month number, leap month) from 1921
        // to 2056; 1914–1920 used Beijing local time and 2057 has a new moon within seconds of midnight.
        var chinese = new ChineseLunisolarCalendar();
        for (var d = new DateOnly(1921, 3, 1); d < new DateOnly(2056, 12, 1); d = d.AddDays(1))
        {
            var dt = d.ToDateTime(TimeOnly.MinValue);
            int year = chinese.GetYear(dt);
            int index = chinese.GetMonth(dt);
            int leap = chinese.GetLeapMonth(year);
            bool isLeap = leap > 0 && index == leap;
            int month = leap > 0 && index >= leap ? index - 1 : index;

            var info = VietnameseLunarCalendar.FindMonth(d.DayNumber, 8);

            Assert.True(
                info.LunarYear == year && info.Month == month && info.IsLeap == isLeap && d.DayNumber - info.StartDayNumber + 1 == chinese.GetDayOfMonth(dt),
                $"{d:yyyy-MM-dd}: engine {info.LunarYear}/{info.Month}{(info.IsLeap ? "L" : string.Empty)}, Chinese {year}/{month}{(isLeap ? "L" : string.Empty)}");
        }
    }

    [Theory]
    [InlineData(2020, 4)]
    [InlineData(2023, 2)]
    [InlineData(2025, 6)]
    [InlineData(2028, 5)]
    [InlineData(2033, 11)]
    [InlineData(1985, 2)]
    [InlineData(1984, 0)]
    [InlineData(2024, 0)]
    [InlineData(2026, 0)]
    public void GetLeapMonth_KnownYears_ReturnsLeapMonth(int year, int expected)
    {
        Assert.Equal(expected, VietnameseLunarCalendar.GetLeapMonth(year));
    }

    [Theory]
    [InlineData("2020-05-23", 2020, 4, 1, true)]
    [InlineData("2020-05-22", 2020, 4, 30, false)]
    [InlineData("2023-03-22", 2023, 2, 1, true)]
    [InlineData("2025-07-25", 2025, 6, 1, true)]
    [InlineData("2026-02-14", 2025, 12, 27, false)]
    [InlineData("2026-02-16", 2025, 12, 29, false)]
    [InlineData("2026-02-22", 2026, 1, 6, false)]
    // The 2026 rows are from the published Tết 2026 schedule: Sat 14/02 = 27 tháng Chạp Ất Tỵ, Mon 16/02 = 29 tháng
    // Chạp (the last day: month 12 has 29 days), Sun 22/02 = mùng 6 tháng Giêng Bính Ngọ.
    public void ToLunar_KnownDates_ReturnsLunarDate(string date, int year, int month, int day, bool leap)
    {
        var lunar = VietnameseLunarCalendar.ToLunar(DateOnly.Parse(date, CultureInfo.InvariantCulture));

        Assert.Equal(new LunarDate(year, month, day, leap), lunar);
    }

    [Fact]
    public void ToLunar_1985_UsesUtcPlus7NotChina()
    {
        // Tết Ất Sửu 1985: 21 January in Vietnam, 20 February in China (China had a leap 10th month in 1984, Vietnam a
        // leap 2nd month in 1985).
        var chinese = new ChineseLunisolarCalendar();

        Assert.Equal(new DateOnly(1985, 1, 21), VietnameseLunarCalendar.GetNewYear(1985));
        Assert.Equal(new DateOnly(1985, 2, 20), DateOnly.FromDateTime(chinese.ToDateTime(1985, 1, 1, 0, 0, 0, 0)));
        Assert.Equal(11, chinese.GetLeapMonth(1984));
        Assert.Equal(new LunarDate(1985, 1, 1), VietnameseLunarCalendar.ToLunar(new DateOnly(1985, 1, 21)));
    }

    [Fact]
    public void ToLunar_2033WinterSolstice_InMonth11AndLeap11Follows()
    {
        // The "2033 problem": the leap month is the 11th (after the solstice), not the 7th.
        var solstice = VietnameseLunarCalendar.ToLunar(new DateOnly(2033, 12, 21));
        var leapStart = VietnameseLunarCalendar.ToSolar(new LunarDate(2033, 11, 1, isLeapMonth: true));

        Assert.Equal(11, solstice.Month);
        Assert.False(solstice.IsLeapMonth);
        Assert.True(leapStart > new DateOnly(2033, 12, 21));
        Assert.Equal(new LunarDate(2033, 11, 1, true), VietnameseLunarCalendar.ToLunar(leapStart));
        Assert.Equal(12, VietnameseLunarCalendar.ToLunar(VietnameseLunarCalendar.GetNewYear(2034).AddDays(-1)).Month);
    }

    [Theory]
    [InlineData(2021, "2021-04-21")]
    [InlineData(2022, "2022-04-10")]
    [InlineData(2023, "2023-04-29")]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void ToSolar_HungKingsDay_ReturnsPublishedDate(int year, string expected)
    {
        var date = VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10));

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), date);
    }

    [Fact]
    public void ToSolarToLunar_EveryDay1990To2050_RoundTripsAndAdvancesByOneDay()
    {
        var previous = VietnameseLunarCalendar.ToLunar(new DateOnly(1989, 12, 31));
        for (var d = new DateOnly(1990, 1, 1); d <= new DateOnly(2050, 12, 31); d = d.AddDays(1))
        {
            var lunar = VietnameseLunarCalendar.ToLunar(d);

            Assert.Equal(d, VietnameseLunarCalendar.ToSolar(lunar));
            if (lunar.Day == 1)
            {
                Assert.Contains(previous.Day, new[] { 29, 30 });
                Assert.Equal(previous.Day, VietnameseLunarCalendar.GetDaysInMonth(previous.Year, previous.Month, previous.IsLeapMonth));
            }
            else
            {
                Assert.Equal((previous.Year, previous.Month, previous.IsLeapMonth, previous.Day + 1), (lunar.Year, lunar.Month, lunar.IsLeapMonth, lunar.Day));
            }

            previous = lunar;
        }
    }

    [Fact]
    public void ToLunar_RangeEnds_Work()
    {
        Assert.Equal(VietnameseLunarCalendar.MinSupportedDate, VietnameseLunarCalendar.ToSolar(VietnameseLunarCalendar.ToLunar(VietnameseLunarCalendar.MinSupportedDate)));
        Assert.Equal(VietnameseLunarCalendar.MaxSupportedDate, VietnameseLunarCalendar.ToSolar(VietnameseLunarCalendar.ToLunar(VietnameseLunarCalendar.MaxSupportedDate)));
        Assert.Equal(1899, VietnameseLunarCalendar.ToLunar(new DateOnly(1900, 1, 1)).Year);
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    public void ToLunar_OutOfRange_Throws(string date)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToLunar(DateOnly.Parse(date, CultureInfo.InvariantCulture)));

        Assert.Equal("date", ex.ParamName);
    }

    [Fact]
    public void ToSolar_LeapMonthTheYearLacks_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2024, 4, 1, isLeapMonth: true)));
        Assert.False(VietnameseLunarCalendar.TryToSolar(new LunarDate(2024, 4, 1, isLeapMonth: true), out _));
    }

    [Fact]
    public void ToSolar_Day30OfShortMonth_Throws()
    {
        // Month 12 of Giáp Thìn (2024) has 29 days: Tết Ất Tỵ is 29 January 2025, the month began 31 December 2024.
        Assert.Equal(29, VietnameseLunarCalendar.GetDaysInMonth(2024, 12));

        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(new LunarDate(2024, 12, 30)));
    }

    [Fact]
    public void ToSolar_DefaultValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(default));
        Assert.False(VietnameseLunarCalendar.TryToSolar(default, out _));
    }

    [Theory]
    [InlineData(2024, 13, 1)]
    [InlineData(2024, 0, 1)]
    [InlineData(2024, 1, 31)]
    [InlineData(2024, 1, 0)]
    public void LunarDate_InvalidFields_Throws(int year, int month, int day)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LunarDate(year, month, day));
    }

    [Theory]
    [InlineData(2026, "Bính Ngọ")]
    [InlineData(2025, "Ất Tỵ")]
    [InlineData(1984, "Giáp Tý")]
    [InlineData(1945, "Ất Dậu")]
    [InlineData(1968, "Mậu Thân")]
    public void YearName_KnownYears_ReturnsCanChi(int year, string expected)
    {
        Assert.Equal(expected, new LunarDate(year, 1, 1).YearName);
    }

    [Fact]
    public void ToString_LeapMonth_MarksNhuan()
    {
        Assert.Equal("15/4 nhuận/2020", new LunarDate(2020, 4, 15, true).ToString());
        Assert.Equal("1/1/2026", new LunarDate(2026, 1, 1).ToString());
    }

    [Fact]
    public void TrueNewMoon_MeeusExample49a_MatchesBook()
    {
        // Meeus, Astronomical Algorithms, example 49.a: the new moon of February 1977 (k = -283), JDE 2443192.65118.
        Assert.Equal(2443192.65118, MeeusAstronomy.TrueNewMoon(-283), 0.00002);
    }

    [Fact]
    public void SunApparentLongitude_MeeusExample25a_MatchesBook()
    {
        // Meeus, example 25.a: 1992 October 13.0 TD, apparent longitude 199.90895 degrees (low-accuracy method).
        Assert.Equal(199.90895, MeeusAstronomy.SunApparentLongitude(2448908.5), 0.00005);
    }

    [Theory]
    [InlineData(2026, "2026-03-20")]
    [InlineData(2026, "2026-06-21")]
    [InlineData(2026, "2026-12-22")]
    public void SolarLongitudeTime_EquinoxAndSolstices2026_FallOnPublishedVietnamDates(int year, string expected)
    {
        // March equinox 2026-03-20 14:46 UTC, June solstice 2026-06-21 08:24 UTC, December solstice 2026-12-21 20:50 UTC
        // (= 22 December 03:50 in Vietnam).
        var date = DateOnly.Parse(expected, CultureInfo.InvariantCulture);
        double longitude = date.Month switch { 3 => 0, 6 => 90, _ => 270 };

        double jde = MeeusAstronomy.SolarLongitudeTime(longitude, MeeusAstronomy.JulianDayAtMidnight(new DateOnly(year, date.Month, 15).DayNumber));

        Assert.Equal(date.DayNumber, MeeusAstronomy.LocalDayNumber(jde, 7));
    }
}
