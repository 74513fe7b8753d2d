using EDoc.Documents;
using EDoc.Policies;
using EDoc.Interchange.Diagnostics;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Scanning;
using EDoc.Interchange.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Interchange.Outbox;

/// <summary>
/// The durable outbox (hộp thư đi): a package is inspected, its attachments scanned, and it is stored in one
/// transaction; a delivery pass then sends due items to the hub, retrying transient failures with exponential
/// backoff and jitter until the hub accepts them. State machine: pending → sending → sent (or failed when the hub
/// refuses permanently). An item left in the sending state by a crash is sent again after restart with the same
/// idempotency key.
/// </summary>
/// <remarks>
/// Exactly-once is end to end: the outbox delivers at least once; the hub de-duplicates by idempotency key when it can,
/// and the receiving inbox stores a package once per sender, DocumentId and content.
/// </remarks>
public sealed class EDocOutbox
{
    /// <summary>The longest hub <c>Retry-After</c> honoured; a longer one (or a hostile one) is cut to this.</summary>
    private static readonly TimeSpan MaxHonouredRetryAfter = TimeSpan.FromHours(1);

    private readonly IInterchangeStore _store;
    private readonly IHubTransport _transport;
    private readonly IEdXmlPackageInspector _inspector;
    private readonly IMalwareScanner? _scanner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly int _maxConcurrency;
    private readonly int _batchSize;
    private readonly TimeSpan _retryBaseDelay;
    private readonly TimeSpan _retryMaxDelay;
    private readonly TimeSpan _lease;
    private readonly long _maxPackageBytes;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="store">The durable store.</param>
    /// <param name="transport">The hub.</param>
    /// <param name="inspector">Reads metadata and attachments of packages.</param>
    /// <param name="scanner">The malware scanner, or <see langword="null"/> when <paramref name="options"/> allows none.</param>
    /// <param name="options">The settings; copied.</param>
    /// <param name="timeProvider">The clock of retries; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="InvalidOperationException">No scanner while <see cref="EDocInterchangeOptions.RequireMalwareScanner"/> is set.</exception>
    public EDocOutbox(
        IInterchangeStore store,
        IHubTransport transport,
        IEdXmlPackageInspector inspector,
        IMalwareScanner? scanner,
        EDocInterchangeOptions options,
        TimeProvider? timeProvider = null,
        ILogger<EDocOutbox>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(options);
        if (scanner is null && options.RequireMalwareScanner)
        {
            throw new InvalidOperationException("No IMalwareScanner is registered, and EDocInterchangeOptions.RequireMalwareScanner is set (NĐ 30/2020 article 20.2). Register one (AddClamAvScanner) or clear the option explicitly.");
        }

        _store = store;
        _transport = transport;
        _inspector = inspector;
        _scanner = scanner;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _maxConcurrency = Math.Max(1, options.Outbox.MaxConcurrency);
        _batchSize = Math.Max(1, options.Outbox.BatchSize);
        _retryBaseDelay = options.Outbox.RetryBaseDelay;
        _retryMaxDelay = options.Outbox.RetryMaxDelay;
        _lease = options.Outbox.LeaseDuration;
        _maxPackageBytes = options.Outbox.MaxPackageBytes;
    }

    internal OutboxSignal Signal { get; } = new();

    /// <summary>The durable store behind this outbox.</summary>
    public IInterchangeStore Store => _store;

    /// <summary>
    /// Maps a document to an edXML package with <see cref="EdXmlDocumentMapper"/>, writes it, and enqueues it like
    /// <see cref="EnqueueAsync(ReadOnlyMemory{byte}, HubMessageKind, Guid?, CancellationToken)"/>. Secret documents
    /// (Mật, Tối mật, Tuyệt mật) are refused before anything is written (<see cref="ElectronicTransmissionPolicy"/>).
    /// </summary>
    /// <param name="document">The document; it must be valid and not secret.</param>
    /// <param name="openAttachment">Opens the content of each of <see cref="ElectronicDocument.Attachments"/>; the writer disposes the stream.</param>
    /// <param name="mapper">The mapper to use; a default one when <see langword="null"/>.</param>
    /// <param name="itemId">A caller-chosen id, or <see langword="null"/> for a new one.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored item.</returns>
    /// <exception cref="EDocPolicyException">The document is secret (rule <c>secret-document</c>), or an attachment is infected (rule <c>malware</c>).</exception>
    /// <exception cref="EDocValidationException">The document or the package is invalid; every problem is listed.</exception>
    /// <exception cref="EDocLimitExceededException">The package is larger than <see cref="OutboxOptions.MaxPackageBytes"/>.</exception>
    public async Task<OutboxItem> EnqueueAsync(
        ElectronicDocument document,
        Func<Attachment, CancellationToken, ValueTask<Stream>> openAttachment,
        EdXmlDocumentMapper? mapper = null,
        Guid? itemId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(openAttachment);
        ElectronicTransmissionPolicy.EnsureMaySendElectronically(document);
        var package = (mapper ?? new EdXmlDocumentMapper(new EdXmlDocumentMapperOptions { TimeProvider = _timeProvider })).ToPackage(document, openAttachment);
        using var buffer = new MemoryStream();
        await new EdXmlWriter().WriteAsync(package, buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > _maxPackageBytes)
        {
            throw new EDocLimitExceededException("edXML package", null, nameof(OutboxOptions.MaxPackageBytes), _maxPackageBytes, buffer.Length);
        }

        return await EnqueueAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), HubMessageKind.Edoc, itemId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Inspects a package, scans its attachments, and stores it for delivery. Returns once the item is durable.
    /// </summary>
    /// <param name="package">The package bytes.</param>
    /// <param name="kind">Document or status package.</param>
    /// <param name="itemId">A caller-chosen id (idempotent: enqueuing the same id twice stores one item), or <see langword="null"/> for a new one.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored item (or the existing one with that id).</returns>
    /// <exception cref="EDocLimitExceededException">The package is larger than <see cref="OutboxOptions.MaxPackageBytes"/>.</exception>
    /// <exception cref="EDocValidationException">The inspector found errors.</exception>
    /// <exception cref="EDocPolicyException">An attachment is infected (rule <c>malware</c>); nothing is stored.</exception>
    /// <exception cref="MalwareScanException">The scanner could not give a verdict; nothing is stored.</exception>
    public async Task<OutboxItem> EnqueueAsync(ReadOnlyMemory<byte> package, HubMessageKind kind = HubMessageKind.Edoc, Guid? itemId = null, CancellationToken cancellationToken = default)
    {
        if (package.IsEmpty)
        {
            throw new ArgumentException("The package is empty.", nameof(package));
        }

        if (package.Length > _maxPackageBytes)
        {
            throw new EDocLimitExceededException("edXML package", null, nameof(OutboxOptions.MaxPackageBytes), _maxPackageBytes, package.Length);
        }

        var inspection = await _inspector.InspectAsync(package, kind, cancellationToken).ConfigureAwait(false);
        inspection.Validation.ThrowIfInvalid("edXML package");
        var metadata = inspection.Metadata;
        if (_scanner is not null)
        {
            foreach (var attachment in inspection.Attachments)
            {
                var stream = await attachment.OpenReadAsync(cancellationToken).ConfigureAwait(false);
                MalwareScanResult verdict;
                await using (stream.ConfigureAwait(false))
                {
                    verdict = await _scanner.ScanAsync(stream, attachment.Name, cancellationToken).ConfigureAwait(false);
                }

                if (verdict.IsInfected)
                {
                    Log.OutboxRefusedInfected(_logger, metadata.DocumentId, attachment.Name, verdict.SignatureName);
                    throw new EDocPolicyException("malware", $"The attachment '{attachment.Name}' of document {metadata.DocumentId} is infected ({verdict.SignatureName}); the document is not sent (NĐ 30/2020 article 20.2).");
                }
            }
        }

        var now = _timeProvider.GetUtcNow();
        var item = new OutboxItem
        {
            Id = itemId ?? Guid.NewGuid(),
            Kind = metadata.Kind,
            From = metadata.From,
            To = metadata.To,
            DocumentId = metadata.DocumentId,
            StatusCode = metadata.StatusCode,
            Package = package.ToArray(),
            State = OutboxState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        if (!await _store.EnqueueAsync(item, cancellationToken).ConfigureAwait(false))
        {
            return await _store.FindOutboxItemAsync(item.Id, cancellationToken).ConfigureAwait(false) ?? item;
        }

        Log.OutboxEnqueued(_logger, item.Id, item.DocumentId);
        Signal.Set();
        return item;
    }

    /// <summary>Puts items left in the sending state by a previous process back to pending.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The number of items recovered.</returns>
    public async Task<int> RecoverInFlightAsync(CancellationToken cancellationToken = default)
    {
        int count = await _store.RecoverInFlightAsync(_timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (count > 0)
        {
            Log.OutboxRecovered(_logger, count);
        }

        return count;
    }

    /// <summary>Claims due items and tries to deliver each once (in parallel).</summary>
    /// <param name="cancellationToken">Cancels the pass; items being sent stay claimed and are retried after their lease.</param>
    /// <returns>The number of items attempted.</returns>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var items = await _store.ClaimDueAsync(_batchSize, _timeProvider.GetUtcNow(), _lease, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return 0;
        }

        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency, CancellationToken = cancellationToken },
            async (item, ct) => await DeliverOneAsync(item, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return items.Count;
    }

    /// <summary>
    /// Delivers until nothing is pending or sending, or the time is up (for command-line tools and tests; services use
    /// the hosted delivery service).
    /// </summary>
    /// <param name="timeout">The longest time to keep trying.</param>
    /// <param name="pollInterval">The wait between passes while items wait for their next attempt.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns><see langword="true"/> when nothing is left to deliver.</returns>
    public async Task<bool> DrainAsync(TimeSpan timeout, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        var deadline = _timeProvider.GetUtcNow() + timeout;
        while (true)
        {
            await DeliverDueAsync(cancellationToken).ConfigureAwait(false);
            var counts = await _store.CountOutboxAsync(cancellationToken).ConfigureAwait(false);
            if (counts.Pending == 0 && counts.Sending == 0)
            {
                return true;
            }

            if (_timeProvider.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(pollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until an item is enqueued or the interval passes.</summary>
    /// <param name="maxWait">The longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes on either.</returns>
    public Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
        => Signal.WaitAsync(maxWait, _timeProvider, cancellationToken);

    internal TimeSpan ComputeRetryDelay(int attempts, TimeSpan? retryAfter = null)
    {
        double factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        double baseMs = Math.Min(_retryMaxDelay.TotalMilliseconds, _retryBaseDelay.TotalMilliseconds * factor);
        double jittered = baseMs * (0.5 + Random.Shared.NextDouble());
        var delay = TimeSpan.FromMilliseconds(Math.Min(jittered, _retryMaxDelay.TotalMilliseconds));

        // The hub's Retry-After (429/503) wins when it asks for longer, up to MaxHonouredRetryAfter.
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < MaxHonouredRetryAfter ? asked : MaxHonouredRetryAfter;
        }

        return delay;
    }

    private async Task DeliverOneAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        HubSendResult result;
        try
        {
            result = await _transport.SendAsync(
                new HubOutgoingMessage
                {
                    Content = item.Package,
                    Kind = item.Kind,
                    From = item.From,
                    To = item.To,
                    IdempotencyKey = item.Id.ToString("N"),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HubRequestFailedException ex) when (!ex.IsTransient)
        {
            InterchangeDiagnostics.OutboxAttemptsFailed.Add(1);
            Log.OutboxFailed(_logger, item.Id, ex.Message);
            await _store.MarkFailedAsync(item.Id, ex.Message, CancellationToken.None).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // Any other failure is retried later: the item must not be lost.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            InterchangeDiagnostics.OutboxAttemptsFailed.Add(1);
            var delay = ComputeRetryDelay(item.Attempts, (ex as HubRequestFailedException)?.RetryAfter);
            string reason = ex is HubRequestFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            Log.OutboxRetryScheduled(_logger, item.Id, item.Attempts, delay, reason);
            await _store.MarkRetryAsync(item.Id, _timeProvider.GetUtcNow() + delay, reason, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        await _store.MarkSentAsync(item.Id, result.HubMessageId, _timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        InterchangeDiagnostics.OutboxDelivered.Add(1);
        Log.OutboxDelivered(_logger, item.Id, result.HubMessageId);
    }
}
