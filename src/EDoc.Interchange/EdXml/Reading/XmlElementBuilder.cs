using System.Text;
using System.Xml;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// Builds an <see cref="XElement"/> from the element an <see cref="XmlReader"/> is on, node for node as
/// <see cref="XNode.ReadFromAsync(XmlReader, CancellationToken)"/> does (names, attributes and namespace declarations,
/// text, CDATA, whitespace, comments, processing instructions, <c>&lt;a/&gt;</c> versus <c>&lt;a&gt;&lt;/a&gt;</c>),
/// but iteratively and with the nesting bounded while it streams.
/// </summary>
/// <remarks>
/// <see cref="XNode.ReadFrom"/> checks each added node against all its ancestors, so its time grows with the square
/// of the depth (200,000 nested elements took minutes before the tree could even be depth-checked). This builder
/// refuses the first element deeper than <see cref="EdXmlXml.MaxElementDepth"/> (counted from the document's root
/// element, <see cref="XmlReader.Depth"/>) before reading further, and attaches each element to its parent only when
/// the element is complete, so an open parent is never part of a tree and nothing walks the ancestors. Adjacent text
/// (for example text split by ignored comments) is gathered in a buffer and added once, where
/// <see cref="XNode.ReadFrom"/> concatenates strings again and again (200,000 pieces took 43 s). Attributes go
/// through <see cref="XContainer.Add(object)"/>, which compares each with those already there, so their number per
/// element is bounded by <see cref="EdXmlXml.MaxElementAttributes"/>.
/// </remarks>
internal sealed class XmlElementBuilder
{
    private readonly XmlReader _reader;
    private readonly string _location;
    private readonly Stack<XElement> _open = new();
    private readonly StringBuilder _text = new();
    private XElement? _root;

    private XmlElementBuilder(XmlReader reader, string location)
    {
        _reader = reader;
        _location = location;
    }

    /// <summary>
    /// Reads the element the reader is on, with all its content, and leaves the reader on the node after its end tag
    /// (as <see cref="XNode.ReadFromAsync(XmlReader, CancellationToken)"/> does).
    /// </summary>
    /// <param name="reader">An async reader positioned on an element.</param>
    /// <param name="location">Where the element is (the path of its parent), for the exception.</param>
    /// <param name="cancellationToken">Cancels the read; checked at every node.</param>
    /// <returns>The element.</returns>
    /// <exception cref="EDocLimitExceededException">An element is nested deeper than <see cref="EdXmlXml.MaxElementDepth"/> or has more than <see cref="EdXmlXml.MaxElementAttributes"/> attributes.</exception>
    /// <exception cref="EdXmlFormatException">The reader returned a node that cannot be part of an element.</exception>
    /// <exception cref="XmlException">The XML is not well-formed.</exception>
    public static async Task<XElement> BuildAsync(XmlReader reader, string location, CancellationToken cancellationToken)
    {
        var builder = Start(reader, location);
        while (!builder.Accept())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await reader.ReadAsync().ConfigureAwait(false))
            {
                throw builder.UnexpectedEnd();
            }
        }

        await reader.ReadAsync().ConfigureAwait(false);
        return builder._root!;
    }

    /// <summary>The synchronous form of <see cref="BuildAsync"/>, for a reader created without <c>Async</c>.</summary>
    /// <param name="reader">A reader positioned on an element.</param>
    /// <param name="location">Where the element is (the path of its parent), for the exception.</param>
    /// <returns>The element.</returns>
    /// <exception cref="EDocLimitExceededException">An element is nested deeper than <see cref="EdXmlXml.MaxElementDepth"/> or has more than <see cref="EdXmlXml.MaxElementAttributes"/> attributes.</exception>
    /// <exception cref="EdXmlFormatException">The reader returned a node that cannot be part of an element.</exception>
    /// <exception cref="XmlException">The XML is not well-formed.</exception>
    public static XElement Build(XmlReader reader, string location)
    {
        var builder = Start(reader, location);
        while (!builder.Accept())
        {
            if (!reader.Read())
            {
                throw builder.UnexpectedEnd();
            }
        }

        reader.Read();
        return builder._root!;
    }

    private static XmlElementBuilder Start(XmlReader reader, string location)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadState != ReadState.Interactive || reader.NodeType != XmlNodeType.Element)
        {
            throw new InvalidOperationException($"The reader must be on an element, not on {reader.NodeType} ({reader.ReadState}).");
        }

        return new XmlElementBuilder(reader, location);
    }

    /// <summary>Takes the node the reader is on.</summary>
    /// <returns><see langword="true"/> when the root element is complete.</returns>
    private bool Accept()
    {
        var r = _reader;
        switch (r.NodeType)
        {
            case XmlNodeType.Element:
                if (r.Depth > EdXmlXml.MaxElementDepth)
                {
                    throw new EDocLimitExceededException("edXML", Where(r.LocalName), "MaxElementDepth", EdXmlXml.MaxElementDepth, r.Depth);
                }

                if (r.AttributeCount > EdXmlXml.MaxElementAttributes)
                {
                    throw new EDocLimitExceededException("edXML", Where(r.LocalName), "MaxElementAttributes", EdXmlXml.MaxElementAttributes, r.AttributeCount);
                }

                FlushText();
                var element = new XElement(XNamespace.Get(r.NamespaceURI).GetName(r.LocalName));
                if (r.MoveToFirstAttribute())
                {
                    do
                    {
                        // As XNode.ReadFrom: an unprefixed attribute is in no namespace (xmlns itself included);
                        // xmlns:p declarations are in the xmlns namespace and keep their prefix as the local name.
                        element.Add(new XAttribute(XNamespace.Get(r.Prefix.Length == 0 ? string.Empty : r.NamespaceURI).GetName(r.LocalName), r.Value));
                    }
                    while (r.MoveToNextAttribute());
                    r.MoveToElement();
                }

                if (!r.IsEmptyElement)
                {
                    _open.Push(element);
                    return false;
                }

                return Close(element);
            case XmlNodeType.EndElement:
                FlushText();
                var closed = _open.Pop();
                if (closed.IsEmpty)
                {
                    // <a></a>: XNode.ReadFrom gives it empty content rather than none, so it is written back as a pair.
                    closed.Add(string.Empty);
                }

                return Close(closed);
            case XmlNodeType.Text:
            case XmlNodeType.Whitespace:
            case XmlNodeType.SignificantWhitespace:
                // Adjacent text becomes one XText, as in XNode.ReadFrom.
                _text.Append(r.Value);
                return false;
            case XmlNodeType.CDATA:
                FlushText();
                _open.Peek().Add(new XCData(r.Value));
                return false;
            case XmlNodeType.Comment:
                FlushText();
                _open.Peek().Add(new XComment(r.Value));
                return false;
            case XmlNodeType.ProcessingInstruction:
                FlushText();
                _open.Peek().Add(new XProcessingInstruction(r.Name, r.Value));
                return false;
            case XmlNodeType.EntityReference when r.CanResolveEntity:
                r.ResolveEntity();
                return false;
            case XmlNodeType.EndEntity:
                return false;
            default:
                throw new EdXmlFormatException("edXML", Where(null), $"unexpected {r.NodeType} node inside an element.");
        }
    }

    /// <summary>Adds the text gathered since the last other node to the innermost open element.</summary>
    private void FlushText()
    {
        if (_text.Length > 0)
        {
            _open.Peek().Add(_text.ToString());
            _text.Clear();
        }
    }

    /// <summary>Attaches a complete element to its parent, or ends with it when it is the root.</summary>
    private bool Close(XElement element)
    {
        if (_open.Count == 0)
        {
            _root = element;
            return true;
        }

        _open.Peek().Add(element);
        return false;
    }

    private EdXmlFormatException UnexpectedEnd() => new("edXML", Where(null), "the document ends inside an element.");

    /// <summary>
    /// The path of the open elements (the middle elided when deep) and the line and position, for example
    /// <c>edXML/edXMLEnvelope/edXMLHeader/x/…(95 more)…/x/x, line 1, position 530</c>.
    /// </summary>
    private string Where(string? current)
    {
        const int Head = 4;
        const int Tail = 2;
        var names = _open.Reverse().Select(e => e.Name.LocalName).ToList();
        if (current is not null)
        {
            names.Add(current);
        }

        var path = new StringBuilder(_location);
        for (var i = 0; i < names.Count; i++)
        {
            if (i == Head && names.Count > Head + Tail + 1)
            {
                path.Append("/…(").Append(names.Count - Head - Tail).Append(" more)…");
                i = names.Count - Tail - 1;
                continue;
            }

            path.Append(path.Length > 0 ? "/" : string.Empty).Append(names[i]);
        }

        if (_reader is IXmlLineInfo info && info.HasLineInfo())
        {
            path.Append(", line ").Append(info.LineNumber).Append(", position ").Append(info.LinePosition);
        }

        return path.ToString();
    }
}
