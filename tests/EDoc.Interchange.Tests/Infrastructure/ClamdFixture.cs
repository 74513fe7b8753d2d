using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EDoc.Interchange.Scanning;

namespace EDoc.Interchange.Tests.Infrastructure;

/// <summary>
/// Starts a real clamd (Debian clamav-daemon) on 127.0.0.1 and a free port, with only a custom signature database for
/// the EICAR test string (no freshclam download), and stops it at the end. Fails, never skips, when clamd is missing.
/// </summary>
public sealed class ClamdFixture : IAsyncLifetime
{
    /// <summary>The 68-byte EICAR anti-virus test file.</summary>
    public static readonly byte[] Eicar = System.Text.Encoding.ASCII.GetBytes(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edoc-clamd-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; private set; }

    public string? StartError { get; private set; }

    public ClamAvOptions Options => new() { Host = "127.0.0.1", Port = Port, ScanTimeout = TimeSpan.FromSeconds(30) };

    public void EnsureStarted()
    {
        if (StartError is not null)
        {
            Assert.Fail(StartError);
        }
    }

    public async Task InitializeAsync()
    {
        string? clamd = new[] { "/usr/sbin/clamd", "/usr/bin/clamd", "/usr/local/sbin/clamd" }.FirstOrDefault(File.Exists);
        if (clamd is null)
        {
            StartError = "clamd is not installed: install the Debian package clamav-daemon (scripts/test-tools.sh lists it in EDOC_TEST_TOOLS).";
            return;
        }

        var db = Path.Combine(_directory, "db");
        Directory.CreateDirectory(db);
        await File.WriteAllTextAsync(Path.Combine(db, "test.hdb"), "44d88612fea8a8f36de82e1278abb02f:68:Test.EICAR.Custom\n");
        await File.WriteAllTextAsync(Path.Combine(db, "test.ndb"), "Test.EICAR.Ndb:0:*:" + Convert.ToHexStringLower("EICAR-STANDARD-ANTIVIRUS-TEST-FILE"u8) + "\n");
        Port = FreePort();
        string conf = Path.Combine(_directory, "clamd.conf");
        await File.WriteAllTextAsync(conf, $"""
            DatabaseDirectory {db}
            TCPSocket {Port}
            TCPAddr 127.0.0.1
            Foreground yes
            LogFile {Path.Combine(_directory, "clamd.log")}
            StreamMaxLength 20M
            """);
        _process = Process.Start(new ProcessStartInfo(clamd, ["-c", conf]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
        _process!.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var scanner = new ClamAvScanner(Options);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                StartError = $"clamd exited with code {_process.ExitCode}; log: {ReadLog()}";
                return;
            }

            if (await scanner.PingAsync())
            {
                return;
            }

            await Task.Delay(200);
        }

        StartError = "clamd did not answer PING within 90 s; log: " + ReadLog();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string ReadLog()
    {
        string log = Path.Combine(_directory, "clamd.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }
}

[CollectionDefinition(Name)]
public sealed class ClamdCollectionDefinition : ICollectionFixture<ClamdFixture>
{
    public const string Name = "clamd";
}
