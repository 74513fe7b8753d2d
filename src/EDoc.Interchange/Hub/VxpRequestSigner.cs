using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EDoc.Interchange.Hub;

/// <summary>
/// The HMAC-SHA256 header signing of the national hub (VXP, QĐ 28/2018; VNPT SDKVXP 2.0.1): every logical header is
/// sent as <c>XroadVnpt-&lt;name&gt;</c>, their JSON object is sent in <c>XroadVnpt-sign-header</c>, the names in
/// <c>XroadVnpt-sign-header-key</c> (joined with <c>;</c>) and the lower-case hex HMAC-SHA256 of the JSON text under
/// the account secret in <c>XroadVnpt-hash-header</c>.
/// </summary>
/// <remarks>
/// The JSON is compact (no spaces), keys in the order given, strings escaped only where JSON requires it (quote,
/// backslash, control characters); the HMAC covers its UTF-8 bytes. The timestamp format is
/// <c>ddMMyyyy'T'HHmmss+SSSS</c> in Vietnam time, where <c>+</c> is literal and <c>SSSS</c> the milliseconds on four
/// digits (the Java <c>SimpleDateFormat</c> meaning of the SDK's pattern).
/// </remarks>
public static class VxpRequestSigner
{
    /// <summary>The prefix of every signed header: <c>XroadVnpt-</c>.</summary>
    public const string HeaderPrefix = "XroadVnpt-";

    /// <summary>The header listing the signed header names.</summary>
    public const string SignHeaderKeyHeader = "XroadVnpt-sign-header-key";

    /// <summary>The header holding the signed JSON.</summary>
    public const string SignHeaderHeader = "XroadVnpt-sign-header";

    /// <summary>The header holding the hex HMAC-SHA256 of the JSON.</summary>
    public const string HashHeaderHeader = "XroadVnpt-hash-header";

    /// <summary>The protocol version header.</summary>
    public const string VersionHeader = "XroadVnpt-version";

    /// <summary>The protocol version the SDK sends: <c>3.0.201608</c>.</summary>
    public const string ProtocolVersion = "3.0.201608";

    /// <summary>The largest <c>XroadVnpt-sign-header</c> a verifier accepts, in characters.</summary>
    public const int MaxSignedJsonLength = 16 * 1024;

    /// <summary>Formats a timestamp as the VXP <c>timestamp</c> header: <c>ddMMyyyy'T'HHmmss+SSSS</c>, Vietnam time.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>For example <c>24112026T093005+0042</c>.</returns>
    public static string FormatTimestamp(DateTimeOffset instant)
    {
        var local = EDoc.Time.VietnamTime.ToVietnamTime(instant);
        return local.ToString("ddMMyyyy'T'HHmmss", CultureInfo.InvariantCulture) + "+"
            + local.Millisecond.ToString("D4", CultureInfo.InvariantCulture);
    }

    /// <summary>Builds the signed JSON text of logical headers: <c>{"XroadVnpt-name":"value",…}</c>.</summary>
    /// <param name="logicalHeaders">The headers without prefix, in order.</param>
    /// <returns>The compact JSON text.</returns>
    public static string BuildSignedJson(IEnumerable<KeyValuePair<string, string>> logicalHeaders)
    {
        ArgumentNullException.ThrowIfNull(logicalHeaders);
        var builder = new StringBuilder("{");
        bool first = true;
        foreach (var (name, value) in logicalHeaders)
        {
            ValidateName(name);
            ArgumentNullException.ThrowIfNull(value);
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            AppendJsonString(builder, HeaderPrefix + name);
            builder.Append(':');
            AppendJsonString(builder, value);
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Computes the lower-case hex HMAC-SHA256 of a text under a secret (both UTF-8).</summary>
    /// <param name="secret">The account secret.</param>
    /// <param name="text">The signed JSON text.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string ComputeHash(string secret, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Computes every header to send for a request: the prefixed headers and the signature headers.</summary>
    /// <param name="logicalHeaders">The headers without prefix (systemid, timestamp, Content-Type, operation headers), in order.</param>
    /// <param name="secret">The account secret; it is never part of the output.</param>
    /// <returns>The headers to add to the HTTP request, in order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(IReadOnlyList<KeyValuePair<string, string>> logicalHeaders, string secret)
    {
        ArgumentNullException.ThrowIfNull(logicalHeaders);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        string json = BuildSignedJson(logicalHeaders);
        var result = new List<KeyValuePair<string, string>>(logicalHeaders.Count + 4);
        foreach (var (name, value) in logicalHeaders)
        {
            result.Add(new(HeaderPrefix + name, value));
        }

        result.Add(new(SignHeaderKeyHeader, string.Join(';', logicalHeaders.Select(h => HeaderPrefix + h.Key))));
        result.Add(new(SignHeaderHeader, json));
        result.Add(new(HashHeaderHeader, ComputeHash(secret, json)));
        result.Add(new(VersionHeader, ProtocolVersion));
        return result;
    }

    /// <summary>
    /// Checks the signature headers of a request: the HMAC of <c>XroadVnpt-sign-header</c> under the secret, that the
    /// key list matches the JSON, and that every prefixed header sent equals its signed value.
    /// </summary>
    /// <param name="getHeader">Reads a request header by name (case-insensitive), or <see langword="null"/> when absent.</param>
    /// <param name="secret">The account secret.</param>
    /// <param name="signedHeaders">The signed logical headers (without prefix; case-insensitive keys) when valid.</param>
    /// <returns><see langword="true"/> when the signature is valid.</returns>
    public static bool TryVerify(Func<string, string?> getHeader, string secret, out IReadOnlyDictionary<string, string> signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(getHeader);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        signedHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? json = getHeader(SignHeaderHeader);
        string? hash = getHeader(HashHeaderHeader);
        string? keys = getHeader(SignHeaderKeyHeader);
        if (json is null || hash is null || keys is null || json.Length > MaxSignedJsonLength || hash.Length != 64)
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(ComputeHash(secret, json));
        byte[] actual = Encoding.ASCII.GetBytes(hash.ToLowerInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String
                    || !property.Name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase)
                    || !values.TryAdd(property.Name[HeaderPrefix.Length..], property.Value.GetString()!))
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        var listed = keys.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (listed.Length != values.Count)
        {
            return false;
        }

        foreach (string name in listed)
        {
            if (!name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase)
                || !values.TryGetValue(name[HeaderPrefix.Length..], out var signed)
                || getHeader(name) is { } sent && !string.Equals(sent, signed, StringComparison.Ordinal))
            {
                return false;
            }
        }

        signedHeaders = values;
        return true;
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (char c in name)
        {
            if (c <= ' ' || c >= 0x7F || c is ';' or ':' or '"' or '\\')
            {
                throw new ArgumentException($"The header name '{name}' contains a character not allowed in an HTTP header name.", nameof(name));
            }
        }
    }

    private static void AppendJsonString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
