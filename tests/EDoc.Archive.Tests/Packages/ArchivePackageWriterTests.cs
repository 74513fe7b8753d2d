using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Packages;

public class ArchivePackageWriterTests
{
    private static readonly XNamespace Mets = "http://www.loc.gov/METS/";
    private static readonly XNamespace Csip = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    private static readonly XNamespace Xlink = "http://www.w3.org/1999/xlink";
    private static readonly XNamespace Premis = "http://www.loc.gov/premis/v3";

    [Fact]
    public async Task WriteZipAsync_Sip_UnpacksToOneFolderNamedAfterObjId()
    {
        using var tmp = new TempDir();

        var result = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["sip.zip"]);

        Assert.Equal("uuid-0B5C2A86-0F3E-4A7E-9A51-3F3C0F8E7D21", result.PackageId);
        using var zip = ZipFile.OpenRead(result.OutputPath);
        Assert.All(zip.Entries, e => Assert.StartsWith(result.PackageId + "/", e.FullName, StringComparison.Ordinal));
        var names = zip.Entries.Select(e => e.FullName[(result.PackageId.Length + 1)..]).ToHashSet();
        Assert.Contains("METS.xml", names);
        Assert.Contains("metadata/descriptive/EAD.xml", names);
        Assert.Contains("representations/rep1/METS.xml", names);
        Assert.Contains("representations/rep1/data/Tờ trình số 02.pdf", names);
        Assert.Contains("representations/rep1/metadata/descriptive/EAD_doc_0000001.xml", names);
        Assert.Contains("schemas/edoc-tt05-simpledc.xsd", names);
        Assert.DoesNotContain("metadata/preservation/PREMIS.xml", names);
        Assert.Empty(Directory.GetFiles(tmp.Path, "*.tmp"));
    }

    [Fact]
    public async Task WriteFolderAsync_Aip_ObjIdIsUrnAndFolderReplacesColons()
    {
        using var tmp = new TempDir();

        var result = await TestPackages.Writer(ArchivePackageKind.Aip).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        Assert.Equal("urn:000.00.00.H41:uuid:0B5C2A86-0F3E-4A7E-9A51-3F3C0F8E7D21", result.PackageId);
        Assert.Equal("urn_000.00.00.H41_uuid_0B5C2A86-0F3E-4A7E-9A51-3F3C0F8E7D21", result.FolderName);
        Assert.True(File.Exists(Path.Combine(result.OutputPath, "metadata", "preservation", "PREMIS.xml")));
    }

    [Fact]
    public async Task WriteFolderAsync_Mets_HasCsipHeaderAndVietnamTime()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer(ArchivePackageKind.Aip).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        var mets = XDocument.Load(Path.Combine(result.OutputPath, "METS.xml")).Root!;

        Assert.Equal("Mixed", (string?)mets.Attribute("TYPE"));
        Assert.Equal("https://earkaip.dilcis.eu/profile/E-ARK-AIP.xml", (string?)mets.Attribute("PROFILE"));
        var hdr = mets.Element(Mets + "metsHdr")!;
        Assert.Equal("2026-11-24T09:30:00+07:00", (string?)hdr.Attribute("CREATEDATE"));
        Assert.Equal("AIP", (string?)hdr.Attribute(Csip + "OAISPACKAGETYPE"));
        var agent = hdr.Elements(Mets + "agent").First();
        Assert.Equal("SOFTWARE", (string?)agent.Attribute("OTHERTYPE"));
        Assert.Equal("EDoc.Archive", agent.Element(Mets + "name")!.Value);
        Assert.Equal("SA-2025-01", hdr.Element(Mets + "altRecordID")!.Value);
    }

    [Fact]
    public async Task WriteFolderAsync_EveryFile_HasUppercaseSha256OfItsBytes()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        var repMets = XDocument.Load(Path.Combine(result.OutputPath, "representations", "rep1", "METS.xml"));
        var files = repMets.Descendants(Mets + "file").ToList();

        Assert.Equal(2, files.Count);
        foreach (var f in files)
        {
            var href = Uri.UnescapeDataString((string)f.Element(Mets + "FLocat")!.Attribute(Xlink + "href")!);
            var bytes = File.ReadAllBytes(Path.Combine(result.OutputPath, "representations", "rep1", href));
            Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)), (string?)f.Attribute("CHECKSUM"));
            Assert.Equal(bytes.Length.ToString(), (string?)f.Attribute("SIZE"));
            Assert.Equal("application/pdf", (string?)f.Attribute("MIMETYPE"));
            Assert.EndsWith("+07:00", (string)f.Attribute("CREATED")!, StringComparison.Ordinal);
            Assert.StartsWith("dmd-doc-", (string)f.Attribute("DMDID")!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WriteFolderAsync_DescriptiveMetadata_HasTt05FieldsAndCodes()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        var ead = XDocument.Load(Path.Combine(result.OutputPath, "metadata", "descriptive", "EAD.xml")).Root!;
        var doc = XDocument.Load(Path.Combine(result.OutputPath, "representations", "rep1", "metadata", "descriptive", "EAD_doc_0000002.xml")).Root!;

        Assert.Equal("simpledc", ead.Name.LocalName);
        Assert.Equal("000.00.00.H41.2025.01.TCCB", ead.Element("fileCode")!.Value);
        Assert.Equal("2", ead.Element("totalDoc")!.Value);
        Assert.Equal("4", ead.Element("numberOfPage")!.Value);
        Assert.Equal("000.00.00.H41.2025.01.TCCB.0000002", doc.Element("docCode")!.Value);
        Assert.Equal("02", doc.Element("typeName")!.Value);
        Assert.Equal("Ủy ban nhân dân tỉnh Nghệ An", doc.Element("organName")!.Value);
    }

    [Fact]
    public async Task WriteZipAsync_InvalidMetadata_ThrowsAndWritesNothing()
    {
        using var tmp = new TempDir();
        var content = TestPackages.DefaultContent(tmp["src"]);
        var bad = new ArchivePackageContent { Dossier = content.Dossier with { Maintenance = "99", Mode = null }, Documents = content.Documents };

        var ex = await Assert.ThrowsAsync<EDocValidationException>(() => TestPackages.Writer().WriteZipAsync(bad, tmp["out.zip"]));

        Assert.Contains(ex.Problems, p => p.Path == "dossier.maintenance");
        Assert.Contains(ex.Problems, p => p.Path == "dossier.mode");
        Assert.False(File.Exists(tmp["out.zip"]));
        Assert.Empty(Directory.GetFiles(tmp.Path));
    }

    [Fact]
    public async Task WriteZipAsync_NamesDifferingOnlyByNormalisation_Refused()
    {
        using var tmp = new TempDir();
        var nfc = "Tờ trình.pdf";
        var content = TestPackages.Content(tmp["src"], (nfc, TestPackages.MinimalPdf("a")), ("other.pdf", TestPackages.MinimalPdf("b")));
        var docs = new[]
        {
            content.Documents[0],
            new ArchiveDocumentContent(TestPackages.Document(2), nfc.Normalize(NormalizationForm.FormD), content.Documents[1].OpenReadAsync),
        };

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => TestPackages.Writer().WriteZipAsync(new ArchivePackageContent { Dossier = content.Dossier, Documents = docs }, tmp["out.zip"]));

        Assert.Equal(ArchivePackageFormatError.DuplicateName, ex.Error);
        Assert.False(File.Exists(tmp["out.zip"]));
    }

    [Fact]
    public async Task WriteZipAsync_NfdName_StoredAsNfc()
    {
        using var tmp = new TempDir();
        var content = TestPackages.Content(tmp["src"], ("x.pdf", TestPackages.MinimalPdf("a")));
        var nfd = "Biên bản họp.pdf".Normalize(NormalizationForm.FormD);
        var docs = new[] { new ArchiveDocumentContent(TestPackages.Document(1), nfd, content.Documents[0].OpenReadAsync) };

        var result = await TestPackages.Writer().WriteZipAsync(new ArchivePackageContent { Dossier = content.Dossier, Documents = docs }, tmp["out.zip"]);

        using var zip = ZipFile.OpenRead(result.OutputPath);
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/data/" + "Biên bản họp.pdf".Normalize(NormalizationForm.FormC), StringComparison.Ordinal));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains(nfd, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteZipAsync_ExpectedChecksumDiffers_ThrowsAndWritesNothing()
    {
        using var tmp = new TempDir();
        var content = TestPackages.DefaultContent(tmp["src"]);
        var docs = content.Documents.Select(d => new ArchiveDocumentContent(d.Metadata, d.FileName, d.OpenReadAsync) { ExpectedSha256 = new string('0', 64) }).ToList();

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => TestPackages.Writer().WriteZipAsync(new ArchivePackageContent { Dossier = content.Dossier, Documents = docs }, tmp["out.zip"]));

        Assert.Equal(ArchivePackageFormatError.ChecksumMismatch, ex.Error);
        Assert.False(File.Exists(tmp["out.zip"]));
        Assert.Empty(Directory.GetFiles(tmp.Path));
    }

    [Fact]
    public async Task WriteFolderAsync_Cancelled_LeavesNothing()
    {
        using var tmp = new TempDir();
        using var cts = new CancellationTokenSource();
        var content = TestPackages.DefaultContent(tmp["src"]);
        var docs = content.Documents.Select((d, i) => new ArchiveDocumentContent(d.Metadata, d.FileName, async ct =>
        {
            if (i == 1)
            {
                await cts.CancelAsync();
            }

            return await d.OpenReadAsync(ct);
        })).ToList();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestPackages.Writer().WriteFolderAsync(new ArchivePackageContent { Dossier = content.Dossier, Documents = docs }, tmp["out"], cts.Token));

        Assert.Empty(Directory.GetFileSystemEntries(tmp["out"]));
    }

    [Fact]
    public async Task WriteFolderAsync_WithEvidence_StoresReportsAndPremisEvents()
    {
        using var tmp = new TempDir();
        var evidence = new FakeEvidenceProvider();
        var result = await TestPackages.Writer(ArchivePackageKind.Sip, evidence: evidence).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        var reportPath = Path.Combine(result.OutputPath, "metadata", "preservation", "signature-reports", "Tờ trình số 02.pdf.json");
        var premis = XDocument.Load(Path.Combine(result.OutputPath, "metadata", "preservation", "PREMIS.xml"));
        var mets = XDocument.Load(Path.Combine(result.OutputPath, "METS.xml"));

        Assert.Equal(2, evidence.Calls.Count);
        Assert.Equal(2, result.SignatureReports);
        Assert.Contains("\"verdict\":\"valid\"", File.ReadAllText(reportPath), StringComparison.Ordinal);
        var events = premis.Descendants(Premis + "event").Where(e => e.Element(Premis + "eventType")!.Value == "digital signature validation").ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal("valid", e.Descendants(Premis + "eventOutcome").Single().Value);
            Assert.Equal("2026-11-24T09:30:00+07:00", e.Element(Premis + "eventDateTime")!.Value);
            Assert.Contains(e.Descendants(Premis + "linkingObjectIdentifierValue"), v => v.Value.StartsWith("representations/rep1/data/", StringComparison.Ordinal));
            Assert.Contains(e.Descendants(Premis + "linkingObjectIdentifierValue"), v => v.Value.StartsWith("metadata/preservation/signature-reports/", StringComparison.Ordinal));
        });
        Assert.Equal(2, mets.Descendants(Mets + "mdRef").Count(m => (string?)m.Attribute("OTHERMDTYPE") == "SIGNATURE-VALIDATION-REPORT"));
        Assert.True((await new ArchivePackageVerifier().VerifyAsync(result.OutputPath)).IsValid);
    }

    [Fact]
    public async Task WriteFolderAsync_Aip_PremisHasIngestAndDigestEvents()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer(ArchivePackageKind.Aip).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        var premis = XDocument.Load(Path.Combine(result.OutputPath, "metadata", "preservation", "PREMIS.xml"));
        var types = premis.Descendants(Premis + "eventType").Select(e => e.Value).ToList();

        Assert.Contains("ingestion", types);
        Assert.Contains("message digest calculation", types);
        var fileObject = premis.Descendants(Premis + "object").First(o => o.Descendants(Premis + "originalName").Any(n => n.Value == "Tờ trình số 02.pdf"));
        Assert.Equal(64, fileObject.Descendants(Premis + "messageDigest").Single().Value.Length);
    }

    [Fact]
    public async Task ConvertToAipZipAsync_Sip_RecordsConversionAndFixityCheck()
    {
        using var tmp = new TempDir();
        var sip = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["sip.zip"]);

        var aip = await new ArchivePackageConverter(new ArchivePackageWriterOptions { PackageUuid = Guid.Parse("11111111-2222-3333-4444-555555555555") }, null, TestPackages.Clock())
            .ConvertToAipZipAsync(sip.OutputPath, tmp["aip.zip"]);

        Assert.Equal(ArchivePackageKind.Aip, aip.Kind);
        var report = await new ArchivePackageVerifier().VerifyAsync(aip.OutputPath);
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        using var zip = ZipFile.OpenRead(aip.OutputPath);
        using var premisStream = zip.Entries.Single(e => e.FullName.EndsWith("metadata/preservation/PREMIS.xml", StringComparison.Ordinal)).Open();
        var premis = XDocument.Load(premisStream);
        var types = premis.Descendants(Premis + "eventType").Select(e => e.Value).ToList();
        Assert.Contains("information package creation", types);
        Assert.Contains("fixity check", types);
        Assert.Contains(premis.Descendants(Premis + "eventDetail"), d => d.Value.Contains("SIP→AIP", StringComparison.Ordinal) && d.Value.Contains(sip.PackageId, StringComparison.Ordinal));
        using var package = ArchivePackage.Open(aip.OutputPath);
        Assert.Equal(2, package.Documents.Count);
        Assert.Equal("Hồ sơ tuyển dụng công chức năm 2025", package.Dossier.Title);
    }

    [Fact]
    public async Task WriteZipAsync_LooseDocuments_TypeIsCollection()
    {
        using var tmp = new TempDir();
        var content = TestPackages.DefaultContent(tmp["src"]);
        var loose = new ArchivePackageContent
        {
            Variant = ArchiveContentVariant.LooseDocuments,
            Dossier = new DossierMetadata { FileCode = FileCode.ForLooseDocuments("000.00.00.H41", 2025, 1, 7), Title = "Văn bản đi rời năm 2025", Source = "0" },
            Documents = content.Documents,
        };

        var result = await TestPackages.Writer().WriteFolderAsync(loose, tmp["out"]);

        var mets = XDocument.Load(Path.Combine(result.OutputPath, "METS.xml")).Root!;
        Assert.Equal("Collection", (string?)mets.Attribute("TYPE"));
        Assert.Equal("tailieu", (string?)XDocument.Load(Path.Combine(result.OutputPath, "metadata", "descriptive", "EAD.xml")).Root!.Attribute("level"));
        Assert.True((await new ArchivePackageVerifier().VerifyAsync(result.OutputPath)).IsValid);
    }
}
