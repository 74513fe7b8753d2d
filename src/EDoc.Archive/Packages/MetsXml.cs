using System.Globalization;
using System.Xml;
using EDoc.Time;

namespace EDoc.Archive.Packages;

/// <summary>A file referenced from a METS document, with the attributes CSIP requires.</summary>
internal sealed record MetsFile(string Id, string Href, string MediaType, long Size, DateTimeOffset Created, string Sha256)
{
    public string? DmdId { get; init; }
}

/// <summary>A metadata file referenced by <c>mdRef</c>.</summary>
internal sealed record MetsMetadataRef(string Id, MetsFile File, string MdType, string? OtherMdType);

internal sealed record MetsDocumentModel
{
    public required string ObjId { get; init; }

    public required string Label { get; init; }

    public required string Type { get; init; }

    public required string PackageType { get; init; }

    public required DateTimeOffset CreateDate { get; init; }

    public required string SoftwareName { get; init; }

    public required string SoftwareVersion { get; init; }

    public string? AgencyName { get; init; }

    public string? SubmissionAgreement { get; init; }

    public List<MetsMetadataRef> Descriptive { get; } = [];

    public List<MetsMetadataRef> Provenance { get; } = [];

    public List<(string Id, string Use, List<MetsFile> Files)> FileGroups { get; } = [];

    /// <summary>Representation METS files: (label, href, fileGrp id).</summary>
    public List<(string Label, string Href, string FileGroupId)> Representations { get; } = [];
}

/// <summary>Writes E-ARK CSIP METS documents with the Thông tư 05/2025/TT-BNV conventions.</summary>
internal static class MetsXml
{
    public const string MetsNs = "http://www.loc.gov/METS/";
    public const string XlinkNs = "http://www.w3.org/1999/xlink";
    public const string CsipNs = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    public const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";
    public const string CsipProfile = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
    public const string AipProfile = "https://earkaip.dilcis.eu/profile/E-ARK-AIP.xml";

    public static string Time(DateTimeOffset t) => VietnamTime.ToIso8601(t);

    public static void Write(Stream output, MetsDocumentModel m)
    {
        using var w = XmlWriter.Create(output, DescriptiveMetadataXml.WriterSettings);
        w.WriteStartDocument();
        w.WriteStartElement("mets", "mets", MetsNs);
        w.WriteAttributeString("xmlns", "xlink", null, XlinkNs);
        w.WriteAttributeString("xmlns", "csip", null, CsipNs);
        w.WriteAttributeString("xmlns", "xsi", null, XsiNs);
        w.WriteAttributeString("xsi", "schemaLocation", XsiNs,
            "http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd http://www.w3.org/1999/xlink http://www.loc.gov/standards/mets/xlink.xsd https://DILCIS.eu/XML/METS/CSIPExtensionMETS https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd");
        w.WriteAttributeString("OBJID", m.ObjId);
        w.WriteAttributeString("LABEL", m.Label);
        w.WriteAttributeString("TYPE", m.Type);
        w.WriteAttributeString("csip", "CONTENTINFORMATIONTYPE", CsipNs, "OTHER");
        w.WriteAttributeString("csip", "OTHERCONTENTINFORMATIONTYPE", CsipNs, "TT05_2025");
        w.WriteAttributeString("PROFILE", m.PackageType == "AIP" ? AipProfile : CsipProfile);

        w.WriteStartElement("mets", "metsHdr", MetsNs);
        w.WriteAttributeString("CREATEDATE", Time(m.CreateDate));
        w.WriteAttributeString("RECORDSTATUS", "NEW");
        w.WriteAttributeString("csip", "OAISPACKAGETYPE", CsipNs, m.PackageType);
        w.WriteStartElement("mets", "agent", MetsNs);
        w.WriteAttributeString("ROLE", "CREATOR");
        w.WriteAttributeString("TYPE", "OTHER");
        w.WriteAttributeString("OTHERTYPE", "SOFTWARE");
        w.WriteElementString("mets", "name", MetsNs, m.SoftwareName);
        w.WriteStartElement("mets", "note", MetsNs);
        w.WriteAttributeString("csip", "NOTETYPE", CsipNs, "SOFTWARE VERSION");
        w.WriteString(m.SoftwareVersion);
        w.WriteEndElement();
        w.WriteEndElement();
        if (m.AgencyName is not null)
        {
            w.WriteStartElement("mets", "agent", MetsNs);
            w.WriteAttributeString("ROLE", "CREATOR");
            w.WriteAttributeString("TYPE", "ORGANIZATION");
            w.WriteElementString("mets", "name", MetsNs, m.AgencyName);
            w.WriteEndElement();
        }

        if (m.SubmissionAgreement is not null)
        {
            w.WriteStartElement("mets", "altRecordID", MetsNs);
            w.WriteAttributeString("TYPE", "SUBMISSIONAGREEMENT");
            w.WriteString(m.SubmissionAgreement);
            w.WriteEndElement();
        }

        w.WriteEndElement(); // metsHdr

        foreach (var d in m.Descriptive)
        {
            w.WriteStartElement("mets", "dmdSec", MetsNs);
            w.WriteAttributeString("ID", d.Id);
            w.WriteAttributeString("CREATED", Time(d.File.Created));
            w.WriteAttributeString("STATUS", "CURRENT");
            MdRef(w, d);
            w.WriteEndElement();
        }

        if (m.Provenance.Count > 0)
        {
            w.WriteStartElement("mets", "amdSec", MetsNs);
            w.WriteAttributeString("ID", "amd-1");
            foreach (var p in m.Provenance)
            {
                w.WriteStartElement("mets", "digiprovMD", MetsNs);
                w.WriteAttributeString("ID", p.Id);
                w.WriteAttributeString("CREATED", Time(p.File.Created));
                w.WriteAttributeString("STATUS", "CURRENT");
                MdRef(w, p);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("mets", "fileSec", MetsNs);
        w.WriteAttributeString("ID", "filesec-1");
        foreach (var (id, use, files) in m.FileGroups)
        {
            w.WriteStartElement("mets", "fileGrp", MetsNs);
            w.WriteAttributeString("ID", id);
            w.WriteAttributeString("USE", use);
            foreach (var f in files)
            {
                w.WriteStartElement("mets", "file", MetsNs);
                w.WriteAttributeString("ID", f.Id);
                w.WriteAttributeString("MIMETYPE", f.MediaType);
                w.WriteAttributeString("SIZE", f.Size.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("CREATED", Time(f.Created));
                w.WriteAttributeString("CHECKSUM", f.Sha256);
                w.WriteAttributeString("CHECKSUMTYPE", "SHA-256");
                if (f.DmdId is not null)
                {
                    w.WriteAttributeString("DMDID", f.DmdId);
                }

                w.WriteStartElement("mets", "FLocat", MetsNs);
                w.WriteAttributeString("LOCTYPE", "URL");
                w.WriteAttributeString("xlink", "type", XlinkNs, "simple");
                w.WriteAttributeString("xlink", "href", XlinkNs, f.Href);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement(); // fileSec

        w.WriteStartElement("mets", "structMap", MetsNs);
        w.WriteAttributeString("ID", "structmap-csip");
        w.WriteAttributeString("TYPE", "PHYSICAL");
        w.WriteAttributeString("LABEL", "CSIP");
        w.WriteStartElement("mets", "div", MetsNs);
        w.WriteAttributeString("ID", "div-root");
        w.WriteAttributeString("LABEL", m.ObjId);
        if (m.Descriptive.Count > 0 || m.Provenance.Count > 0)
        {
            w.WriteStartElement("mets", "div", MetsNs);
            w.WriteAttributeString("ID", "div-metadata");
            w.WriteAttributeString("LABEL", "Metadata");
            if (m.Provenance.Count > 0)
            {
                w.WriteAttributeString("ADMID", string.Join(' ', m.Provenance.Select(p => p.Id)));
            }

            if (m.Descriptive.Count > 0)
            {
                w.WriteAttributeString("DMDID", string.Join(' ', m.Descriptive.Select(p => p.Id)));
            }

            w.WriteEndElement();
        }

        var n = 0;
        foreach (var (id, use, files) in m.FileGroups)
        {
            if (m.Representations.Any(r => r.FileGroupId == id))
            {
                continue;
            }

            w.WriteStartElement("mets", "div", MetsNs);
            w.WriteAttributeString("ID", $"div-{++n}");
            w.WriteAttributeString("LABEL", use);
            foreach (var f in files)
            {
                w.WriteStartElement("mets", "fptr", MetsNs);
                w.WriteAttributeString("FILEID", f.Id);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        foreach (var (label, href, fileGroupId) in m.Representations)
        {
            w.WriteStartElement("mets", "div", MetsNs);
            w.WriteAttributeString("ID", $"div-{++n}");
            w.WriteAttributeString("LABEL", label);
            w.WriteStartElement("mets", "mptr", MetsNs);
            w.WriteAttributeString("LOCTYPE", "URL");
            w.WriteAttributeString("xlink", "type", XlinkNs, "simple");
            w.WriteAttributeString("xlink", "href", XlinkNs, href);
            w.WriteAttributeString("xlink", "title", XlinkNs, fileGroupId);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement(); // div root
        w.WriteEndElement(); // structMap
        w.WriteEndElement(); // mets
        w.WriteEndDocument();
    }

    /// <summary>Encodes a package-relative path as an xlink:href (percent-encodes only what URLs cannot carry; keeps Vietnamese letters).</summary>
    public static string Href(string path)
    {
        var sb = new System.Text.StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is '%' or ' ' or '#' or '?' or '[' or ']' or '"' or '<' or '>' or '`' or '{' or '}' or '^' or '|' or < 0x20 or 0x7F)
            {
                var len = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < len; i++)
                {
                    sb.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                sb.Append(rune.ToString());
            }
        }

        return sb.ToString();
    }

    /// <summary>Decodes an xlink:href back to a package-relative path (NFC).</summary>
    public static string UnHref(string href)
        => ArchiveFileNames.Normalize(Uri.UnescapeDataString(href.StartsWith("./", StringComparison.Ordinal) ? href[2..] : href));

    private static void MdRef(XmlWriter w, MetsMetadataRef r)
    {
        w.WriteStartElement("mets", "mdRef", MetsNs);
        w.WriteAttributeString("LOCTYPE", "URL");
        w.WriteAttributeString("xlink", "type", XlinkNs, "simple");
        w.WriteAttributeString("xlink", "href", XlinkNs, r.File.Href);
        w.WriteAttributeString("MDTYPE", r.MdType);
        if (r.OtherMdType is not null)
        {
            w.WriteAttributeString("OTHERMDTYPE", r.OtherMdType);
        }

        w.WriteAttributeString("MIMETYPE", r.File.MediaType);
        w.WriteAttributeString("SIZE", r.File.Size.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("CREATED", Time(r.File.Created));
        w.WriteAttributeString("CHECKSUM", r.File.Sha256);
        w.WriteAttributeString("CHECKSUMTYPE", "SHA-256");
        w.WriteEndElement();
    }
}
