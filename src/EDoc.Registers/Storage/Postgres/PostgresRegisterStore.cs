using EDoc.Registers.Storage.Internal;

namespace EDoc.Registers.Storage.Postgres;

/// <summary>
/// The PostgreSQL register store, for many clerks and servers. Numbers come from an upsert on a counter row in the
/// issuing transaction (the row lock serialises writers); serialization failures and deadlocks are retried.
/// </summary>
public sealed class PostgresRegisterStore : SqlRegisterStore
{
    /// <summary>Initializes a new instance. Nothing is opened until the first call; call <see cref="SqlRegisterStore.MigrateAsync"/> to open and migrate.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=…;Database=…;Username=…</c>).</param>
    /// <param name="options">Retry and timeout options; <see langword="null"/> for the defaults.</param>
    public PostgresRegisterStore(string connectionString, RegisterStoreOptions? options = null)
        : base(CreateEngine(connectionString, options))
    {
    }

    private static SqlRegisterEngine CreateEngine(string connectionString, RegisterStoreOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var validated = (options ?? new RegisterStoreOptions()).Validate();
        return new SqlRegisterEngine(new PostgresDialect(connectionString), validated);
    }
}
