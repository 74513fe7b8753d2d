using System.Globalization;
using System.Xml;

namespace EDoc.Archive.Packages;

internal sealed record PremisObject(string Identifier, string OriginalName, long Size, string Sha256, string MediaType);

internal sealed record PremisEvent(string Type, DateTimeOffset When, string Detail, string Outcome, string? OutcomeNote, string AgentId, IReadOnlyList<(string ObjectId, string Role)> Objects);

internal sealed record PremisAgent(string Id, string Name, string Type, string? Note);

/// <summary>Writes PREMIS 3 preservation metadata (objects, events, agents).</summary>
internal static class PremisXml
{
    public const string PremisNs = "http://www.loc.gov/premis/v3";

    public static void Write(Stream output, string representationId, IReadOnlyList<PremisObject> objects, IReadOnlyList<PremisEvent> events, IReadOnlyList<PremisAgent> agents)
    {
        using var w = XmlWriter.Create(output, DescriptiveMetadataXml.WriterSettings);
        w.WriteStartDocument();
        w.WriteStartElement("premis", "premis", PremisNs);
        w.WriteAttributeString("xmlns", "xsi", null, MetsXml.XsiNs);
        w.WriteAttributeString("xsi", "schemaLocation", MetsXml.XsiNs, "http://www.loc.gov/premis/v3 https://www.loc.gov/standards/premis/premis.xsd");
        w.WriteAttributeString("version", "3.0");

        w.WriteStartElement("premis", "object", PremisNs);
        w.WriteAttributeString("xsi", "type", MetsXml.XsiNs, "premis:representation");
        Identifier(w, "objectIdentifier", "local", representationId);
        w.WriteEndElement();

        foreach (var o in objects)
        {
            w.WriteStartElement("premis", "object", PremisNs);
            w.WriteAttributeString("xsi", "type", MetsXml.XsiNs, "premis:file");
            Identifier(w, "objectIdentifier", "local", o.Identifier);
            w.WriteStartElement("premis", "objectCharacteristics", PremisNs);
            w.WriteElementString("premis", "compositionLevel", PremisNs, "0");
            w.WriteStartElement("premis", "fixity", PremisNs);
            w.WriteElementString("premis", "messageDigestAlgorithm", PremisNs, "SHA-256");
            w.WriteElementString("premis", "messageDigest", PremisNs, o.Sha256);
            w.WriteElementString("premis", "messageDigestOriginator", PremisNs, "EDoc.Archive");
            w.WriteEndElement();
            w.WriteElementString("premis", "size", PremisNs, o.Size.ToString(CultureInfo.InvariantCulture));
            w.WriteStartElement("premis", "format", PremisNs);
            w.WriteStartElement("premis", "formatDesignation", PremisNs);
            w.WriteElementString("premis", "formatName", PremisNs, o.MediaType);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteElementString("premis", "originalName", PremisNs, o.OriginalName);
            w.WriteEndElement();
        }

        foreach (var e in events)
        {
            w.WriteStartElement("premis", "event", PremisNs);
            Identifier(w, "eventIdentifier", "UUID", Guid.NewGuid().ToString());
            w.WriteElementString("premis", "eventType", PremisNs, e.Type);
            w.WriteElementString("premis", "eventDateTime", PremisNs, MetsXml.Time(e.When));
            w.WriteStartElement("premis", "eventDetailInformation", PremisNs);
            w.WriteElementString("premis", "eventDetail", PremisNs, e.Detail);
            w.WriteEndElement();
            w.WriteStartElement("premis", "eventOutcomeInformation", PremisNs);
            w.WriteElementString("premis", "eventOutcome", PremisNs, e.Outcome);
            if (e.OutcomeNote is not null)
            {
                w.WriteStartElement("premis", "eventOutcomeDetail", PremisNs);
                w.WriteElementString("premis", "eventOutcomeDetailNote", PremisNs, e.OutcomeNote);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteStartElement("premis", "linkingAgentIdentifier", PremisNs);
            w.WriteElementString("premis", "linkingAgentIdentifierType", PremisNs, "local");
            w.WriteElementString("premis", "linkingAgentIdentifierValue", PremisNs, e.AgentId);
            w.WriteElementString("premis", "linkingAgentRole", PremisNs, "executing program");
            w.WriteEndElement();
            foreach (var (objectId, role) in e.Objects)
            {
                w.WriteStartElement("premis", "linkingObjectIdentifier", PremisNs);
                w.WriteElementString("premis", "linkingObjectIdentifierType", PremisNs, "local");
                w.WriteElementString("premis", "linkingObjectIdentifierValue", PremisNs, objectId);
                w.WriteElementString("premis", "linkingObjectRole", PremisNs, role);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        foreach (var a in agents)
        {
            w.WriteStartElement("premis", "agent", PremisNs);
            Identifier(w, "agentIdentifier", "local", a.Id);
            w.WriteElementString("premis", "agentName", PremisNs, a.Name);
            w.WriteElementString("premis", "agentType", PremisNs, a.Type);
            if (a.Note is not null)
            {
                w.WriteElementString("premis", "agentNote", PremisNs, a.Note);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void Identifier(XmlWriter w, string element, string type, string value)
    {
        w.WriteStartElement("premis", element, PremisNs);
        w.WriteElementString("premis", element + "Type", PremisNs, type);
        w.WriteElementString("premis", element + "Value", PremisNs, value);
        w.WriteEndElement();
    }
}
