using EDoc.Registers.Storage;
using EDoc.Registers.Storage.Sqlite;
using EDoc.Registers.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace EDoc.Registers.Tests.Storage;

/// <summary>The store contract against a SQLite file (a fresh file per test).</summary>
public sealed class SqliteRegisterStoreTests : RegisterStoreContractTests, IDisposable
{
    private readonly TempDirectory directory = new();

    protected override IRegisterStore CreateStore() => new SqliteRegisterStore(directory.File("registers.db"));

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Open_NewFile_UsesWalJournal()
    {
        await using var store = await RegisterStoreFactory.OpenAsync(directory.File("registers.db"));

        await using var connection = new SqliteConnection($"Data Source={directory.File("registers.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.Equal("sqlite", store.Provider);
    }

    [Fact]
    public async Task Open_SchemaNewerThanLibrary_ThrowsStoreException()
    {
        var path = directory.File("future.db");
        await using (var store = await RegisterStoreFactory.OpenAsync(path))
        {
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, 'x')";
            await command.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<RegisterStoreException>(() => RegisterStoreFactory.OpenAsync(path));
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class RegisterStoreFactoryTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Database=docs", "postgresql")]
    [InlineData("Server=db;Database=docs", "postgresql")]
    [InlineData("Data Source=/tmp/x.db", "sqlite")]
    [InlineData("/tmp/registers.db", "sqlite")]
    [InlineData("registers.db", "sqlite")]
    public async Task Create_ConnectionText_PicksProvider(string connection, string provider)
    {
        await using var store = RegisterStoreFactory.Create(connection);

        Assert.Equal(provider, store.Provider);
    }

    [Fact]
    public void ToSqliteConnectionString_Path_BecomesFullDataSource()
    {
        var text = RegisterStoreFactory.ToSqliteConnectionString("registers.db");

        Assert.Equal(Path.GetFullPath("registers.db"), new SqliteConnectionStringBuilder(text).DataSource);
    }
}

public sealed class SqliteDialectTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Open_Connection_HasSynchronousFullAndBusyTimeout()
    {
        await using var dialect = new EDoc.Registers.Storage.Sqlite.SqliteDialect($"Data Source={directory.File("a.db")}", new RegisterStoreOptions { BusyTimeout = TimeSpan.FromSeconds(7) });
        await using var connection = await dialect.OpenAsync(default);
        await using var command = connection.CreateCommand();

        command.CommandText = "PRAGMA synchronous";
        var synchronous = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "PRAGMA busy_timeout";
        var busy = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(2, synchronous); // FULL
        Assert.Equal(7000, busy);
    }

    [Fact]
    public async Task BeginWrite_TakesWriteLockAtOnce_SecondWriterIsBusy()
    {
        var path = directory.File("lock.db");
        await using (var store = await RegisterStoreFactory.OpenAsync(path))
        {
        }

        await using var dialect = new EDoc.Registers.Storage.Sqlite.SqliteDialect($"Data Source={path}", new RegisterStoreOptions { BusyTimeout = TimeSpan.Zero });
        await using var first = await dialect.OpenAsync(default);
        await using var second = await dialect.OpenAsync(default);
        await using (var command = second.CreateCommand())
        {
            command.CommandText = "PRAGMA busy_timeout = 0";
            await command.ExecuteNonQueryAsync();
        }

        // BEGIN IMMEDIATE: the first transaction holds the write lock before writing anything.
        await using var transaction = await dialect.BeginWriteAsync(first, default);
        var ex = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var other = await dialect.BeginWriteAsync(second, default);
        });

        Assert.True(dialect.IsTransient(ex), $"SQLite error {ex.SqliteErrorCode} is not treated as busy.");
    }
    [Fact]
    public async Task Open_VersionOneFile_MigratesSecretFlagToSecrecy()
    {
        var path = directory.File("v1.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);" +
                EDoc.Registers.Storage.Internal.SqlSchema.Build("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "TEXT", "INTEGER", "1")[0] +
                "INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00+07:00');" +
                "INSERT INTO outgoing_entries (register_id, sequence_group, year, number, notation, doc_date, subject, issuer, category, " +
                "is_secret, priority, form, registered_at) VALUES ('default', 'secret', 2026, 1, '01/QĐ-UBND', '2026-01-05', 'x', 'UBND', 0, 1, 2, 0, " +
                "'2026-01-05T08:00:00.0000000+07:00');";
            await command.ExecuteNonQueryAsync();
        }

        await using var store = await RegisterStoreFactory.OpenAsync(path);
        var entry = Assert.Single(await store.ListOutgoingAsync(2026));

        Assert.Equal(2, await store.GetSchemaVersionAsync());
        Assert.Equal((EDoc.Documents.Secrecy.Confidential, EDoc.Documents.Urgency.VeryUrgent, true), (entry.Secrecy, entry.Urgency, entry.IsSecret));
    }
}
