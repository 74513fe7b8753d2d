namespace EDoc.Registers.Deadlines;

/// <summary>Options of the <see cref="DeadlineCalculator"/>, in Vietnam time. Every property has a documented default.</summary>
public sealed class DeadlineOptions
{
    /// <summary>The end of the morning (hết buổi sáng): the latest time on the next working day to issue an outgoing
    /// document signed the day before (NĐ 30/2020 Art. 18.1 as applied: "trong ngày, chậm nhất sáng ngày làm việc tiếp theo").
    /// Set it to <see cref="EndOfWorkingDay"/> to apply the decree's plain "next working day".</summary>
    /// <value>The default value is 12:00.</value>
    public TimeOnly EndOfMorning { get; set; } = new(12, 0);

    /// <summary>The end of the working day (hết giờ làm việc): the deadline of same-day work.</summary>
    /// <value>The default value is 17:00.</value>
    public TimeOnly EndOfWorkingDay { get; set; } = new(17, 0);

    /// <summary>The time allowed for urgent documents (Hỏa tốc, Thượng khẩn, Khẩn), handled "ngay" (immediately).</summary>
    /// <value>The default value is 30 minutes. Must be between zero and 24 hours.</value>
    public TimeSpan UrgentGracePeriod { get; set; } = TimeSpan.FromMinutes(30);
}
