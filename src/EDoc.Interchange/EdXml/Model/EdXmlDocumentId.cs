using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// Mã văn bản: the id of a document as edXML writes it, <c>{OrganId},{yyyy/MM/dd},{number}/{notation}</c>, for
/// example <c>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</c>. Not the hub's own document id.
/// </summary>
[JsonConverter(typeof(EdXmlDocumentIdJsonConverter))]
public sealed record EdXmlDocumentId
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="organId">Mã định danh of the issuing agency; must not contain a comma.</param>
    /// <param name="date">The issue date.</param>
    /// <param name="number">The document number (số); must not contain a comma or a slash.</param>
    /// <param name="notation">The notation (ký hiệu); must not contain a comma.</param>
    /// <exception cref="ArgumentException">A part is empty or contains a separator.</exception>
    public EdXmlDocumentId(string organId, DateOnly date, string number, string notation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organId);
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(notation);
        if (organId.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("The agency code must not contain a comma.", nameof(organId));
        }

        if (number.Contains(',', StringComparison.Ordinal) || number.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("The number must not contain a comma or a slash.", nameof(number));
        }

        if (notation.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("The notation must not contain a comma.", nameof(notation));
        }

        OrganId = organId.Trim();
        Date = date;
        Number = number.Trim();
        Notation = notation.Trim();
    }

    /// <summary>Mã định danh of the issuing agency.</summary>
    public string OrganId { get; }

    /// <summary>The issue date.</summary>
    public DateOnly Date { get; }

    /// <summary>Số: the document number.</summary>
    public string Number { get; }

    /// <summary>Ký hiệu: the notation.</summary>
    public string Notation { get; }

    /// <summary>Parses a document id; the date may be written <c>yyyy/MM/dd</c> or <c>dd/MM/yyyy</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="EdXmlFormatException">The text is not a document id.</exception>
    public static EdXmlDocumentId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id)
            ? id
            : throw new EdXmlFormatException("DocumentId", null, $"'{EdXmlText.Excerpt(text)}' is not '{{OrganId}},{{yyyy/MM/dd}},{{number}}/{{notation}}'.");
    }

    /// <summary>Tries to parse a document id; the date may be written <c>yyyy/MM/dd</c> or <c>dd/MM/yyyy</c>.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <param name="id">The id when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a document id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out EdXmlDocumentId? id)
    {
        id = null;
        if (text is null)
        {
            return false;
        }

        var parts = text.Trim().Split(',', 3);
        if (parts.Length != 3 || !EdXmlDates.TryParseDate(parts[1], out var date))
        {
            return false;
        }

        var slash = parts[2].IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == parts[2].Length - 1)
        {
            return false;
        }

        var organId = parts[0].Trim();
        var number = parts[2][..slash].Trim();
        var notation = parts[2][(slash + 1)..].Trim();
        if (organId.Length == 0 || number.Length == 0 || notation.Length == 0 || notation.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        id = new EdXmlDocumentId(organId, date, number, notation);
        return true;
    }

    /// <summary>The number and notation as printed on the document, <c>{number}/{notation}</c>.</summary>
    public string Code => Number + "/" + Notation;

    /// <summary>The canonical text, <c>{OrganId},{yyyy/MM/dd},{number}/{notation}</c>.</summary>
    /// <returns>The id as edXML writes it.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{OrganId},{EdXmlDates.FormatDate(Date)},{Number}/{Notation}");
}

/// <summary>Reads and writes <see cref="EdXmlDocumentId"/> as its canonical string.</summary>
internal sealed class EdXmlDocumentIdJsonConverter : JsonConverter<EdXmlDocumentId>
{
    public override EdXmlDocumentId? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return EdXmlDocumentId.TryParse(text, out var id)
            ? id
            : throw new JsonException($"'{text}' is not an edXML DocumentId ({{OrganId}},{{yyyy/MM/dd}},{{number}}/{{notation}}).");
    }

    public override void Write(Utf8JsonWriter writer, EdXmlDocumentId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());
}
