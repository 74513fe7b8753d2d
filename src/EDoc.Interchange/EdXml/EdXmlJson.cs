using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// The JSON form of the edXML model (used by <c>edoc edxml pack --header HEADER.json</c>): camelCase property names
/// named after the edXML elements (names are matched case-insensitively), dates <c>yyyy-MM-dd</c> (also
/// <c>yyyy/MM/dd</c> and <c>dd/MM/yyyy</c> on reading), DocumentId as its edXML text, unknown elements as XML strings,
/// enums as camelCase names or numbers. Unknown JSON properties are refused, so typos are caught.
/// </summary>
public static class EdXmlJson
{
    /// <summary>The serializer options of the JSON form.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Reads a <c>MessageHeader</c> from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The header.</returns>
    /// <exception cref="EdXmlFormatException">The JSON is not a valid header; the location is the JSON path.</exception>
    public static EdXmlMessageHeader DeserializeMessageHeader(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<EdXmlMessageHeader>(json, Options)
                ?? throw new EdXmlFormatException("MessageHeader JSON", "$", "the document is null.");
        }
        catch (JsonException ex)
        {
            throw new EdXmlFormatException("MessageHeader JSON", ex.Path ?? "$", ex.Message, ex);
        }
    }

    /// <summary>Writes a model object as indented JSON.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 32,
        };
        options.Converters.Add(new FlexibleDateOnlyConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }

    private sealed class FlexibleDateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return EdXmlDates.TryParseDate(text, out var date)
                ? date
                : throw new JsonException($"'{text}' is not a date (yyyy-MM-dd, yyyy/MM/dd or dd/MM/yyyy).");
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
