using System.Text;
using System.Text.Json;

namespace EDoc.Cli.Tests;

public sealed class TextCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("edoc-text-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Convert_FromTcvn3_WritesUtf8NfcWithoutBom()
    {
        // "Céng hoµ x· héi chñ nghÜa ViÖt Nam" and "§éc lËp - Tù do - H¹nh phóc" as TCVN3 bytes.
        var input = Write("in.txt", Encoding.Latin1.GetBytes("Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"));
        var output = Path.Combine(directory, "out.txt");

        var result = await CliRunner.RunAsync("text", "convert", "--from", "tcvn3", input, output);

        Assert.Equal(0, result.ExitCode);
        var bytes = File.ReadAllBytes(output);
        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.Equal("Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n", Encoding.UTF8.GetString(bytes));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public async Task Convert_Tcvn3UppercaseFont_UpperCasesResult()
    {
        var input = Write("h.txt", Encoding.Latin1.GetBytes("th\u00ADîng khÈn"));
        var output = Path.Combine(directory, "out.txt");

        var result = await CliRunner.RunAsync("text", "convert", "--from", "tcvn3", "--tcvn3-uppercase-font", input, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("THƯỢNG KHẨN", File.ReadAllText(output));
    }

    [Theory]
    [InlineData(false, "Xin mời ông đị")]
    [InlineData(true, "Xin mời ông đi.")]
    public async Task Convert_ViqrFinalPunctuationFlag_DecidesFullStop(bool flag, string expected)
    {
        var input = Write("viqr.txt", "Xin mo+`i o^ng ddi."u8.ToArray());
        var output = Path.Combine(directory, "out.txt");
        string[] args = flag
            ? ["text", "convert", "--from", "viqr", "--viqr-final-punctuation", input, output]
            : ["text", "convert", "--from", "viqr", input, output];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, File.ReadAllText(output));
    }

    [Fact]
    public async Task Convert_AutoWithJson_PrintsDetectedEncodingAndChanges()
    {
        var input = Write("vni.txt", Encoding.Latin1.GetBytes("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"));
        var output = Path.Combine(directory, "out.txt");

        var result = await CliRunner.RunAsync("text", "convert", "--from", "auto", "--json", input, output);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("vni", json.RootElement.GetProperty("sourceEncoding").GetString());
        Assert.Equal("vni", json.RootElement.GetProperty("detection").GetProperty("encoding").GetString());
        Assert.Equal(7, json.RootElement.GetProperty("changedCharacters").GetInt32());
        Assert.Equal("Cộng hòa xã hội chủ nghĩa Việt Nam", File.ReadAllText(output));
    }

    [Fact]
    public async Task Normalize_NfdInput_PrintsNfcOnStdout()
    {
        var input = Write("nfd.txt", Encoding.UTF8.GetBytes("Quyết định về việc ban hành".Normalize(NormalizationForm.FormD)));

        var result = await CliRunner.RunAsync("text", "normalize", input);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Quyết định về việc ban hành", result.Stdout);
        Assert.True(result.Stdout.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task Normalize_ToFileWithJson_WritesNfcAndReportsChanges()
    {
        var input = Write("nfd.txt", Encoding.UTF8.GetBytes("Việt Nam".Normalize(NormalizationForm.FormD)));
        var output = Path.Combine(directory, "nfc.txt");

        var result = await CliRunner.RunAsync("text", "normalize", "--json", input, output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Việt Nam", File.ReadAllText(output));
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("changedCharacters").GetInt32());
        Assert.False(json.RootElement.GetProperty("wasNormalized").GetBoolean());
    }

    [Fact]
    public async Task Normalize_LegacyBytes_ExitsOneNamingFile()
    {
        var input = Write("legacy.txt", Encoding.Latin1.GetBytes("ViÖt Nam"));

        var result = await CliRunner.RunAsync("text", "normalize", input);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(input, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("UTF-8", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("convert", "--from", "tcvn3")]
    [InlineData("normalize")]
    public async Task MissingInput_ExitsOneNamingFile(params string[] verb)
    {
        var missing = Path.Combine(directory, "no-such-file.txt");
        var output = Path.Combine(directory, "out.txt");

        var result = await CliRunner.RunAsync(["text", .. verb, missing, output]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-file.txt", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Convert_BadFrom_ExitsTwo()
    {
        var input = Write("in.txt", "abc"u8.ToArray());

        var result = await CliRunner.RunAsync("text", "convert", "--from", "ebcdic", input, Path.Combine(directory, "out.txt"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ebcdic", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_MissingFrom_ExitsTwo()
    {
        var input = Write("in.txt", "abc"u8.ToArray());

        var result = await CliRunner.RunAsync("text", "convert", input, Path.Combine(directory, "out.txt"));

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task NormalizeAndConvert_GlobalizationInvariantProcess_StillComposeVietnamese()
    {
        // Container images often run .NET without ICU, where string.Normalize does nothing; edoc must not depend on it.
        var nfd = Write("nfd.txt", Encoding.UTF8.GetBytes("Vie\u0323\u0302t Nam, Thu\u031Bo\u031B\u0323ng kha\u0302\u0309n, Ho\u0300a"));
        var vni = Write("vni.txt", Encoding.Latin1.GetBytes("Vieät Nam, THÖÔÏNG KHAÅN"));
        var output = Path.Combine(directory, "out.txt");

        var normalized = await RunInvariantAsync("text", "normalize", nfd);
        var converted = await RunInvariantAsync("text", "convert", "--from", "vni", vni, output);

        Assert.Equal("Việt Nam, Thượng khẩn, Hòa", normalized);
        Assert.Equal("Việt Nam, THƯỢNG KHẨN", File.ReadAllText(output));
        Assert.NotNull(converted);
    }

    private static async Task<string> RunInvariantAsync(params string[] args)
    {
        var edoc = Path.Combine(AppContext.BaseDirectory, "edoc.dll");
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            Environment = { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" },
        };
        start.ArgumentList.Add(edoc);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"edoc {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
