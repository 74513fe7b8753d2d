using System.Globalization;
using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EDoc;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Validation;

namespace EDoc.Interchange.TestSender;

/// <summary>
/// A stand-in for the edXML engine in tests: packages are a tiny edXML-shaped XML (MessageHeader From/To/DocumentId,
/// Status ResponseFor/From/StatusCode, attachments as Base64), enough for the hub emulator's routing and for the
/// inspector and status factory contracts.
/// </summary>
internal static class FakeEdXml
{
    public const string Namespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    public static byte[] Document(string from, IEnumerable<string> to, string documentId, params (string Name, byte[] Content)[] attachments)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><edXML xmlns=\"").Append(Namespace).Append("\"><edXMLEnvelope><edXMLHeader><MessageHeader>");
        sb.Append("<From><OrganId>").Append(Escape(from)).Append("</OrganId></From>");
        foreach (string t in to)
        {
            sb.Append("<To><OrganId>").Append(Escape(t)).Append("</OrganId></To>");
        }

        sb.Append("<DocumentId>").Append(Escape(documentId)).Append("</DocumentId><Subject>V/v thử nghiệm</Subject></MessageHeader></edXMLHeader></edXMLEnvelope><AttachmentEncoded>");
        foreach (var (name, content) in attachments)
        {
            sb.Append("<Attachment><AttachmentName>").Append(Escape(name)).Append("</AttachmentName><ContentTransferEncoded>")
              .Append(Convert.ToBase64String(content)).Append("</ContentTransferEncoded></Attachment>");
        }

        sb.Append("</AttachmentEncoded></edXML>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Status(string from, string documentSender, string documentId, string code, DateTimeOffset timestamp)
    {
        string xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><edXML xmlns=\"{Namespace}\"><edXMLEnvelope><edXMLHeader><Status>"
            + $"<ResponseFor><OrganId>{Escape(documentSender)}</OrganId><DocumentId>{Escape(documentId)}</DocumentId></ResponseFor>"
            + $"<From><OrganId>{Escape(from)}</OrganId></From><StatusCode>{Escape(code)}</StatusCode>"
            + $"<Timestamp>{timestamp.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture)}</Timestamp>"
            + "</Status></edXMLHeader></edXMLEnvelope></edXML>";
        return Encoding.UTF8.GetBytes(xml);
    }

    public static string DocumentId(string organId, int number)
        => $"{organId},2026/11/24,{number.ToString(CultureInfo.InvariantCulture)}/UBND-VX";

    private static string Escape(string text) => SecurityElement.Escape(text);
}

/// <summary>The fake inspector: reads the fake packages; a missing DocumentId is a validation error.</summary>
internal sealed class FakeInspector : IEdXmlPackageInspector
{
    public Task<PackageInspection> InspectAsync(ReadOnlyMemory<byte> package, HubMessageKind expectedKind, CancellationToken cancellationToken = default)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(package.ToArray());
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new EDocFormatException("edXML", null, "not XML: " + ex.Message, ex);
        }

        XNamespace ns = FakeEdXml.Namespace;
        var header = document.Root?.Element(ns + "edXMLEnvelope")?.Element(ns + "edXMLHeader")
            ?? throw new EDocFormatException("edXML", "/edXML", "no edXMLEnvelope/edXMLHeader.");
        var problems = new ValidationProblemCollector();
        var status = header.Element(ns + "Status");
        PackageMetadata metadata;
        var attachments = new List<PackageAttachment>();
        if (status is not null)
        {
            string from = status.Element(ns + "From")?.Element(ns + "OrganId")?.Value ?? string.Empty;
            string sender = status.Element(ns + "ResponseFor")?.Element(ns + "OrganId")?.Value ?? string.Empty;
            string documentId = status.Element(ns + "ResponseFor")?.Element(ns + "DocumentId")?.Value ?? string.Empty;
            problems.Required("Status.ResponseFor.DocumentId", documentId);
            metadata = new PackageMetadata { Kind = HubMessageKind.Status, From = from, To = [sender], DocumentId = documentId, StatusCode = status.Element(ns + "StatusCode")?.Value };
        }
        else
        {
            var message = header.Element(ns + "MessageHeader") ?? throw new EDocFormatException("edXML", "edXMLHeader", "no MessageHeader or Status.");
            string from = message.Element(ns + "From")?.Element(ns + "OrganId")?.Value ?? string.Empty;
            string documentId = message.Element(ns + "DocumentId")?.Value ?? string.Empty;
            problems.Required("MessageHeader.From.OrganId", from);
            problems.Required("MessageHeader.DocumentId", documentId);
            metadata = new PackageMetadata
            {
                Kind = HubMessageKind.Edoc,
                From = from,
                To = message.Elements(ns + "To").Select(t => t.Element(ns + "OrganId")?.Value ?? string.Empty).ToList(),
                DocumentId = documentId,
            };
            foreach (var attachment in document.Root!.Element(ns + "AttachmentEncoded")?.Elements(ns + "Attachment") ?? [])
            {
                attachments.Add(new PackageAttachment(
                    attachment.Element(ns + "AttachmentName")?.Value ?? "attachment",
                    Convert.FromBase64String(attachment.Element(ns + "ContentTransferEncoded")?.Value ?? string.Empty)));
            }
        }

        return Task.FromResult(new PackageInspection { Metadata = metadata, Validation = problems.ToResult(), Attachments = attachments });
    }
}

/// <summary>The fake status factory.</summary>
internal sealed class FakeStatusFactory : IStatusPackageFactory
{
    public Task<byte[]> CreateAsync(StatusPackageRequest request, CancellationToken cancellationToken = default)
        => Task.FromResult(FakeEdXml.Status(request.FromOrganId, request.Document.From, request.Document.DocumentId, request.StatusCode, request.Timestamp));
}
