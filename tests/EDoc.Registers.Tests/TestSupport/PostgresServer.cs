using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EDoc.Registers.Tests.TestSupport;

/// <summary>
/// The PostgreSQL server of the test run: the one test.sh started (EDOC_TEST_POSTGRES), or else a throwaway
/// PostgreSQL 15 this process starts itself (initdb + pg_ctl on 127.0.0.1, trust auth, fsync off) and stops at exit.
/// When neither works the PostgreSQL tests FAIL with the reason; they are never skipped.
/// </summary>
internal static class PostgresServer
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<string> Server = new(StartOrUseEnvironment, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection string of the server's maintenance database.</summary>
    public static string AdminConnectionString => Server.Value;

    private static string StartOrUseEnvironment()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("EDOC_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException(
                "EDOC_TEST_POSTGRES is not set and PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin/initdb). " +
                "Run ./test.sh, or install it: apt-get install -y postgresql.");
        }

        var dir = Path.Combine(Path.GetTempPath(), "edoc-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var isRoot = Environment.UserName == "root";
        if (isRoot)
        {
            Run("chown", ["postgres:postgres", dir]);
        }

        var port = FreePort();
        Shell(isRoot, $"{Bin}/initdb -D '{dir}/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > '{dir}/initdb.log' 2>&1");
        Shell(isRoot, $"{Bin}/pg_ctl -D '{dir}/data' -l '{dir}/log' -o \"-c listen_addresses=127.0.0.1 -p {port} -k '{dir}' -c fsync=off -c max_connections=200\" -w start > /dev/null");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Shell(isRoot, $"{Bin}/pg_ctl -D '{dir}/data' -m immediate stop > /dev/null; rm -rf '{dir}'");
            }
            catch (InvalidOperationException)
            {
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Shell(bool asPostgres, string command)
    {
        if (asPostgres)
        {
            Run("su", ["postgres", "-s", "/bin/bash", "-c", command]);
        }
        else
        {
            Run("bash", ["-c", command]);
        }
    }

    private static void Run(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Starting the test PostgreSQL failed: {file} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
        }
    }
}

/// <summary>A fresh PostgreSQL database for one test class, dropped afterwards.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private readonly string name = "edoc_test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The Npgsql connection string of the class's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var admin = PostgresServer.AdminConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A temporary directory deleted at dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edoc-reg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
