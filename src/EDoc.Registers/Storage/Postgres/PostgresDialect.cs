using System.Data;
using System.Data.Common;
using EDoc.Registers.Storage.Internal;
using EDoc.Time;
using Npgsql;

namespace EDoc.Registers.Storage.Postgres;

/// <summary>PostgreSQL: READ COMMITTED writers serialised by the counter row lock (upsert), retried on 40001/40P01.</summary>
internal sealed class PostgresDialect : ISqlDialect
{
    private const long MigrationLockKey = 0x4544_6F63_5265_6701; // "EDocReg" + 1

    private readonly NpgsqlDataSource dataSource;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The PostgreSQL connection string has no Host.", nameof(connectionString));
        }

        Describe = $"{builder.Host}:{builder.Port}/{builder.Database}";
        dataSource = NpgsqlDataSource.Create(builder);
        Migrations = SqlSchema.Build("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "DATE", "TIMESTAMPTZ", "BOOLEAN", "TRUE");
    }

    public string Provider => "postgresql";

    public string Describe { get; }

    public IReadOnlyList<string> Migrations { get; }

    public string SchemaVersionDdl => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
        => await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
        => await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    public async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@key";
            parameter.Value = MigrationLockKey;
            command.Parameters.Add(parameter);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public bool IsTransient(Exception exception)
        => exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable };

    public bool IsUniqueViolation(Exception exception, out string constraint)
    {
        if (exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            constraint = pg.ConstraintName ?? pg.MessageText;
            return true;
        }

        constraint = string.Empty;
        return false;
    }

    public object Date(DateOnly value) => value;

    public object Instant(DateTimeOffset value) => value.ToUniversalTime();

    public DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    public DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => VietnamTime.ToVietnamTime(reader.GetFieldValue<DateTimeOffset>(ordinal));

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
