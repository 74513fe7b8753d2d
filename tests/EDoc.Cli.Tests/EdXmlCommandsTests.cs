using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;

namespace EDoc.Cli.Tests;

public sealed class EdXmlCommandsTests : IDisposable
{
    // A real two-page PDF: the example header declares pageAmount 2, and validate counts the real pages.
    private static readonly byte[] Pdf = EDoc.Interchange.TestSender.MinimalPdf.Create("123/UBND-VX", pages: 2);
    private readonly string _dir;

    public EdXmlCommandsTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), "edoc-cli-edxml", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        File.WriteAllText(P("header.json"), ExampleHeaderFromDocs());
        File.WriteAllBytes(P("123-UBND-VX.pdf"), Pdf);
        File.WriteAllText(P("phu-luc.txt"), "Phụ lục I");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Pack_DocumentedExampleHeader_WritesAPackageTheReaderAccepts()
    {
        var result = await CliRunner.RunAsync("edxml", "pack", "--header", P("header.json"), "--attach", P("123-UBND-VX.pdf"), P("phu-luc.txt"), "-o", P("out.edxml"));

        Assert.Equal(0, result.ExitCode);
        var package = Assert.IsType<EdocPackage>(await new EdXmlReader().ReadFileAsync(P("out.edxml"), new EdXmlMemoryAttachmentSink()));
        Assert.Equal("000.00.00.H41,2024/05/06,123/UBND-VX", package.MessageHeader.DocumentId!.ToString());
        Assert.Equal(new[] { "123-UBND-VX.pdf", "phu-luc.txt" }, package.Attachments.Select(a => a.AttachmentName));
        Assert.Equal("application/pdf", package.Attachments[0].ContentType);
        Assert.Equal(EdXmlBusinessDocType.New, package.TraceHeaderList!.Business!.BusinessDocType);
        Assert.Equal("000.00.00.H41", package.TraceHeaderList.TraceHeaders.Single().OrganId);
        Assert.Null(package.Signature);
    }

    [Fact]
    public async Task Pack_HeaderWithTypoAndInvalidValues_ExitsOneAndWritesNothing()
    {
        await File.WriteAllTextAsync(P("bad.json"), """{ "from": { "organId": "000.00.00.H41" }, "subjcet": "x" }""");

        var result = await CliRunner.RunAsync("edxml", "pack", "--header", P("bad.json"), "-o", P("bad.edxml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("subjcet", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("bad.edxml")));
    }

    [Fact]
    public async Task Pack_ControlCharacterInSubject_ExitsOneAndWritesNothing()
    {
        await File.WriteAllTextAsync(P("ctl.json"), ExampleHeaderFromDocs().Replace("V/v triển khai", "V/v \\u0001 triển khai", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("edxml", "pack", "--header", P("ctl.json"), "-o", P("ctl.edxml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ctl.json", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("ctl.edxml")));
        Assert.Empty(Directory.GetFiles(_dir, ".ctl.edxml*"));
    }

    [Fact]
    public async Task Pack_HeaderMissingRequiredElements_ListsProblemsWithPathsAndWritesNothing()
    {
        await File.WriteAllTextAsync(P("bad.json"), """{ "from": { "organId": "000.00.00.H41" }, "otherInfo": { "priority": 9 } }""");

        var result = await CliRunner.RunAsync("edxml", "pack", "--header", P("bad.json"), "-o", P("bad.edxml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MessageHeader.Subject", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("MessageHeader.OtherInfo.Priority", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("MessageHeader.To", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("bad.edxml")));
    }

    [Fact]
    public async Task PackWithSign_Pfx_ProducesAValidSignatureThatInspectReports()
    {
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Văn thư, O=UBND tỉnh Nghệ An, C=VN", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(P("signer.pfx"), certificate.Export(X509ContentType.Pfx, "secret-1"));
        }

        var pack = await CliRunner.RunAsync("edxml", "pack", "--header", P("header.json"), "--attach", P("123-UBND-VX.pdf"), "-o", P("signed.edxml"), "--sign", P("signer.pfx"), "--password", "secret-1");
        var inspect = await CliRunner.RunAsync("edxml", "inspect", P("signed.edxml"), "--json");
        var wrongPassword = await CliRunner.RunAsync("edxml", "pack", "--header", P("header.json"), "-o", P("x.edxml"), "--sign", P("signer.pfx"), "--password", "nope");

        Assert.Equal(0, pack.ExitCode);
        var verified = await new EdXmlSignatureVerifier().VerifyAsync(File.OpenRead(P("signed.edxml")));
        Assert.Equal(EdXmlSignatureStatus.Valid, verified.Status);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Equal("valid", JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("signature").GetProperty("status").GetString());
        Assert.Equal(1, wrongPassword.ExitCode);
        Assert.DoesNotContain("nope", wrongPassword.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("x.edxml")));
    }

    [Fact]
    public async Task Inspect_Json_PrintsOneDocumentWithHeaderAndAttachments()
    {
        await PackAsync();

        var result = await CliRunner.RunAsync("edxml", "inspect", P("out.edxml"), "--json");

        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("edoc", root.GetProperty("kind").GetString());
        Assert.Equal("V/v triển khai văn bản điện tử liên thông", root.GetProperty("messageHeader").GetProperty("subject").GetString());
        var attachment = root.GetProperty("attachments")[0];
        Assert.Equal(Pdf.Length, attachment.GetProperty("length").GetInt64());
        Assert.Equal("not-signed", root.GetProperty("signature").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Inspect_Text_ShowsTheMainFields()
    {
        await PackAsync();

        var result = await CliRunner.RunAsync("edxml", "inspect", P("out.edxml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("000.00.00.H41,2024/05/06,123/UBND-VX", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("123-UBND-VX.pdf", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ValidPackage_ExitsZero()
    {
        await PackAsync();

        var result = await CliRunner.RunAsync("edxml", "validate", P("out.edxml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidPackage_ExitsOneAndListsErrorsWithPaths()
    {
        await PackAsync();
        var text = await File.ReadAllTextAsync(P("out.edxml"));
        text = text.Replace("<edXML:Type>1</edXML:Type>", "<edXML:Type>7</edXML:Type>", StringComparison.Ordinal)
            .Replace("<edXML:PromulgationDate>2024/05/06</edXML:PromulgationDate>", "<edXML:PromulgationDate>2024/02/31</edXML:PromulgationDate>", StringComparison.Ordinal);
        text = Regex.Replace(text, "<ContentId>cid:att1</ContentId>", "<ContentId>cid:other</ContentId>");
        await File.WriteAllTextAsync(P("bad.edxml"), text);

        var result = await CliRunner.RunAsync("edxml", "validate", P("bad.edxml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MessageHeader.DocumentType.Type", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("MessageHeader.PromulgationInfo.PromulgationDate", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("edXMLManifest.Reference[0].ContentId", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("invalid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_XxePackage_ExitsOneWithATypedMessage()
    {
        await File.WriteAllTextAsync(P("xxe.edxml"), "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><edXML>&x;</edXML>");

        var result = await CliRunner.RunAsync("edxml", "validate", P("xxe.edxml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("DTD", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_Package_WritesTheAttachments()
    {
        await PackAsync();

        var result = await CliRunner.RunAsync("edxml", "extract", P("out.edxml"), "--out", P("received"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(P("received/123-UBND-VX.pdf")));
        Assert.Equal("Phụ lục I", await File.ReadAllTextAsync(P("received/phu-luc.txt")));
    }

    [Fact]
    public async Task Extract_TraversalName_ExitsOneAndWritesNothing()
    {
        var package = new EdocPackage { MessageHeader = EdXmlJson.DeserializeMessageHeader(ExampleHeaderFromDocs()) };
        package.AddAttachment(EdXmlAttachment.FromBytes("../../etc/passwd", Pdf, "application/pdf"));
        await new EdXmlWriter(new EdXmlWriterOptions { FormatInspector = null }).WriteToFileAsync(package, P("evil.edxml")); // a hostile sender skips the check

        var result = await CliRunner.RunAsync("edxml", "extract", P("evil.edxml"), "--out", P("received"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("../../etc/passwd", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(P("received")));
    }

    [Fact]
    public async Task Status_ForReceivedPackage_WritesAStatusThatQuotesTheDocument()
    {
        await PackAsync();

        var result = await CliRunner.RunAsync("edxml", "status", "--for", P("out.edxml"), "--code", "03", "--from", "000.00.00.G22", "-o", P("status.edxml"));

        Assert.Equal(0, result.ExitCode);
        var status = Assert.IsType<StatusPackage>(await new EdXmlReader().ReadFileAsync(P("status.edxml")));
        Assert.Equal(EdXmlStatusCode.Accepted, status.Status.StatusCode);
        Assert.Equal("000.00.00.G22", status.Status.From!.OrganId);
        Assert.Equal("123/UBND-VX", status.Status.ResponseFor!.Code);
        Assert.Equal("000.00.00.H41,2024/05/06,123/UBND-VX", status.Status.ResponseFor.DocumentId!.ToString());
        Assert.Equal("Đã tiếp nhận", status.Status.Description);
        Assert.Equal(0, (await CliRunner.RunAsync("edxml", "validate", P("status.edxml"))).ExitCode);
    }

    [Theory]
    [InlineData("07")]
    [InlineData("xx")]
    public async Task Status_UnknownCode_ExitsTwo(string code)
    {
        await PackAsync();

        var result = await CliRunner.RunAsync("edxml", "status", "--for", P("out.edxml"), "--code", code, "--from", "000.00.00.G22", "-o", P("status.edxml"));

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(P("status.edxml")));
    }

    [Fact]
    public async Task Pack_ExeRenamedPdf_ExitsOneWithTheReasonAndWritesNothing()
    {
        await File.WriteAllBytesAsync(P("phu-luc.pdf"), [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

        var result = await CliRunner.RunAsync("edxml", "pack", "--header", P("header.json"), "--attach", P("123-UBND-VX.pdf"), P("phu-luc.pdf"), "-o", P("out.edxml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AttachmentEncoded.Attachment[1]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("phu-luc.pdf", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Windows executable", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("out.edxml")));
    }

    [Fact]
    public async Task Validate_ReceivedExeRenamedPdf_ExitsOneAndNamesTheAttachment()
    {
        var package = new EdocPackage { MessageHeader = EdXmlJson.DeserializeMessageHeader(ExampleHeaderFromDocs()) };
        package.AddAttachment(EdXmlAttachment.FromBytes("123-UBND-VX.pdf", new byte[] { (byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00 }, "application/pdf"));
        await new EdXmlWriter(new EdXmlWriterOptions { FormatInspector = null }).WriteToFileAsync(package, P("exe.edxml")); // a sender without the check

        var result = await CliRunner.RunAsync("edxml", "validate", P("exe.edxml"), "--json");

        Assert.Equal(1, result.ExitCode);
        var problem = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("problems").EnumerateArray()
            .Single(p => p.GetProperty("path").GetString() == "AttachmentEncoded.Attachment[0]" && p.GetProperty("code").GetString()!.StartsWith("attachment.format", StringComparison.Ordinal));
        Assert.Equal("attachment.format.content-not-allowed", problem.GetProperty("code").GetString());
        Assert.Contains("Windows executable", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_MissingRequiredOption_ExitsTwo()
    {
        var result = await CliRunner.RunAsync("edxml", "pack", "--header", P("header.json"));

        Assert.Equal(2, result.ExitCode);
    }

    private async Task PackAsync()
    {
        var result = await CliRunner.RunAsync("edxml", "pack", "--header", P("header.json"), "--attach", P("123-UBND-VX.pdf"), P("phu-luc.txt"), "-o", P("out.edxml"));
        Assert.Equal(0, result.ExitCode);
    }

    private string P(string name) => Path.Combine(_dir, name);

    /// <summary>The JSON example of docs/edxml-header-json.md, so that the documented example is tested.</summary>
    private static string ExampleHeaderFromDocs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EDocSdk.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var doc = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "edxml-header-json.md"));
        return Regex.Match(doc, "```json\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
    }
}
