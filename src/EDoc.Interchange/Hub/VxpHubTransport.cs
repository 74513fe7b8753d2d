using System.Globalization;

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using EDoc.Interchange.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace EDoc.Interchange.Hub;

/// <summary>
/// The national hub client (VXP, as in VNPT SDKVXP 2.0.1 and the VNPT-based provincial hubs): operation parameters
/// travel as HMAC-signed <c>XroadVnpt-*</c> headers (<see cref="VxpRequestSigner"/>), answers are JSON with
/// <c>status</c>, <c>ErrorCode</c> and <c>ErrorDesc</c>.
/// </summary>
/// <remarks>
/// Use it through <c>AddEDocInterchange().AddVxpHub(…)</c>, which gives it an <see cref="HttpClient"/> from
/// <see cref="IHttpClientFactory"/> with timeouts, retries (jitter, safe operations only) and a circuit breaker.
/// The HTTP request is marked safe for every read and acknowledgement, and for <c>sendEdoc</c> only when
/// <see cref="VxpHubOptions.HubDeduplicatesSends"/> is set.
/// </remarks>
public sealed class VxpHubTransport : IHubTransport
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client this transport uses.</summary>
    public const string HttpClientName = "EDoc.Interchange.Vxp";

    /// <summary>The request option that marks an HTTP request safe to retry.</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafeOption = new("EDoc.Interchange.RetrySafe");

    private const string ServiceType = "eDoc";
    private readonly HttpClient _httpClient;
    private readonly Uri _endpoint;
    private readonly string _systemId;
    private readonly string _secret;
    private readonly bool _sendIsSafe;
    private readonly long _maxPackageBytes;
    private readonly long _maxListBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="httpClient">The HTTP client, normally from <see cref="IHttpClientFactory"/> with the resilience pipeline.</param>
    /// <param name="options">The account and limits; copied, later changes have no effect.</param>
    /// <param name="timeProvider">The clock of the <c>timestamp</c> header; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger; secrets and content are never logged.</param>
    public VxpHubTransport(HttpClient httpClient, VxpHubOptions options, TimeProvider? timeProvider = null, ILogger<VxpHubTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is null || !options.Endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("VxpHubOptions.Endpoint must be an absolute URI.", nameof(options));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.SystemId, "options.SystemId");
        ArgumentException.ThrowIfNullOrEmpty(options.Secret, "options.Secret");
        _httpClient = httpClient;
        string endpoint = options.Endpoint.AbsoluteUri;
        _endpoint = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
        _systemId = options.SystemId;
        _secret = options.Secret;
        _sendIsSafe = options.HubDeduplicatesSends;
        _maxPackageBytes = options.MaxPackageBytes;
        _maxListBytes = options.MaxListResponseBytes;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The account's system id.</summary>
    public string SystemId => _systemId;

    /// <inheritdoc />
    public async Task<HubSendResult> SendAsync(HubOutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.From, "message.From");
        var headers = new List<KeyValuePair<string, string>>
        {
            new("from", message.From),
            new("servicetype", ServiceType),
            new("messagetype", KindText(message.Kind)),
        };
        if (message.To.Count > 0)
        {
            headers.Add(new("to", JsonSerializer.Serialize(message.To)));
        }

        headers.Add(new("hash-file", Convert.ToHexStringLower(SHA256.HashData(message.Content.Span))));
        using var content = new ReadOnlyMemoryContent(message.Content);
        using var root = await InvokeAsync("sendEdoc", HttpMethod.Post, headers, content, "application/octet-stream", _sendIsSafe, message.IdempotencyKey, _maxListBytes, cancellationToken).ConfigureAwait(false);
        string? id = GetString(root.RootElement, "DocId") ?? GetString(root.RootElement, "docId");
        if (string.IsNullOrEmpty(id))
        {
            throw new HubRequestFailedException("sendEdoc", 200, false, "the answer has no DocId.");
        }

        Log.HubMessageSent(_logger, id, message.Content.Length);
        return new HubSendResult(id);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HubReceivedMessage>> ListReceivedAsync(HubMessageKind kind, CancellationToken cancellationToken = default)
    {
        var headers = new List<KeyValuePair<string, string>> { new("servicetype", ServiceType), new("messagetype", KindText(kind)) };
        using var root = await InvokeAsync("getReceivedEdocList", HttpMethod.Post, headers, null, "application/json", true, null, _maxListBytes, cancellationToken).ConfigureAwait(false);
        var result = new List<HubReceivedMessage>();
        foreach (var item in EnumerateData(root.RootElement))
        {
            string? id = GetString(item, "docId") ?? GetString(item, "DocId");
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            var itemKind = string.Equals(GetString(item, "messageType"), "status", StringComparison.OrdinalIgnoreCase) ? HubMessageKind.Status : kind;
            result.Add(new HubReceivedMessage(id, itemKind, GetString(item, "from"), SplitCodes(GetString(item, "to")), GetString(item, "status"), ParseTime(GetString(item, "created_time"))));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<byte[]> GetPackageAsync(string hubMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hubMessageId);
        var headers = new List<KeyValuePair<string, string>> { new("docId", hubMessageId) };
        long limit = (_maxPackageBytes / 3 * 4) + (64 * 1024);
        using var root = await InvokeAsync("getEdoc", HttpMethod.Post, headers, null, "application/json", true, null, limit, cancellationToken).ConfigureAwait(false);
        string? data = GetString(root.RootElement, "data");
        if (data is null)
        {
            throw new HubRequestFailedException("getEdoc", 200, false, $"the answer for message {hubMessageId} has no data.");
        }

        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException ex)
        {
            throw new HubRequestFailedException("getEdoc", 200, false, $"the data of message {hubMessageId} is not Base64.", innerException: ex);
        }
    }

    /// <inheritdoc />
    public async Task UpdateStatusAsync(string hubMessageId, HubDeliveryStatus status, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hubMessageId);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("docId", hubMessageId),
            new("status", status switch { HubDeliveryStatus.Done => "done", HubDeliveryStatus.Fail => "fail", HubDeliveryStatus.Processing => "processing", _ => throw new ArgumentOutOfRangeException(nameof(status)) }),
        };
        if (!string.IsNullOrEmpty(reason))
        {
            headers.Add(new("description", HeaderSafe(reason)));
        }

        using var root = await InvokeAsync("updateStatus", HttpMethod.Post, headers, null, "application/json", true, null, _maxListBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HubSentMessage>> ListSentAsync(HubMessageKind kind, string? hubMessageId = null, CancellationToken cancellationToken = default)
    {
        var headers = new List<KeyValuePair<string, string>> { new("servicetype", ServiceType), new("messagetype", KindText(kind)) };
        if (!string.IsNullOrEmpty(hubMessageId))
        {
            headers.Add(new("docId", hubMessageId));
        }

        using var root = await InvokeAsync("getSentEdocList", HttpMethod.Post, headers, null, "application/json", true, null, _maxListBytes, cancellationToken).ConfigureAwait(false);
        var result = new List<HubSentMessage>();
        foreach (var item in EnumerateData(root.RootElement))
        {
            string? id = GetString(item, "senderDocId");
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            result.Add(new HubSentMessage(
                id,
                GetString(item, "receiverDocId"),
                GetString(item, "fromCode"),
                GetString(item, "toCode"),
                GetString(item, "sendStatus"),
                GetString(item, "receiveStatus"),
                GetString(item, "receiveStatusDesc"),
                ParseTime(GetString(item, "sentTime")),
                ParseTime(GetString(item, "receivedTime"))));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HubAgency>> GetAgenciesAsync(HubAgencyCodeSystem codeSystem, CancellationToken cancellationToken = default)
    {
        string operation = codeSystem == HubAgencyCodeSystem.Qd20 ? "getAgenciesListQD20" : "getAgenciesList";
        using var root = await InvokeAsync(operation, HttpMethod.Post, [], null, "application/json", true, null, _maxListBytes, cancellationToken).ConfigureAwait(false);
        var result = new List<HubAgency>();
        foreach (var item in EnumerateData(root.RootElement))
        {
            string? code = GetString(item, "code");
            if (string.IsNullOrEmpty(code))
            {
                continue;
            }

            string? code102 = codeSystem == HubAgencyCodeSystem.Qd20 ? GetString(item, "code102") ?? GetString(item, "oldCode") : code;
            bool deleted = GetString(item, "deleted") is { } d && (d == "1" || d.Equals("true", StringComparison.OrdinalIgnoreCase));
            result.Add(new HubAgency(code, code102, GetString(item, "name") ?? string.Empty, GetString(item, "pid") ?? GetString(item, "pcode"), GetString(item, "mail"), deleted));
        }

        return result;
    }

    private async Task<JsonDocument> InvokeAsync(
        string operation,
        HttpMethod method,
        List<KeyValuePair<string, string>> operationHeaders,
        HttpContent? content,
        string contentType,
        bool retrySafe,
        string? idempotencyKey,
        long maxResponseBytes,
        CancellationToken cancellationToken)
    {
        var logical = new List<KeyValuePair<string, string>>(operationHeaders.Count + 3)
        {
            new("systemid", _systemId),
            new("timestamp", VxpRequestSigner.FormatTimestamp(_timeProvider.GetUtcNow())),
            new("Content-Type", contentType),
        };
        logical.AddRange(operationHeaders);
        using var request = new HttpRequestMessage(method, new Uri(_endpoint, operation));
        foreach (var (name, value) in VxpRequestSigner.Sign(logical, _secret))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("User-Agent", "JAVASDKAgent/1.0.0 XRoad/VPCP EDocSdk");
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        request.Content = content ?? new ByteArrayContent([]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Options.Set(RetrySafeOption, retrySafe);
        using var activity = InterchangeDiagnostics.ActivitySource.StartActivity("VxpHubTransport." + operation, System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("edoc.hub.operation", operation);
        activity?.SetTag("server.address", _endpoint.Host);

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or OperationCanceledException or IOException)
        {
            Log.HubRequestFailed(_logger, operation, null, ex.GetType().Name);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            string what = ex switch
            {
                TimeoutRejectedException or OperationCanceledException => "the request timed out.",
                BrokenCircuitException => "the circuit is open after repeated failures; not sent.",
                _ => "the hub could not be reached or dropped the connection.",
            };
            throw new HubRequestFailedException(operation, null, true, what, innerException: ex);
        }

        using (response)
        {
            int status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
                Log.HubRequestFailed(_logger, operation, status, response.ReasonPhrase);
                var retryAfter = RetryAfter(response.Headers.RetryAfter, _timeProvider.GetUtcNow());
                throw new HubRequestFailedException(
                    operation,
                    status,
                    HubRequestFailedException.IsTransientStatusCode(status),
                    $"HTTP {status.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}."
                        + (retryAfter is { } wait ? $" The hub asked to retry after {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s." : string.Empty),
                    retryAfter: retryAfter);
            }

            byte[] body;
            try
            {
                body = await ReadLimitedAsync(response.Content, maxResponseBytes, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new HubRequestFailedException(operation, status, true, "the connection broke while reading the answer.", innerException: ex);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException ex)
            {
                throw new HubRequestFailedException(operation, status, false, "the answer is not JSON.", innerException: ex);
            }

            string? state = GetString(document.RootElement, "status");
            string? errorCode = GetString(document.RootElement, "ErrorCode");
            bool ok = (state is null || state.Equals("OK", StringComparison.OrdinalIgnoreCase)) && (errorCode is null || errorCode == "0");
            if (!ok)
            {
                string description = GetString(document.RootElement, "ErrorDesc") ?? string.Empty;
                document.Dispose();
                Log.HubRequestRefused(_logger, operation, errorCode);
                throw new HubRequestFailedException(operation, status, false, $"the hub refused the request (ErrorCode {errorCode}): {Truncate(description, 300)}", errorCode);
            }

            return document;
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, long limit, string operation, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is long length && length > limit)
        {
            throw new HubRequestFailedException(operation, 200, false, $"the answer has {length} bytes; the limit is {limit}.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new HubRequestFailedException(operation, 200, false, $"the answer is larger than the limit of {limit} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (delta seconds or an HTTP date), never negative.</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static List<JsonElement> EnumerateData(JsonElement root)
    {
        foreach (var name in new[] { "data", "Data" })
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var data) && data.ValueKind == JsonValueKind.Array)
            {
                return data.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
            }
        }

        return [];
    }

    private static string? GetString(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    JsonValueKind.Array => property.Value.GetRawText(),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static string[] SplitCodes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        text = text.Trim();
        if (text.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(text) ?? [];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["dd/MM/yyyy HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, EDoc.Time.VietnamTime.Offset);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any) ? any : null;
    }

    private static string KindText(HubMessageKind kind) => kind switch
    {
        HubMessageKind.Edoc => "edoc",
        HubMessageKind.Status => "status",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>HTTP header values must be ASCII: non-ASCII text is percent-encoded (UTF-8).</summary>
    internal static string HeaderSafe(string text)
    {
        text = Truncate(text, 500);
        return text.All(c => c is >= ' ' and < (char)0x7F) ? text : Uri.EscapeDataString(text);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    internal static bool IsSafe(HttpRequestMessage? request)
        => request is not null && request.Options.TryGetValue(RetrySafeOption, out bool safe) && safe;

}
