using System.Text.Json;
using System.Text.Json.Serialization;

namespace EDoc.HubEmulator;

/// <summary>The kinds of fault the emulator injects.</summary>
[Flags]
public enum HubFaultKinds
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>HTTP 500/503 answers (half of them after the request was processed).</summary>
    ServerError = 1,

    /// <summary>Answers delayed by <see cref="HubEmulatorOptions.TimeoutFaultDelay"/>, past the client's timeout (the request is still processed).</summary>
    Timeout = 2,

    /// <summary>The connection is reset (TCP RST) before the request is processed, without an answer.</summary>
    DroppedConnection = 4,

    /// <summary>A sent package is delivered twice to its receivers (under two hub ids), or an acknowledged message is listed again.</summary>
    DuplicateDelivery = 8,

    /// <summary>HTTP 429 with a <c>Retry-After</c> header of <see cref="HubEmulatorOptions.RetryAfter"/>; the request is not processed.</summary>
    TooManyRequests = 16,

    /// <summary>The request is processed and the answer is cut off halfway (its full <c>Content-Length</c> announced, then the connection reset).</summary>
    TruncatedBody = 32,

    /// <summary>The request is processed, then the connection is reset without an answer: the client cannot tell that it succeeded.</summary>
    LostAcknowledgement = 64,

    /// <summary>Every kind.</summary>
    All = ServerError | Timeout | DroppedConnection | DuplicateDelivery | TooManyRequests | TruncatedBody | LostAcknowledgement,
}

/// <summary>The settings of a <see cref="HubEmulator"/>.</summary>
public sealed class HubEmulatorOptions
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>The address to listen on; port 0 picks a free port.</summary>
    /// <value>The default value is <c>http://127.0.0.1:0</c>.</value>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The directory of the emulator's SQLite database (<c>hub.db</c>); created if missing.</summary>
    /// <value>No default; required.</value>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The accounts (one per agency: system id and HMAC secret).</summary>
    public IList<HubEmulatorAccount> Accounts { get; } = [];

    /// <summary>The probability (0–1) that a request gets a fault.</summary>
    /// <value>The default value is 0.</value>
    public double FaultRate { get; set; }

    /// <summary>The kinds of fault injected, chosen uniformly.</summary>
    /// <value>The default value is <see cref="HubFaultKinds.All"/>.</value>
    public HubFaultKinds FaultKinds { get; set; } = HubFaultKinds.All;

    /// <summary>How long a timeout fault holds the answer.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan TimeoutFaultDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>Retry-After</c> of a <see cref="HubFaultKinds.TooManyRequests"/> answer (sent in whole seconds, rounded up).</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A latency added to every request.</summary>
    /// <value>The default value is zero.</value>
    public TimeSpan Latency { get; set; }

    /// <summary>The seed of the fault generator, for reproducible runs; <see langword="null"/> for a random one.</summary>
    public int? Seed { get; set; }

    /// <summary>The largest package accepted by <c>sendEdoc</c>, in bytes.</summary>
    /// <value>The default value is 64 MiB.</value>
    public long MaxPackageBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Whether ASP.NET Core logs to the console.</summary>
    public bool ConsoleLogging { get; set; }

    /// <summary>Reads accounts from a JSON file: <c>{ "accounts": [ { "systemId", "secret", "name", "codeQd20", "parentCode", "email" } ] }</c>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The accounts.</returns>
    /// <exception cref="InvalidDataException">The file is not such a JSON document.</exception>
    public static IReadOnlyList<HubEmulatorAccount> LoadAccounts(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > 4 * 1024 * 1024)
        {
            throw new InvalidDataException($"{path}: the accounts file is larger than 4 MiB.");
        }

        AccountsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AccountsFile>(File.ReadAllText(path), WebJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not an accounts JSON file: {ex.Message}", ex);
        }

        var accounts = file?.Accounts ?? [];
        foreach (var account in accounts)
        {
            if (string.IsNullOrWhiteSpace(account.SystemId) || string.IsNullOrEmpty(account.Secret))
            {
                throw new InvalidDataException($"{path}: every account needs a systemId and a secret.");
            }
        }

        return accounts;
    }

    private sealed class AccountsFile
    {
        [JsonPropertyName("accounts")]
        public List<HubEmulatorAccount>? Accounts { get; set; }
    }
}

/// <summary>An agency account of the emulator.</summary>
public sealed class HubEmulatorAccount
{
    /// <summary>The system id (the agency's QCVN 102 code).</summary>
    public string SystemId { get; set; } = string.Empty;

    /// <summary>The HMAC secret.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The agency name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The QĐ 20/2020 code, if any.</summary>
    public string? CodeQd20 { get; set; }

    /// <summary>The parent agency's code, if any.</summary>
    public string? ParentCode { get; set; }

    /// <summary>The contact e-mail, if any.</summary>
    public string? Email { get; set; }
}
