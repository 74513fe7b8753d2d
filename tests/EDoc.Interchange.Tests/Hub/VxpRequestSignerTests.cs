using System.Text.Json;
using EDoc.Interchange.Hub;

namespace EDoc.Interchange.Tests.Hub;

public sealed class VxpRequestSignerTests
{
    // Known answers computed outside .NET: printf '%s' "$JSON" | openssl dgst -sha256 -hmac "$SECRET".
    private const string SendJson = """{"XroadVnpt-systemid":"000.00.00.H41","XroadVnpt-timestamp":"24112026T093005+0042","XroadVnpt-Content-Type":"application/octet-stream","XroadVnpt-from":"000.00.00.H41","XroadVnpt-servicetype":"eDoc","XroadVnpt-messagetype":"edoc","XroadVnpt-hash-file":"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}""";
    private const string SendHmac = "9c195d8bb52c03feb88cfa902feb1a2ff8a2240a75154cfffad045d5953258d7";

    private static readonly KeyValuePair<string, string>[] SendHeaders =
    [
        new("systemid", "000.00.00.H41"),
        new("timestamp", "24112026T093005+0042"),
        new("Content-Type", "application/octet-stream"),
        new("from", "000.00.00.H41"),
        new("servicetype", "eDoc"),
        new("messagetype", "edoc"),
        new("hash-file", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
    ];

    [Fact]
    public void BuildSignedJson_SendEdocHeaders_MatchesKnownText()
    {
        string json = VxpRequestSigner.BuildSignedJson(SendHeaders);

        Assert.Equal(SendJson, json);
    }

    [Fact]
    public void ComputeHash_SendEdocJson_MatchesOpensslHmac()
    {
        Assert.Equal(SendHmac, VxpRequestSigner.ComputeHash("secret-of-agency-a-7f3c", SendJson));
    }

    [Fact]
    public void ComputeHash_UpdateStatusJson_MatchesOpensslHmac()
    {
        string json = VxpRequestSigner.BuildSignedJson([new("systemid", "000.00.00.G22"), new("timestamp", "01012026T000000+0000"), new("Content-Type", "application/json"), new("docId", "a1b2"), new("status", "done")]);

        Assert.Equal("3df72ded2db0a84b6cb6bcb564d0318d35dfef0ed59d3c693ef8ab8dc93521ef", VxpRequestSigner.ComputeHash("k", json));
    }

    [Fact]
    public void Sign_SendEdocHeaders_EmitsPrefixedHeadersKeyListJsonHashAndVersion()
    {
        var headers = VxpRequestSigner.Sign(SendHeaders, "secret-of-agency-a-7f3c").ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("000.00.00.H41", headers["XroadVnpt-systemid"]);
        Assert.Equal("eDoc", headers["XroadVnpt-servicetype"]);
        Assert.Equal("XroadVnpt-systemid;XroadVnpt-timestamp;XroadVnpt-Content-Type;XroadVnpt-from;XroadVnpt-servicetype;XroadVnpt-messagetype;XroadVnpt-hash-file", headers["XroadVnpt-sign-header-key"]);
        Assert.Equal(SendJson, headers["XroadVnpt-sign-header"]);
        Assert.Equal(SendHmac, headers["XroadVnpt-hash-header"]);
        Assert.Equal("3.0.201608", headers["XroadVnpt-version"]);
        Assert.DoesNotContain(headers.Values, v => v.Contains("secret-of-agency-a-7f3c", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2026, 11, 24, 2, 30, 5, 42, "24112026T093005+0042")]
    [InlineData(2026, 12, 31, 17, 0, 0, 999, "01012027T000000+0999")]
    [InlineData(2025, 1, 2, 3, 4, 5, 0, "02012025T100405+0000")]
    public void FormatTimestamp_UtcInstant_FormatsVietnamTimeWithMilliseconds(int y, int mo, int d, int h, int mi, int s, int ms, string expected)
    {
        var instant = new DateTimeOffset(y, mo, d, h, mi, s, ms, TimeSpan.Zero);

        Assert.Equal(expected, VxpRequestSigner.FormatTimestamp(instant));
    }

    [Fact]
    public void BuildSignedJson_QuotesBackslashesAndControls_EscapedAsJson()
    {
        string value = "a\"b\\c\nd\u0001é";

        string json = VxpRequestSigner.BuildSignedJson([new("to", value)]);

        Assert.Equal("{\"XroadVnpt-to\":\"a\\\"b\\\\c\\nd\\u0001é\"}", json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(value, parsed.RootElement.GetProperty("XroadVnpt-to").GetString());
    }

    [Fact]
    public void TryVerify_SignedHeaders_ReturnsSignedValues()
    {
        var headers = ToLookup(VxpRequestSigner.Sign(SendHeaders, "s3cret"));

        bool valid = VxpRequestSigner.TryVerify(n => headers.GetValueOrDefault(n), "s3cret", out var signed);

        Assert.True(valid);
        Assert.Equal("000.00.00.H41", signed["from"]);
        Assert.Equal("edoc", signed["MESSAGETYPE"]);
    }

    [Fact]
    public void TryVerify_WrongSecret_ReturnsFalse()
    {
        var headers = ToLookup(VxpRequestSigner.Sign(SendHeaders, "s3cret"));

        Assert.False(VxpRequestSigner.TryVerify(n => headers.GetValueOrDefault(n), "other", out _));
    }

    [Theory]
    [InlineData("XroadVnpt-sign-header")]
    [InlineData("XroadVnpt-from")]
    [InlineData("XroadVnpt-sign-header-key")]
    [InlineData("XroadVnpt-hash-header")]
    public void TryVerify_TamperedHeader_ReturnsFalse(string name)
    {
        var headers = ToLookup(VxpRequestSigner.Sign(SendHeaders, "s3cret"));
        headers[name] = name switch
        {
            "XroadVnpt-sign-header" => headers[name].Replace("000.00.00.H41", "000.00.00.H42", StringComparison.Ordinal),
            "XroadVnpt-from" => "000.00.00.H42",
            "XroadVnpt-sign-header-key" => "XroadVnpt-systemid",
            _ => new string('0', 64),
        };

        Assert.False(VxpRequestSigner.TryVerify(n => headers.GetValueOrDefault(n), "s3cret", out _));
    }

    [Fact]
    public void TryVerify_MissingSignature_ReturnsFalse()
    {
        Assert.False(VxpRequestSigner.TryVerify(_ => null, "s3cret", out _));
    }

    private static Dictionary<string, string> ToLookup(IReadOnlyList<KeyValuePair<string, string>> headers)
        => headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
}
