using System.Text;
using System.Text.Json;
using EDoc.HubEmulator;

namespace EDoc.Cli.Tests;

public sealed class HubCommandsTests : IAsyncLifetime
{
    private const string A = "000.00.00.H41";
    private const string B = "000.00.00.G22";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edoc-cli-hub-" + Guid.NewGuid().ToString("N"));
    private HubEmulator.HubEmulator _hub = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new HubEmulatorOptions { DataDirectory = Path.Combine(_directory, "hub") };
        foreach (var account in HubEmulatorDefaults.DemoAccounts())
        {
            options.Accounts.Add(account);
        }

        _hub = await HubEmulator.HubEmulator.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SendThenReceive_DemoAccounts_ReceiverGetsSameBytesAndHubMarksDone()
    {
        string package = WritePackage();
        string output = Path.Combine(_directory, "out");

        var sent = await CliRunner.RunAsync("send", package, "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "demo-secret-h41", "--json");
        var received = await CliRunner.RunAsync("receive", "--hub", _hub.BaseAddress.ToString(), "--system-id", B, "--secret", "demo-secret-g22", "--out", output, "--json");

        Assert.Equal(0, sent.ExitCode);
        Assert.Equal(0, received.ExitCode);
        using var json = JsonDocument.Parse(received.Stdout);
        var item = Assert.Single(json.RootElement.GetProperty("received").EnumerateArray());
        Assert.Equal(A, item.GetProperty("from").GetString());
        Assert.Equal(await File.ReadAllBytesAsync(package), await File.ReadAllBytesAsync(item.GetProperty("file").GetString()!));
        Assert.Equal("done", Assert.Single(_hub.GetMessages(B)).Status);
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public async Task Send_SameFileTwice_HubStoresItOnce()
    {
        string package = WritePackage();

        var first = await CliRunner.RunAsync("send", package, "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "demo-secret-h41");
        var second = await CliRunner.RunAsync("send", package, "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "demo-secret-h41");

        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Single(_hub.GetMessages(B));
    }

    [Fact]
    public async Task Send_WrongSecret_ExitsOneNamingFileWithoutSecret()
    {
        string package = WritePackage();

        var result = await CliRunner.RunAsync("send", package, "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "not-the-secret");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(package, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("401", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MissingFile_ExitsOneNamingFile()
    {
        string missing = Path.Combine(_directory, "missing.edxml");

        var result = await CliRunner.RunAsync("send", missing, "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "demo-secret-h41");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send", "x.edxml", "--hub", "not a url", "--system-id", A, "--secret", "s")]
    [InlineData("receive", "--hub", "http://127.0.0.1:1/", "--system-id", A)]
    [InlineData("hub", "serve", "--data", "d", "--fault-rate", "1.5")]
    public async Task BadCommandLine_ExitsTwo(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Stderr);
    }

    [Fact]
    public async Task HubServe_PortZero_ServesUntilCancelled()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cts = new CancellationTokenSource();
        string data = Path.Combine(_directory, "serve");

        var run = CliApp.RunAsync(["hub", "serve", "--urls", "http://127.0.0.1:0", "--data", data], TextWriter.Synchronized(stdout), stderr, cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!stdout.ToString().Contains("listening on", StringComparison.Ordinal) && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(50);
        }

        string banner = stdout.ToString();
        await cts.CancelAsync();
        int exitCode = await run;

        Assert.Contains("000.00.00.H41", banner, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "hub.db")));
        Assert.Equal(0, exitCode);
    }

    private string WritePackage()
    {
        string path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".edxml");
        File.WriteAllText(path, $"<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>{A}</OrganId></From><To><OrganId>{B}</OrganId></To><DocumentId>{A},2026/11/24,1/UBND-VX</DocumentId></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>", Encoding.UTF8);
        return path;
    }
}
