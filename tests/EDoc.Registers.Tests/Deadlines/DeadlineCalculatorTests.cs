using EDoc.Documents;
using EDoc.Registers.Calendar;
using EDoc.Registers.Deadlines;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Registers.Tests.Deadlines;

public class DeadlineCalculatorTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    private static DateTimeOffset VnTime(int year, int month, int day, int hour, int minute = 0, int second = 0)
        => new(year, month, day, hour, minute, second, Vn);

    private static (DeadlineCalculator Calculator, FakeTimeProvider Clock) CreateSut(DeadlineOptions? options = null)
    {
        var clock = new FakeTimeProvider(VnTime(2026, 1, 1, 0));
        return (new DeadlineCalculator(WorkingDayCalendar.Default, clock, options ?? new DeadlineOptions()), clock);
    }

    [Theory]
    [InlineData(2026, 11, 19, 10, 2026, 11, 20)] // Thu morning -> Fri noon.
    [InlineData(2026, 11, 19, 16, 2026, 11, 20)] // Thu afternoon -> Fri noon.
    [InlineData(2026, 11, 20, 16, 2026, 11, 23)] // Fri -> Mon noon.
    [InlineData(2026, 11, 21, 9, 2026, 11, 23)] // Sat -> Mon noon.
    [InlineData(2026, 2, 13, 15, 2026, 2, 23)] // Fri before the Tết 2026 break -> Mon 23/02 noon.
    [InlineData(2026, 2, 16, 9, 2026, 2, 23)] // During Tết -> first working day after.
    [InlineData(2026, 4, 24, 9, 2026, 4, 28)] // Fri before Giỗ Tổ (Sun) and its compensation (Mon) -> Tue.
    public void GetOutgoingIssueDeadline_SignedOnDay_EndOfNextWorkingMorning(int y, int m, int d, int h, int ey, int em, int ed)
    {
        var (sut, _) = CreateSut();

        var due = sut.GetOutgoingIssueDeadline(VnTime(y, m, d, h));

        Assert.Equal(VnTime(ey, em, ed, 12), due);
        Assert.Equal(Vn, due.Offset);
    }

    [Fact]
    public void GetOutgoingIssueDeadline_SignedInUtc_UsesVietnamDate()
    {
        // 2026-11-19T18:30Z is Friday 20/11 01:30 in Vietnam: the next working day is Monday 23/11.
        var (sut, _) = CreateSut();

        var due = sut.GetOutgoingIssueDeadline(new DateTimeOffset(2026, 11, 19, 18, 30, 0, TimeSpan.Zero));

        Assert.Equal(VnTime(2026, 11, 23, 12), due);
    }

    [Fact]
    public void GetOutgoingIssueDeadline_ConfiguredEndOfMorning_IsUsed()
    {
        var (sut, _) = CreateSut(new DeadlineOptions { EndOfMorning = new TimeOnly(11, 30) });

        Assert.Equal(VnTime(2026, 11, 20, 11, 30), sut.GetOutgoingIssueDeadline(VnTime(2026, 11, 19, 10)));
    }

    [Fact]
    public void GetOutgoingIssueDeadline_Urgent_SigningTimePlusGrace()
    {
        var (sut, _) = CreateSut(new DeadlineOptions { UrgentGracePeriod = TimeSpan.FromMinutes(15) });

        Assert.Equal(VnTime(2026, 11, 21, 9, 15), sut.GetOutgoingIssueDeadline(VnTime(2026, 11, 21, 9), isUrgent: true));
    }

    [Fact]
    public void GetOutgoingIssueDeadline_NoArgument_UsesClock()
    {
        var (sut, clock) = CreateSut();
        clock.SetUtcNow(VnTime(2026, 2, 13, 11, 59));

        Assert.Equal(VnTime(2026, 2, 23, 12), sut.GetOutgoingIssueDeadline());
        Assert.Equal(VnTime(2026, 2, 13, 12, 29), sut.GetOutgoingIssueDeadline(isUrgent: true));
    }

    [Theory]
    [InlineData(2026, 11, 23, 9, 0, 2026, 11, 23)] // Mon morning -> Mon 17:00.
    [InlineData(2026, 11, 23, 17, 0, 2026, 11, 23)] // Exactly at end of day -> same day.
    [InlineData(2026, 11, 23, 17, 1, 2026, 11, 24)] // After hours -> next working day.
    [InlineData(2026, 11, 28, 10, 0, 2026, 11, 30)] // Saturday -> Monday.
    [InlineData(2026, 2, 13, 18, 0, 2026, 2, 23)] // Friday evening before Tết -> Monday after the break.
    [InlineData(2026, 1, 10, 10, 0, 2026, 1, 10)] // Saturday made a working day (làm bù) -> same day.
    public void GetIncomingHandlingDeadline_Received_SameWorkingDayOrNext(int y, int m, int d, int h, int min, int ey, int em, int ed)
    {
        var (sut, _) = CreateSut();

        var due = sut.GetIncomingHandlingDeadline(VnTime(y, m, d, h, min));

        Assert.Equal(VnTime(ey, em, ed, 17), due);
    }

    [Fact]
    public void GetIncomingHandlingDeadline_UtcEveningIsNextVietnamDay()
    {
        // 2026-11-23T20:00Z is Tuesday 24/11 03:00 in Vietnam.
        var (sut, _) = CreateSut();

        Assert.Equal(VnTime(2026, 11, 24, 17), sut.GetIncomingHandlingDeadline(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void GetIncomingHandlingDeadline_ConfiguredEndOfDay_IsUsed()
    {
        var (sut, _) = CreateSut(new DeadlineOptions { EndOfWorkingDay = new TimeOnly(16, 30) });

        Assert.Equal(VnTime(2026, 11, 24, 16, 30), sut.GetIncomingHandlingDeadline(VnTime(2026, 11, 23, 16, 45)));
    }

    [Fact]
    public void GetIncomingHandlingDeadline_Urgent_DefaultGraceIsThirtyMinutes()
    {
        var (sut, _) = CreateSut();

        Assert.Equal(VnTime(2026, 2, 17, 8, 30), sut.GetIncomingHandlingDeadline(VnTime(2026, 2, 17, 8), isUrgent: true));
    }

    [Fact]
    public void IsOverdue_AroundNoon_OnlyAfterDue()
    {
        var (sut, clock) = CreateSut();
        var due = sut.GetOutgoingIssueDeadline(VnTime(2026, 11, 19, 10));

        clock.SetUtcNow(VnTime(2026, 11, 20, 11, 59, 59));
        Assert.False(sut.IsOverdue(due));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(sut.IsOverdue(due));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(sut.IsOverdue(due));
        Assert.True(DeadlineCalculator.IsOverdue(due, VnTime(2026, 11, 20, 13)));
    }

    [Fact]
    public void GetDueDate_WorkingDaysAcrossTet_SkipsBreak()
    {
        var (sut, _) = CreateSut();

        // Thu 12/02/2026 + 3 working days: Fri 13/02, Mon 23/02, Tue 24/02.
        Assert.Equal(VnTime(2026, 2, 24, 17), sut.GetDueDate(VnTime(2026, 2, 12, 9), 3));
        Assert.Equal(new DateOnly(2026, 2, 24), sut.GetDueDay(new DateOnly(2026, 2, 12), 3));
    }

    [Fact]
    public void GetDueDay_ZeroDaysOnDayOff_IsNextWorkingDay()
    {
        var (sut, _) = CreateSut();

        Assert.Equal(new DateOnly(2026, 11, 30), sut.GetDueDay(new DateOnly(2026, 11, 28), 0));
        Assert.Equal(new DateOnly(2026, 11, 27), sut.GetDueDay(new DateOnly(2026, 11, 27), 0));
    }

    [Fact]
    public void GetDueDate_Negative_Throws()
    {
        var (sut, _) = CreateSut();

        Assert.Throws<ArgumentOutOfRangeException>(() => sut.GetDueDate(VnTime(2026, 2, 12, 9), -1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(25 * 60)]
    public void Constructor_InvalidGrace_Throws(int minutes)
    {
        var options = new DeadlineOptions { UrgentGracePeriod = TimeSpan.FromMinutes(minutes) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineCalculator(WorkingDayCalendar.Default, TimeProvider.System, options));
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DeadlineCalculator(null!, TimeProvider.System));
        Assert.Throws<ArgumentNullException>(() => new DeadlineCalculator(WorkingDayCalendar.Default, null!));
    }
    [Theory]
    [InlineData(Urgency.Normal, false)]
    [InlineData(Urgency.Urgent, true)]
    [InlineData(Urgency.VeryUrgent, true)]
    [InlineData(Urgency.Flash, true)]
    [InlineData(Urgency.FlashScheduled, true)]
    public void UrgencyOverloads_MatchFlag_KhanAndAboveImmediate(Urgency urgency, bool urgent)
    {
        var (sut, _) = CreateSut();
        var signed = VnTime(2026, 11, 19, 16);

        Assert.Equal(sut.GetOutgoingIssueDeadline(signed, urgent), sut.GetOutgoingIssueDeadline(signed, urgency));
        Assert.Equal(sut.GetIncomingHandlingDeadline(signed, urgent), sut.GetIncomingHandlingDeadline(signed, urgency));
        Assert.Equal(urgent ? VnTime(2026, 11, 19, 16, 30) : VnTime(2026, 11, 20, 12), sut.GetOutgoingIssueDeadline(signed, urgency));
    }

    [Fact]
    public void Calendar_IsIWorkingDayCalendar_SameAnswers()
    {
        var (isWorking, next) = Ask(WorkingDayCalendar.Default);

        Assert.False(isWorking);
        Assert.Equal(new DateOnly(2026, 2, 23), next);

        static (bool, DateOnly) Ask(IWorkingDayCalendar calendar)
            => (calendar.IsWorkingDay(new DateOnly(2026, 2, 17)), calendar.AddWorkingDays(new DateOnly(2026, 2, 13), 1));
    }
}
