using System.Text.Json;

namespace EDoc.Cli.Tests;

public class CalendarCommandsTests
{
    [Fact]
    public async Task AddWorkingDays_FridayBeforeTet2026_PrintsMondayAfterBreak()
    {
        // Tết Bính Ngọ: civil servants are off from Sat 14/02/2026 to Sun 22/02/2026.
        var result = await CliRunner.RunAsync("calendar", "add-working-days", "--from", "2026-02-13", "--days", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2026-02-23", result.Stdout.Trim());
        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData("2026-02-23", "-1", "2026-02-13")]
    [InlineData("2026-11-27", "1", "2026-11-30")]
    [InlineData("2025-04-25", "1", "2025-04-26")]
    [InlineData("2026-11-24", "0", "2026-11-24")]
    public async Task AddWorkingDays_Cases_PrintDate(string from, string days, string expected)
    {
        var result = await CliRunner.RunAsync("calendar", "add-working-days", "--from", from, "--days", days);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout.Trim());
    }

    [Theory]
    [InlineData("2026-02-16", "false")]
    [InlineData("2026-02-23", "true")]
    [InlineData("2026-01-10", "true")]
    [InlineData("2026-11-28", "false")]
    public async Task IsWorkingDay_Dates_PrintTrueOrFalseExitZero(string date, string expected)
    {
        var result = await CliRunner.RunAsync("calendar", "is-working-day", date);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.Stdout.Trim());
    }

    [Fact]
    public async Task IsWorkingDay_Json_NamesTheHoliday()
    {
        var result = await CliRunner.RunAsync("calendar", "is-working-day", "2026-04-27", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("isWorkingDay").GetBoolean());
        Assert.Equal("2026-04-27", json.RootElement.GetProperty("date").GetString());
        Assert.StartsWith("Nghỉ bù Giỗ Tổ Hùng Vương", json.RootElement.GetProperty("holiday").GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holidays_2026_ListsLunarHolidaysWithNames()
    {
        var result = await CliRunner.RunAsync("calendar", "holidays", "2026");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("2026-02-17\tTết Nguyên đán", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2026-04-26\tGiỗ Tổ Hùng Vương", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2026-09-02\tQuốc khánh", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d{2}-\d{2}\t\S", l));
    }

    [Fact]
    public async Task Holidays_Json_OneDocumentWithDatesNamesAndWorkingSaturdays()
    {
        var result = await CliRunner.RunAsync("calendar", "holidays", "2025", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2025, json.RootElement.GetProperty("year").GetInt32());
        var dates = json.RootElement.GetProperty("holidays").EnumerateArray().Select(h => h.GetProperty("date").GetString()).ToList();
        Assert.Contains("2025-01-29", dates);
        Assert.Contains("2025-04-07", dates);
        Assert.Contains("2025-05-02", dates);
        Assert.Contains(json.RootElement.GetProperty("workingWeekendDays").EnumerateArray(), d => d.GetProperty("date").GetString() == "2025-04-26");
    }

    [Fact]
    public async Task Lunar_LeapMonthDate_Json()
    {
        var result = await CliRunner.RunAsync("calendar", "lunar", "2020-06-10", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(19, root.GetProperty("day").GetInt32());
        Assert.Equal(4, root.GetProperty("month").GetInt32());
        Assert.Equal(2020, root.GetProperty("year").GetInt32());
        Assert.True(root.GetProperty("isLeapMonth").GetBoolean());
        Assert.Equal("Canh Tý", root.GetProperty("yearName").GetString());
    }

    [Fact]
    public async Task Lunar_Tet2026_Text()
    {
        var result = await CliRunner.RunAsync("calendar", "lunar", "2026-02-17");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1/1/2026 (Bính Ngọ)", result.Stdout.Trim());
    }

    [Theory]
    [InlineData("calendar", "lunar", "2026-02-30")]
    [InlineData("calendar", "lunar", "17/02/2026")]
    [InlineData("calendar", "lunar", "1899-12-31")]
    [InlineData("calendar", "is-working-day", "yesterday")]
    [InlineData("calendar", "holidays", "2200")]
    [InlineData("calendar", "holidays", "twenty")]
    [InlineData("calendar", "add-working-days", "--from", "2026-02-13")]
    [InlineData("calendar", "add-working-days", "--from", "2026-2-13", "--days", "1")]
    [InlineData("calendar", "add-working-days", "--from", "2199-12-30", "--days", "10")]
    public async Task BadInput_ExitsTwo_WithMessage(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("edoc:", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Schedule_JsonFile_AddsDaysOff()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edoc-schedule-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{ "adjustments": [ { "date": "2027-06-01", "kind": "DayOff", "name": "Nghỉ hoán đổi thử" } ] }""");
        try
        {
            var without = await CliRunner.RunAsync("calendar", "is-working-day", "2027-06-01");
            var with = await CliRunner.RunAsync("calendar", "is-working-day", "2027-06-01", "--schedule", path);
            var added = await CliRunner.RunAsync("calendar", "add-working-days", "--from", "2027-05-31", "--days", "1", "--schedule", path);

            Assert.Equal("true", without.Stdout.Trim());
            Assert.Equal("false", with.Stdout.Trim());
            Assert.Equal("2027-06-02", added.Stdout.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Schedule_MalformedFile_ExitsOneNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edoc-schedule-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ not json");
        try
        {
            var result = await CliRunner.RunAsync("calendar", "holidays", "2027", "--schedule", path);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
            Assert.Empty(result.Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
