using System.Text;
using System.Xml.Linq;
using EDoc.Archive.Evidence;
using EDoc.Archive.Packages;

namespace EDoc.Archive.Tests.Packages;

public class ArchivePackageReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Open_PackedZip_RoundTripsMetadata(bool bag)
    {
        using var tmp = new TempDir();
        var content = TestPackages.DefaultContent(tmp["src"]);
        var result = await TestPackages.Writer(ArchivePackageKind.Aip, bag).WriteZipAsync(content, tmp["p.zip"]);

        using var package = ArchivePackage.Open(result.OutputPath);

        Assert.Equal(result.PackageId, package.PackageId);
        Assert.Equal(ArchivePackageKind.Aip, package.Kind);
        Assert.Equal(bag, package.IsBag);
        Assert.Equal(content.Dossier.FileCode, package.Dossier.FileCode);
        Assert.Equal(content.Dossier.Title, package.Dossier.Title);
        Assert.Equal(content.Dossier.Description, package.Dossier.Description);
        Assert.Equal(2, package.Documents.Count);
        foreach (var doc in package.Documents)
        {
            var original = content.Documents.Single(d => d.FileName == doc.FileName);
            Assert.Equal(original.Metadata with { Language = [] }, doc.Metadata with { Language = [] });
            Assert.Equal(original.Metadata.Language, doc.Metadata.Language);
            await using var stream = await package.OpenDocumentAsync(doc);
            using var ms = new MemoryStream();
            await stream.CopyToAsync(ms);
            await using var originalStream = await original.OpenReadAsync();
            using var expected = new MemoryStream();
            await originalStream.CopyToAsync(expected);
            Assert.Equal(expected.ToArray(), ms.ToArray());
        }
    }

    [Theory]
    [InlineData(SignatureEvidenceVerdict.Invalid, "invalid")]
    [InlineData(SignatureEvidenceVerdict.Indeterminate, "indeterminate")]
    [InlineData(SignatureEvidenceVerdict.NoSignature, "no-signature")]
    public async Task Write_EvidenceVerdict_RecordedAsPremisOutcome(SignatureEvidenceVerdict verdict, string outcome)
    {
        using var tmp = new TempDir();
        var provider = new VerdictProvider(verdict);

        var result = await TestPackages.Writer(ArchivePackageKind.Aip, evidence: provider).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        XNamespace p = "http://www.loc.gov/premis/v3";
        var premis = XDocument.Load(Path.Combine(result.OutputPath, "metadata", "preservation", "PREMIS.xml"));
        var outcomes = premis.Descendants(p + "event").Where(e => e.Element(p + "eventType")!.Value == "digital signature validation")
            .Select(e => e.Descendants(p + "eventOutcome").Single().Value).ToList();
        Assert.Equal([outcome, outcome], outcomes);
        Assert.True(File.Exists(Path.Combine(result.OutputPath, "metadata", "preservation", "signature-reports", "Tờ trình số 02.pdf.xml")));
    }

    [Fact]
    public async Task Write_ProviderReturnsNull_NoReportNoPremisForSip()
    {
        using var tmp = new TempDir();

        var result = await TestPackages.Writer(ArchivePackageKind.Sip, evidence: new VerdictProvider(null)).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);

        Assert.Equal(0, result.SignatureReports);
        Assert.False(File.Exists(Path.Combine(result.OutputPath, "metadata", "preservation", "PREMIS.xml")));
    }

    [Fact]
    public async Task Write_NonPdf_NotSentToProvider()
    {
        using var tmp = new TempDir();
        var provider = new FakeEvidenceProvider();
        var content = TestPackages.Content(tmp["src"], ("a.pdf", TestPackages.MinimalPdf("a")), ("b.docx", Encoding.UTF8.GetBytes("PK fake docx")));

        var result = await TestPackages.Writer(evidence: provider).WriteFolderAsync(content, tmp["out"]);

        Assert.Equal(["a.pdf"], provider.Calls.Select(c => c.Name));
        Assert.Equal(1, result.SignatureReports);
    }

    private sealed class VerdictProvider(SignatureEvidenceVerdict? verdict) : ISignatureEvidenceProvider
    {
        public Task<SignatureEvidence?> GetEvidenceAsync(Stream pdf, string fileName, CancellationToken cancellationToken = default)
            => Task.FromResult(verdict is { } v
                ? new SignatureEvidence { Verdict = v, Report = "<report/>"u8.ToArray(), ReportMediaType = "application/xml" }
                : null);
    }
}
