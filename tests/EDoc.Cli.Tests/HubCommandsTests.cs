using System.Text;
using System.Text.Json;
using EDoc.HubEmulator;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Status;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task PackSendReceive_ReceiverValidatesAndAnswers01_SenderReceivesTheStatus()
    {
        string package = WritePackage();
        string outB = Path.Combine(_directory, "out-b");
        string outA = Path.Combine(_directory, "out-a");

        var sent = await CliRunner.RunAsync("send", package, "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "demo-secret-h41", "--json");
        var atB = await CliRunner.RunAsync("receive", "--hub", _hub.BaseAddress.ToString(), "--system-id", B, "--secret", "demo-secret-g22", "--out", outB, "--json");
        var atA = await CliRunner.RunAsync("receive", "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "demo-secret-h41", "--out", outA, "--json");

        Assert.Equal(0, sent.ExitCode);
        Assert.Equal(0, atB.ExitCode);
        Assert.Equal(0, atA.ExitCode);
        using var b = JsonDocument.Parse(atB.Stdout);
        var document = Assert.Single(b.RootElement.GetProperty("received").EnumerateArray());
        Assert.True(document.GetProperty("valid").GetBoolean());
        Assert.Equal("01", document.GetProperty("answeredWith").GetString());
        Assert.Equal("000.00.00.H41,2024/05/06,123/UBND-VX", document.GetProperty("documentId").GetString());
        using var a = JsonDocument.Parse(atA.Stdout);
        var status = Assert.Single(a.RootElement.GetProperty("received").EnumerateArray());
        Assert.Equal("status", status.GetProperty("kind").GetString());
        Assert.Equal(B, status.GetProperty("from").GetString());
        Assert.Equal("01", status.GetProperty("statusCode").GetString());

        // The status file is a real edXML status package answering A's document.
        var parsed = Assert.IsType<StatusPackage>(await new EdXmlReader().ReadFileAsync(status.GetProperty("file").GetString()!));
        Assert.Equal(EdXmlStatusCode.Arrived, parsed.Status.StatusCode);
        Assert.Equal("000.00.00.H41,2024/05/06,123/UBND-VX", parsed.Status.ResponseFor?.DocumentId?.ToString());
        Assert.All(_hub.GetMessages(), m => Assert.Equal("done", m.Status));
    }

    [Fact]
    public async Task Send_InvalidPackage_ExitsOneListingProblemsAndSendsNothing()
    {
        string path = Path.Combine(_directory, "invalid.edxml");
        await File.WriteAllTextAsync(path, $"<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>{A}</OrganId></From><To><OrganId>{B}</OrganId></To></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>", Encoding.UTF8);

        var result = await CliRunner.RunAsync("send", path, "--hub", _hub.BaseAddress.ToString(), "--system-id", A, "--secret", "demo-secret-h41");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Subject", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_hub.GetMessages());
    }

    [Fact]
    public async Task Receive_XxePackagePostedToTheHub_IsRefusedWithReasonAndAcknowledgedFail()
    {
        var services = new ServiceCollection();
        services.AddEDocInterchange(o => o.RequireMalwareScanner = false).AddVxpHub(o =>
        {
            o.Endpoint = _hub.BaseAddress;
            o.SystemId = A;
            o.Secret = "demo-secret-h41";
        });
        await using (var provider = services.BuildServiceProvider())
        {
            var xxe = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><edXML><edXMLEnvelope><edXMLHeader><MessageHeader><To><OrganId>{B}</OrganId></To><Subject>&x;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>");
            await provider.GetRequiredService<IHubTransport>().SendAsync(new HubOutgoingMessage { Content = xxe, Kind = HubMessageKind.Edoc, From = A, To = [B] });
        }

        var result = await CliRunner.RunAsync("receive", "--hub", _hub.BaseAddress.ToString(), "--system-id", B, "--secret", "demo-secret-g22", "--out", Path.Combine(_directory, "out"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("refused").GetInt32());
        var item = Assert.Single(json.RootElement.GetProperty("received").EnumerateArray());
        Assert.False(item.GetProperty("valid").GetBoolean());
        Assert.Contains("DTD", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(Path.Combine("out", "refused"), item.GetProperty("file").GetString(), StringComparison.Ordinal);
        var atHub = Assert.Single(_hub.GetMessages(B));
        Assert.Equal("fail", atHub.Status);
        Assert.Contains("DTD", atHub.StatusDescription, StringComparison.Ordinal);
    }

    private string WritePackage()
    {
        string header = Path.Combine(_directory, "header-" + Guid.NewGuid().ToString("N") + ".json");
        string pdf = Path.Combine(_directory, "123-UBND-VX.pdf");
        string path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".edxml");
        File.WriteAllText(header, ExampleHeader, Encoding.UTF8);
        File.WriteAllBytes(pdf, Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"));
        var pack = CliRunner.RunAsync("edxml", "pack", "--header", header, "--attach", pdf, "-o", path).GetAwaiter().GetResult();
        Assert.True(pack.ExitCode == 0, pack.Stderr);
        return path;
    }

    private const string ExampleHeader = """
        {
          "from": { "organId": "000.00.00.H41", "organName": "UBND tỉnh Nghệ An" },
          "to": [ { "organId": "000.00.00.G22", "organName": "Văn phòng Chính phủ" } ],
          "documentId": "000.00.00.H41,2024/05/06,123/UBND-VX",
          "code": { "codeNumber": "123", "codeNotation": "UBND-VX" },
          "promulgationInfo": { "place": "Nghệ An", "promulgationDate": "2024-05-06" },
          "documentType": { "type": 1, "typeDetail": "0", "typeName": "Công văn" },
          "subject": "V/v triển khai văn bản điện tử liên thông",
          "signerInfo": { "competence": "KT. CHỦ TỊCH", "position": "Phó Chủ tịch", "fullName": "Nguyễn Văn A" },
          "otherInfo": { "priority": 0, "promulgationAmount": 1, "pageAmount": 1 }
        }
        """;
}
