using System.CommandLine;
using System.Globalization;
using EDoc.Registers.Calendar;

namespace EDoc.Cli.Commands;

/// <summary>
/// <c>edoc calendar add-working-days|is-working-day|holidays|lunar</c>: the Vietnamese working-day calendar (holidays of
/// the Labour Code 2019, compensatory days, the yearly government schedules) and the Vietnamese lunar calendar (UTC+7).
/// </summary>
internal static class CalendarCommands
{
    public static Command Create(CliContext context)
    {
        var calendar = new Command("calendar", "Vietnamese working days, public holidays and the lunar calendar (âm lịch, UTC+7).");
        calendar.Subcommands.Add(CreateAddWorkingDays(context));
        calendar.Subcommands.Add(CreateIsWorkingDay(context));
        calendar.Subcommands.Add(CreateHolidays(context));
        calendar.Subcommands.Add(CreateLunar(context));
        return calendar;
    }

    private static Command CreateAddWorkingDays(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The start date, YYYY-MM-DD (not counted).", Required = true };
        var days = new Option<int>("--days") { Description = "The number of working days to add; negative counts backwards.", Required = true };
        var json = JsonOption();
        var schedule = ScheduleOption();
        var command = new Command("add-working-days", "Prints the date N working days after (or before) a date, skipping weekends, holidays and scheduled days off.");
        command.Options.Add(from);
        command.Options.Add(days);
        command.Options.Add(json);
        command.Options.Add(schedule);
        command.SetAction(parseResult =>
        {
            var start = ParseDate(parseResult.GetValue(from), "--from");
            int count = parseResult.GetValue(days);
            var calendar = LoadCalendar(parseResult.GetValue(schedule));
            DateOnly result;
            try
            {
                result = calendar.AddWorkingDays(start, count);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliUsageException($"--days {count} from {Format(start)}: {FirstLine(ex.Message)}", ex);
            }

            if (parseResult.GetValue(json))
            {
                context.WriteJson(new { from = Format(start), days = count, date = Format(result) });
            }
            else
            {
                context.Out.WriteLine(Format(result));
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command CreateIsWorkingDay(CliContext context)
    {
        var date = new Argument<string>("date") { Description = "The date, YYYY-MM-DD." };
        var json = JsonOption();
        var schedule = ScheduleOption();
        var command = new Command("is-working-day", "Prints true or false: whether a date is a working day (exit code 0 either way).");
        command.Arguments.Add(date);
        command.Options.Add(json);
        command.Options.Add(schedule);
        command.SetAction(parseResult =>
        {
            var day = ParseDate(parseResult.GetValue(date), "date");
            var calendar = LoadCalendar(parseResult.GetValue(schedule));
            bool working = calendar.IsWorkingDay(day);
            calendar.TryGetHoliday(day, out var holiday);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(new
                {
                    date = Format(day),
                    isWorkingDay = working,
                    dayOfWeek = day.DayOfWeek.ToString(),
                    holiday = holiday is null ? null : new { name = holiday.Name, kind = holiday.Kind },
                });
            }
            else
            {
                context.Out.WriteLine(working ? "true" : "false");
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command CreateHolidays(CliContext context)
    {
        var year = new Argument<int>("year") { Description = "The year, 1900–2199." };
        var json = JsonOption();
        var schedule = ScheduleOption();
        var command = new Command("holidays", "Lists every day off of a year with its name: holidays (lunar ones included), compensatory and scheduled days off.");
        command.Arguments.Add(year);
        command.Options.Add(json);
        command.Options.Add(schedule);
        command.SetAction(parseResult =>
        {
            int value = parseResult.GetValue(year);
            if (value < VietnameseLunarCalendar.MinSupportedDate.Year || value > VietnameseLunarCalendar.MaxSupportedDate.Year)
            {
                throw new CliUsageException($"year {value.ToString(CultureInfo.InvariantCulture)} is outside the supported range 1900–2199.");
            }

            var calendar = LoadCalendar(parseResult.GetValue(schedule));
            var holidays = calendar.GetHolidays(value);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(new
                {
                    year = value,
                    holidays = holidays.Select(h => new { date = Format(h.Date), dayOfWeek = h.Date.DayOfWeek.ToString(), name = h.Name, kind = h.Kind }),
                    workingWeekendDays = calendar.GetScheduledWorkingDays(value).Select(a => new { date = Format(a.Date), name = a.Name }),
                });
            }
            else
            {
                foreach (var h in holidays)
                {
                    context.Out.WriteLine($"{Format(h.Date)}\t{h.Name}");
                }
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command CreateLunar(CliContext context)
    {
        var date = new Argument<string>("date") { Description = "The Gregorian date, YYYY-MM-DD (1900-01-01 to 2199-12-31)." };
        var json = JsonOption();
        var command = new Command("lunar", "Prints the Vietnamese lunar date (âm lịch, UTC+7): day, month, leap month or not, year and its Can Chi name.");
        command.Arguments.Add(date);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            var day = ParseDate(parseResult.GetValue(date), "date");
            if (day < VietnameseLunarCalendar.MinSupportedDate || day > VietnameseLunarCalendar.MaxSupportedDate)
            {
                throw new CliUsageException($"date {Format(day)} is outside the supported range 1900-01-01..2199-12-31.");
            }

            var lunar = VietnameseLunarCalendar.ToLunar(day);
            if (parseResult.GetValue(json))
            {
                context.WriteJson(new
                {
                    date = Format(day),
                    day = lunar.Day,
                    month = lunar.Month,
                    year = lunar.Year,
                    isLeapMonth = lunar.IsLeapMonth,
                    yearName = lunar.YearName,
                });
            }
            else
            {
                context.Out.WriteLine($"{lunar} ({lunar.YearName})");
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document." };

    private static Option<FileInfo?> ScheduleOption() => new("--schedule")
    {
        Description = "A JSON file of extra yearly schedule days ({ \"adjustments\": [ { \"date\": \"2027-05-03\", \"kind\": \"DayOff\", \"name\": \"...\" } ] }), added to the embedded 2025 and 2026 schedules.",
    };

    private static WorkingDayCalendar LoadCalendar(FileInfo? schedule)
    {
        if (schedule is null)
        {
            return WorkingDayCalendar.Default;
        }

        if (schedule.Exists && schedule.Length > GovernmentSchedules.MaxJsonLength * 4L)
        {
            throw new CalendarFileException(schedule.FullName, $"the file is larger than {GovernmentSchedules.MaxJsonLength * 4L} bytes.");
        }

        string text;
        try
        {
            text = File.ReadAllText(schedule.FullName);
        }
        catch (IOException ex)
        {
            throw new CalendarFileException(schedule.FullName, ex.Message, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CalendarFileException(schedule.FullName, ex.Message, ex);
        }

        var options = new WorkingCalendarOptions();
        try
        {
            foreach (var adjustment in GovernmentSchedules.ParseJson(text))
            {
                options.Adjustments.Add(adjustment);
            }
        }
        catch (EDocException ex)
        {
            throw new CalendarFileException(schedule.FullName, ex.Message, ex);
        }

        return new WorkingDayCalendar(options);
    }

    private static DateOnly ParseDate(string? text, string what)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new CliUsageException($"{what}: '{text}' is not a date in the form YYYY-MM-DD.");
        }

        if (date < VietnameseLunarCalendar.MinSupportedDate || date > VietnameseLunarCalendar.MaxSupportedDate)
        {
            throw new CliUsageException($"{what}: {Format(date)} is outside the supported range 1900-01-01..2199-12-31.");
        }

        return date;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline].TrimEnd();
    }
}

/// <summary>A schedule file that cannot be read or parsed; the message names the file (exit code 1).</summary>
internal sealed class CalendarFileException : EDocException
{
    public CalendarFileException(string file, string message, Exception? innerException = null)
        : base($"{file}: {message}", innerException)
    {
    }

    public override string ErrorCode => "calendar-schedule";
}
