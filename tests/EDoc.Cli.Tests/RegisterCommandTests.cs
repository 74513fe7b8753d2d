using System.Text.Json;

namespace EDoc.Cli.Tests;

public sealed class RegisterCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "edoc-cli-reg-" + Guid.NewGuid().ToString("N")[..12]);

    public RegisterCommandTests() => Directory.CreateDirectory(directory);

    private string Store => Path.Combine(directory, "registers.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Issue_TwoDocuments_PrintsPaddedNumbersAndNotations()
    {
        var first = await CliRunner.RunAsync("register", "issue", "--store", Store, "--book", "outgoing", "--type", "QĐ", "--issuer", "UBND", "--date", "2026-03-02", "--subject", "Về việc thử");
        var second = await CliRunner.RunAsync("register", "issue", "--store", Store, "--book", "outgoing", "--type", "CV", "--issuer", "UBND", "--unit", "VP", "--date", "2026-03-03", "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("number: 01", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("notation: 01/QĐ-UBND", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("date: 2026-03-02", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        using var json = JsonDocument.Parse(second.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("number").GetInt32());
        Assert.Equal("02/UBND-VP", json.RootElement.GetProperty("notation").GetString());
    }

    [Fact]
    public async Task Receive_SameDocumentTwice_SecondExitsOne()
    {
        string[] args = ["register", "receive", "--store", Store, "--from", "000.00.00.H41", "--number", "15/QĐ-BNV", "--date", "2026-03-01", "--subject", "Về việc Y", "--json"];

        var first = await CliRunner.RunAsync(args);
        var second = await CliRunner.RunAsync(args);

        Assert.Equal(0, first.ExitCode);
        using var json = JsonDocument.Parse(first.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("arrivalNumber").GetInt32());
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already in the incoming register", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Void_ThenList_ShowsVoidedEntryWithReason()
    {
        await CliRunner.RunAsync("register", "issue", "--store", Store, "--type", "QĐ", "--issuer", "UBND", "--date", "2026-03-02");

        var voided = await CliRunner.RunAsync("register", "void", "--store", Store, "--book", "outgoing", "--year", "2026", "--notation", "01/QĐ-UBND", "--by", "Văn thư", "--reason", "Sai sót");
        var list = await CliRunner.RunAsync("register", "list", "--store", Store, "--book", "outgoing", "--year", "2026");

        Assert.Equal(0, voided.ExitCode);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("01/QĐ-UBND", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("ĐÃ HỦY SỐ", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("Sai sót", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_CsvOutput_WritesFileWithBom()
    {
        await CliRunner.RunAsync("register", "issue", "--store", Store, "--type", "QĐ", "--issuer", "UBND", "--date", "2026-03-02");
        var csv = Path.Combine(directory, "out.csv");

        var result = await CliRunner.RunAsync("register", "list", "--store", Store, "--book", "outgoing", "--year", "2026", "--csv", csv);

        Assert.Equal(0, result.ExitCode);
        var bytes = await File.ReadAllBytesAsync(csv);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("01/QĐ-UBND", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Theory]
    [InlineData("register", "issue", "--type", "QĐ", "--issuer", "UBND", "--date", "2026-13-01")]
    [InlineData("register", "list", "--book", "sideways", "--year", "2026")]
    [InlineData("register", "list", "--book", "outgoing", "--year", "2026", "--csv", "a.csv", "--json")]
    [InlineData("report", "semiannual", "--year", "2026", "--half", "3")]
    public async Task BadCommandLine_ExitsTwo(params string[] args)
    {
        var result = await CliRunner.RunAsync([.. args, "--store", Store]);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public async Task List_MissingStoreFile_ExitsOneNamingTheFile()
    {
        var missing = Path.Combine(directory, "missing.db");

        var result = await CliRunner.RunAsync("register", "list", "--store", missing, "--book", "outgoing", "--year", "2026");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Issue_InvalidAbbreviation_ExitsOneNamingTheProblem()
    {
        var result = await CliRunner.RunAsync("register", "issue", "--store", Store, "--type", "Q Đ", "--issuer", "UBND");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("type abbreviation", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportOverdue_Json_FlagsUnitWithOpenOverdueDocument()
    {
        // The CLI registers arrivals at the current Vietnam time, so the report is for the current year.
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CliRunner.RunAsync("register", "receive", "--store", Store, "--from", "H41", "--number", "1/SNV", "--date", $"{year}-01-02",
            "--subject", "a", "--unit", "Phòng Tài chính", "--due", $"{year}-01-05");

        var result = await CliRunner.RunAsync("report", "overdue", "--store", Store, "--year", year, "--as-of", $"{year}-12-31", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal($"{year}-12-31", json.RootElement.GetProperty("asOf").GetString());
        var unit = Assert.Single(json.RootElement.GetProperty("units").EnumerateArray());
        Assert.Equal("Phòng Tài chính", unit.GetProperty("unit").GetString());
        Assert.Equal(1, unit.GetProperty("overdueOpen").GetInt32());
        Assert.Equal(100m, unit.GetProperty("overdueRatePercent").GetDecimal());
        Assert.Equal("Phòng Tài chính", Assert.Single(json.RootElement.GetProperty("flagged").EnumerateArray()).GetString());
    }
    [Fact]
    public async Task ReportOverdue_ListPerson_GroupsOpenOverdueByHandler()
    {
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CliRunner.RunAsync("register", "receive", "--store", Store, "--from", "H41", "--number", "7/SNV", "--date", $"{year}-01-02",
            "--subject", "a", "--unit", "Phòng KT", "--handler", "Nguyễn Văn An", "--due", $"{year}-01-05");
        await CliRunner.RunAsync("register", "receive", "--store", Store, "--from", "H41", "--number", "8/SNV", "--date", $"{year}-01-02",
            "--subject", "b", "--unit", "Phòng KT", "--due", $"{year}-01-05");

        var result = await CliRunner.RunAsync("report", "overdue", "--store", Store, "--year", year, "--as-of", $"{year}-12-31", "--list", "person", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["(chưa giao người xử lý)", "Nguyễn Văn An"], groups.Select(g => g.GetProperty("key").GetString()));
        Assert.Equal("7/SNV", Assert.Single(groups[1].GetProperty("items").EnumerateArray()).GetProperty("documentNumber").GetString());
    }

    [Fact]
    public async Task ReportOverdue_Text_NamesUnitsOverHalf()
    {
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CliRunner.RunAsync("register", "receive", "--store", Store, "--from", "H41", "--number", "9/SNV", "--date", $"{year}-01-02",
            "--subject", "a", "--unit", "Phòng HC", "--due", $"{year}-01-05");

        var result = await CliRunner.RunAsync("report", "overdue", "--store", Store, "--year", year, "--as-of", $"{year}-12-31");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("units over 50% overdue): Phòng HC (100", result.Stdout, StringComparison.Ordinal);
    }
}
