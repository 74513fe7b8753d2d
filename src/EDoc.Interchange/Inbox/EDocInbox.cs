using System.Security.Cryptography;
using EDoc.Interchange.Diagnostics;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Scanning;
using EDoc.Interchange.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Interchange.Inbox;

/// <summary>
/// The durable inbox (hộp thư đến): lists the messages waiting at the hub, fetches each, inspects it (parse,
/// validate, check the signature), scans its attachments, stores it together with its status reply in one
/// transaction, then acknowledges the hub (<c>done</c>, or <c>fail</c> with the reason). Every document received gets
/// status 01 (đã đến, NĐ 30/2020 article 21.2) through the outbox right away; an infected one is quarantined and
/// answered with status 02. A second delivery of the same package (same hub id, or same sender, DocumentId and content)
/// is stored once.
/// </summary>
public sealed class EDocInbox
{
    /// <summary>Status code 01: đã đến (arrived).</summary>
    public const string StatusArrived = "01";

    /// <summary>Status code 02: từ chối tiếp nhận (refused).</summary>
    public const string StatusRefused = "02";

    private readonly IInterchangeStore _store;
    private readonly IHubTransport _transport;
    private readonly IEdXmlPackageInspector _inspector;
    private readonly IStatusPackageFactory _statusFactory;
    private readonly IMalwareScanner? _scanner;
    private readonly EDocOutbox? _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _organId;
    private readonly int _maxConcurrency;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="store">The durable store (shared with the outbox that sends the replies).</param>
    /// <param name="transport">The hub.</param>
    /// <param name="inspector">Parses, validates and checks packages.</param>
    /// <param name="statusFactory">Builds the status replies.</param>
    /// <param name="scanner">The malware scanner, or <see langword="null"/> when <paramref name="options"/> allows none.</param>
    /// <param name="outbox">The outbox to wake when a reply is enqueued, or <see langword="null"/>.</param>
    /// <param name="options">The settings; copied.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="InvalidOperationException">No scanner while required, or no <see cref="EDocInterchangeOptions.OrganId"/>.</exception>
    public EDocInbox(
        IInterchangeStore store,
        IHubTransport transport,
        IEdXmlPackageInspector inspector,
        IStatusPackageFactory statusFactory,
        IMalwareScanner? scanner,
        EDocOutbox? outbox,
        EDocInterchangeOptions options,
        TimeProvider? timeProvider = null,
        ILogger<EDocInbox>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(inspector);
        ArgumentNullException.ThrowIfNull(statusFactory);
        ArgumentNullException.ThrowIfNull(options);
        if (scanner is null && options.RequireMalwareScanner)
        {
            throw new InvalidOperationException("No IMalwareScanner is registered, and EDocInterchangeOptions.RequireMalwareScanner is set (NĐ 30/2020 article 20.2).");
        }

        if (string.IsNullOrWhiteSpace(options.OrganId))
        {
            throw new InvalidOperationException("EDocInterchangeOptions.OrganId is required: it is the From of the status replies.");
        }

        _store = store;
        _transport = transport;
        _inspector = inspector;
        _statusFactory = statusFactory;
        _scanner = scanner;
        _outbox = outbox;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _organId = options.OrganId;
        _maxConcurrency = Math.Max(1, options.Inbox.MaxConcurrency);
    }

    /// <summary>The durable store behind this inbox.</summary>
    public IInterchangeStore Store => _store;

    /// <summary>Runs one receive pass over document and status messages.</summary>
    /// <param name="cancellationToken">Cancels the pass; unfinished messages stay at the hub.</param>
    /// <returns>What the pass did.</returns>
    /// <exception cref="HubRequestFailedException">The hub could not list its messages.</exception>
    public async Task<InboxReceiveSummary> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var counts = new int[6];
        foreach (var kind in new[] { HubMessageKind.Edoc, HubMessageKind.Status })
        {
            var messages = await _transport.ListReceivedAsync(kind, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref counts[0], messages.Count);
            await Parallel.ForEachAsync(
                messages,
                new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency, CancellationToken = cancellationToken },
                async (message, ct) =>
                {
                    var outcome = await ProcessAsync(message, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref counts[1 + (int)outcome]);
                }).ConfigureAwait(false);
        }

        return new InboxReceiveSummary(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    /// <summary>Receives, stores and acknowledges one message.</summary>
    /// <param name="message">A message listed by the hub.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What happened to it.</returns>
    public async Task<InboxMessageOutcome> ProcessAsync(HubReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        string id = message.HubMessageId;
        try
        {
            var existing = await _store.FindInboundAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                // Stored before, but the acknowledgement did not reach the hub (crash or fault): acknowledge again.
                await AcknowledgeAsync(id, existing.Disposition, existing.Reason, cancellationToken).ConfigureAwait(false);
                InterchangeDiagnostics.InboxDuplicates.Add(1);
                Log.InboxDuplicate(_logger, id);
                return InboxMessageOutcome.Duplicate;
            }

            byte[] package = await _transport.GetPackageAsync(id, cancellationToken).ConfigureAwait(false);
            string sha = Convert.ToHexStringLower(SHA256.HashData(package));
            var now = _timeProvider.GetUtcNow();

            PackageInspection? inspection = null;
            string? rejectReason = null;
            try
            {
                inspection = await _inspector.InspectAsync(package, message.Kind, cancellationToken).ConfigureAwait(false);
                if (!inspection.Validation.IsValid)
                {
                    rejectReason = "invalid package: " + string.Join("; ", inspection.Validation.Errors.Take(5).Select(p => $"{p.Path} [{p.Code}]"));
                }
            }
            catch (EDocFormatException ex)
            {
                rejectReason = "unreadable package: " + ex.Message;
            }

            var disposition = rejectReason is null ? InboxDisposition.Accepted : InboxDisposition.Rejected;
            if (disposition == InboxDisposition.Accepted && _scanner is not null)
            {
                foreach (var attachment in inspection!.Attachments)
                {
                    var stream = await attachment.OpenReadAsync(cancellationToken).ConfigureAwait(false);
                    MalwareScanResult verdict;
                    await using (stream.ConfigureAwait(false))
                    {
                        verdict = await _scanner.ScanAsync(stream, attachment.Name, cancellationToken).ConfigureAwait(false);
                    }

                    if (verdict.IsInfected)
                    {
                        disposition = InboxDisposition.Quarantined;
                        rejectReason = $"malware detected in attachment '{attachment.Name}' ({verdict.SignatureName})";
                        Log.InboxQuarantined(_logger, id, attachment.Name, verdict.SignatureName);
                        break;
                    }
                }
            }

            var metadata = inspection?.Metadata;
            OutboxItem? reply = null;
            if (metadata is not null && metadata.Kind == HubMessageKind.Edoc)
            {
                bool arrived = disposition == InboxDisposition.Accepted;
                string code = arrived ? StatusArrived : StatusRefused;
                string description = arrived
                    ? "Đã đến"
                    : disposition == InboxDisposition.Quarantined ? "Từ chối tiếp nhận: tệp đính kèm có mã độc" : "Từ chối tiếp nhận: gói tin không hợp lệ";
                byte[] statusPackage = await _statusFactory.CreateAsync(new StatusPackageRequest(metadata, package, code, description, _organId, now), cancellationToken).ConfigureAwait(false);
                reply = new OutboxItem
                {
                    Id = Guid.NewGuid(),
                    Kind = HubMessageKind.Status,
                    From = _organId,
                    To = [metadata.From],
                    DocumentId = metadata.DocumentId,
                    StatusCode = code,
                    Package = statusPackage,
                    State = OutboxState.Pending,
                    CreatedAt = now,
                    NextAttemptAt = now,
                    CorrelationId = id,
                };
            }

            var item = new InboxItem
            {
                HubMessageId = id,
                Kind = metadata?.Kind ?? message.Kind,
                From = metadata?.From ?? message.From,
                To = metadata?.To ?? message.To,
                DocumentId = metadata?.DocumentId,
                StatusCode = metadata?.StatusCode,
                ContentSha256 = sha,
                Package = package,
                Disposition = disposition,
                Reason = rejectReason,
                ReceivedAt = now,
            };
            var stored = await _store.StoreInboundAsync(item, reply, cancellationToken).ConfigureAwait(false);
            if (stored == InboxStoreOutcome.Duplicate)
            {
                // The same package arrived under another hub id: it is already stored; tell the hub we have it.
                await _transport.UpdateStatusAsync(id, HubDeliveryStatus.Done, null, cancellationToken).ConfigureAwait(false);
                InterchangeDiagnostics.InboxDuplicates.Add(1);
                Log.InboxDuplicate(_logger, id);
                return InboxMessageOutcome.Duplicate;
            }

            if (reply is not null)
            {
                _outbox?.Signal.Set();
            }

            await AcknowledgeAsync(id, disposition, rejectReason, cancellationToken).ConfigureAwait(false);
            switch (disposition)
            {
                case InboxDisposition.Accepted:
                    InterchangeDiagnostics.InboxStored.Add(1);
                    Log.InboxStored(_logger, id, item.DocumentId);
                    return InboxMessageOutcome.Stored;
                case InboxDisposition.Quarantined:
                    return InboxMessageOutcome.Quarantined;
                default:
                    Log.InboxRejected(_logger, id, rejectReason!);
                    return InboxMessageOutcome.Rejected;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HubRequestFailedException or MalwareScanException or System.Data.Common.DbException or IOException or TimeoutException)
        {
            // Not acknowledged: the hub lists it again and the next pass retries.
            Log.InboxDeferred(_logger, id, ex.Message);
            return InboxMessageOutcome.Deferred;
        }
    }

    private async Task AcknowledgeAsync(string id, InboxDisposition disposition, string? reason, CancellationToken cancellationToken)
    {
        if (disposition == InboxDisposition.Accepted)
        {
            await _transport.UpdateStatusAsync(id, HubDeliveryStatus.Done, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _transport.UpdateStatusAsync(id, HubDeliveryStatus.Fail, reason, cancellationToken).ConfigureAwait(false);
        }

        await _store.MarkAcknowledgedAsync(id, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What happened to one received message.</summary>
public enum InboxMessageOutcome
{
    /// <summary>Stored now and acknowledged <c>done</c>.</summary>
    Stored = 0,

    /// <summary>Already stored; acknowledged again.</summary>
    Duplicate = 1,

    /// <summary>Infected: quarantined, answered with status 02, acknowledged <c>fail</c>.</summary>
    Quarantined = 2,

    /// <summary>Unreadable or invalid: kept for audit, acknowledged <c>fail</c>.</summary>
    Rejected = 3,

    /// <summary>Not finished (hub, scanner or store unavailable); left at the hub for the next pass.</summary>
    Deferred = 4,
}

/// <summary>What one receive pass did.</summary>
/// <param name="Listed">Messages the hub listed.</param>
/// <param name="Stored">Stored now.</param>
/// <param name="Duplicates">Recognised as already stored.</param>
/// <param name="Quarantined">Quarantined as infected.</param>
/// <param name="Rejected">Rejected as unreadable or invalid.</param>
/// <param name="Deferred">Left at the hub for the next pass.</param>
public sealed record InboxReceiveSummary(int Listed, int Stored, int Duplicates, int Quarantined, int Rejected, int Deferred);
