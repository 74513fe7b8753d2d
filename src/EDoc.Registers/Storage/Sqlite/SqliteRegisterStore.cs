using EDoc.Registers.Storage.Internal;

namespace EDoc.Registers.Storage.Sqlite;

/// <summary>
/// The embedded default register store: one SQLite file in WAL mode with <c>synchronous=FULL</c>. Writers take the
/// write lock with <c>BEGIN IMMEDIATE</c> and wait with <c>busy_timeout</c>, then retry on SQLITE_BUSY; many
/// processes may share the file on one machine (not over a network file system).
/// </summary>
public sealed class SqliteRegisterStore : SqlRegisterStore
{
    /// <summary>Initializes a new instance. Nothing is opened until the first call; call <see cref="SqlRegisterStore.MigrateAsync"/> to open and migrate.</summary>
    /// <param name="connectionString">A file path or a Microsoft.Data.Sqlite connection string (<c>Data Source=registers.db</c>).</param>
    /// <param name="options">Retry and timeout options; <see langword="null"/> for the defaults.</param>
    public SqliteRegisterStore(string connectionString, RegisterStoreOptions? options = null)
        : base(CreateEngine(connectionString, options))
    {
    }

    private static SqlRegisterEngine CreateEngine(string connectionString, RegisterStoreOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var validated = (options ?? new RegisterStoreOptions()).Validate();
        return new SqlRegisterEngine(new SqliteDialect(RegisterStoreFactory.ToSqliteConnectionString(connectionString), validated), validated);
    }
}
