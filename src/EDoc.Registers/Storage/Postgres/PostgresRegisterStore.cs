using EDoc.Registers.Numbering;
using EDoc.Registers.Storage.Internal;

namespace EDoc.Registers.Storage.Postgres;

/// <summary>
/// The PostgreSQL register store, for many clerks and servers. Numbers come from an upsert on a counter row in the
/// issuing transaction (the row lock serialises writers); serialization failures and deadlocks are retried.
/// </summary>
public sealed class PostgresRegisterStore : IRegisterStore
{
    private readonly SqlRegisterEngine engine;

    /// <summary>Initializes a new instance. Nothing is opened until the first call; call <see cref="MigrateAsync"/> to open and migrate.</summary>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=…;Database=…;Username=…</c>).</param>
    /// <param name="options">Retry and timeout options; <see langword="null"/> for the defaults.</param>
    public PostgresRegisterStore(string connectionString, RegisterStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var validated = (options ?? new RegisterStoreOptions()).Validate();
        engine = new SqlRegisterEngine(new PostgresDialect(connectionString), validated);
    }

    /// <inheritdoc />
    public string Provider => engine.Provider;

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken = default) => engine.MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await engine.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await engine.GetSchemaVersionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<OutgoingRegisterEntry> IssueOutgoingAsync(OutgoingRegistration registration, CancellationToken cancellationToken = default)
        => engine.IssueOutgoingAsync(registration, cancellationToken);

    /// <inheritdoc />
    public Task<IncomingRegisterEntry> ReceiveIncomingAsync(IncomingRegistration registration, CancellationToken cancellationToken = default)
        => engine.ReceiveIncomingAsync(registration, cancellationToken);

    /// <inheritdoc />
    public Task ChangeStatusAsync(RegisterStatusChange change, CancellationToken cancellationToken = default)
        => engine.ChangeStatusAsync(change, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RegisterStatusChange>> GetStatusHistoryAsync(RegisterBook book, long entryId, CancellationToken cancellationToken = default)
        => engine.GetStatusHistoryAsync(book, entryId, cancellationToken);

    /// <inheritdoc />
    public Task<IncomingRegisterEntry> UpdateFollowUpAsync(long entryId, FollowUpUpdate update, CancellationToken cancellationToken = default)
        => engine.UpdateFollowUpAsync(entryId, update, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OutgoingRegisterEntry>> ListOutgoingAsync(int year, string? registerId = null, CancellationToken cancellationToken = default)
        => engine.ListOutgoingAsync(year, registerId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IncomingRegisterEntry>> ListIncomingAsync(int year, string? registerId = null, CancellationToken cancellationToken = default)
        => engine.ListIncomingAsync(year, registerId, cancellationToken);

    /// <inheritdoc />
    public Task<int> GetLastNumberAsync(SequenceKey key, int year, CancellationToken cancellationToken = default)
        => engine.GetLastNumberAsync(key, year, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => engine.DisposeAsync();
}
