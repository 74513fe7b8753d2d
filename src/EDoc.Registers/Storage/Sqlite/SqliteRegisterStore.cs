using EDoc.Registers.Numbering;
using EDoc.Registers.Storage.Internal;

namespace EDoc.Registers.Storage.Sqlite;

/// <summary>
/// The embedded default register store: one SQLite file in WAL mode with <c>synchronous=FULL</c>. Writers take the
/// write lock with <c>BEGIN IMMEDIATE</c> and wait with <c>busy_timeout</c>, then retry on SQLITE_BUSY; many
/// processes may share the file on one machine (not over a network file system).
/// </summary>
public sealed class SqliteRegisterStore : IRegisterStore
{
    private readonly SqlRegisterEngine engine;

    /// <summary>Initializes a new instance. Nothing is opened until the first call; call <see cref="MigrateAsync"/> to open and migrate.</summary>
    /// <param name="connectionString">A file path or a Microsoft.Data.Sqlite connection string (<c>Data Source=registers.db</c>).</param>
    /// <param name="options">Retry and timeout options; <see langword="null"/> for the defaults.</param>
    public SqliteRegisterStore(string connectionString, RegisterStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var validated = (options ?? new RegisterStoreOptions()).Validate();
        engine = new SqlRegisterEngine(new SqliteDialect(RegisterStoreFactory.ToSqliteConnectionString(connectionString), validated), validated);
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
