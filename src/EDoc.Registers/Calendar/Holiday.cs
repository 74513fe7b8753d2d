namespace EDoc.Registers.Calendar;

/// <summary>Why a day is a day off.</summary>
public enum HolidayKind
{
    /// <summary>A public holiday of the Labour Code 2019, Art. 112 (ngày nghỉ lễ, tết).</summary>
    Statutory = 0,

    /// <summary>A compensatory day off for a holiday that fell on a weekly rest day (nghỉ bù).</summary>
    Compensatory = 1,

    /// <summary>A day off set by the yearly government schedule (e.g. a swapped day, hoán đổi ngày làm việc).</summary>
    Scheduled = 2,

    /// <summary>An optional holiday enabled by configuration (e.g. Ngày Văn hóa Việt Nam, 24 November).</summary>
    Optional = 3,
}

/// <summary>A day off of the working-day calendar, with its Vietnamese name.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">The Vietnamese name, e.g. <c>Tết Nguyên đán (mùng 1 tháng Giêng)</c> or <c>Nghỉ bù Giỗ Tổ Hùng Vương</c>.</param>
/// <param name="Kind">Why the day is off.</param>
public sealed record Holiday(DateOnly Date, string Name, HolidayKind Kind);
