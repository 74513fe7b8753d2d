using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using EDoc.Archive.Metadata;

namespace EDoc.Archive.Packages;

/// <summary>Writes and reads the TT 05/2025 descriptive metadata files (<c>EAD.xml</c>, <c>EAD_doc_*.xml</c>, root <c>simpledc</c>).</summary>
internal static class DescriptiveMetadataXml
{
    public const string SchemaFileName = "edoc-tt05-simpledc.xsd";

    private static readonly string[] DossierOrder =
    [
        "fileCode", "title", "maintenance", "mode", "language", "startDate", "endDate", "keyword", "totalDoc", "numberOfPaper",
        "numberOfPage", "format", "inforSign", "confidenceLevel", "paperFileCode", "riskRecovery", "riskRecoveryStatus", "description",
        "creator",
    ];

    private static readonly string[] BatchOrder = ["fileCode", "title", "source", "totalDoc", "description"];

    private static readonly string[] DocumentOrder =
    [
        "docOrdinal", "docId", "docCode", "maintenance", "typeName", "codeNumber", "codeNotation", "issuedDate", "organName", "subject",
        "language", "numberOfPage", "inforSign", "keyword", "mode", "confidenceLevel", "autograph", "format", "riskRecovery",
        "riskRecoveryStatus", "process", "description", "signerPosition", "signerFullName", "priority",
    ];

    public static XmlWriterSettings WriterSettings { get; } = new()
    {
        Encoding = new System.Text.UTF8Encoding(false),
        Indent = true,
        CloseOutput = false,
    };

    public static void WriteDossier(Stream output, DossierMetadata dossier, ArchiveContentVariant variant, int documentCount, int pageCount, string ruleSetId, string schemaHref)
    {
        var values = dossier.ToFieldValues(documentCount, pageCount);
        using var w = XmlWriter.Create(output, WriterSettings);
        w.WriteStartDocument();
        w.WriteStartElement("simpledc");
        w.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        w.WriteAttributeString("xsi", "noNamespaceSchemaLocation", "http://www.w3.org/2001/XMLSchema-instance", schemaHref);
        w.WriteAttributeString("ruleSet", ruleSetId);
        w.WriteAttributeString("level", variant == ArchiveContentVariant.Dossier ? "hoso" : "tailieu");
        foreach (var name in variant == ArchiveContentVariant.Dossier ? DossierOrder : BatchOrder)
        {
            if (name == "fileCode" && dossier.ArchiveAgencyCode is not null)
            {
                Element(w, "arcFileCode", values["fileCode"]);
                Element(w, "fileCode", dossier.FileCode.ToString());
                continue;
            }

            Element(w, name, values[name]);
        }

        Element(w, "organId", dossier.FileCode.OrganId);
        Element(w, "fileCatalog", dossier.FileCode.Year.ToString("D4", CultureInfo.InvariantCulture));
        Element(w, "fileNotation", dossier.FileCode.FileNotation);
        Element(w, "archiveAgencyCode", dossier.ArchiveAgencyCode);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    public static void WriteDocument(Stream output, DossierMetadata dossier, DocumentMetadata document, string fileName, string ruleSetId, string schemaHref)
    {
        var values = document.ToFieldValues(dossier.FileCode);
        using var w = XmlWriter.Create(output, WriterSettings);
        w.WriteStartDocument();
        w.WriteStartElement("simpledc");
        w.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        w.WriteAttributeString("xsi", "noNamespaceSchemaLocation", "http://www.w3.org/2001/XMLSchema-instance", schemaHref);
        w.WriteAttributeString("ruleSet", ruleSetId);
        w.WriteAttributeString("level", "vanban");
        if (dossier.ArchiveAgencyCode is not null)
        {
            Element(w, "arcFileCode", dossier.FileCode.ArchivalCode(dossier.ArchiveAgencyCode));
            if (values["docCode"] is string dc)
            {
                Element(w, "arcDocCode", $"{dossier.ArchiveAgencyCode}.{dc}");
            }
        }

        foreach (var name in DocumentOrder)
        {
            Element(w, name, values[name]);
        }

        Element(w, "fileName", fileName);
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    public static (DossierMetadata Dossier, ArchiveContentVariant Variant, string? RuleSet) ReadDossier(XDocument doc, string location)
    {
        var root = RequireRoot(doc, location);
        var v = Values(root);
        var variant = (string?)root.Attribute("level") == "tailieu" ? ArchiveContentVariant.LooseDocuments : ArchiveContentVariant.Dossier;
        FileCode fileCode;
        if (First(v, "organId") is { } organ && Int(First(v, "fileCatalog"), location, "fileCatalog") is { } year && First(v, "fileNotation") is { } notation)
        {
            fileCode = new FileCode(organ, year, notation);
        }
        else if (!FileCode.TryParse(First(v, "fileCode"), out fileCode!))
        {
            throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, location, "the descriptive metadata has no usable fileCode.");
        }

        var dossier = new DossierMetadata
        {
            FileCode = fileCode,
            ArchiveAgencyCode = First(v, "archiveAgencyCode"),
            Title = First(v, "title") ?? string.Empty,
            Maintenance = First(v, "maintenance"),
            Mode = First(v, "mode"),
            Language = All(v, "language"),
            StartDate = Date(First(v, "startDate"), location, "startDate"),
            EndDate = Date(First(v, "endDate"), location, "endDate"),
            Keyword = First(v, "keyword"),
            TotalDoc = Int(First(v, "totalDoc"), location, "totalDoc"),
            NumberOfPaper = Int(First(v, "numberOfPaper"), location, "numberOfPaper"),
            NumberOfPage = Int(First(v, "numberOfPage"), location, "numberOfPage"),
            Format = First(v, "format"),
            InforSign = First(v, "inforSign"),
            ConfidenceLevel = First(v, "confidenceLevel"),
            PaperFileCode = First(v, "paperFileCode"),
            RiskRecovery = Bool(First(v, "riskRecovery")),
            RiskRecoveryStatus = First(v, "riskRecoveryStatus"),
            Description = First(v, "description"),
            Creator = First(v, "creator"),
            Source = First(v, "source"),
        };
        return (dossier, variant, (string?)root.Attribute("ruleSet"));
    }

    public static (DocumentMetadata Document, string? FileName) ReadDocument(XDocument doc, string location)
    {
        var root = RequireRoot(doc, location);
        var v = Values(root);
        var document = new DocumentMetadata
        {
            Ordinal = Int(First(v, "docOrdinal"), location, "docOrdinal") ?? 0,
            DocId = First(v, "docId"),
            Maintenance = First(v, "maintenance"),
            TypeName = First(v, "typeName"),
            CodeNumber = First(v, "codeNumber"),
            CodeNotation = First(v, "codeNotation"),
            IssuedDate = Date(First(v, "issuedDate"), location, "issuedDate"),
            OrganName = First(v, "organName"),
            Subject = First(v, "subject"),
            Language = All(v, "language"),
            NumberOfPage = Int(First(v, "numberOfPage"), location, "numberOfPage"),
            InforSign = First(v, "inforSign"),
            Keyword = First(v, "keyword"),
            Mode = First(v, "mode"),
            ConfidenceLevel = First(v, "confidenceLevel"),
            Autograph = First(v, "autograph"),
            Format = First(v, "format"),
            RiskRecovery = Bool(First(v, "riskRecovery")),
            RiskRecoveryStatus = First(v, "riskRecoveryStatus"),
            Process = Bool(First(v, "process")),
            Description = First(v, "description"),
            SignerPosition = First(v, "signerPosition"),
            SignerFullName = First(v, "signerFullName"),
            Priority = Int(First(v, "priority"), location, "priority"),
        };
        return (document, First(v, "fileName"));
    }

    public static string? DocCodeOf(XDocument doc) => doc.Root?.Element("docCode")?.Value;

    private static XElement RequireRoot(XDocument doc, string location)
        => doc.Root is { Name.LocalName: "simpledc" } root
            ? root
            : throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, location, "the descriptive metadata root element is not <simpledc>.");

    private static Dictionary<string, List<string>> Values(XElement root)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in root.Elements())
        {
            if (!result.TryGetValue(e.Name.LocalName, out var list))
            {
                result[e.Name.LocalName] = list = [];
            }

            list.Add(ArchiveFileNames.Normalize(e.Value));
        }

        return result;
    }

    private static string? First(Dictionary<string, List<string>> v, string name)
        => v.TryGetValue(name, out var list) && list.Count > 0 && list[0].Length > 0 ? list[0] : null;

    private static List<string> All(Dictionary<string, List<string>> v, string name)
        => v.TryGetValue(name, out var list) ? list.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList() : [];

    private static int? Int(string? s, string location, string field)
        => s is null ? null
            : int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i
            : throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, $"{location}/{field}", $"'{s}' is not a number.");

    private static DateOnly? Date(string? s, string location, string field)
        => s is null ? null
            : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, $"{location}/{field}", $"'{s}' is not a date (yyyy-MM-dd).");

    private static bool? Bool(string? s) => s switch
    {
        null => null,
        "1" or "true" => true,
        _ => false,
    };

    private static void Element(XmlWriter w, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s when s.Length == 0:
                return;
            case IReadOnlyList<string> list:
                foreach (var item in list)
                {
                    w.WriteElementString(name, item);
                }

                return;
            default:
                w.WriteElementString(name, ArchiveFileNames.Normalize(MetadataLabels.Format(value)));
                return;
        }
    }
}
