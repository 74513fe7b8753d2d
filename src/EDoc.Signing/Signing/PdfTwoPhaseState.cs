using System.Text.Json;
using System.Text.Json.Serialization;
using EDoc.Signing.Cms;

namespace EDoc.Signing;

/// <summary>
/// Everything phase 2 of two-phase signing needs, as plain values: where the /Contents placeholder of the prepared
/// file is, the ByteRange digest, the CMS pending state and the hash the remote service must sign. Keep it as JSON
/// (<see cref="ToJson"/>) together with the prepared file while the user approves on the phone.
/// </summary>
public sealed record PdfTwoPhaseState
{
    /// <summary>The state format version. <value>The default value is 1.</value></summary>
    public int FormatVersion { get; init; } = 1;

    /// <summary>The signature field name.</summary>
    public required string FieldName { get; init; }

    /// <summary>The PAdES level to reach when completing.</summary>
    public required PadesLevel Level { get; init; }

    /// <summary>The /ByteRange of the prepared signature.</summary>
    public required long[] ByteRange { get; init; }

    /// <summary>The offset of the /Contents string's <c>&lt;</c> in the prepared file.</summary>
    public required long ContentsOffset { get; init; }

    /// <summary>The bytes reserved for the CMS.</summary>
    public required int ContentsCapacity { get; init; }

    /// <summary>The length of the prepared file (a different file is refused).</summary>
    public required long PreparedLength { get; init; }

    /// <summary>The length of the source document.</summary>
    public required long SourceLength { get; init; }

    /// <summary>The claimed signing time (/M) written into the prepared file.</summary>
    public required DateTimeOffset SigningTime { get; init; }

    /// <summary>The digest of the ByteRange bytes (the CMS message-digest).</summary>
    public required byte[] ContentDigest { get; init; }

    /// <summary>The hash the remote service signs (of the DER signed attributes), e.g. for VNPT SmartCA <c>sign_type=hash</c>.</summary>
    public required byte[] HashToSign { get; init; }

    /// <summary>The DER signed attributes (the data to be signed) for services that hash themselves.</summary>
    public required byte[] DataToBeSigned { get; init; }

    /// <summary>The DER DigestInfo around <see cref="HashToSign"/>, for services that sign raw RSA PKCS#1 v1.5 blocks.</summary>
    public required byte[] DigestInfoToSign { get; init; }

    /// <summary>The CMS layer's pending state.</summary>
    public required PendingSignatureState Cms { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serializes the state to JSON (byte arrays as base64). It holds no secret.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The state.</returns>
    /// <exception cref="SigningException">The JSON is not a two-phase state of a supported version.</exception>
    public static PdfTwoPhaseState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PdfTwoPhaseState? state;
        try
        {
            state = JsonSerializer.Deserialize<PdfTwoPhaseState>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new SigningException("two-phase-state", "The two-phase state is not valid JSON: " + ex.Message, ex);
        }

        if (state is null || state.FormatVersion != 1 || state.ByteRange is not { Length: 4 } || state.Cms is null || state.ContentDigest is null)
        {
            throw new SigningException("two-phase-state", "The two-phase state is incomplete or of an unsupported version.");
        }

        return state;
    }
}
