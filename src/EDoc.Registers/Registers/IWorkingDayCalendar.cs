namespace EDoc.Registers;

/// <summary>
/// The working days of the agency (ngày làm việc). The register and the overdue lists need only these two questions;
/// <see cref="Calendar.WorkingDayCalendar"/> (weekends, public holidays, lunar holidays and the yearly government
/// schedules) implements them; tests or agencies with their own rota may supply another implementation.
/// </summary>
public interface IWorkingDayCalendar
{
    /// <summary>Whether <paramref name="day"/> is a working day.</summary>
    /// <param name="day">A date in Vietnam.</param>
    /// <returns><see langword="true"/> for a working day.</returns>
    bool IsWorkingDay(DateOnly day);

    /// <summary>The date <paramref name="days"/> working days after <paramref name="start"/> (before it when negative).</summary>
    /// <param name="start">The start date.</param>
    /// <param name="days">The number of working days.</param>
    /// <returns>The resulting working day.</returns>
    DateOnly AddWorkingDays(DateOnly start, int days);
}
