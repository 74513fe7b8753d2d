using System.Globalization;
using EDoc.Registers.Calendar;

namespace EDoc.Registers.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static WorkingDayCalendar WithoutSchedules() => new(new WorkingCalendarOptions { IncludeEmbeddedSchedules = false });

    [Fact]
    public void AddWorkingDays_FridayBeforeTet2026_SkipsWholeBreak()
    {
        var result = WorkingDayCalendar.Default.AddWorkingDays(D("2026-02-13"), 1);

        Assert.Equal(D("2026-02-23"), result);
    }

    [Fact]
    public void IsWorkingDay_Tet2026Break_AllDaysOff()
    {
        // Published schedule: civil servants off from Sat 14/02/2026 to Sun 22/02/2026 (9 days).
        var calendar = WorkingDayCalendar.Default;

        Assert.True(calendar.IsWorkingDay(D("2026-02-13")));
        for (var d = D("2026-02-14"); d <= D("2026-02-22"); d = d.AddDays(1))
        {
            Assert.False(calendar.IsWorkingDay(d), $"{d:yyyy-MM-dd} should be off");
        }

        Assert.True(calendar.IsWorkingDay(D("2026-02-23")));
    }

    [Fact]
    public void IsWorkingDay_Tet2025Break_AllDaysOffAndThirdFebruaryWorked()
    {
        // Published schedule: off from Sat 25/01/2025 to Sun 02/02/2025 (9 days).
        var calendar = WorkingDayCalendar.Default;

        Assert.True(calendar.IsWorkingDay(D("2025-01-24")));
        for (var d = D("2025-01-25"); d <= D("2025-02-02"); d = d.AddDays(1))
        {
            Assert.False(calendar.IsWorkingDay(d), $"{d:yyyy-MM-dd} should be off");
        }

        Assert.True(calendar.IsWorkingDay(D("2025-02-03")));
        Assert.True(calendar.IsWorkingDay(D("2025-02-04")));
    }

    [Fact]
    public void IsWorkingDay_April2025Swap_SaturdayWorkedAndSecondMayOff()
    {
        var calendar = WorkingDayCalendar.Default;

        Assert.True(calendar.IsWorkingDay(D("2025-04-26")));
        for (var d = D("2025-04-30"); d <= D("2025-05-04"); d = d.AddDays(1))
        {
            Assert.False(calendar.IsWorkingDay(d));
        }

        Assert.True(calendar.TryGetHoliday(D("2025-05-02"), out var swap));
        Assert.Equal(HolidayKind.Scheduled, swap.Kind);
        Assert.Contains(calendar.GetScheduledWorkingDays(2025), a => a.Date == D("2025-04-26"));
    }

    [Fact]
    public void IsWorkingDay_NewYear2026Swap_FridayOffAndTenthJanuaryWorked()
    {
        var calendar = WorkingDayCalendar.Default;

        Assert.False(calendar.IsWorkingDay(D("2026-01-01")));
        Assert.False(calendar.IsWorkingDay(D("2026-01-02")));
        Assert.True(calendar.IsWorkingDay(D("2026-01-10")));
        Assert.False(WithoutSchedules().IsWorkingDay(D("2026-01-10")));
        Assert.True(WithoutSchedules().IsWorkingDay(D("2026-01-02")));
    }

    [Fact]
    public void GetHolidays_2026_ListsLunarAndSolarHolidaysWithNames()
    {
        var holidays = WorkingDayCalendar.Default.GetHolidays(2026);

        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Contains(holidays, h => h.Date == D("2026-01-01") && h.Name.Contains("Tết Dương lịch", StringComparison.Ordinal));
        Assert.Equal(
            new[] { D("2026-02-16"), D("2026-02-17"), D("2026-02-18"), D("2026-02-19"), D("2026-02-20") },
            holidays.Where(h => h.Name.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)).Select(h => h.Date));
        Assert.Contains(holidays, h => h.Date == D("2026-04-26") && h.Name.StartsWith("Giỗ Tổ Hùng Vương", StringComparison.Ordinal) && h.Kind == HolidayKind.Statutory);
        Assert.Contains(holidays, h => h.Date == D("2026-04-27") && h.Kind == HolidayKind.Compensatory && h.Name.Contains("Giỗ Tổ", StringComparison.Ordinal));
        Assert.Contains(holidays, h => h.Date == D("2026-04-30"));
        Assert.Contains(holidays, h => h.Date == D("2026-05-01"));
        Assert.Contains(holidays, h => h.Date == D("2026-09-01") && h.Name.StartsWith("Quốc khánh", StringComparison.Ordinal));
        Assert.Contains(holidays, h => h.Date == D("2026-09-02") && h.Name.StartsWith("Quốc khánh", StringComparison.Ordinal));
        Assert.DoesNotContain(holidays, h => h.Date == D("2026-09-03"));
        Assert.All(holidays, h => Assert.False(string.IsNullOrWhiteSpace(h.Name)));
    }

    [Fact]
    public void GetHolidays_2023WithoutSchedules_CompensatesWeekendHolidaysInOrder()
    {
        // 2023: Giỗ Tổ Sat 29/04 and 30/04 Sun -> Tue 02/05 and Wed 03/05 (Mon 01/05 is itself a holiday); 2/9 Sat -> Mon 04/09.
        var holidays = WithoutSchedules().GetHolidays(2023);

        var compensatory = holidays.Where(h => h.Kind == HolidayKind.Compensatory).Select(h => h.Date).ToList();

        Assert.Contains(D("2023-05-02"), compensatory);
        Assert.Contains(D("2023-05-03"), compensatory);
        Assert.Contains(D("2023-09-04"), compensatory);
        Assert.Contains(D("2023-01-02"), compensatory);
        Assert.DoesNotContain(D("2023-05-01"), compensatory);
    }

    [Fact]
    public void GetHolidays_CompensationDisabled_NoCompensatoryDays()
    {
        var calendar = new WorkingDayCalendar(new WorkingCalendarOptions { IncludeEmbeddedSchedules = false, CompensateWeekendHolidays = false });

        Assert.DoesNotContain(calendar.GetHolidays(2023), h => h.Kind == HolidayKind.Compensatory);
        Assert.True(calendar.IsWorkingDay(D("2023-05-02")));
    }

    [Theory]
    [InlineData(2021, 3)]
    [InlineData(2022, 1)]
    [InlineData(2024, 3)]
    [InlineData(2025, 1)]
    [InlineData(2027, 3)]
    public void GetHolidays_NationalDayAdjacent_FollowsDefaultRule(int year, int adjacentDay)
    {
        var holidays = WithoutSchedules().GetHolidays(year);

        Assert.Contains(holidays, h => h.Date == new DateOnly(year, 9, adjacentDay) && h.Kind == HolidayKind.Statutory);
    }

    [Theory]
    [InlineData(2012, 4)]
    [InlineData(2014, 5)]
    [InlineData(2030, 5)]
    public void GetHolidays_TetLength_FollowsLabourCodeOfTheYear(int year, int expectedDays)
    {
        var tetDays = WithoutSchedules().GetHolidays(year).Where(h => h.Kind == HolidayKind.Statutory && h.Name.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)).ToList();

        Assert.Equal(expectedDays, tetDays.Count);
        Assert.Equal(VietnameseLunarCalendar.GetNewYear(year).AddDays(-1), tetDays[0].Date);
        Assert.Contains("tháng Chạp", tetDays[0].Name, StringComparison.Ordinal);
    }

    [Fact]
    public void GetHolidays_Before2021_NationalDayHasOneDay()
    {
        var holidays = WithoutSchedules().GetHolidays(2019);

        Assert.Single(holidays, h => h.Name.StartsWith("Quốc khánh", StringComparison.Ordinal));
    }

    [Fact]
    public void GetHolidays_EveryYear_HasTetAndHungKingsOnLunarDates()
    {
        var calendar = WithoutSchedules();
        for (int year = 2007; year <= 2060; year++)
        {
            var holidays = calendar.GetHolidays(year);
            var tet = VietnameseLunarCalendar.GetNewYear(year);

            Assert.Contains(holidays, h => h.Date == tet && h.Kind == HolidayKind.Statutory);
            Assert.Contains(holidays, h => h.Date == tet.AddDays(-1) && h.Kind == HolidayKind.Statutory);
            var hungKings = holidays.Single(h => h.Name.StartsWith("Giỗ Tổ Hùng Vương (", StringComparison.Ordinal));
            Assert.Equal(new LunarDate(year, 3, 10), VietnameseLunarCalendar.ToLunar(hungKings.Date));
        }
    }

    [Fact]
    public void Options_ConfiguredAdjustments_OverrideAndExtend()
    {
        var options = new WorkingCalendarOptions();
        options.Adjustments.Add(new ScheduleAdjustment(D("2027-05-03"), ScheduleAdjustmentKind.DayOff, "Nghỉ hoán đổi (làm bù thứ Bảy 08/05/2027)"));
        options.Adjustments.Add(new ScheduleAdjustment(D("2027-05-08"), ScheduleAdjustmentKind.WorkingDay, "Làm bù"));
        options.Adjustments.Add(new ScheduleAdjustment(D("2026-01-10"), ScheduleAdjustmentKind.DayOff, "Override of the embedded working Saturday"));
        var calendar = new WorkingDayCalendar(options);

        Assert.False(calendar.IsWorkingDay(D("2027-05-03")));
        Assert.True(calendar.IsWorkingDay(D("2027-05-08")));
        Assert.False(calendar.IsWorkingDay(D("2026-01-10")));
        Assert.True(calendar.TryGetHoliday(D("2027-05-03"), out var holiday));
        Assert.Equal("Nghỉ hoán đổi (làm bù thứ Bảy 08/05/2027)", holiday.Name);
    }

    [Fact]
    public void Options_ChangedAfterConstruction_DoNotAffectCalendar()
    {
        var options = new WorkingCalendarOptions();
        var calendar = new WorkingDayCalendar(options);

        options.Adjustments.Add(new ScheduleAdjustment(D("2027-06-01"), ScheduleAdjustmentKind.DayOff, "Late"));
        options.WeekendDays.Clear();

        Assert.True(calendar.IsWorkingDay(D("2027-06-01")));
        Assert.False(calendar.IsWorkingDay(D("2027-06-05")));
    }

    [Fact]
    public void Options_SundayOnlyWeekend_SaturdayIsWorking()
    {
        var options = new WorkingCalendarOptions();
        options.WeekendDays.Remove(DayOfWeek.Saturday);
        var calendar = new WorkingDayCalendar(options);

        Assert.True(calendar.IsWorkingDay(D("2027-06-05")));
        Assert.False(calendar.IsWorkingDay(D("2027-06-06")));
        Assert.Equal(D("2027-06-05"), calendar.AddWorkingDays(D("2027-06-04"), 1));
    }

    [Fact]
    public void Options_AllDaysWeekend_Throws()
    {
        var options = new WorkingCalendarOptions();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            options.WeekendDays.Add(day);
        }

        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(options));
    }

    [Fact]
    public void Options_AdjustmentWithoutName_Throws()
    {
        var options = new WorkingCalendarOptions();
        options.Adjustments.Add(new ScheduleAdjustment { Date = D("2027-01-04") });

        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(options));
    }

    [Fact]
    public void Options_VietnamCultureDay_OptIn()
    {
        var optIn = new WorkingDayCalendar(new WorkingCalendarOptions { IncludeVietnamCultureDay = true });

        Assert.True(WorkingDayCalendar.Default.IsWorkingDay(D("2026-11-24")));
        Assert.False(optIn.IsWorkingDay(D("2026-11-24")));
        Assert.True(optIn.TryGetHoliday(D("2026-11-24"), out var day));
        Assert.Equal(HolidayKind.Optional, day.Kind);
        Assert.True(optIn.IsWorkingDay(D("2025-11-24")));
    }

    [Fact]
    public void AddWorkingDays_NegativeAndZero_CountBackwardsOrStay()
    {
        var calendar = WorkingDayCalendar.Default;

        Assert.Equal(D("2026-02-13"), calendar.AddWorkingDays(D("2026-02-23"), -1));
        Assert.Equal(D("2026-02-12"), calendar.AddWorkingDays(D("2026-02-23"), -2));
        Assert.Equal(D("2026-02-14"), calendar.AddWorkingDays(D("2026-02-14"), 0));
        Assert.Equal(D("2026-11-30"), calendar.AddWorkingDays(D("2026-11-27"), 1));
        Assert.Equal(D("2026-11-27"), calendar.AddWorkingDays(D("2026-11-28"), -1));
    }

    [Fact]
    public void NextAndPreviousWorkingDay_AroundWeekend_SkipRestDays()
    {
        var calendar = WorkingDayCalendar.Default;

        Assert.Equal(D("2026-11-30"), calendar.NextWorkingDay(D("2026-11-27")));
        Assert.Equal(D("2026-11-30"), calendar.NextWorkingDay(D("2026-11-28")));
        Assert.Equal(D("2026-11-27"), calendar.PreviousWorkingDay(D("2026-11-30")));
        Assert.Equal(D("2026-04-28"), calendar.NextWorkingDay(D("2026-04-24")));
    }

    [Fact]
    public void WorkingDaysBetween_IsInverseOfAddWorkingDays()
    {
        var calendar = WorkingDayCalendar.Default;
        var random = new Random(20260217);
        for (int i = 0; i < 300; i++)
        {
            var start = D("2024-12-01").AddDays(random.Next(0, 800));
            var end = D("2024-12-01").AddDays(random.Next(0, 800));
            int between = calendar.WorkingDaysBetween(start, end);

            if (calendar.IsWorkingDay(end))
            {
                Assert.Equal(end, calendar.AddWorkingDays(start, between));
            }

            Assert.Equal(Math.Sign(end.DayNumber - start.DayNumber) == -1, between < 0 || (between == 0 && end < start));
        }
    }

    [Fact]
    public void WorkingDaysBetween_Tet2026Week_CountsOnlyWorkingDays()
    {
        var calendar = WorkingDayCalendar.Default;

        Assert.Equal(1, calendar.WorkingDaysBetween(D("2026-02-13"), D("2026-02-23")));
        Assert.Equal(-1, calendar.WorkingDaysBetween(D("2026-02-23"), D("2026-02-13")));
        Assert.Equal(0, calendar.WorkingDaysBetween(D("2026-02-13"), D("2026-02-22")));
        Assert.Equal(5, calendar.WorkingDaysBetween(D("2026-11-22"), D("2026-11-29")));
    }

    [Fact]
    public void Methods_OutOfRange_ThrowArgumentOutOfRange()
    {
        var calendar = WorkingDayCalendar.Default;

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.IsWorkingDay(D("1899-12-31")));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.GetHolidays(2200));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(D("2199-12-30"), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(D("1900-01-02"), -5));
    }
}
