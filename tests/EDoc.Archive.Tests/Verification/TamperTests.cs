using System.IO.Compression;
using System.Xml.Linq;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Verification;

public class TamperTests
{
    private const string Data = "representations/rep1/data/";

    public static TheoryData<bool> Bags => new() { false, true };

    [Theory]
    [MemberData(nameof(Bags))]
    public async Task Verify_FlippedByte_NamesModifiedFile(bool bag)
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag);
        var file = Path.Combine(root.Payload, "representations", "rep1", "data", "Tờ trình số 02.pdf");
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.False(report.IsIntact);
        var problem = Assert.Single(report.Problems, p => p.Code == "file.checksum-mismatch");
        Assert.Equal(Data + "Tờ trình số 02.pdf", problem.Path);
        Assert.Equal(ArchiveFileStatus.ChecksumMismatch, report.Files.Single(f => f.Path == problem.Path).Status);
        if (bag)
        {
            Assert.Contains(report.Problems, p => p.Code == "bagit.checksum-mismatch" && p.Path == "data/" + Data + "Tờ trình số 02.pdf");
        }
    }

    [Theory]
    [MemberData(nameof(Bags))]
    public async Task Verify_RemovedFile_NamesMissingFile(bool bag)
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag);
        File.Delete(Path.Combine(root.Payload, "representations", "rep1", "data", "Quyết định tuyển dụng.pdf"));

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.False(report.IsValid);
        Assert.Contains(report.Problems, p => p.Code == "file.missing" && p.Path == Data + "Quyết định tuyển dụng.pdf");
    }

    [Theory]
    [MemberData(nameof(Bags))]
    public async Task Verify_AddedFile_NamesExtraFile(bool bag)
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag);
        File.WriteAllText(Path.Combine(root.Payload, "representations", "rep1", "data", "thêm.txt"), "không có trong METS");

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.False(report.IsValid);
        Assert.Contains(report.Problems, p => p.Code == "file.extra" && p.Path == Data + "thêm.txt");
        Assert.Equal(ArchiveFileStatus.Extra, report.Files.Single(f => f.Path == Data + "thêm.txt").Status);
    }

    [Theory]
    [MemberData(nameof(Bags))]
    public async Task Verify_RenamedFile_NamesOldAndNewName(bool bag)
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag);
        var dir = Path.Combine(root.Payload, "representations", "rep1", "data");
        File.Move(Path.Combine(dir, "Tờ trình số 02.pdf"), Path.Combine(dir, "To trinh 02.pdf"));

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        var renamed = Assert.Single(report.Problems, p => p.Code == "file.renamed");
        Assert.Equal(Data + "To trinh 02.pdf", renamed.Path);
        Assert.Contains("Tờ trình số 02.pdf", renamed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Problems, p => p.Code is "file.missing" or "file.extra");
    }

    [Theory]
    [InlineData("SIZE", "1", "file.size-mismatch")]
    [InlineData("CHECKSUM", "00000000000000000000000000000000000000000000000000000000000000AB", "file.checksum-mismatch")]
    public async Task Verify_EditedMetsEntry_NamesTheFile(string attribute, string value, string code)
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag: false);
        var metsPath = Path.Combine(root.Payload, "representations", "rep1", "METS.xml");
        var mets = XDocument.Load(metsPath);
        var file = mets.Descendants(XName.Get("file", "http://www.loc.gov/METS/")).First();
        file.SetAttributeValue(attribute, value);
        mets.Save(metsPath);

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.False(report.IsValid);
        Assert.True(report.Problems.Any(p => p.Code == code && p.Path == Data + "Quyết định tuyển dụng.pdf"), string.Join("\n", report.Problems));
        // The representation METS itself changed too, and the root METS records its checksum.
        Assert.Contains(report.Problems, p => p.Code is "file.checksum-mismatch" or "file.size-mismatch" && p.Path == "representations/rep1/METS.xml");
    }

    [Fact]
    public async Task Verify_EditedBagManifest_Detected()
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag: true);
        var manifest = Path.Combine(root.Path, "manifest-sha512.txt");
        var lines = File.ReadAllLines(manifest).Where(l => !l.EndsWith("EAD.xml", StringComparison.Ordinal)).ToArray();
        File.WriteAllText(manifest, string.Join("\n", lines) + "\n");

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.False(report.IsIntact);
        Assert.Contains(report.Problems, p => p.Code == "bagit.not-in-manifest" && p.Path == "data/metadata/descriptive/EAD.xml");
        Assert.Contains(report.Problems, p => p.Code == "bagit.checksum-mismatch" && p.Path == "manifest-sha512.txt");
    }

    [Fact]
    public async Task Verify_ZipWithModifiedEntry_NamesTheFile()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        using (var zip = ZipFile.Open(result.OutputPath, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("/data/Tờ trình số 02.pdf", StringComparison.Ordinal));
            var name = entry.FullName;
            entry.Delete();
            using var w = zip.CreateEntry(name).Open();
            w.Write(TestPackages.MinimalPdf("To trinh 2 - sua"));
        }

        var report = await new ArchivePackageVerifier().VerifyAsync(result.OutputPath);

        Assert.False(report.IsValid);
        Assert.Contains(report.Problems, p => p.Path == Data + "Tờ trình số 02.pdf" && p.Code is "file.checksum-mismatch" or "file.size-mismatch");
    }

    [Fact]
    public async Task Verify_InvalidMetadataInPackage_ReportedWithField()
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag: false);
        var eadPath = Path.Combine(root.Payload, "metadata", "descriptive", "EAD.xml");
        var ead = XDocument.Load(eadPath);
        ead.Root!.Element("maintenance")!.Value = "99";
        ead.Save(eadPath);

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.Contains(report.Problems, p => p.Code == "metadata.code-list" && p.Path == "metadata/descriptive/EAD.xml#maintenance");
        Assert.Contains(report.Problems, p => p.Code is "file.checksum-mismatch" or "file.size-mismatch" && p.Path == "metadata/descriptive/EAD.xml");
    }

    [Fact]
    public async Task Verify_MalformedMets_ReportedNotThrown()
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag: false);
        File.WriteAllText(Path.Combine(root.Payload, "METS.xml"), "<mets:mets xmlns:mets='http://www.loc.gov/METS/'><unclosed>");

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.Contains(report.Problems, p => p.Code == "mets.malformed" && p.Path == "METS.xml");
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task Verify_MetsWithDtd_Refused()
    {
        using var tmp = new TempDir();
        var root = await Pack(tmp, bag: false);
        File.WriteAllText(Path.Combine(root.Payload, "METS.xml"), "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>");

        var report = await new ArchivePackageVerifier().VerifyAsync(root.Path);

        Assert.Contains(report.Problems, p => p.Code == "mets.malformed" && p.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase));
    }

    internal static async Task<(string Path, string Payload)> Pack(TempDir tmp, bool bag)
    {
        var result = await TestPackages.Writer(ArchivePackageKind.Sip, bag).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);
        var report = await new ArchivePackageVerifier().VerifyAsync(result.OutputPath);
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        return (result.OutputPath, bag ? Path.Combine(result.OutputPath, "data") : result.OutputPath);
    }
}
