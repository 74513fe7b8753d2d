using System.Data;
using System.Data.Common;
using System.Globalization;
using EDoc.Registers.Storage.Internal;
using EDoc.Time;
using Microsoft.Data.Sqlite;

namespace EDoc.Registers.Storage.Sqlite;

/// <summary>SQLite: WAL, synchronous=FULL, BEGIN IMMEDIATE writers with busy_timeout; dates and instants as ISO 8601 text.</summary>
internal sealed class SqliteDialect : ISqlDialect
{
    private readonly string connectionString;
    private readonly int busyTimeoutMs;
    private readonly bool inMemory;

    public SqliteDialect(string connectionString, RegisterStoreOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string has no Data Source.", nameof(connectionString));
        }

        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:";
        this.connectionString = builder.ToString();
        busyTimeoutMs = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        Describe = $"'{builder.DataSource}'";
        Migrations = SqlSchema.Build("INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT", "TEXT", "INTEGER", "1");
    }

    public string Provider => "sqlite";

    public string Describe { get; }

    public IReadOnlyList<string> Migrations { get; }

    public string SchemaVersionDdl => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = string.Create(CultureInfo.InvariantCulture,
                    $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (inMemory)
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            // WAL is persistent in the file; readers do not block the writer and the writer does not block readers.
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // deferred: false issues BEGIN IMMEDIATE: the write lock is taken at once, so two writers never deadlock on
        // a lock upgrade; a waiting writer gets busy_timeout, then SQLITE_BUSY, which the engine retries.
        return ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
    }

    public Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public bool IsTransient(Exception exception)
        => exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    public bool IsUniqueViolation(Exception exception, out string constraint)
    {
        // SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555); the message names the columns.
        if (exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 } sqlite)
        {
            constraint = sqlite.Message;
            return true;
        }

        constraint = string.Empty;
        return false;
    }

    public object Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public object Instant(DateTimeOffset value)
        => VietnamTime.ToVietnamTime(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    public DateOnly ReadDate(DbDataReader reader, int ordinal)
        => DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DateTimeOffset ReadInstant(DbDataReader reader, int ordinal)
        => VietnamTime.ToVietnamTime(DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

    public ValueTask DisposeAsync()
    {
        // Release pooled handles so the file can be moved or deleted.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
