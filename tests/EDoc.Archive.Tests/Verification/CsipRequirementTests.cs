using System.Xml.Linq;
using EDoc.Archive.Verification;
using EDoc.Validation;

namespace EDoc.Archive.Tests.Verification;

/// <summary>Each E-ARK CSIP requirement of spec §5.2 is broken on a valid package and must be reported by its id.</summary>
public class CsipRequirementTests
{
    private static readonly XNamespace M = "http://www.loc.gov/METS/";
    private static readonly XNamespace X = "http://www.w3.org/1999/xlink";
    private static readonly XNamespace C = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";

    public static TheoryData<string, string> Mutations => new()
    {
        { "CSIP1", "mets/@OBJID" }, { "CSIP2", "mets/@TYPE" }, { "CSIP3", "mets/@TYPE=OTHER" }, { "CSIP4", "mets/@csip:CONTENTINFORMATIONTYPE" },
        { "CSIP6", "mets/@PROFILE" }, { "CSIP117", "metsHdr" }, { "CSIP7", "metsHdr/@CREATEDATE" }, { "CSIP9", "metsHdr/@OAISPACKAGETYPE" },
        { "CSIP10", "agent" }, { "CSIP11", "agent/@ROLE" }, { "CSIP12", "agent/@TYPE" }, { "CSIP13", "agent/@OTHERTYPE" },
        { "CSIP14", "agent/name" }, { "CSIP15", "agent/note" }, { "CSIP16", "agent/note/@NOTETYPE" },
        { "CSIP17", "dmdSec" }, { "CSIP18", "dmdSec/@ID" }, { "CSIP19", "dmdSec/@CREATED" }, { "CSIP20", "dmdSec/@STATUS" }, { "CSIP21", "dmdSec/mdRef" },
        { "CSIP22", "dmdSec/mdRef/@LOCTYPE" }, { "CSIP23", "dmdSec/mdRef/@xlink:type" }, { "CSIP24", "dmdSec/mdRef/@xlink:href" }, { "CSIP25", "dmdSec/mdRef/@MDTYPE" },
        { "CSIP26", "dmdSec/mdRef/@MIMETYPE" }, { "CSIP27", "dmdSec/mdRef/@SIZE" }, { "CSIP28", "dmdSec/mdRef/@CREATED" }, { "CSIP29", "dmdSec/mdRef/@CHECKSUM" },
        { "CSIP30", "dmdSec/mdRef/@CHECKSUMTYPE" },
        { "CSIP33", "digiprovMD/@ID" }, { "CSIP34", "digiprovMD/@STATUS" }, { "CSIP35", "digiprovMD/mdRef" }, { "CSIP36", "digiprovMD/mdRef/@LOCTYPE" },
        { "CSIP37", "digiprovMD/mdRef/@xlink:type" }, { "CSIP38", "digiprovMD/mdRef/@xlink:href" }, { "CSIP39", "digiprovMD/mdRef/@MDTYPE" }, { "CSIP40", "digiprovMD/mdRef/@MIMETYPE" },
        { "CSIP41", "digiprovMD/mdRef/@SIZE" }, { "CSIP42", "digiprovMD/mdRef/@CREATED" }, { "CSIP43", "digiprovMD/mdRef/@CHECKSUM" }, { "CSIP44", "digiprovMD/mdRef/@CHECKSUMTYPE" },
        { "CSIP58", "fileSec" }, { "CSIP59", "fileSec/@ID" }, { "CSIP113", "fileGrp[Schemas]" }, { "CSIP114", "fileGrp[Representations]" },
        { "CSIP64", "fileGrp/@USE" }, { "CSIP65", "fileGrp/@ID" }, { "CSIP67", "file/@ID" }, { "CSIP68", "file/@MIMETYPE" }, { "CSIP69", "file/@SIZE" },
        { "CSIP70", "file/@CREATED" }, { "CSIP71", "file/@CHECKSUM" }, { "CSIP72", "file/@CHECKSUMTYPE" }, { "CSIP76", "file/FLocat" },
        { "CSIP77", "FLocat/@LOCTYPE" }, { "CSIP78", "FLocat/@xlink:type" }, { "CSIP79", "FLocat/@xlink:href" },
        { "CSIP80", "structMap" }, { "CSIP81", "structMap/@TYPE" }, { "CSIP82", "structMap/@LABEL" }, { "CSIP83", "structMap/@ID" },
        { "CSIP84", "structMap/div" }, { "CSIP85", "structMap/div/@ID" }, { "CSIP86", "structMap/div/@LABEL" },
        { "CSIP88", "structMap/div[Metadata]" }, { "CSIP89", "structMap/div[Metadata]/@ID" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Verify_RootMetsBreaksRequirement_ReportsItsId(string requirement, string mutation)
    {
        using var tmp = new TempDir();
        var package = await TamperTests.Pack(tmp, bag: false);
        await AddEvidenceFree(package.Path);
        var metsPath = Path.Combine(package.Path, "METS.xml");
        var mets = XDocument.Load(metsPath);
        Mutate(mets.Root!, mutation);
        mets.Save(metsPath);

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        var problem = Assert.Single(report.Problems, p => p.RequirementId == requirement);
        Assert.Equal("csip." + requirement, problem.Code);
        Assert.StartsWith("METS.xml", problem.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CSIP1", "mets/@OBJID")]
    [InlineData("CSIP71", "file/@CHECKSUM")]
    [InlineData("CSIP79", "FLocat/@xlink:href")]
    [InlineData("CSIP18", "dmdSec/@ID")]
    public async Task Verify_RepresentationMetsBreaksRequirement_ReportsItsId(string requirement, string mutation)
    {
        using var tmp = new TempDir();
        var package = await TamperTests.Pack(tmp, bag: false);
        var metsPath = Path.Combine(package.Path, "representations", "rep1", "METS.xml");
        var mets = XDocument.Load(metsPath);
        Mutate(mets.Root!, mutation);
        mets.Save(metsPath);

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        Assert.Contains(report.Problems, p => p.RequirementId == requirement && p.Path.StartsWith("representations/rep1/METS.xml", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CSIPSTR4", "METS.xml", ValidationSeverity.Error)]
    [InlineData("CSIPSTR5", "metadata", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR6", "metadata/preservation", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR7", "metadata/descriptive", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR9", "representations", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR10", "representations/rep1", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR11", "representations/rep1/data", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR12", "representations/rep1/METS.xml", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR13", "representations/rep1/metadata", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR15", "schemas", ValidationSeverity.Warning)]
    [InlineData("CSIPSTR16", "documentation", ValidationSeverity.Warning)]
    public async Task Verify_StructureLacksFolder_ReportsStructureRequirement(string requirement, string remove, ValidationSeverity severity)
    {
        using var tmp = new TempDir();
        var package = await TamperTests.Pack(tmp, bag: false);
        var target = Path.Combine(package.Path, remove.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(target))
        {
            File.Delete(target);
        }
        else
        {
            Directory.Delete(target, recursive: true);
        }

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        var problem = Assert.Single(report.Problems, p => p.RequirementId == requirement);
        Assert.Equal(severity, problem.Severity);
    }

    [Fact]
    public async Task Verify_RootFolderNotNamedAfterObjId_WarnsCsipStr2()
    {
        using var tmp = new TempDir();
        var package = await TamperTests.Pack(tmp, bag: false);
        var renamed = Path.Combine(tmp.Path, "hồ sơ");
        Directory.Move(package.Path, renamed);

        var report = await new ArchivePackageVerifier().VerifyAsync(renamed);

        Assert.Equal(ValidationSeverity.Warning, Assert.Single(report.Problems, p => p.RequirementId == "CSIPSTR2").Severity);
        Assert.True(report.IsValid);
    }

    [Fact]
    public async Task Verify_FreshPackage_SatisfiesEveryCheckedRequirement()
    {
        using var tmp = new TempDir();
        var package = await TamperTests.Pack(tmp, bag: false);

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        Assert.Empty(report.Problems);
    }

    /// <summary>Adds an amdSec to a SIP without one so the digiprovMD requirements can be broken.</summary>
    private static Task AddEvidenceFree(string packagePath)
    {
        var metsPath = Path.Combine(packagePath, "METS.xml");
        var mets = XDocument.Load(metsPath);
        if (mets.Root!.Element(M + "amdSec") is null)
        {
            var dmd = mets.Root.Element(M + "dmdSec")!;
            var mdRef = new XElement(dmd.Element(M + "mdRef")!);
            mdRef.SetAttributeValue("MDTYPE", "OTHER");
            var amd = new XElement(M + "amdSec", new XAttribute("ID", "amd-x"), new XElement(M + "digiprovMD", new XAttribute("ID", "digiprov-x"), new XAttribute("STATUS", "CURRENT"), mdRef));
            dmd.AddAfterSelf(amd);
            mets.Save(metsPath);
        }

        return Task.CompletedTask;
    }

    private static void Mutate(XElement mets, string mutation)
    {
        var hdr = mets.Element(M + "metsHdr");
        var agent = hdr?.Elements(M + "agent").First();
        var dmdRef = mets.Element(M + "dmdSec")?.Element(M + "mdRef");
        var dpRef = mets.Descendants(M + "digiprovMD").FirstOrDefault()?.Element(M + "mdRef");
        var fileSec = mets.Element(M + "fileSec");
        var file = mets.Descendants(M + "file").First();
        var flocat = file.Element(M + "FLocat")!;
        var map = mets.Element(M + "structMap")!;
        switch (mutation)
        {
            case "mets/@OBJID": mets.Attribute("OBJID")!.Remove(); break;
            case "mets/@TYPE": mets.Attribute("TYPE")!.Remove(); break;
            case "mets/@TYPE=OTHER": mets.SetAttributeValue("TYPE", "OTHER"); break;
            case "mets/@csip:CONTENTINFORMATIONTYPE": mets.Attribute(C + "CONTENTINFORMATIONTYPE")!.Remove(); break;
            case "mets/@PROFILE": mets.Attribute("PROFILE")!.Remove(); break;
            case "metsHdr": hdr!.Remove(); break;
            case "metsHdr/@CREATEDATE": hdr!.Attribute("CREATEDATE")!.Remove(); break;
            case "metsHdr/@OAISPACKAGETYPE": hdr!.SetAttributeValue(C + "OAISPACKAGETYPE", "SUBMISSION"); break;
            case "agent": hdr!.Elements(M + "agent").Remove(); break;
            case "agent/@ROLE": agent!.SetAttributeValue("ROLE", "ARCHIVIST"); break;
            case "agent/@TYPE": agent!.SetAttributeValue("TYPE", "INDIVIDUAL"); break;
            case "agent/@OTHERTYPE": agent!.Attribute("OTHERTYPE")!.Remove(); hdr!.Elements(M + "agent").Skip(1).Remove(); break;
            case "agent/name": agent!.Element(M + "name")!.Remove(); break;
            case "agent/note": agent!.Element(M + "note")!.Remove(); break;
            case "agent/note/@NOTETYPE": agent!.Element(M + "note")!.Attribute(C + "NOTETYPE")!.Remove(); break;
            case "dmdSec": mets.Elements(M + "dmdSec").Remove(); mets.Descendants(M + "div").Attributes("DMDID").Remove(); break;
            case "dmdSec/@ID": mets.Element(M + "dmdSec")!.Attribute("ID")!.Remove(); mets.Descendants(M + "div").Attributes("DMDID").Remove(); break;
            case "dmdSec/@CREATED": mets.Element(M + "dmdSec")!.Attribute("CREATED")!.Remove(); break;
            case "dmdSec/@STATUS": mets.Element(M + "dmdSec")!.Attribute("STATUS")!.Remove(); break;
            case "dmdSec/mdRef": dmdRef!.Remove(); break;
            case "dmdSec/mdRef/@LOCTYPE": dmdRef!.SetAttributeValue("LOCTYPE", "OTHER"); break;
            case "dmdSec/mdRef/@xlink:type": dmdRef!.Attribute(X + "type")!.Remove(); break;
            case "dmdSec/mdRef/@xlink:href": dmdRef!.Attribute(X + "href")!.Remove(); break;
            case "dmdSec/mdRef/@MDTYPE": dmdRef!.Attribute("MDTYPE")!.Remove(); break;
            case "dmdSec/mdRef/@MIMETYPE": dmdRef!.Attribute("MIMETYPE")!.Remove(); break;
            case "dmdSec/mdRef/@SIZE": dmdRef!.Attribute("SIZE")!.Remove(); break;
            case "dmdSec/mdRef/@CREATED": dmdRef!.Attribute("CREATED")!.Remove(); break;
            case "dmdSec/mdRef/@CHECKSUM": dmdRef!.Attribute("CHECKSUM")!.Remove(); break;
            case "dmdSec/mdRef/@CHECKSUMTYPE": dmdRef!.Attribute("CHECKSUMTYPE")!.Remove(); break;
            case "digiprovMD/@ID": dpRef!.Parent!.Attribute("ID")!.Remove(); break;
            case "digiprovMD/@STATUS": dpRef!.Parent!.Attribute("STATUS")!.Remove(); break;
            case "digiprovMD/mdRef": dpRef!.Remove(); break;
            case "digiprovMD/mdRef/@LOCTYPE": dpRef!.SetAttributeValue("LOCTYPE", "URN"); break;
            case "digiprovMD/mdRef/@xlink:type": dpRef!.SetAttributeValue(X + "type", "extended"); break;
            case "digiprovMD/mdRef/@xlink:href": dpRef!.Attribute(X + "href")!.Remove(); break;
            case "digiprovMD/mdRef/@MDTYPE": dpRef!.Attribute("MDTYPE")!.Remove(); break;
            case "digiprovMD/mdRef/@MIMETYPE": dpRef!.Attribute("MIMETYPE")!.Remove(); break;
            case "digiprovMD/mdRef/@SIZE": dpRef!.SetAttributeValue("SIZE", "big"); break;
            case "digiprovMD/mdRef/@CREATED": dpRef!.Attribute("CREATED")!.Remove(); break;
            case "digiprovMD/mdRef/@CHECKSUM": dpRef!.Attribute("CHECKSUM")!.Remove(); break;
            case "digiprovMD/mdRef/@CHECKSUMTYPE": dpRef!.Attribute("CHECKSUMTYPE")!.Remove(); break;
            case "fileSec": fileSec!.Remove(); map.Descendants(M + "fptr").Remove(); break;
            case "fileSec/@ID": fileSec!.Attribute("ID")!.Remove(); break;
            case "fileGrp[Schemas]": fileSec!.Elements(M + "fileGrp").Where(g => (string?)g.Attribute("USE") == "Schemas").Remove(); map.Descendants(M + "fptr").Remove(); break;
            case "fileGrp[Representations]": fileSec!.Elements(M + "fileGrp").Where(g => ((string?)g.Attribute("USE"))!.StartsWith("Representations", StringComparison.Ordinal)).Remove(); break;
            case "fileGrp/@USE": file.Parent!.Attribute("USE")!.Remove(); fileSec!.Add(new XElement(M + "fileGrp", new XAttribute("ID", "g-s"), new XAttribute("USE", "Schemas"))); break;
            case "fileGrp/@ID": file.Parent!.Attribute("ID")!.Remove(); break;
            case "file/@ID": file.Attribute("ID")!.Remove(); map.Descendants(M + "fptr").Remove(); break;
            case "file/@MIMETYPE": file.Attribute("MIMETYPE")!.Remove(); break;
            case "file/@SIZE": file.Attribute("SIZE")!.Remove(); break;
            case "file/@CREATED": file.Attribute("CREATED")!.Remove(); break;
            case "file/@CHECKSUM": file.Attribute("CHECKSUM")!.Remove(); break;
            case "file/@CHECKSUMTYPE": file.Attribute("CHECKSUMTYPE")!.Remove(); break;
            case "file/FLocat": flocat.Remove(); break;
            case "FLocat/@LOCTYPE": flocat.SetAttributeValue("LOCTYPE", "HANDLE"); break;
            case "FLocat/@xlink:type": flocat.Attribute(X + "type")!.Remove(); break;
            case "FLocat/@xlink:href": flocat.Attribute(X + "href")!.Remove(); break;
            case "structMap": map.Remove(); break;
            case "structMap/@TYPE": map.SetAttributeValue("TYPE", "LOGICAL"); break;
            case "structMap/@LABEL": map.SetAttributeValue("LABEL", "Other"); break;
            case "structMap/@ID": map.Attribute("ID")!.Remove(); break;
            case "structMap/div": map.Add(new XElement(M + "div", new XAttribute("ID", "second"), new XAttribute("LABEL", mets.Attribute("OBJID")!.Value))); break;
            case "structMap/div/@LABEL": map.Element(M + "div")!.SetAttributeValue("LABEL", "something else"); break;
            case "structMap/div/@ID": map.Element(M + "div")!.Attribute("ID")!.Remove(); break;
            case "structMap/div[Metadata]/@ID": map.Element(M + "div")!.Elements(M + "div").First(d => (string?)d.Attribute("LABEL") == "Metadata").Attribute("ID")!.Remove(); break;
            case "structMap/div[Metadata]": map.Element(M + "div")!.Elements(M + "div").Where(d => (string?)d.Attribute("LABEL") == "Metadata").Remove(); break;
            default: throw new ArgumentException(mutation);
        }
    }
}
