using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using System.Xml.Linq;

namespace EDoc.Interchange.EdXml.Internal;

/// <summary>edXML dates: written <c>yyyy/MM/dd</c> and <c>yyyy/MM/dd HH:mm:ss</c>, read in either order.</summary>
internal static class EdXmlDates
{
    private static readonly string[] DateFormats = ["yyyy/MM/dd", "dd/MM/yyyy", "yyyy-MM-dd", "yyyy/M/d", "d/M/yyyy"];

    private static readonly string[] TimestampFormats =
    [
        "yyyy/MM/dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "yyyy/MM/dd H:mm:ss", "dd/MM/yyyy H:mm:ss", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm", "dd/MM/yyyy HH:mm", "yyyy/MM/dd", "dd/MM/yyyy",
    ];

    public static string FormatDate(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    public static string FormatTimestamp(DateTime timestamp) => timestamp.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static bool TryParseDate([NotNullWhen(true)] string? text, out DateOnly date)
    {
        date = default;
        return text is not null && DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static bool TryParseTimestamp([NotNullWhen(true)] string? text, out DateTime timestamp)
    {
        timestamp = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp))
        {
            timestamp = DateTime.SpecifyKind(timestamp, DateTimeKind.Unspecified);
            return true;
        }

        // ISO 8601 with an offset: convert to Vietnam time.
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && trimmed.Contains('T', StringComparison.Ordinal))
        {
            timestamp = DateTime.SpecifyKind(EDoc.Time.VietnamTime.ToVietnamTime(withOffset).DateTime, DateTimeKind.Unspecified);
            return true;
        }

        return false;
    }
}

/// <summary>Small text helpers.</summary>
internal static class EdXmlText
{
    public static string Excerpt(string? text, int max = 80)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var cleaned = new string(text.Select(c => char.IsControl(c) ? ' ' : c).Take(max + 1).ToArray());
        return cleaned.Length > max ? cleaned[..max] + "…" : cleaned;
    }

    public static string StripCid(string? contentId)
    {
        if (contentId is null)
        {
            return string.Empty;
        }

        var trimmed = contentId.Trim();
        if (trimmed.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[4..];
        }

        return trimmed.Trim('<', '>', ' ');
    }
}

/// <summary>Guesses MIME types from file names and detects ZIP content.</summary>
internal static class EdXmlContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".rtf"] = "application/rtf",
        [".txt"] = "text/plain",
        [".xml"] = "application/xml",
        [".zip"] = "application/zip",
        [".rar"] = "application/vnd.rar",
        [".7z"] = "application/x-7z-compressed",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".mp3"] = "audio/mpeg",
        [".mp4"] = "video/mp4",
    };

    public static string FromFileName(string name)
        => ByExtension.TryGetValue(Path.GetExtension(name), out var type) ? type : "application/octet-stream";

    public static bool IsZipContentType(string? contentType)
        => contentType is not null && (contentType.Contains("zip", StringComparison.OrdinalIgnoreCase)
            && !contentType.Contains("openxmlformats", StringComparison.OrdinalIgnoreCase)
            && !contentType.Contains("opendocument", StringComparison.OrdinalIgnoreCase));

    private static readonly HashSet<string> ZipBasedDocumentExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp", ".odg", ".epub", ".xps", ".oxps", ".jar", ".apk",
    };

    /// <summary>
    /// Whether a ZIP signature belongs to a document format built on ZIP (OOXML, ODF, EPUB …), which must be kept
    /// as it is rather than unzipped.
    /// </summary>
    public static bool IsZipBasedDocument(string? contentType, string? name)
        => (contentType is not null && (contentType.Contains("openxmlformats", StringComparison.OrdinalIgnoreCase)
                || contentType.Contains("opendocument", StringComparison.OrdinalIgnoreCase)
                || contentType.Contains("epub", StringComparison.OrdinalIgnoreCase)
                || contentType.Contains("ms-xpsdocument", StringComparison.OrdinalIgnoreCase)))
            || (name is not null && ZipBasedDocumentExtensions.Contains(Path.GetExtension(name)));

    public static bool IsPdf(EdXmlAttachment attachment)
        => (attachment.ContentType?.Contains("pdf", StringComparison.OrdinalIgnoreCase) ?? false)
            || (attachment.AttachmentName?.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ?? false);
}

/// <summary>Serializes lists of unknown elements as strings of XML.</summary>
internal sealed class XElementListJsonConverter : JsonConverter<IList<XElement>>
{
    public override IList<XElement>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected an array of XML strings.");
        }

        var list = new List<XElement>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var text = reader.GetString() ?? throw new JsonException("Expected an XML string.");
            try
            {
                using var xmlReader = XmlReader.Create(new StringReader(text), EdXmlXml.CreateReaderSettings(async: false));
                if (xmlReader.MoveToContent() != XmlNodeType.Element)
                {
                    throw new JsonException("An unknown element is not an XML element.");
                }

                // Not XElement.Load: the builder bounds the depth and does not slow down with it.
                list.Add(XmlElementBuilder.Build(xmlReader, string.Empty));
                if (xmlReader.MoveToContent() != XmlNodeType.None)
                {
                    throw new JsonException("An unknown element is followed by more XML.");
                }
            }
            catch (XmlException ex)
            {
                throw new JsonException("An unknown element is not well-formed XML: " + ex.Message, ex);
            }
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IList<XElement> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var element in value)
        {
            writer.WriteStringValue(element.ToString(SaveOptions.DisableFormatting));
        }

        writer.WriteEndArray();
    }
}

/// <summary>
/// Secure XML settings shared by the reader, the signer and the JSON converter: no DTD, no resolver, entity
/// expansion capped. The streaming reader cannot cap <c>MaxCharactersInDocument</c> (attachments are large); it
/// bounds everything but attachment content through its own counting stream instead.
/// </summary>
internal static class EdXmlXml
{
    /// <summary>The deepest element nesting accepted in a package; edXML needs about ten levels.</summary>
    public const int MaxElementDepth = 100;

    /// <summary>
    /// The most attributes (namespace declarations included) accepted on one element read into an XElement; edXML
    /// and XML-DSig use a handful. Bounds the per-attribute duplicate check of <see cref="XContainer.Add(object)"/>.
    /// </summary>
    public const int MaxElementAttributes = 256;

    /// <summary>
    /// Refuses a tree nested deeper than <see cref="MaxElementDepth"/> before anything recursive (XElement copies,
    /// XML canonicalization) runs on it: those recurse per level and a deep package would overflow the stack, a crash
    /// that no handler can catch. Walks iteratively.
    /// </summary>
    /// <param name="root">The root of the tree.</param>
    /// <param name="childElements">The child elements of a node.</param>
    /// <param name="name">The name of a node, for the exception.</param>
    /// <exception cref="EDocLimitExceededException">The tree is deeper than <see cref="MaxElementDepth"/>.</exception>
    public static void CheckDepth<TNode>(TNode root, Func<TNode, IEnumerable<TNode>> childElements, Func<TNode, string> name)
    {
        var stack = new Stack<(TNode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > MaxElementDepth)
            {
                throw new EDocLimitExceededException("edXML", name(node), "MaxElementDepth", MaxElementDepth, depth);
            }

            foreach (var child in childElements(node))
            {
                stack.Push((child, depth + 1));
            }
        }
    }

    public static XmlReaderSettings CreateReaderSettings(bool async, long maxCharactersInDocument = 0) => new()
    {
        Async = async,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxCharactersInDocument,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };
}

/// <summary>A read-only stream over memory.</summary>
internal sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => memory.Length;

    public override long Position
    {
        get => _position;
        set => _position = (int)Math.Clamp(value, 0, memory.Length);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, memory.Length - _position);
        memory.Span.Slice(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => memory.Length + offset,
        };
        return _position;
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
