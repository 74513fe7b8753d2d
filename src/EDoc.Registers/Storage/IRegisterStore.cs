using EDoc.Registers.Numbering;

namespace EDoc.Registers.Storage;

/// <summary>
/// Where registers are kept. Every implementation assigns numbers from a counter row updated in the same
/// transaction as the register insert, so a failed or interrupted transaction consumes no number: numbers are
/// gap-free and unique under concurrency and crashes. No database sequence is used for document numbers.
/// </summary>
/// <remarks>Implementations are thread-safe; one instance may be shared by the whole process.</remarks>
public interface IRegisterStore : IAsyncDisposable
{
    /// <summary>The provider name: <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    /// <summary>Creates or upgrades the schema (ordered migrations, each in a transaction). Safe to call from many processes at once.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>The schema version of the database (0 when empty).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The highest applied migration.</returns>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes the next number of the sequence and inserts the outgoing entry, in one transaction.</summary>
    /// <param name="registration">The entry to insert.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The registered entry with its number and notation.</returns>
    /// <exception cref="RegisterConflictException">The (number, notation, issuer, year) already exists; no number was consumed.</exception>
    Task<OutgoingRegisterEntry> IssueOutgoingAsync(OutgoingRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Takes the next arrival number of the year and inserts the incoming entry, in one transaction.</summary>
    /// <param name="registration">The entry to insert.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The registered entry with its arrival number.</returns>
    /// <exception cref="RegisterConflictException">The same document from the same sender is already registered; no number was consumed.</exception>
    Task<IncomingRegisterEntry> ReceiveIncomingAsync(IncomingRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Voids or recalls an entry, recording who, when and why; the entry and its number stay in the register.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the change is stored.</returns>
    /// <exception cref="RegisterConflictException">The entry does not exist or is not active.</exception>
    Task ChangeStatusAsync(RegisterStatusChange change, CancellationToken cancellationToken = default);

    /// <summary>Every recorded status change of an entry, oldest first.</summary>
    /// <param name="book">The register book.</param>
    /// <param name="entryId">The entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The history.</returns>
    Task<IReadOnlyList<RegisterStatusChange>> GetStatusHistoryAsync(RegisterBook book, long entryId, CancellationToken cancellationToken = default);

    /// <summary>Updates the follow-up columns of an incoming entry.</summary>
    /// <param name="entryId">The entry.</param>
    /// <param name="update">The new values; null ones are kept.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated entry.</returns>
    /// <exception cref="RegisterConflictException">The entry does not exist.</exception>
    Task<IncomingRegisterEntry> UpdateFollowUpAsync(long entryId, FollowUpUpdate update, CancellationToken cancellationToken = default);

    /// <summary>The outgoing entries of a year, voided and recalled ones included, in sequence then number order.</summary>
    /// <param name="year">The numbering year.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<OutgoingRegisterEntry>> ListOutgoingAsync(int year, string? registerId = null, CancellationToken cancellationToken = default);

    /// <summary>The incoming entries of a year, voided and recalled ones included, in arrival number order.</summary>
    /// <param name="year">The numbering year.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<IncomingRegisterEntry>> ListIncomingAsync(int year, string? registerId = null, CancellationToken cancellationToken = default);

    /// <summary>The last number taken from a sequence in a year (0 when none).</summary>
    /// <param name="key">The sequence.</param>
    /// <param name="year">The year.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The counter value.</returns>
    Task<int> GetLastNumberAsync(SequenceKey key, int year, CancellationToken cancellationToken = default);
}

/// <summary>An outgoing entry ready to be numbered and inserted by a store.</summary>
/// <param name="Request">What the clerk entered.</param>
/// <param name="Key">The numbering sequence.</param>
/// <param name="Year">The numbering year (Vietnam time).</param>
/// <param name="Date">The document date.</param>
/// <param name="NotationTemplate">The notation with the <c>{number}</c> placeholder, for example <c>{number}/QĐ-UBND</c>.</param>
/// <param name="RegisteredAt">When it is registered.</param>
public sealed record OutgoingRegistration(OutgoingIssueRequest Request, SequenceKey Key, int Year, DateOnly Date, string NotationTemplate, DateTimeOffset RegisteredAt)
{
    /// <summary>The notation for a number.</summary>
    /// <param name="number">The number taken.</param>
    /// <returns>The notation, for example <c>05/QĐ-UBND</c>.</returns>
    public string NotationFor(int number) => OutgoingNotation.Apply(NotationTemplate, number);
}

/// <summary>An incoming entry ready to be numbered and inserted by a store.</summary>
/// <param name="Request">What the clerk entered.</param>
/// <param name="RegisterId">The register.</param>
/// <param name="Year">The numbering year (Vietnam time of arrival).</param>
/// <param name="ArrivedAt">When it arrived.</param>
/// <param name="RegisteredAt">When it is registered.</param>
public sealed record IncomingRegistration(IncomingReceiveRequest Request, string RegisterId, int Year, DateTimeOffset ArrivedAt, DateTimeOffset RegisteredAt)
{
    /// <summary>The incoming sequence of this register.</summary>
    public SequenceKey Key => new(RegisterBook.Incoming, RegisterId, SequenceKey.IncomingGroup);
}
