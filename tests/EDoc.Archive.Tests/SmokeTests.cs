using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests;

public class SmokeTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task PackThenVerify_Untouched_IsValid(bool zip, bool bag)
    {
        using var tmp = new TempDir();
        var content = TestPackages.DefaultContent(tmp["src"]);
        var writer = TestPackages.Writer(ArchivePackageKind.Aip, bag, new FakeEvidenceProvider());

        var result = zip ? await writer.WriteZipAsync(content, tmp["out.zip"]) : await writer.WriteFolderAsync(content, tmp["out"]);
        var report = await new ArchivePackageVerifier().VerifyAsync(result.OutputPath);

        Assert.True(report.IsValid, string.Join("\n", report.Problems.Select(p => $"{p.Severity} {p.Path} {p.Code} {p.Message}")));
        Assert.Empty(report.Problems);
    }
}
