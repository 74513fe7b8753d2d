using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using EDoc.Interchange.Hub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EDoc.HubEmulator;

/// <summary>Counts of what the emulator did.</summary>
public sealed class HubEmulatorStatistics
{
    private long _requests;
    private long _serverErrors;
    private long _timeouts;
    private long _droppedConnections;
    private long _duplicateDeliveries;
    private long _tooManyRequests;
    private long _truncatedBodies;
    private long _lostAcknowledgements;
    private long _earlyRetries;
    private long _authenticationFailures;

    /// <summary>Requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Injected HTTP 5xx answers.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Injected delays past the client's timeout.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Injected connection resets before processing.</summary>
    public long DroppedConnections => Interlocked.Read(ref _droppedConnections);

    /// <summary>Injected duplicate deliveries.</summary>
    public long DuplicateDeliveries => Interlocked.Read(ref _duplicateDeliveries);

    /// <summary>Injected HTTP 429 answers with <c>Retry-After</c>.</summary>
    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    /// <summary>Injected answers cut off halfway.</summary>
    public long TruncatedBodies => Interlocked.Read(ref _truncatedBodies);

    /// <summary>Injected connection resets after the request was processed.</summary>
    public long LostAcknowledgements => Interlocked.Read(ref _lostAcknowledgements);

    /// <summary>
    /// Sends repeated (same sender and <c>Idempotency-Key</c>) more than 20 ms before the <c>Retry-After</c> of a 429
    /// given to that send had passed: a client that ignores <c>Retry-After</c>.
    /// </summary>
    public long EarlyRetries => Interlocked.Read(ref _earlyRetries);

    /// <summary>Requests refused because the HMAC headers did not verify.</summary>
    public long AuthenticationFailures => Interlocked.Read(ref _authenticationFailures);

    /// <summary>The injected faults, by kind.</summary>
    /// <returns>One entry per fault kind, in the order of <see cref="HubFaultKinds"/>.</returns>
    public IReadOnlyDictionary<HubFaultKinds, long> FaultsByKind() => new Dictionary<HubFaultKinds, long>
    {
        [HubFaultKinds.ServerError] = ServerErrors,
        [HubFaultKinds.Timeout] = Timeouts,
        [HubFaultKinds.DroppedConnection] = DroppedConnections,
        [HubFaultKinds.DuplicateDelivery] = DuplicateDeliveries,
        [HubFaultKinds.TooManyRequests] = TooManyRequests,
        [HubFaultKinds.TruncatedBody] = TruncatedBodies,
        [HubFaultKinds.LostAcknowledgement] = LostAcknowledgements,
    };

    /// <inheritdoc />
    public override string ToString()
        => $"requests {Requests}, " + string.Join(", ", FaultsByKind().Select(k => $"{k.Key} {k.Value}")) + $", early retries {EarlyRetries}, authentication failures {AuthenticationFailures}";

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void ServerError() => Interlocked.Increment(ref _serverErrors);

    internal void Timeout() => Interlocked.Increment(ref _timeouts);

    internal void Dropped() => Interlocked.Increment(ref _droppedConnections);

    internal void Duplicate() => Interlocked.Increment(ref _duplicateDeliveries);

    internal void TooMany() => Interlocked.Increment(ref _tooManyRequests);

    internal void Truncated() => Interlocked.Increment(ref _truncatedBodies);

    internal void LostAcknowledgement() => Interlocked.Increment(ref _lostAcknowledgements);

    internal void EarlyRetry() => Interlocked.Increment(ref _earlyRetries);

    internal void AuthenticationFailure() => Interlocked.Increment(ref _authenticationFailures);
}

/// <summary>
/// A hub emulator serving the national hub's VXP endpoints (<c>sendEdoc</c>, <c>getReceivedEdocList</c>,
/// <c>getEdoc</c>, <c>downloadEdoc</c>, <c>updateStatus</c>, <c>getSentEdocList</c>, <c>getAgenciesList</c>,
/// <c>getAgenciesListQD20</c>) with the HMAC header check, accounts, SQLite storage and fault injection. It
/// de-duplicates sends by the <c>Idempotency-Key</c> header per sender.
/// </summary>
public sealed class HubEmulator : IAsyncDisposable
{
    /// <summary>
    /// How early a retry may come before its <c>Retry-After</c> without being counted: clients keep times to the
    /// millisecond (the EDoc outbox stores them as Unix milliseconds) and timers fire a little early or late.
    /// </summary>
    private static readonly TimeSpan EarlyRetryTolerance = TimeSpan.FromMilliseconds(20);
    private static readonly JsonSerializerOptions JsonOptions = new();
    private readonly WebApplication _app;
    private readonly HubEmulatorStore _store;
    private readonly Dictionary<string, HubEmulatorAccount> _accounts;
    private readonly HubEmulatorOptions _options;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly ConcurrentDictionary<(string SystemId, string Key), DateTimeOffset> _retryNotBefore = new();
    private HubFaultKinds[] _faultKinds;

    private HubEmulator(WebApplication app, HubEmulatorOptions options)
    {
        _app = app;
        _options = options;
        _store = new HubEmulatorStore(options.DataDirectory);
        _accounts = options.Accounts.ToDictionary(a => a.SystemId, StringComparer.Ordinal);
        _random = options.Seed is int seed ? new Random(seed) : new Random();
        _faultKinds = [];
        FaultKinds = options.FaultKinds;
        FaultRate = options.FaultRate;
    }

    /// <summary>The address the emulator listens on (the port resolved).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the emulator did.</summary>
    public HubEmulatorStatistics Statistics { get; } = new();

    /// <summary>The probability (0–1) of a fault per request; can be changed while running.</summary>
    public double FaultRate { get; set; }

    /// <summary>The kinds of fault injected; can be changed while running.</summary>
    public HubFaultKinds FaultKinds
    {
        get => _faultKinds.Aggregate(HubFaultKinds.None, (all, k) => all | k);
        set => _faultKinds = Enum.GetValues<HubFaultKinds>().Where(k => k is not HubFaultKinds.None and not HubFaultKinds.All && value.HasFlag(k)).ToArray();
    }

    /// <summary>Starts an emulator.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<HubEmulator> StartAsync(HubEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory, "options.DataDirectory");
        if (options.FaultRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"FaultRate ({options.FaultRate}) must be between 0 and 1.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxPackageBytes);
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        var app = builder.Build();
        var emulator = new HubEmulator(app, options);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        emulator.BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>Every message stored (one per receiver copy), optionally for one receiver.</summary>
    /// <param name="to">The receiver, or <see langword="null"/> for all.</param>
    /// <returns>The messages, oldest first.</returns>
    public IReadOnlyList<HubStoredMessage> GetMessages(string? to = null) => _store.ListAll(to);

    /// <summary>Waits until the emulator stops (Ctrl+C or <paramref name="cancellationToken"/>).</summary>
    /// <param name="cancellationToken">Stops the emulator.</param>
    /// <returns>A task that completes when it stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the emulator.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _store.Dispose();
        }
    }

    private (HubFaultKinds Kind, bool AfterProcessing) RollFault()
    {
        lock (_randomLock)
        {
            var kinds = _faultKinds;
            if (kinds.Length == 0 || _random.NextDouble() >= FaultRate)
            {
                return (HubFaultKinds.None, false);
            }

            return (kinds[_random.Next(kinds.Length)], _random.Next(2) == 1);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Statistics.Request();
        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, context.RequestAborted).ConfigureAwait(false);
        }

        string path = context.Request.Path.Value ?? string.Empty;
        string operation = path[(path.LastIndexOf('/') + 1)..];
        string? systemId = Header(context, VxpRequestSigner.HeaderPrefix + "systemid");
        if (systemId is null || !_accounts.TryGetValue(systemId, out var account)
            || !VxpRequestSigner.TryVerify(name => Header(context, name), account.Secret, out var signed))
        {
            Statistics.AuthenticationFailure();
            await WriteJsonAsync(context, StatusCodes.Status401Unauthorized, Fail("401", "Chu ky HMAC khong hop le (invalid HMAC signature)")).ConfigureAwait(false);
            return;
        }

        var (fault, after) = RollFault();
        string? idempotencyKey = operation == "sendEdoc" ? context.Request.Headers["Idempotency-Key"].FirstOrDefault() : null;
        if (!string.IsNullOrWhiteSpace(idempotencyKey) && _retryNotBefore.TryGetValue((account.SystemId, idempotencyKey), out var notBefore)
            && DateTimeOffset.UtcNow < notBefore - EarlyRetryTolerance)
        {
            Statistics.EarlyRetry();
        }

        if (fault == HubFaultKinds.TooManyRequests)
        {
            Statistics.TooMany();
            int seconds = (int)Math.Ceiling(_options.RetryAfter.TotalSeconds);
            if (!string.IsNullOrWhiteSpace(idempotencyKey))
            {
                _retryNotBefore[(account.SystemId, idempotencyKey)] = DateTimeOffset.UtcNow.AddSeconds(seconds);
            }

            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, Fail("429", "injected fault: too many requests")).ConfigureAwait(false);
            return;
        }

        if (fault == HubFaultKinds.ServerError && !after)
        {
            Statistics.ServerError();
            await WriteJsonAsync(context, StatusCodes.Status503ServiceUnavailable, Fail("503", "injected fault")).ConfigureAwait(false);
            return;
        }

        if (fault == HubFaultKinds.DroppedConnection)
        {
            Statistics.Dropped();
            Reset(context);
            return;
        }

        if (fault == HubFaultKinds.Timeout)
        {
            Statistics.Timeout();
            try
            {
                await Task.Delay(_options.TimeoutFaultDelay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up; the hub still processes the request, as a slow real hub would.
            }
        }

        bool duplicate = fault == HubFaultKinds.DuplicateDelivery;
        (int status, object? body, byte[]? raw) result;
        try
        {
            result = await ProcessAsync(context, operation, account, signed, duplicate).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            context.Abort();
            return;
        }

        if (fault == HubFaultKinds.ServerError)
        {
            Statistics.ServerError();
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, Fail("500", "injected fault after processing")).ConfigureAwait(false);
            return;
        }

        if (fault == HubFaultKinds.LostAcknowledgement)
        {
            Statistics.LostAcknowledgement();
            Reset(context);
            return;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        bool raw = result.raw is not null;
        byte[] answer = result.raw ?? JsonSerializer.SerializeToUtf8Bytes(result.body!, JsonOptions);
        context.Response.StatusCode = result.status;
        context.Response.ContentType = raw ? "application/octet-stream" : "application/json; charset=utf-8";
        context.Response.ContentLength = answer.Length;
        try
        {
            if (fault == HubFaultKinds.TruncatedBody)
            {
                Statistics.Truncated();
                await context.Response.Body.WriteAsync(answer.AsMemory(0, answer.Length / 2), CancellationToken.None).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                Reset(context);
                return;
            }

            await context.Response.Body.WriteAsync(answer, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The client went away.
        }
    }

    /// <summary>Resets the connection (TCP RST where the socket is reachable, otherwise an abort).</summary>
    private static void Reset(HttpContext context)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            if (socket is not null)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: the abort below is enough.
        }

        context.Abort();
    }

    private async Task<(int, object?, byte[]?)> ProcessAsync(HttpContext context, string operation, HubEmulatorAccount account, IReadOnlyDictionary<string, string> signed, bool duplicate)
    {
        string? Get(string name) => signed.TryGetValue(name, out var v) ? v : null;
        var now = DateTimeOffset.UtcNow;
        switch (operation)
        {
            case "sendEdoc":
            {
                string? from = Get("from");
                if (from != account.SystemId)
                {
                    return (200, Fail("1", $"Don vi gui {from} khong dung voi ma da dang ky"), null);
                }

                string messageType = (Get("messagetype") ?? "edoc").ToLowerInvariant();
                if (messageType is not ("edoc" or "status"))
                {
                    return (200, Fail("2", $"messagetype {messageType} khong hop le"), null);
                }

                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                byte[] content = buffer.ToArray();
                if (content.Length == 0)
                {
                    return (200, Fail("3", "Goi tin rong (empty package)"), null);
                }

                string? hash = Get("hash-file");
                if (hash is not null && !hash.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), StringComparison.OrdinalIgnoreCase))
                {
                    return (200, Fail("4", "hash-file khong khop (hash mismatch)"), null);
                }

                IReadOnlyList<string> to = [];
                string? toHeader = Get("to");
                if (!string.IsNullOrWhiteSpace(toHeader))
                {
                    try
                    {
                        to = JsonSerializer.Deserialize<string[]>(toHeader) ?? [];
                    }
                    catch (JsonException)
                    {
                        return (200, Fail("5", "to khong phai mang JSON"), null);
                    }
                }

                if (to.Count == 0 && !EdXmlRoutingSniffer.TryReadReceivers(content, out to))
                {
                    return (200, Fail("6", "Khong doc duoc don vi nhan (no receiver in the package)"), null);
                }

                foreach (string receiver in to)
                {
                    if (!_accounts.ContainsKey(receiver))
                    {
                        return (200, Fail("7", $"Don vi nhan {receiver} khong ton tai"), null);
                    }
                }

                string? key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
                if (!string.IsNullOrWhiteSpace(key))
                {
                    _retryNotBefore.TryRemove((account.SystemId, key), out _);
                }

                var (senderDocId, isNew) = await _store.SendAsync(account.SystemId, string.IsNullOrWhiteSpace(key) ? null : key, messageType, to, content, duplicate ? 1 : 0, now).ConfigureAwait(false);
                if (duplicate && isNew)
                {
                    Statistics.Duplicate();
                }

                return (200, Ok(new Dictionary<string, object?> { ["DocId"] = senderDocId }), null);
            }

            case "getReceivedEdocList":
            {
                string messageType = (Get("messagetype") ?? "edoc").ToLowerInvariant();
                var messages = _store.ListPending(account.SystemId, messageType, duplicate ? 3 : 0);
                if (duplicate && messages.Any(m => m.Status == "done"))
                {
                    Statistics.Duplicate();
                }

                var data = messages.Select(m => new Dictionary<string, object?>
                {
                    ["docId"] = m.DocId,
                    ["serviceType"] = "eDoc",
                    ["messageType"] = m.MessageType,
                    ["from"] = m.From,
                    ["to"] = m.To,
                    ["status"] = m.Status,
                    ["status_desc"] = m.StatusDescription,
                    ["created_time"] = FormatTime(m.Created),
                    ["updated_time"] = FormatTime(m.Updated),
                }).ToList();
                return (200, Ok(new Dictionary<string, object?> { ["data"] = data }), null);
            }

            case "getEdoc":
            case "downloadEdoc":
            {
                string? docId = Get("docId") ?? Get("docid");
                var found = docId is null ? null : _store.Get(docId);
                if (found is null || found.Value.Message.To != account.SystemId)
                {
                    return (200, Fail("8", $"Khong tim thay van ban {docId}"), null);
                }

                return operation == "downloadEdoc"
                    ? (200, null, found.Value.Content)
                    : (200, Ok(new Dictionary<string, object?> { ["data"] = Convert.ToBase64String(found.Value.Content) }), null);
            }

            case "updateStatus":
            {
                string? docId = Get("docId") ?? Get("docid");
                string status = (Get("status") ?? string.Empty).ToLowerInvariant();
                if (docId is null || status is not ("done" or "fail" or "processing"))
                {
                    return (200, Fail("9", "docId hoac status khong hop le"), null);
                }

                string? description = Get("description");
                if (description is not null)
                {
                    description = Uri.UnescapeDataString(description);
                }

                bool updated = await _store.UpdateStatusAsync(docId, account.SystemId, status, description, now).ConfigureAwait(false);
                return updated ? (200, Ok([]), null) : (200, Fail("8", $"Khong tim thay van ban {docId}"), null);
            }

            case "getSentEdocList":
            {
                string messageType = (Get("messagetype") ?? "edoc").ToLowerInvariant();
                var data = _store.ListSent(account.SystemId, messageType, Get("docId")).Select(m => new Dictionary<string, object?>
                {
                    ["senderDocId"] = m.SenderDocId,
                    ["receiverDocId"] = m.DocId,
                    ["fromCode"] = m.From,
                    ["toCode"] = m.To,
                    ["sendStatus"] = "done",
                    ["receiveStatus"] = m.Status,
                    ["receiveStatusDesc"] = m.StatusDescription,
                    ["sentTime"] = FormatTime(m.Created),
                    ["receivedTime"] = m.Status is "done" or "fail" ? FormatTime(m.Updated) : null,
                }).ToList();
                return (200, Ok(new Dictionary<string, object?> { ["data"] = data }), null);
            }

            case "getAgenciesList":
            case "getAgenciesListQD20":
            {
                bool qd20 = operation == "getAgenciesListQD20";
                var data = _accounts.Values.OrderBy(a => a.SystemId, StringComparer.Ordinal).Select(a => new Dictionary<string, object?>
                {
                    ["id"] = a.SystemId,
                    ["code"] = qd20 ? a.CodeQd20 ?? a.SystemId : a.SystemId,
                    ["code102"] = qd20 ? a.SystemId : null,
                    ["pid"] = a.ParentCode,
                    ["name"] = a.Name,
                    ["mail"] = a.Email,
                    ["deleted"] = "0",
                }).ToList();
                return (200, Ok(new Dictionary<string, object?> { ["data"] = data }), null);
            }

            default:
                return (404, Fail("404", $"Unknown operation {operation}"), null);
        }
    }

    private static string? Header(HttpContext context, string name)
        => context.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static string FormatTime(DateTimeOffset instant)
        => instant.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Ok(Dictionary<string, object?> extra)
    {
        var body = new Dictionary<string, object?> { ["status"] = "OK", ["ErrorCode"] = "0", ["ErrorDesc"] = string.Empty };
        foreach (var (key, value) in extra)
        {
            body[key] = value;
        }

        return body;
    }

    private static Dictionary<string, object?> Fail(string code, string description)
        => new() { ["status"] = "FAIL", ["ErrorCode"] = code, ["ErrorDesc"] = description };

    private static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        try
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, body, JsonOptions, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The client went away.
        }
    }
}
