namespace EDoc.Time;

/// <summary>
/// Vietnam time (giờ Việt Nam, ICT, UTC+07:00, no daylight saving time). Registers, deadlines, year rollover of
/// document numbers and the ISO 8601 signing times shown on documents all use it, whatever the server's zone.
/// </summary>
public static class VietnamTime
{
    /// <summary>The offset of Vietnam time from UTC: +07:00.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    private static readonly Lazy<TimeZoneInfo> Zone = new(ResolveZone);

    /// <summary>
    /// The Vietnam time zone: the system's <c>Asia/Ho_Chi_Minh</c> (Linux, macOS, Windows with ICU) or
    /// <c>SE Asia Standard Time</c> (Windows), or a fixed UTC+07:00 zone when the system has neither.
    /// </summary>
    public static TimeZoneInfo TimeZone => Zone.Value;

    /// <summary>The current time in Vietnam.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> in production.</param>
    /// <returns>The current instant with offset +07:00.</returns>
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return ToVietnamTime(timeProvider.GetUtcNow());
    }

    /// <summary>Today's date in Vietnam.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The calendar date in Vietnam now.</returns>
    public static DateOnly Today(TimeProvider timeProvider) => DateOnly.FromDateTime(Now(timeProvider).DateTime);

    /// <summary>Converts an instant to Vietnam time.</summary>
    /// <param name="instant">Any instant.</param>
    /// <returns>The same instant with offset +07:00.</returns>
    public static DateTimeOffset ToVietnamTime(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The instant a Vietnam calendar date begins (00:00 +07:00).</summary>
    /// <param name="date">A date in Vietnam.</param>
    /// <returns>Midnight at the start of that date, offset +07:00.</returns>
    public static DateTimeOffset StartOfDay(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>Formats an instant as ISO 8601 in Vietnam time, e.g. <c>2026-11-24T09:30:00+07:00</c>.</summary>
    /// <param name="instant">Any instant.</param>
    /// <returns>The text shown in signature blocks and archival metadata.</returns>
    public static string ToIso8601(DateTimeOffset instant)
        => ToVietnamTime(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    private static TimeZoneInfo ResolveZone()
    {
        foreach (var id in new[] { "Asia/Ho_Chi_Minh", "SE Asia Standard Time", "Asia/Saigon" })
        {
            try
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
                if (zone.BaseUtcOffset == Offset)
                {
                    return zone;
                }
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", Offset, "(UTC+07:00) Vietnam", "Vietnam Time");
    }
}
