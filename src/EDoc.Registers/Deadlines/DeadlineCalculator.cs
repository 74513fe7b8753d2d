using EDoc.Documents;
using EDoc.Registers.Calendar;
using EDoc.Time;

namespace EDoc.Registers.Deadlines;

/// <summary>
/// Time limits of clerical work (NĐ 30/2020/NĐ-CP) on the working-day calendar, in Vietnam time: outgoing documents
/// issued the day they are signed and at the latest by the end of the next working morning (Art. 18.1); incoming
/// documents handled the same working day (Art. 4.2.c, 23.1); urgent documents immediately; due dates counted in
/// working days; overdue checks.
/// </summary>
/// <remarks>
/// Urgency is given as an <see cref="Urgency"/> (any level above <see cref="Urgency.Normal"/> is handled immediately) or
/// as a flag (<c>isUrgent</c>). The instance is immutable and thread-safe.
/// </remarks>
public sealed class DeadlineCalculator
{
    private readonly WorkingDayCalendar calendar;
    private readonly TimeProvider timeProvider;
    private readonly TimeOnly endOfMorning;
    private readonly TimeOnly endOfWorkingDay;
    private readonly TimeSpan urgentGrace;

    /// <summary>Initializes a calculator with the default options.</summary>
    /// <param name="calendar">The working-day calendar.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> in production.</param>
    public DeadlineCalculator(WorkingDayCalendar calendar, TimeProvider timeProvider)
        : this(calendar, timeProvider, new DeadlineOptions())
    {
    }

    /// <summary>Initializes a calculator. The options are copied.</summary>
    /// <param name="calendar">The working-day calendar.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentOutOfRangeException">The grace period is negative or longer than a day.</exception>
    public DeadlineCalculator(WorkingDayCalendar calendar, TimeProvider timeProvider, DeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        if (options.UrgentGracePeriod < TimeSpan.Zero || options.UrgentGracePeriod > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UrgentGracePeriod, "The urgent grace period must be between zero and 24 hours.");
        }

        this.calendar = calendar;
        this.timeProvider = timeProvider;
        endOfMorning = options.EndOfMorning;
        endOfWorkingDay = options.EndOfWorkingDay;
        urgentGrace = options.UrgentGracePeriod;
    }

    /// <summary>The calendar the calculator counts working days on.</summary>
    public WorkingDayCalendar Calendar => calendar;

    /// <summary>
    /// The latest time to issue (phát hành) an outgoing document: the end of the morning of the first working day after
    /// the day of signing (the document should go out the same day; this is the hard limit). Urgent documents: the signing
    /// time plus the grace period.
    /// </summary>
    /// <param name="signedAt">When the document was signed (any offset; read in Vietnam time).</param>
    /// <param name="isUrgent">Whether the document is Hỏa tốc, Thượng khẩn or Khẩn.</param>
    /// <returns>The deadline, offset +07:00.</returns>
    public DateTimeOffset GetOutgoingIssueDeadline(DateTimeOffset signedAt, bool isUrgent = false)
    {
        var local = VietnamTime.ToVietnamTime(signedAt);
        if (isUrgent)
        {
            return local + urgentGrace;
        }

        var day = calendar.NextWorkingDay(DateOnly.FromDateTime(local.DateTime));
        return At(day, endOfMorning);
    }

    /// <summary>The latest time to issue an outgoing document of a given urgency (see <see cref="GetOutgoingIssueDeadline(DateTimeOffset, bool)"/>).</summary>
    /// <param name="signedAt">When the document was signed.</param>
    /// <param name="urgency">Độ khẩn; Khẩn and above are urgent.</param>
    /// <returns>The deadline, offset +07:00.</returns>
    public DateTimeOffset GetOutgoingIssueDeadline(DateTimeOffset signedAt, Urgency urgency)
        => GetOutgoingIssueDeadline(signedAt, urgency.IsUrgent());

    /// <summary>The latest time to issue an outgoing document signed now (see <see cref="GetOutgoingIssueDeadline(DateTimeOffset, bool)"/>).</summary>
    /// <param name="isUrgent">Whether the document is Hỏa tốc, Thượng khẩn or Khẩn.</param>
    /// <returns>The deadline, offset +07:00.</returns>
    public DateTimeOffset GetOutgoingIssueDeadline(bool isUrgent = false) => GetOutgoingIssueDeadline(timeProvider.GetUtcNow(), isUrgent);

    /// <summary>
    /// The latest time to register and present (trình) an incoming document: the end of the working day it arrived, or of
    /// the next working day when it arrived after hours or on a day off. Urgent documents: the arrival time plus the grace
    /// period.
    /// </summary>
    /// <param name="receivedAt">When the document arrived.</param>
    /// <param name="isUrgent">Whether the document is Hỏa tốc, Thượng khẩn or Khẩn.</param>
    /// <returns>The deadline, offset +07:00.</returns>
    public DateTimeOffset GetIncomingHandlingDeadline(DateTimeOffset receivedAt, bool isUrgent = false)
    {
        var local = VietnamTime.ToVietnamTime(receivedAt);
        if (isUrgent)
        {
            return local + urgentGrace;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        if (!calendar.IsWorkingDay(day) || TimeOnly.FromDateTime(local.DateTime) > endOfWorkingDay)
        {
            day = calendar.NextWorkingDay(day);
        }

        return At(day, endOfWorkingDay);
    }

    /// <summary>The handling deadline of an incoming document of a given urgency (see <see cref="GetIncomingHandlingDeadline(DateTimeOffset, bool)"/>).</summary>
    /// <param name="receivedAt">When the document arrived.</param>
    /// <param name="urgency">Độ khẩn; Khẩn and above are urgent.</param>
    /// <returns>The deadline, offset +07:00.</returns>
    public DateTimeOffset GetIncomingHandlingDeadline(DateTimeOffset receivedAt, Urgency urgency)
        => GetIncomingHandlingDeadline(receivedAt, urgency.IsUrgent());

    /// <summary>The handling deadline of a document received now (see <see cref="GetIncomingHandlingDeadline(DateTimeOffset, bool)"/>).</summary>
    /// <param name="isUrgent">Whether the document is Hỏa tốc, Thượng khẩn or Khẩn.</param>
    /// <returns>The deadline, offset +07:00.</returns>
    public DateTimeOffset GetIncomingHandlingDeadline(bool isUrgent = false) => GetIncomingHandlingDeadline(timeProvider.GetUtcNow(), isUrgent);

    /// <summary>
    /// A due date (thời hạn giải quyết) <paramref name="workingDays"/> working days after <paramref name="start"/>, at the end
    /// of that working day. Zero means the end of the start day, or of the next working day when the start day is a day off.
    /// </summary>
    /// <param name="start">When the work started (e.g. the arrival time).</param>
    /// <param name="workingDays">The number of working days, zero or more.</param>
    /// <returns>The due time, offset +07:00.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateTimeOffset GetDueDate(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = DateOnly.FromDateTime(VietnamTime.ToVietnamTime(start).DateTime);
        return At(GetDueDay(day, workingDays), endOfWorkingDay);
    }

    /// <summary>The due day <paramref name="workingDays"/> working days after <paramref name="start"/> (see <see cref="GetDueDate(DateTimeOffset, int)"/>).</summary>
    /// <param name="start">The start day.</param>
    /// <param name="workingDays">The number of working days, zero or more.</param>
    /// <returns>The due day, always a working day.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public DateOnly GetDueDay(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (workingDays == 0)
        {
            return calendar.IsWorkingDay(start) ? start : calendar.NextWorkingDay(start);
        }

        return calendar.AddWorkingDays(start, workingDays);
    }

    /// <summary>Whether a deadline has passed at a given time (strictly after the due instant).</summary>
    /// <param name="due">The deadline.</param>
    /// <param name="now">The time to check at (or the time the work was completed).</param>
    /// <returns><see langword="true"/> when <paramref name="now"/> is after <paramref name="due"/>.</returns>
    public static bool IsOverdue(DateTimeOffset due, DateTimeOffset now) => now > due;

    /// <summary>Whether a deadline has passed now, by the injected clock.</summary>
    /// <param name="due">The deadline.</param>
    /// <returns><see langword="true"/> when the current time is after <paramref name="due"/>.</returns>
    public bool IsOverdue(DateTimeOffset due) => IsOverdue(due, timeProvider.GetUtcNow());

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), VietnamTime.Offset);
}
