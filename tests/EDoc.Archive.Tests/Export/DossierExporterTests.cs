using System.Xml.Linq;
using EDoc.Archive.Export;
using EDoc.Archive.Packages;

namespace EDoc.Archive.Tests.Export;

public class DossierExporterTests
{
    [Fact]
    public async Task ExportAsync_Xml_DocumentsInChronologicalOrderWithAnnexViTags()
    {
        using var tmp = new TempDir();
        var package = await PackReversedDatesAsync(tmp);

        await new DossierExporter(timeProvider: TestPackages.Clock()).ExportAsync(package, null, tmp["out.xml"]);

        var root = XDocument.Load(tmp["out.xml"]).Root!;
        Assert.Equal("File", root.Name.LocalName);
        Assert.Equal("000.00.00.H41", root.Element("FileCode")!.Element("OrganId")!.Value);
        Assert.Equal("2025", root.Element("FileCode")!.Element("FileCatalog")!.Value);
        Assert.Equal("01.TCCB", root.Element("FileCode")!.Element("FileNotation")!.Value);
        Assert.Equal("Vĩnh viễn", root.Element("Maintenance")!.Value);
        Assert.Equal("Công khai", root.Element("Rights")!.Value);
        Assert.Equal("3", root.Element("DocTotal")!.Value);
        var docs = root.Element("Documents")!.Elements("Document").ToList();
        Assert.Equal(["2025-02-01", "2025-05-01", "2025-09-01"], docs.Select(d => d.Element("IssuedDate")!.Value));
        Assert.Equal(["3", "2", "1"], docs.Select(d => d.Element("DocOrdinal")!.Value));
        Assert.Equal("Quyết định", docs[0].Element("TypeName")!.Value);
        Assert.Equal("Giám đốc", docs[0].Element("SignerInfo")!.Element("Position")!.Value);
        Assert.Equal("000.00.00.H41.2025.01.TCCB.0000003", docs[0].Element("DocCode")!.Value);
        Assert.Equal(64, docs[0].Element("Checksum")!.Value.Length);
    }

    [Fact]
    public async Task ExportAsync_Pdf_ComposerGetsChronologicalDocuments()
    {
        using var tmp = new TempDir();
        var package = await PackReversedDatesAsync(tmp);
        var composer = new RecordingComposer();

        await new DossierExporter(composer).ExportAsync(package, tmp["out.pdf"], null);

        Assert.Equal(["c.pdf", "b.pdf", "a.pdf"], composer.Names);
        Assert.Equal("%PDF-fake", File.ReadAllText(tmp["out.pdf"]));
    }

    [Fact]
    public async Task ExportAsync_ComposerFails_LeavesNoPartialFile()
    {
        using var tmp = new TempDir();
        var package = await PackReversedDatesAsync(tmp);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new DossierExporter(new RecordingComposer { Fail = true }).ExportAsync(package, tmp["out.pdf"], null));

        Assert.False(File.Exists(tmp["out.pdf"]));
        Assert.Empty(Directory.GetFiles(tmp.Path, "*.tmp"));
    }

    [Fact]
    public async Task ExportAsync_TamperedPackage_RefusedWithProblems()
    {
        using var tmp = new TempDir();
        var package = await PackReversedDatesAsync(tmp);
        File.AppendAllText(Path.Combine(package, "representations", "rep1", "data", "a.pdf"), "x");

        var ex = await Assert.ThrowsAsync<EDocValidationException>(() => new DossierExporter().ExportAsync(package, null, tmp["out.xml"]));

        Assert.Contains(ex.Problems, p => p.Path == "representations/rep1/data/a.pdf");
        Assert.False(File.Exists(tmp["out.xml"]));
    }

    private static async Task<string> PackReversedDatesAsync(TempDir tmp)
    {
        var content = TestPackages.Content(tmp["src"], ("a.pdf", TestPackages.MinimalPdf("A")), ("b.pdf", TestPackages.MinimalPdf("B")), ("c.pdf", TestPackages.MinimalPdf("C")));
        var dates = new[] { new DateOnly(2025, 9, 1), new DateOnly(2025, 5, 1), new DateOnly(2025, 2, 1) };
        var docs = content.Documents.Select((d, i) => new ArchiveDocumentContent(
            d.Metadata with { IssuedDate = dates[i], SignerPosition = "Giám đốc", SignerFullName = "Trần Văn Đức" }, d.FileName, d.OpenReadAsync)).ToList();
        var result = await TestPackages.Writer().WriteFolderAsync(new ArchivePackageContent { Dossier = content.Dossier, Documents = docs }, tmp["out"]);
        return result.OutputPath;
    }

    private sealed class RecordingComposer : IDossierPdfComposer
    {
        public List<string> Names { get; } = [];

        public bool Fail { get; init; }

        public async Task ComposeAsync(ArchivePackage package, IReadOnlyList<ArchivePackageDocument> documents, Stream output, CancellationToken cancellationToken = default)
        {
            foreach (var d in documents)
            {
                await using var s = await package.OpenDocumentAsync(d, cancellationToken);
                Assert.True(s.ReadByte() == '%');
                Names.Add(d.FileName);
            }

            await output.WriteAsync("%PDF"u8.ToArray(), cancellationToken);
            if (Fail)
            {
                throw new InvalidOperationException("composer failed");
            }

            await output.WriteAsync("-fake"u8.ToArray(), cancellationToken);
        }
    }
}
