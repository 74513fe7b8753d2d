using System.Diagnostics;
using EDoc.Registers.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using EDoc.Documents;
using EDoc.Numbering;
using EDoc.Registers.Numbering;
using EDoc.Registers.Storage;
using EDoc.Time;

namespace EDoc.Registers;

/// <summary>
/// The clerk's registers (sổ đăng ký văn bản đi, đến): issues outgoing numbers and notations, assigns arrival numbers,
/// records voids and recalls, and keeps the follow-up columns. Numbering years are Vietnam-time years.
/// </summary>
/// <remarks>Thread-safe when the store is; every operation is one transaction in the store.</remarks>
public sealed class DocumentRegister
{
    private readonly IRegisterStore store;
    private readonly TimeProvider timeProvider;
    private readonly SequenceResolver resolver;
    private readonly string defaultRegisterId;
    private readonly IWorkingDayCalendar? calendar;
    private readonly DocumentTypeCatalog typeCatalog;
    private readonly bool requireKnownTypes;
    private readonly string? secretQualifier;
    private readonly ILogger logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="store">Where the registers are kept.</param>
    /// <param name="options">Numbering and register options; <see langword="null"/> for the defaults of NĐ 30/2020.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">The logger (event ids 3000–3999); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The default register id is blank or the secret notation qualifier is not a valid notation group.</exception>
    public DocumentRegister(IRegisterStore store, DocumentRegisterOptions? options = null, TimeProvider? timeProvider = null, ILogger<DocumentRegister>? logger = null)
    {
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(store);
        options ??= new DocumentRegisterOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DefaultRegisterId, nameof(options));
        this.store = store;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        resolver = new SequenceResolver(options.Numbering);
        defaultRegisterId = options.DefaultRegisterId.Trim();
        calendar = options.Calendar;
        typeCatalog = options.TypeCatalog ?? DocumentTypeCatalog.Default;
        requireKnownTypes = options.RequireKnownTypes;
        secretQualifier = string.IsNullOrWhiteSpace(options.Numbering.SecretNotationQualifier) ? null : options.Numbering.SecretNotationQualifier.Trim();
        if (secretQualifier is not null && !NotationRules.IsValidGroup(secretQualifier.Normalize(System.Text.NormalizationForm.FormC)))
        {
            throw new ArgumentException($"The secret notation qualifier '{secretQualifier}' is not a valid notation group (letters, digits, inner dots).", nameof(options));
        }
    }

    /// <summary>The store behind this register.</summary>
    public IRegisterStore Store => store;

    /// <summary>
    /// The numbering sequence a request would use, without issuing anything.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The sequence key.</returns>
    public SequenceKey GetSequenceKey(OutgoingIssueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = OutgoingNotation.Normalize(request, OutgoingNotation.ResolveType(request, typeCatalog, requireKnownTypes));
        return new SequenceKey(RegisterBook.Outgoing, RegisterIdOf(request.RegisterId), resolver.ResolveGroup(request));
    }

    /// <summary>
    /// Issues an outgoing document: takes the next number of its sequence in the document's year, composes the
    /// notation and registers it, in one transaction. A failure consumes no number.
    /// </summary>
    /// <param name="request">The document.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The registered entry.</returns>
    /// <exception cref="ArgumentException">
    /// An abbreviation is empty or contains characters other than letters, digits and inner dots, the notation is longer
    /// than 30 characters, or (with <see cref="DocumentRegisterOptions.RequireKnownTypes"/>) the type is unknown.
    /// </exception>
    /// <exception cref="RegisterConflictException">The notation already exists for the issuer and year.</exception>
    /// <exception cref="RegisterStoreException">The store failed.</exception>
    public async Task<OutgoingRegisterEntry> IssueAsync(OutgoingIssueRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IssuerAbbreviation, nameof(request));
        var now = VietnamTime.Now(timeProvider);
        var date = request.Date ?? DateOnly.FromDateTime(now.DateTime);
        var type = OutgoingNotation.ResolveType(request, typeCatalog, requireKnownTypes);
        request = OutgoingNotation.Normalize(request, type);
        var key = new SequenceKey(RegisterBook.Outgoing, RegisterIdOf(request.RegisterId), resolver.ResolveGroup(request));
        var template = OutgoingNotation.ComposeTemplate(request, type, date.Year, secretQualifier);
        var registration = new OutgoingRegistration(request, key, date.Year, date, template, now);
        using var activity = RegistersDiagnostics.ActivitySource.StartActivity("EDoc.Registers.Issue", ActivityKind.Internal);
        activity?.SetTag("db.system", store.Provider);
        activity?.SetTag("edoc.registers.sequence", key.Group);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var entry = await store.IssueOutgoingAsync(registration, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Record("outgoing", "issued", elapsed);
            activity?.SetTag("edoc.registers.number", entry.Number);
            Log.OutgoingIssued(logger, entry.Number, key.Group, date.Year, key.RegisterId, elapsed.TotalMilliseconds);
            return entry;
        }
        catch (RegisterConflictException ex)
        {
            Record("outgoing", "conflict", Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Conflict);
            Log.IssueRefused(logger, key.Group, date.Year, key.RegisterId, ex.Conflict);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ArgumentException)
        {
            Record("outgoing", "error", Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Log.IssueFailed(logger, ex, key.Group, date.Year, key.RegisterId, store.Provider);
            throw;
        }
    }

    /// <summary>
    /// Registers an incoming document and assigns its arrival number (số đến): continuous within the Vietnam-time year
    /// of arrival, one sequence for paper and electronic documents.
    /// </summary>
    /// <param name="request">The document.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The registered entry.</returns>
    /// <exception cref="RegisterConflictException">The same document from the same sender is already registered.</exception>
    /// <exception cref="RegisterStoreException">The store failed.</exception>
    public async Task<IncomingRegisterEntry> ReceiveAsync(IncomingReceiveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SenderCode, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.DocumentNumber, nameof(request));
        var now = VietnamTime.Now(timeProvider);
        var arrived = VietnamTime.ToVietnamTime(request.ArrivedAt ?? now);
        var registration = new IncomingRegistration(request, RegisterIdOf(request.RegisterId), arrived.Year, arrived, now);
        using var activity = RegistersDiagnostics.ActivitySource.StartActivity("EDoc.Registers.Receive", ActivityKind.Internal);
        activity?.SetTag("db.system", store.Provider);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var entry = await store.ReceiveIncomingAsync(registration, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Record("incoming", "issued", elapsed);
            activity?.SetTag("edoc.registers.number", entry.ArrivalNumber);
            Log.IncomingReceived(logger, entry.ArrivalNumber, entry.Year, registration.RegisterId, elapsed.TotalMilliseconds);
            return entry;
        }
        catch (RegisterConflictException ex)
        {
            Record("incoming", "conflict", Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Conflict);
            Log.ReceiveRefused(logger, registration.RegisterId, ex.Conflict);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ArgumentException)
        {
            Record("incoming", "error", Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            Log.ReceiveFailed(logger, ex, registration.RegisterId, store.Provider);
            throw;
        }
    }

    /// <summary>Voids a number (hủy số): the entry stays in the register, marked voided, with who, when and why.</summary>
    /// <param name="book">The register book.</param>
    /// <param name="entryId">The entry.</param>
    /// <param name="actor">Who voids it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The recorded change.</returns>
    /// <exception cref="RegisterConflictException">The entry does not exist or is not active.</exception>
    public Task<RegisterStatusChange> VoidAsync(RegisterBook book, long entryId, string actor, string reason, CancellationToken cancellationToken = default)
        => ChangeAsync(book, entryId, RegisterEntryStatus.Voided, actor, reason, cancellationToken);

    /// <summary>Records a recall (thu hồi): the entry stays in the register, marked recalled, with who, when and why.</summary>
    /// <param name="book">The register book.</param>
    /// <param name="entryId">The entry.</param>
    /// <param name="actor">Who recalls it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The recorded change.</returns>
    /// <exception cref="RegisterConflictException">The entry does not exist or is not active.</exception>
    public Task<RegisterStatusChange> RecallAsync(RegisterBook book, long entryId, string actor, string reason, CancellationToken cancellationToken = default)
        => ChangeAsync(book, entryId, RegisterEntryStatus.Recalled, actor, reason, cancellationToken);

    /// <summary>Updates the follow-up columns of an incoming entry (deadline, progress, reply, handled date).</summary>
    /// <param name="entryId">The incoming entry.</param>
    /// <param name="update">The new values.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated entry.</returns>
    public Task<IncomingRegisterEntry> UpdateFollowUpAsync(long entryId, FollowUpUpdate update, CancellationToken cancellationToken = default)
        => store.UpdateFollowUpAsync(entryId, update, cancellationToken);

    /// <summary>The due date <paramref name="workingDays"/> working days after <paramref name="start"/>, by the configured calendar.</summary>
    /// <param name="start">The start date (for example the arrival date).</param>
    /// <param name="workingDays">The handling time in working days.</param>
    /// <returns>The due date.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="DocumentRegisterOptions.Calendar"/> is configured.</exception>
    public DateOnly DueDateAfter(DateOnly start, int workingDays)
        => (calendar ?? throw new InvalidOperationException("No working-day calendar is configured (DocumentRegisterOptions.Calendar)."))
            .AddWorkingDays(start, workingDays);

    private async Task<RegisterStatusChange> ChangeAsync(RegisterBook book, long entryId, RegisterEntryStatus status, string actor, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var change = new RegisterStatusChange(book, entryId, status, actor.Trim(), VietnamTime.Now(timeProvider), reason.Trim());
        await store.ChangeStatusAsync(change, cancellationToken).ConfigureAwait(false);
        Log.StatusChanged(logger, book, entryId, status);
        return change;
    }

    private void Record(string book, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "edoc.registers.book", book },
            { "edoc.registers.outcome", outcome },
            { "db.system", store.Provider },
        };
        RegistersDiagnostics.IssueDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome == "issued")
        {
            RegistersDiagnostics.Issued.Add(1, tags);
        }
    }

    private string RegisterIdOf(string? registerId) => string.IsNullOrWhiteSpace(registerId) ? defaultRegisterId : registerId.Trim();
}
