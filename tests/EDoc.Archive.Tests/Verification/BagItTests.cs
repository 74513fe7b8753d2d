using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Verification;

/// <summary>The bag is checked against the rules of RFC 8493 by hand (no bagit tool is available here).</summary>
public class BagItTests
{
    [Fact]
    public async Task Bag_FollowsRfc8493()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer(ArchivePackageKind.Aip, bag: true).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);
        var bag = result.OutputPath;

        // §2.1.1 bag declaration: exactly these two lines, UTF-8, LF.
        Assert.Equal("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", File.ReadAllText(Path.Combine(bag, "bagit.txt")));
        // §2.1.2 payload directory.
        Assert.True(Directory.Exists(Path.Combine(bag, "data")));
        // Only tag files and data/ at the top.
        Assert.Equal(["bag-info.txt", "bagit.txt", "data", "manifest-sha512.txt", "tagmanifest-sha512.txt"], Directory.GetFileSystemEntries(bag).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // §2.1.3 payload manifest: "checksum<space(s)>data/path", every payload file exactly once, checksums right.
        var payload = Directory.GetFiles(Path.Combine(bag, "data"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(bag, f).Replace('\\', '/')).ToHashSet();
        var manifest = File.ReadAllLines(Path.Combine(bag, "manifest-sha512.txt"), Encoding.UTF8);
        Assert.Equal(payload.Count, manifest.Length);
        foreach (var line in manifest)
        {
            var m = Regex.Match(line, "^([0-9a-f]{128}) +(data/.+)$");
            Assert.True(m.Success, line);
            Assert.Contains(m.Groups[2].Value, payload);
            Assert.Equal(m.Groups[1].Value, Convert.ToHexStringLower(SHA512.HashData(File.ReadAllBytes(Path.Combine(bag, m.Groups[2].Value)))));
        }

        // §2.2.2 bag-info.txt: label: value lines; Payload-Oxum = octets.count; Bagging-Date YYYY-MM-DD.
        var info = File.ReadAllLines(Path.Combine(bag, "bag-info.txt")).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        var octets = payload.Sum(p => new FileInfo(Path.Combine(bag, p)).Length);
        Assert.Equal($"{octets}.{payload.Count}", info["Payload-Oxum"]);
        Assert.Equal("2026-11-24", info["Bagging-Date"]);
        Assert.Equal(result.PackageId, info["External-Identifier"]);

        // §2.2.1 tag manifest covers the tag files (not itself) with correct checksums.
        var tags = File.ReadAllLines(Path.Combine(bag, "tagmanifest-sha512.txt")).Select(l => Regex.Match(l, "^([0-9a-f]{128}) +(.+)$")).ToList();
        Assert.Equal(["bag-info.txt", "bagit.txt", "manifest-sha512.txt"], tags.Select(t => t.Groups[2].Value).Order(StringComparer.Ordinal));
        Assert.All(tags, t => Assert.Equal(t.Groups[1].Value, Convert.ToHexStringLower(SHA512.HashData(File.ReadAllBytes(Path.Combine(bag, t.Groups[2].Value))))));
    }

    [Fact]
    public async Task Verify_WrongPayloadOxum_Reported()
    {
        using var tmp = new TempDir();
        var package = await TamperTests.Pack(tmp, bag: true);
        var infoPath = Path.Combine(package.Path, "bag-info.txt");
        File.WriteAllText(infoPath, Regex.Replace(File.ReadAllText(infoPath), @"Payload-Oxum: \d+\.(\d+)", "Payload-Oxum: 1.$1"));

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        Assert.Contains(report.Problems, p => p.Code == "bagit.oxum");
        Assert.Contains(report.Problems, p => p.Code == "bagit.checksum-mismatch" && p.Path == "bag-info.txt");
        Assert.False(report.IsIntact);
    }

    [Fact]
    public async Task Verify_BadDeclaration_Reported()
    {
        using var tmp = new TempDir();
        var package = await TamperTests.Pack(tmp, bag: true);
        File.WriteAllText(Path.Combine(package.Path, "bagit.txt"), "BagIt-Version: 1.0\n");

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        Assert.Contains(report.Problems, p => p.Code == "bagit.declaration");
    }

    [Fact]
    public async Task Verify_ConsistentlyForgedMets_CaughtByPremisFixity()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer(ArchivePackageKind.Aip).WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), tmp["out"]);
        var file = Path.Combine(result.OutputPath, "representations", "rep1", "data", "Tờ trình số 02.pdf");
        var original = File.ReadAllBytes(file);
        var forged = TestPackages.MinimalPdf("Forged!!!!");
        File.WriteAllBytes(file, forged);
        // A forger rewrites the representation METS and the root METS so that METS agrees with the new file.
        var repMets = Path.Combine(result.OutputPath, "representations", "rep1", "METS.xml");
        var repText = File.ReadAllText(repMets).Replace(Convert.ToHexString(SHA256.HashData(original)), Convert.ToHexString(SHA256.HashData(forged)), StringComparison.Ordinal)
            .Replace($"SIZE=\"{original.Length}\"", $"SIZE=\"{forged.Length}\"", StringComparison.Ordinal);
        File.WriteAllText(repMets, repText);
        var repBytes = File.ReadAllBytes(repMets);
        var rootMets = Path.Combine(result.OutputPath, "METS.xml");
        var root = System.Xml.Linq.XDocument.Load(rootMets);
        var entry = root.Descendants(System.Xml.Linq.XName.Get("file", "http://www.loc.gov/METS/")).Single(f => (string?)f.Attribute("ID") == "rep1-mets");
        entry.SetAttributeValue("CHECKSUM", Convert.ToHexString(SHA256.HashData(repBytes)));
        entry.SetAttributeValue("SIZE", repBytes.Length);
        root.Save(rootMets);

        var report = await new ArchivePackageVerifier().VerifyAsync(result.OutputPath);

        Assert.Contains(report.Problems, p => p.Code == "premis.fixity-mismatch" && p.Path == "representations/rep1/data/Tờ trình số 02.pdf");
        Assert.False(report.IsValid);
    }
}
