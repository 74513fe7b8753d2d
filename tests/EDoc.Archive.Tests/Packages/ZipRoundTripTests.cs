using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Packages;

public class ZipRoundTripTests
{
    private static readonly string[] VietnameseNames =
    [
        "Quyết định số 15-QĐ-UBND.pdf",
        "Tờ trình về việc đề nghị phê duyệt.pdf",
        "Báo cáo tổng hợp – đợt 1 (bản chính).pdf",
        "Biên bản họp Hội đồng ngày 10.3.pdf",
        "Kế hoạch ứng dụng CNTT năm 2025.docx",
    ];

    [Fact]
    public async Task PackZipExtractVerify_VietnameseNames_SystemIoCompression()
    {
        using var tmp = new TempDir();
        var zip = await PackAsync(tmp);
        ZipFile.ExtractToDirectory(zip.OutputPath, tmp["x"]);

        var report = await new ArchivePackageVerifier().VerifyAsync(Path.Combine(tmp["x"], zip.FolderName));

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        AssertNamesOnDisk(Path.Combine(tmp["x"], zip.FolderName));
    }

    [Fact]
    public async Task PackZipExtractVerify_VietnameseNames_UnzipCommand()
    {
        using var tmp = new TempDir();
        var zip = await PackAsync(tmp);
        Directory.CreateDirectory(tmp["u"]);

        var (exit, output) = Run("unzip", "-q", zip.OutputPath, "-d", tmp["u"]);

        Assert.True(exit == 0, "unzip failed: " + output);
        Assert.Equal([zip.FolderName], Directory.GetDirectories(tmp["u"]).Select(Path.GetFileName));
        var report = await new ArchivePackageVerifier().VerifyAsync(tmp["u"]);
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        AssertNamesOnDisk(Path.Combine(tmp["u"], zip.FolderName));
        Assert.True((await new ArchivePackageVerifier().VerifyAsync(zip.OutputPath)).IsValid);
    }

    [Fact]
    public async Task Verify_NfdCopyOfName_RecognisedAsSameFile()
    {
        using var tmp = new TempDir();
        var zip = await PackAsync(tmp);
        ZipFile.ExtractToDirectory(zip.OutputPath, tmp["x"]);
        var data = Path.Combine(tmp["x"], zip.FolderName, "data", "representations", "rep1", "data");
        var nfc = Path.Combine(data, VietnameseNames[1]);
        var nfd = Path.Combine(data, VietnameseNames[1].Normalize(NormalizationForm.FormD));
        Assert.NotEqual(nfc, nfd);
        File.Move(nfc, nfd);

        var report = await new ArchivePackageVerifier().VerifyAsync(Path.Combine(tmp["x"], zip.FolderName));

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Contains(report.Files, f => f.Path == "representations/rep1/data/" + VietnameseNames[1] && f.Status == ArchiveFileStatus.Intact);
    }

    [Fact]
    public async Task Verify_NfcAndNfdCopiesBothPresent_RefusedAsDuplicate()
    {
        using var tmp = new TempDir();
        var zip = await PackAsync(tmp);
        ZipFile.ExtractToDirectory(zip.OutputPath, tmp["x"]);
        var data = Path.Combine(tmp["x"], zip.FolderName, "data", "representations", "rep1", "data");
        File.Copy(Path.Combine(data, VietnameseNames[0]), Path.Combine(data, VietnameseNames[0].Normalize(NormalizationForm.FormD)));

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(Path.Combine(tmp["x"], zip.FolderName)));

        Assert.Equal(ArchivePackageFormatError.DuplicateName, ex.Error);
        Assert.Contains("normalisation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ZipWithNfdEntryNames_RecognisedAsSameFiles()
    {
        using var tmp = new TempDir();
        var zip = await PackAsync(tmp);
        var nfdZip = tmp["nfd.zip"];
        using (var source = ZipFile.OpenRead(zip.OutputPath))
        using (var target = ZipFile.Open(nfdZip, ZipArchiveMode.Create))
        {
            foreach (var e in source.Entries)
            {
                var copy = target.CreateEntry(e.FullName.Normalize(NormalizationForm.FormD));
                if (!e.FullName.EndsWith('/'))
                {
                    using var r = e.Open();
                    using var w = copy.Open();
                    r.CopyTo(w);
                }
            }
        }

        var report = await new ArchivePackageVerifier().VerifyAsync(nfdZip);

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
    }

    internal static (int Exit, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"The tool '{file}' is missing ({ex.Message}); install the Debian package that provides it (see scripts/test-tools.sh).");
            throw;
        }
    }

    private static async Task<ArchivePackageResult> PackAsync(TempDir tmp)
    {
        var files = VietnameseNames.Select((n, i) => (n, TestPackages.MinimalPdf("Van ban " + i))).ToArray();
        var content = TestPackages.Content(tmp["src"], files);
        return await TestPackages.Writer(ArchivePackageKind.Aip, bag: true).WriteZipAsync(content, tmp["Hồ sơ lưu trữ.zip"]);
    }

    private static void AssertNamesOnDisk(string packageRoot)
    {
        var onDisk = Directory.GetFiles(Path.Combine(packageRoot, "data", "representations", "rep1", "data")).Select(Path.GetFileName).ToHashSet();
        foreach (var name in VietnameseNames)
        {
            Assert.Contains(name.Normalize(NormalizationForm.FormC), onDisk);
        }
    }
}
