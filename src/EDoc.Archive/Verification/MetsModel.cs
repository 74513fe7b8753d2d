using System.Globalization;
using System.Xml.Linq;
using EDoc.Archive.Packages;

namespace EDoc.Archive.Verification;

/// <summary>A file reference read from a METS document (FLocat or mdRef).</summary>
internal sealed record MetsReference(string Path, string Href, long? Size, string? Checksum, string? ChecksumType, string MetsPath, string ElementId, string Kind, string? MediaType)
{
    /// <summary>For data files, the DMDID linking to descriptive metadata.</summary>
    public string? DmdId { get; init; }

    /// <summary>For fileGrp members, the fileGrp USE.</summary>
    public string? Use { get; init; }
}

/// <summary>Reads file references out of METS documents.</summary>
internal static class MetsReader
{
    public static readonly XNamespace Mets = MetsXml.MetsNs;
    public static readonly XNamespace Xlink = MetsXml.XlinkNs;
    public static readonly XNamespace Csip = MetsXml.CsipNs;

    /// <summary>Resolves an href relative to the folder of the METS file; <see langword="null"/> when it is unsafe.</summary>
    public static string? Resolve(string metsPath, string href, out string? problem)
    {
        problem = null;
        string decoded;
        try
        {
            decoded = MetsXml.UnHref(href);
        }
        catch (UriFormatException)
        {
            problem = "the href is not a valid URL";
            return null;
        }

        if (decoded.Contains("://", StringComparison.Ordinal) || decoded.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            problem = "the href is not a relative path";
            return null;
        }

        var dir = metsPath.Contains('/', StringComparison.Ordinal) ? metsPath[..metsPath.LastIndexOf('/')] + "/" : string.Empty;
        var path = dir + decoded;
        if (ArchiveFileNames.GetPathProblem(path) is { } p)
        {
            problem = p.Reason;
            return null;
        }

        return path;
    }

    public static List<MetsReference> References(XDocument doc, string metsPath, List<ArchiveVerificationProblem>? problems)
    {
        var result = new List<MetsReference>();
        foreach (var mdRef in doc.Descendants(Mets + "mdRef"))
        {
            var parent = mdRef.Parent;
            Add(mdRef, (string?)parent?.Attribute("ID") ?? "?", parent?.Name.LocalName ?? "mdRef", null, null, (string?)mdRef.Attribute("MIMETYPE"));
        }

        foreach (var file in doc.Descendants(Mets + "file"))
        {
            var flocat = file.Element(Mets + "FLocat");
            if (flocat is null)
            {
                continue;
            }

            Add(file, (string?)file.Attribute("ID") ?? "?", "file", (string?)file.Attribute("DMDID"), (string?)file.Parent?.Attribute("USE"), (string?)file.Attribute("MIMETYPE"), flocat);
        }

        return result;

        void Add(XElement attrs, string id, string kind, string? dmdId, string? use, string? mediaType, XElement? hrefElement = null)
        {
            var href = (string?)(hrefElement ?? attrs).Attribute(Xlink + "href");
            if (string.IsNullOrEmpty(href))
            {
                return;
            }

            var path = Resolve(metsPath, href, out var problem);
            if (path is null)
            {
                problems?.Add(new ArchiveVerificationProblem($"{metsPath}#{id}", "mets.reference-invalid", $"The reference '{href}' is refused: {problem}."));
                return;
            }

            long? size = long.TryParse((string?)attrs.Attribute("SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
            result.Add(new MetsReference(path, href, size, (string?)attrs.Attribute("CHECKSUM"), (string?)attrs.Attribute("CHECKSUMTYPE"), metsPath, id, kind, mediaType) { DmdId = dmdId, Use = use });
        }
    }
}
