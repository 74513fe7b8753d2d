using System.Data.Common;

namespace EDoc.Registers.Storage.Internal;

/// <summary>What differs between the SQL databases behind <see cref="SqlRegisterEngine"/>.</summary>
internal interface ISqlDialect : IAsyncDisposable
{
    string Provider { get; }

    /// <summary>A description of the database for messages, without secrets.</summary>
    string Describe { get; }

    /// <summary>The ordered schema migrations; index 0 is version 1.</summary>
    IReadOnlyList<string> Migrations { get; }

    /// <summary>DDL of the schema_version table (idempotent).</summary>
    string SchemaVersionDdl { get; }

    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Prepares a connection once before migrations (for example SQLite's WAL mode).</summary>
    Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a write transaction that serialises with other writers (SQLite BEGIN IMMEDIATE).</summary>
    ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises concurrent migrations inside the transaction (PostgreSQL advisory lock).</summary>
    Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>A busy, lock or serialization failure worth retrying.</summary>
    bool IsTransient(Exception exception);

    /// <summary>Returns a text naming the unique constraint (or its columns) when the exception is a unique violation.</summary>
    bool IsUniqueViolation(Exception exception, out string constraint);

    object Date(DateOnly value);

    object Instant(DateTimeOffset value);

    DateOnly ReadDate(DbDataReader reader, int ordinal);

    DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);
}
