using System.Xml;

namespace EDoc.HubEmulator;

/// <summary>
/// Reads the routing of an edXML package the way a hub does when the sender gives no <c>to</c> header: the
/// <c>To/OrganId</c> of a MessageHeader, or the <c>ResponseFor/OrganId</c> of a Status. Local names only (prefix
/// variants), no DTD, no resolver, bounded size.
/// </summary>
public static class EdXmlRoutingSniffer
{
    /// <summary>Reads the receivers of a package.</summary>
    /// <param name="package">The package bytes.</param>
    /// <param name="receivers">The receivers' codes.</param>
    /// <returns><see langword="true"/> when the package could be read and names at least one receiver.</returns>
    public static bool TryReadReceivers(ReadOnlySpan<byte> package, out IReadOnlyList<string> receivers)
    {
        var result = new List<string>();
        receivers = result;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = 512L * 1024 * 1024,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        var path = new List<string>();
        try
        {
            using var stream = new MemoryStream(package.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            bool advance = true;
            while (advance ? reader.Read() : !reader.EOF)
            {
                advance = true;
                if (reader.NodeType == XmlNodeType.Element)
                {
                    string name = reader.LocalName;
                    if (name == "AttachmentEncoded")
                    {
                        break;
                    }

                    bool empty = reader.IsEmptyElement;
                    path.Add(name);
                    if (name == "OrganId" && path.Count >= 2 && !empty)
                    {
                        string parent = path[^2];
                        string? grand = path.Count >= 3 ? path[^3] : null;
                        if ((parent == "To" && grand == "MessageHeader") || (parent == "ResponseFor" && grand == "Status"))
                        {
                            string code = reader.ReadElementContentAsString().Trim();
                            path.RemoveAt(path.Count - 1);
                            if (code.Length > 0 && !result.Contains(code))
                            {
                                result.Add(code);
                            }

                            advance = false;
                            continue;
                        }
                    }

                    if (empty)
                    {
                        path.RemoveAt(path.Count - 1);
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && path.Count > 0)
                {
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
        catch (XmlException)
        {
            return false;
        }

        return result.Count > 0;
    }
}
