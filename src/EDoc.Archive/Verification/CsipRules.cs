using System.Globalization;
using System.Xml.Linq;
using EDoc.Validation;

namespace EDoc.Archive.Verification;

/// <summary>
/// The E-ARK CSIP requirements checked on the package structure (CSIPSTR*) and on every METS file (CSIP*), each
/// reported with its requirement id. MUST requirements are errors, SHOULD requirements warnings.
/// </summary>
internal static class CsipRules
{
    private static readonly XNamespace M = MetsReader.Mets;
    private static readonly XNamespace X = MetsReader.Xlink;
    private static readonly XNamespace C = MetsReader.Csip;

    public static void CheckStructure(HashSet<string> dirs, Func<string, bool> fileExists, string rootFolderName, string? objId, List<ArchiveVerificationProblem> problems)
    {
        void Should(bool ok, string id, string path, string message)
        {
            if (!ok)
            {
                problems.Add(new ArchiveVerificationProblem(path, "csip." + id, message, ValidationSeverity.Warning, id));
            }
        }

        if (!fileExists("METS.xml"))
        {
            problems.Add(new ArchiveVerificationProblem("METS.xml", "csip.CSIPSTR4", "The package root folder has no METS.xml.", ValidationSeverity.Error, "CSIPSTR4"));
        }

        if (objId is not null)
        {
            Should(rootFolderName == objId || rootFolderName == objId.Replace(':', '_'), "CSIPSTR2", rootFolderName, $"The root folder '{rootFolderName}' is not named after the OBJID '{objId}'.");
        }

        Should(dirs.Contains("metadata"), "CSIPSTR5", "metadata", "The package has no metadata folder.");
        // CSIP 2.2 STR6 = preservation, STR7 = descriptive; STR8 (metadata/other) is MAY, so its absence is no problem.
        Should(dirs.Contains("metadata/preservation"), "CSIPSTR6", "metadata/preservation", "The package has no metadata/preservation folder.");
        Should(dirs.Contains("metadata/descriptive"), "CSIPSTR7", "metadata/descriptive", "The package has no metadata/descriptive folder.");
        Should(dirs.Contains("representations"), "CSIPSTR9", "representations", "The package has no representations folder.");
        var reps = dirs.Where(d => d.StartsWith("representations/", StringComparison.Ordinal) && d.Count(c => c == '/') == 1).ToList();
        Should(!dirs.Contains("representations") || reps.Count > 0, "CSIPSTR10", "representations", "The representations folder has no representation sub-folder.");
        foreach (var rep in reps)
        {
            Should(dirs.Contains(rep + "/data"), "CSIPSTR11", rep, $"The representation {rep} has no data folder.");
            Should(fileExists(rep + "/METS.xml"), "CSIPSTR12", rep, $"The representation {rep} has no METS.xml.");
            Should(dirs.Contains(rep + "/metadata"), "CSIPSTR13", rep, $"The representation {rep} has no metadata folder.");
        }

        Should(dirs.Contains("schemas"), "CSIPSTR15", "schemas", "The package has no schemas folder.");
        Should(dirs.Contains("documentation"), "CSIPSTR16", "documentation", "The package has no documentation folder.");
    }

    public static void CheckMets(XDocument doc, string metsPath, bool isRoot, List<ArchiveVerificationProblem> problems)
    {
        void Must(bool ok, string id, string where, string message)
        {
            if (!ok)
            {
                problems.Add(new ArchiveVerificationProblem($"{metsPath}#{where}", "csip." + id, message, ValidationSeverity.Error, id));
            }
        }

        void ShouldHave(bool ok, string id, string where, string message)
        {
            if (!ok)
            {
                problems.Add(new ArchiveVerificationProblem($"{metsPath}#{where}", "csip." + id, message, ValidationSeverity.Warning, id));
            }
        }

        var root = doc.Root;
        if (root is null || root.Name != M + "mets")
        {
            problems.Add(new ArchiveVerificationProblem(metsPath, "mets.malformed", "The root element is not mets:mets."));
            return;
        }

        var objId = (string?)root.Attribute("OBJID");
        Must(!string.IsNullOrWhiteSpace(objId), "CSIP1", "mets", "mets/@OBJID is missing.");
        Must(!string.IsNullOrWhiteSpace((string?)root.Attribute("TYPE")), "CSIP2", "mets", "mets/@TYPE (content category) is missing.");
        if ((string?)root.Attribute("TYPE") == "OTHER")
        {
            Must(!string.IsNullOrWhiteSpace((string?)root.Attribute(C + "OTHERTYPE")), "CSIP3", "mets", "mets/@csip:OTHERTYPE is required when TYPE is OTHER.");
        }

        ShouldHave(!string.IsNullOrWhiteSpace((string?)root.Attribute(C + "CONTENTINFORMATIONTYPE")), "CSIP4", "mets", "mets/@csip:CONTENTINFORMATIONTYPE is missing.");
        Must(!string.IsNullOrWhiteSpace((string?)root.Attribute("PROFILE")), "CSIP6", "mets", "mets/@PROFILE is missing.");

        var hdr = root.Element(M + "metsHdr");
        Must(hdr is not null, "CSIP117", "metsHdr", "mets/metsHdr is missing.");
        if (hdr is not null)
        {
            var created = (string?)hdr.Attribute("CREATEDATE");
            Must(created is not null && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "CSIP7", "metsHdr", "metsHdr/@CREATEDATE is missing or not an ISO 8601 date-time.");
            if (created is not null && !created.EndsWith("+07:00", StringComparison.Ordinal))
            {
                problems.Add(new ArchiveVerificationProblem($"{metsPath}#metsHdr", "tt05.timezone", "metsHdr/@CREATEDATE is not in Vietnam time (+07:00) as Thông tư 05/2025/TT-BNV requires.", ValidationSeverity.Warning));
            }

            var type = (string?)hdr.Attribute(C + "OAISPACKAGETYPE");
            Must(type is "SIP" or "AIP" or "DIP", "CSIP9", "metsHdr", "metsHdr/@csip:OAISPACKAGETYPE must be SIP, AIP or DIP.");
            var agents = hdr.Elements(M + "agent").ToList();
            var software = agents.FirstOrDefault(a => (string?)a.Attribute("OTHERTYPE") == "SOFTWARE") ?? agents.FirstOrDefault();
            Must(software is not null, "CSIP10", "metsHdr", "metsHdr has no agent describing the creating software.");
            if (software is not null)
            {
                Must((string?)software.Attribute("ROLE") == "CREATOR", "CSIP11", "metsHdr/agent", "agent/@ROLE must be CREATOR.");
                Must((string?)software.Attribute("TYPE") == "OTHER", "CSIP12", "metsHdr/agent", "agent/@TYPE must be OTHER.");
                Must((string?)software.Attribute("OTHERTYPE") == "SOFTWARE", "CSIP13", "metsHdr/agent", "agent/@OTHERTYPE must be SOFTWARE.");
                Must(!string.IsNullOrWhiteSpace(software.Element(M + "name")?.Value), "CSIP14", "metsHdr/agent", "agent/name (software name) is missing.");
                var note = software.Element(M + "note");
                Must(note is not null && !string.IsNullOrWhiteSpace(note.Value), "CSIP15", "metsHdr/agent", "agent/note (software version) is missing.");
                Must(note is null || (string?)note.Attribute(C + "NOTETYPE") == "SOFTWARE VERSION", "CSIP16", "metsHdr/agent", "agent/note/@csip:NOTETYPE must be SOFTWARE VERSION.");
            }
        }

        var dmdSecs = root.Elements(M + "dmdSec").ToList();
        if (isRoot)
        {
            ShouldHave(dmdSecs.Count > 0, "CSIP17", "mets", "The METS has no dmdSec (descriptive metadata).");
        }

        foreach (var dmd in dmdSecs)
        {
            var id = (string?)dmd.Attribute("ID") ?? "dmdSec";
            Must(!string.IsNullOrWhiteSpace((string?)dmd.Attribute("ID")), "CSIP18", id, "dmdSec/@ID is missing.");
            Must(!string.IsNullOrWhiteSpace((string?)dmd.Attribute("CREATED")), "CSIP19", id, "dmdSec/@CREATED is missing.");
            ShouldHave(!string.IsNullOrWhiteSpace((string?)dmd.Attribute("STATUS")), "CSIP20", id, "dmdSec/@STATUS is missing.");
            var mdRef = dmd.Element(M + "mdRef");
            ShouldHave(mdRef is not null, "CSIP21", id, "dmdSec has no mdRef (descriptive metadata should be referenced, not embedded).");
            if (mdRef is not null)
            {
                CheckMdRef(mdRef, id, 22, Must);
            }
        }

        foreach (var amd in root.Elements(M + "amdSec"))
        {
            foreach (var dp in amd.Elements(M + "digiprovMD"))
            {
                var id = (string?)dp.Attribute("ID") ?? "digiprovMD";
                Must(!string.IsNullOrWhiteSpace((string?)dp.Attribute("ID")), "CSIP33", id, "digiprovMD/@ID is missing.");
                ShouldHave(!string.IsNullOrWhiteSpace((string?)dp.Attribute("STATUS")), "CSIP34", id, "digiprovMD/@STATUS is missing.");
                var mdRef = dp.Element(M + "mdRef");
                ShouldHave(mdRef is not null, "CSIP35", id, "digiprovMD has no mdRef.");
                if (mdRef is not null)
                {
                    CheckMdRef(mdRef, id, 36, Must);
                }
            }
        }

        var fileSec = root.Element(M + "fileSec");
        ShouldHave(fileSec is not null, "CSIP58", "mets", "The METS has no fileSec.");
        var fileIds = new HashSet<string>(StringComparer.Ordinal);
        if (fileSec is not null)
        {
            Must(!string.IsNullOrWhiteSpace((string?)fileSec.Attribute("ID")), "CSIP59", "fileSec", "fileSec/@ID is missing.");
            var groups = fileSec.Elements(M + "fileGrp").ToList();
            if (isRoot)
            {
                Must(groups.Any(g => (string?)g.Attribute("USE") == "Schemas"), "CSIP113", "fileSec", "fileSec has no fileGrp USE=\"Schemas\".");
                Must(groups.Any(g => ((string?)g.Attribute("USE"))?.StartsWith("Representations", StringComparison.Ordinal) == true), "CSIP114", "fileSec", "fileSec has no fileGrp USE=\"Representations/…\".");
            }

            foreach (var g in groups)
            {
                var gid = (string?)g.Attribute("ID") ?? "fileGrp";
                Must(!string.IsNullOrWhiteSpace((string?)g.Attribute("USE")), "CSIP64", gid, "fileGrp/@USE is missing.");
                Must(!string.IsNullOrWhiteSpace((string?)g.Attribute("ID")), "CSIP65", gid, "fileGrp/@ID is missing.");
                foreach (var f in g.Elements(M + "file"))
                {
                    var fid = (string?)f.Attribute("ID");
                    if (fid is not null)
                    {
                        fileIds.Add(fid);
                    }

                    var where = fid ?? "file";
                    Must(!string.IsNullOrWhiteSpace(fid), "CSIP67", where, "file/@ID is missing.");
                    Must(!string.IsNullOrWhiteSpace((string?)f.Attribute("MIMETYPE")), "CSIP68", where, "file/@MIMETYPE is missing.");
                    Must(long.TryParse((string?)f.Attribute("SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out _), "CSIP69", where, "file/@SIZE is missing or not a number.");
                    Must(!string.IsNullOrWhiteSpace((string?)f.Attribute("CREATED")), "CSIP70", where, "file/@CREATED is missing.");
                    Must(!string.IsNullOrWhiteSpace((string?)f.Attribute("CHECKSUM")), "CSIP71", where, "file/@CHECKSUM is missing.");
                    Must(!string.IsNullOrWhiteSpace((string?)f.Attribute("CHECKSUMTYPE")), "CSIP72", where, "file/@CHECKSUMTYPE is missing.");
                    var flocat = f.Element(M + "FLocat");
                    Must(flocat is not null, "CSIP76", where, "file has no FLocat.");
                    if (flocat is not null)
                    {
                        Must((string?)flocat.Attribute("LOCTYPE") == "URL", "CSIP77", where, "FLocat/@LOCTYPE must be URL.");
                        Must((string?)flocat.Attribute(X + "type") == "simple", "CSIP78", where, "FLocat/@xlink:type must be simple.");
                        Must(!string.IsNullOrWhiteSpace((string?)flocat.Attribute(X + "href")), "CSIP79", where, "FLocat/@xlink:href is missing.");
                    }
                }
            }
        }

        // CSIP 2.2, mets/structMap requirements CSIP80–CSIP89.
        var allMaps = root.Elements(M + "structMap").ToList();
        Must(allMaps.Count > 0, "CSIP80", "mets", "The METS has no structMap.");
        var csipMaps = allMaps.Where(s => (string?)s.Attribute("LABEL") == "CSIP").ToList();
        Must(allMaps.Count == 0 || csipMaps.Count == 1, "CSIP82", "structMap", "There must be exactly one structMap with LABEL=\"CSIP\".");
        var map = csipMaps.Count == 1 ? csipMaps[0] : null;
        if (map is not null)
        {
            Must((string?)map.Attribute("TYPE") == "PHYSICAL", "CSIP81", "structMap", "The CSIP structMap's TYPE must be PHYSICAL.");
            Must(!string.IsNullOrWhiteSpace((string?)map.Attribute("ID")), "CSIP83", "structMap", "structMap/@ID is missing.");
            var divs = map.Elements(M + "div").ToList();
            Must(divs.Count == 1, "CSIP84", "structMap", "The CSIP structMap must have exactly one top-level div.");
            if (divs.Count == 1)
            {
                Must(!string.IsNullOrWhiteSpace((string?)divs[0].Attribute("ID")), "CSIP85", "structMap/div", "The top-level div has no ID.");
                Must((string?)divs[0].Attribute("LABEL") == objId, "CSIP86", "structMap/div", "The top-level div's LABEL must be the OBJID.");
                var hasMetadata = root.Elements(M + "dmdSec").Any() || root.Elements(M + "amdSec").Any();
                var metadataDiv = divs[0].Elements(M + "div").FirstOrDefault(d => (string?)d.Attribute("LABEL") == "Metadata");
                Must(!hasMetadata || metadataDiv is not null, "CSIP88", "structMap/div", "The structMap has no div LABEL=\"Metadata\" although the METS has metadata sections.");
                if (metadataDiv is not null)
                {
                    Must(!string.IsNullOrWhiteSpace((string?)metadataDiv.Attribute("ID")), "CSIP89", "structMap/div[Metadata]", "The Metadata div has no ID.");
                }
            }

            var ids = new HashSet<string>(root.Descendants().Select(e => (string?)e.Attribute("ID")).OfType<string>(), StringComparer.Ordinal);
            foreach (var fptr in map.Descendants(M + "fptr"))
            {
                var target = (string?)fptr.Attribute("FILEID");
                if (target is null || !fileIds.Contains(target))
                {
                    problems.Add(new ArchiveVerificationProblem($"{metsPath}#structMap", "mets.idref", $"fptr/@FILEID '{target}' names no file."));
                }
            }

            foreach (var div in map.Descendants(M + "div"))
            {
                foreach (var attr in new[] { "DMDID", "ADMID" })
                {
                    foreach (var target in ((string?)div.Attribute(attr) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!ids.Contains(target))
                        {
                            problems.Add(new ArchiveVerificationProblem($"{metsPath}#structMap", "mets.idref", $"div/@{attr} '{target}' names no metadata section."));
                        }
                    }
                }
            }
        }
    }

    private static void CheckMdRef(XElement mdRef, string id, int first, Action<bool, string, string, string> must)
    {
        string Id(int offset) => "CSIP" + (first + offset).ToString(CultureInfo.InvariantCulture);
        must((string?)mdRef.Attribute("LOCTYPE") == "URL", Id(0), id, "mdRef/@LOCTYPE must be URL.");
        must((string?)mdRef.Attribute(X + "type") == "simple", Id(1), id, "mdRef/@xlink:type must be simple.");
        must(!string.IsNullOrWhiteSpace((string?)mdRef.Attribute(X + "href")), Id(2), id, "mdRef/@xlink:href is missing.");
        must(!string.IsNullOrWhiteSpace((string?)mdRef.Attribute("MDTYPE")), Id(3), id, "mdRef/@MDTYPE is missing.");
        must(!string.IsNullOrWhiteSpace((string?)mdRef.Attribute("MIMETYPE")), Id(4), id, "mdRef/@MIMETYPE is missing.");
        must(long.TryParse((string?)mdRef.Attribute("SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out _), Id(5), id, "mdRef/@SIZE is missing or not a number.");
        must(!string.IsNullOrWhiteSpace((string?)mdRef.Attribute("CREATED")), Id(6), id, "mdRef/@CREATED is missing.");
        must(!string.IsNullOrWhiteSpace((string?)mdRef.Attribute("CHECKSUM")), Id(7), id, "mdRef/@CHECKSUM is missing.");
        must(!string.IsNullOrWhiteSpace((string?)mdRef.Attribute("CHECKSUMTYPE")), Id(8), id, "mdRef/@CHECKSUMTYPE is missing.");
    }
}
