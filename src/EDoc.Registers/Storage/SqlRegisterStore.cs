using EDoc.Registers.Numbering;
using EDoc.Registers.Storage.Internal;

namespace EDoc.Registers.Storage;

/// <summary>
/// The common base of the SQL register stores (<c>SqliteRegisterStore</c>, <c>PostgresRegisterStore</c>): every
/// operation runs in the shared SQL engine, which differs only by its dialect (locking, retries, upsert syntax).
/// </summary>
public abstract class SqlRegisterStore : IRegisterStore
{
    private readonly SqlRegisterEngine engine;

    private protected SqlRegisterStore(SqlRegisterEngine engine)
    {
        this.engine = engine;
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
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return engine.DisposeAsync();
    }
}
