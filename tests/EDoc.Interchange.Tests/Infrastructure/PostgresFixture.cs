using System.Diagnostics;
using Npgsql;

namespace EDoc.Interchange.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL database for the store contract tests: the server named by EDOC_TEST_POSTGRES (an Npgsql connection
/// string, exported by scripts/test-tools.sh) when set, otherwise a throwaway server started here (initdb + pg_ctl on
/// 127.0.0.1 and a free port) and stopped at the end. Each fixture creates its own database. Fails, never skips, when
/// PostgreSQL is not installed.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edoc-pg-" + Guid.NewGuid().ToString("N"));
    private string? _pgCtl;
    private string? _adminConnectionString;

    public string? ConnectionString { get; private set; }

    public string? StartError { get; private set; }

    public string EnsureStarted()
    {
        if (StartError is not null)
        {
            Assert.Fail(StartError);
        }

        return ConnectionString!;
    }

    public async Task InitializeAsync()
    {
        try
        {
            _adminConnectionString = Environment.GetEnvironmentVariable("EDOC_TEST_POSTGRES") is { Length: > 0 } external
                ? external
                : await StartOwnServerAsync();
            if (_adminConnectionString is null)
            {
                return;
            }

            string database = "edoc_hub_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(_adminConnectionString))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database }.ConnectionString;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            StartError = "PostgreSQL could not be started or reached: " + ex.Message;
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_pgCtl is not null)
        {
            await RunAsync(AsPostgres(_pgCtl, ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "stop"]));
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task<string?> StartOwnServerAsync()
    {
        string? bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            StartError = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install the Debian package postgresql, or export EDOC_TEST_POSTGRES.";
            return null;
        }

        Directory.CreateDirectory(_directory);
        if (Environment.UserName == "root")
        {
            await RunAsync(new ProcessStartInfo("chown", ["postgres:postgres", _directory]));
        }

        string data = Path.Combine(_directory, "data");
        var init = await RunAsync(AsPostgres(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]));
        if (init.ExitCode != 0)
        {
            StartError = "initdb failed: " + init.Output;
            return null;
        }

        int port = ClamdFixture.FreePort();
        _pgCtl = Path.Combine(bin, "pg_ctl");
        var start = await RunAsync(AsPostgres(_pgCtl, ["-D", data, "-l", Path.Combine(_directory, "log"), "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {_directory} -c fsync=off", "-w", "start"]));
        if (start.ExitCode != 0)
        {
            StartError = "pg_ctl start failed: " + start.Output;
            _pgCtl = null;
            return null;
        }

        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true";
    }

    private static ProcessStartInfo AsPostgres(string program, string[] arguments)
    {
        if (Environment.UserName != "root")
        {
            return new ProcessStartInfo(program, arguments);
        }

        string command = string.Join(' ', new[] { program }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return new ProcessStartInfo("su", ["postgres", "-c", command]);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
