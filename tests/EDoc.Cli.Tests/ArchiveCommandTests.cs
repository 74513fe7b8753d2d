using System.Text.Json;
using EDoc.Interchange.TestSender;
using EDoc.Tests.Support;

namespace EDoc.Cli.Tests;

public sealed class ArchiveCommandTests : IDisposable
{
    private const string Dossier = """
        {
          "agencyName": "Sở Nội vụ tỉnh Nghệ An",
          "submissionAgreement": "TT05-SA-2025-001",
          "dossier": {
            "fileCode": "000.00.00.H41.2025.01.TCCB",
            "title": "Hồ sơ tuyển dụng công chức năm 2025",
            "maintenance": "01", "mode": "01", "language": ["01"],
            "startDate": "2025-01-02", "endDate": "2025-12-30",
            "numberOfPaper": 0, "confidenceLevel": "01", "riskRecovery": false
          },
          "documents": [
            { "file": "Quyết định tuyển dụng.pdf", "ordinal": 1, "docId": "H41-0001", "maintenance": "01", "typeName": "02",
              "codeNumber": "15", "codeNotation": "QĐ-UBND", "issuedDate": "2025-09-10", "organName": "Ủy ban nhân dân tỉnh Nghệ An",
              "subject": "Quyết định về việc tuyển dụng công chức", "language": ["01"], "numberOfPage": 1, "mode": "01",
              "confidenceLevel": "01", "riskRecovery": false, "process": true },
            { "file": "Tờ trình số 02.pdf", "ordinal": 2, "docId": "H41-0002", "maintenance": "01", "typeName": "15",
              "codeNumber": "02", "codeNotation": "TTr-SNV", "issuedDate": "2025-03-05", "organName": "Sở Nội vụ tỉnh Nghệ An",
              "subject": "Tờ trình đề nghị tuyển dụng", "language": ["01"], "numberOfPage": 1, "mode": "01",
              "confidenceLevel": "01", "riskRecovery": false, "process": true }
          ]
        }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "edoc-cli-archive-" + Guid.NewGuid().ToString("N"));

    public ArchiveCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "files"));
        File.WriteAllText(Path.Combine(_dir, "dossier.json"), Dossier);
        File.WriteAllBytes(Path.Combine(_dir, "files", "Quyết định tuyển dụng.pdf"), MinimalPdf.Create("Trang quyet dinh"));
        File.WriteAllBytes(Path.Combine(_dir, "files", "Tờ trình số 02.pdf"), MinimalPdf.Create("Trang to trinh"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("sip", false)]
    [InlineData("aip", true)]
    public async Task PackZip_ThenVerify_ExitsZero(string kind, bool bagit)
    {
        var args = new List<string> { "archive", "pack", "--dossier", P("dossier.json"), "--files", P("files"), "-o", P("out.zip"), "--kind", kind };
        if (bagit)
        {
            args.Add("--bagit");
        }

        var pack = await CliRunner.RunAsync([.. args]);
        var verify = await CliRunner.RunAsync("archive", "verify", P("out.zip"));

        Assert.True(pack.ExitCode == 0, pack.Stderr);
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.StartsWith("OK ", verify.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Json_PrintsOneDocument()
    {
        await PackFolderAsync();

        var result = await CliRunner.RunAsync("archive", "verify", P("out"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("isValid").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("problems").GetArrayLength());
        Assert.Contains(json.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "representations/rep1/data/Tờ trình số 02.pdf");
    }

    [Theory]
    [InlineData("flip", "representations/rep1/data/Tờ trình số 02.pdf", "file.checksum-mismatch")]
    [InlineData("remove", "representations/rep1/data/Quyết định tuyển dụng.pdf", "file.missing")]
    [InlineData("add", "representations/rep1/data/thêm.pdf", "file.extra")]
    [InlineData("rename", "representations/rep1/data/renamed.pdf", "file.renamed")]
    [InlineData("edit-mets", "representations/rep1/data/Quyết định tuyển dụng.pdf", "file.checksum-mismatch")]
    public async Task Verify_AnySingleChange_ExitsOneAndNamesIt(string change, string path, string code)
    {
        var package = await PackFolderAsync();
        var data = Path.Combine(package, "representations", "rep1", "data");
        switch (change)
        {
            case "flip":
                var file = Path.Combine(data, "Tờ trình số 02.pdf");
                var bytes = File.ReadAllBytes(file);
                bytes[10] ^= 0x20;
                File.WriteAllBytes(file, bytes);
                break;
            case "remove":
                File.Delete(Path.Combine(data, "Quyết định tuyển dụng.pdf"));
                break;
            case "add":
                File.WriteAllText(Path.Combine(data, "thêm.pdf"), "%PDF-1.4");
                break;
            case "rename":
                File.Move(Path.Combine(data, "Tờ trình số 02.pdf"), Path.Combine(data, "renamed.pdf"));
                break;
            case "edit-mets":
                var mets = Path.Combine(package, "representations", "rep1", "METS.xml");
                var text = File.ReadAllText(mets);
                var at = text.IndexOf("CHECKSUM=\"", text.IndexOf("<mets:file ", StringComparison.Ordinal), StringComparison.Ordinal) + 10;
                File.WriteAllText(mets, text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..]);
                break;
        }

        var result = await CliRunner.RunAsync("archive", "verify", package);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"[{code}]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_InvalidMetadata_ExitsOneNamingEveryField()
    {
        File.WriteAllText(P("dossier.json"), Dossier.Replace("\"maintenance\": \"01\", \"mode\": \"01\"", "\"maintenance\": \"99\"", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("archive", "pack", "--dossier", P("dossier.json"), "--files", P("files"), "-o", P("out.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("dossier.maintenance", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dossier.mode", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("out.zip")));
    }

    [Fact]
    public async Task Pack_MissingDocumentFile_ExitsOne()
    {
        File.Delete(P("files/Tờ trình số 02.pdf"));

        var result = await CliRunner.RunAsync("archive", "pack", "--dossier", P("dossier.json"), "--files", P("files"), "-o", P("out.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Tờ trình số 02.pdf", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_MalformedJson_ExitsOne()
    {
        File.WriteAllText(P("dossier.json"), "{ \"dossier\": { \"title\": 5 ");

        var result = await CliRunner.RunAsync("archive", "pack", "--dossier", P("dossier.json"), "--files", P("files"), "-o", P("out.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("dossier.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_HostileZip_ExitsOne()
    {
        using (var zip = System.IO.Compression.ZipFile.Open(P("evil.zip"), System.IO.Compression.ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("pkg/../../evil.txt").Open());
            w.Write("x");
        }

        var result = await CliRunner.RunAsync("archive", "verify", P("evil.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("evil.txt", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PdfAndXml_ChronologicalWithIndexPage()
    {
        var package = await PackFolderAsync();

        var result = await CliRunner.RunAsync("archive", "export", package, "--pdf", P("hoso.pdf"), "--xml", P("hoso.xml"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var pdftotext = ExternalTools.Run("pdftotext", P("hoso.pdf"), "-");
        pdftotext.AssertOk();
        var text = pdftotext.Stdout;
        Assert.Contains("MỤC LỤC VĂN BẢN", text, StringComparison.Ordinal);
        Assert.Contains("Hồ sơ tuyển dụng công chức năm 2025", text, StringComparison.Ordinal);
        Assert.Contains("Tờ trình đề nghị tuyển dụng", text, StringComparison.Ordinal);
        var first = text.IndexOf("Trang to trinh", StringComparison.Ordinal);
        var second = text.IndexOf("Trang quyet dinh", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first, "the 2025-03-05 document must come before the 2025-09-10 one:\n" + text);
        var xml = File.ReadAllText(P("hoso.xml"));
        Assert.True(xml.IndexOf("2025-03-05", StringComparison.Ordinal) < xml.IndexOf("2025-09-10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_UnreadablePdf_ExitsOneWithoutPartialFile()
    {
        File.WriteAllText(P("files/Tờ trình số 02.pdf"), "%PDF-1.4 not really a PDF");
        var package = await PackFolderAsync();

        var result = await CliRunner.RunAsync("archive", "export", package, "--pdf", P("hoso.pdf"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Tờ trình số 02.pdf", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("hoso.pdf")));
    }

    [Fact]
    public async Task Export_WithoutOutputs_ExitsTwo()
    {
        var package = await PackFolderAsync();

        var result = await CliRunner.RunAsync("archive", "export", package);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Verify_MissingPackage_ExitsOne()
    {
        var result = await CliRunner.RunAsync("archive", "verify", P("nope.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.zip", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> PackFolderAsync()
    {
        var result = await CliRunner.RunAsync("archive", "pack", "--dossier", P("dossier.json"), "--files", P("files"), "-o", P("out"), "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("outputPath").GetString()!;
    }

    private string P(string relative) => Path.Combine(_dir, relative);
}
