using System.Text.Json;
using System.Text.Json.Serialization;
using EDoc.Agencies;
using EDoc.Numbering;

namespace EDoc;

/// <summary>Writes <see cref="AgencyCode"/> as its text and reads it leniently (non-standard stored codes round-trip).</summary>
internal sealed class AgencyCodeJsonConverter : JsonConverter<AgencyCode>
{
    public override AgencyCode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => JsonText.Parse(ref reader, static s => AgencyCode.Parse(s, AgencyCodeParseMode.Lenient));

    public override void Write(Utf8JsonWriter writer, AgencyCode value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

/// <summary>Writes <see cref="ElectronicAgencyIdentifier"/> as its text.</summary>
internal sealed class ElectronicAgencyIdentifierJsonConverter : JsonConverter<ElectronicAgencyIdentifier>
{
    public override ElectronicAgencyIdentifier? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => JsonText.Parse(ref reader, ElectronicAgencyIdentifier.Parse);

    public override void Write(Utf8JsonWriter writer, ElectronicAgencyIdentifier value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

/// <summary>Writes <see cref="DocumentNotation"/> as its text, for example <c>"08/2018/QĐ-UBND"</c>.</summary>
internal sealed class DocumentNotationJsonConverter : JsonConverter<DocumentNotation>
{
    public override DocumentNotation? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => JsonText.Parse(ref reader, static s => DocumentNotation.Parse(s));

    public override void Write(Utf8JsonWriter writer, DocumentNotation value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

/// <summary>Writes <see cref="DocumentNumber"/> as its padded text (<c>"08"</c>); reads a string or a JSON number.</summary>
internal sealed class DocumentNumberJsonConverter : JsonConverter<DocumentNumber>
{
    public override DocumentNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 0)
        {
            return new DocumentNumber(value);
        }

        return JsonText.Parse(ref reader, static s => DocumentNumber.Parse(s));
    }

    public override void Write(Utf8JsonWriter writer, DocumentNumber value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

internal static class JsonText
{
    internal static T Parse<T>(ref Utf8JsonReader reader, Func<string, T> parse)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        }

        try
        {
            return parse(reader.GetString()!);
        }
        catch (EDocFormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }
}
