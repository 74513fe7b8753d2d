using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static EDoc.Tests.Support.ExternalTools;

namespace EDoc.Cli.Tests;

/// <summary>
/// <c>edoc demo</c>, the main job: the whole story runs on embedded defaults into a temporary folder, every verdict is
/// positive, every promised file is there, and independent judges agree (pdfsig with an NSS db trusting the written
/// <c>ca.crt</c>, qpdf, the PNG preview, the archive packages re-verified by <c>edoc archive verify</c>).
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edoc-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Demo_FreshFolder_EveryVerdictPositiveAndFilesJudgedValid()
    {
        string output = P("out");

        var run = await CliRunner.RunAsync("demo", "--out", output, "--json");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.True(checks.Count >= 12, $"only {checks.Count} verdicts");
        Assert.All(checks, c => Assert.True(c.GetProperty("ok").GetBoolean(), c.GetProperty("step").GetString() + ": " + c.GetProperty("detail").GetString()));
        foreach (string step in new[] { "sender: signed document", "recipient: edXML signature", "recipient: page count", "sender: status 01", "sender: status 03", "archive: UBND", "archive: Sở" })
        {
            Assert.Contains(checks, c => c.GetProperty("step").GetString()!.StartsWith(step, StringComparison.Ordinal));
        }

        JsonElement numbers = root.GetProperty("numbers");
        Assert.Matches(@"^\d{2,}/QĐ-UBND$", numbers.GetProperty("outgoingNumber").GetString());
        Assert.Matches(@"^\d{2,}$", numbers.GetProperty("arrivalNumber").GetString());
        foreach (string name in new[] { "ca.crt", "signed.pdf", "annex-signed.pdf", "signed-page1.png", "document.edxml", "status-01.edxml", "status-03.edxml", "archive/ubnd-sip.zip", "archive/so-sip.zip", "demo-result.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, name)), name + " is missing");
        }

        using (var written = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "demo-result.json"))))
        {
            Assert.True(written.RootElement.GetProperty("ok").GetBoolean());
        }

        // pdfsig, trusting only the CA the demo wrote: the signer's and the agency's signatures are valid.
        Directory.CreateDirectory(P("nss"));
        Run("certutil", "-N", "-d", "sql:" + P("nss"), "--empty-password").AssertOk();
        Run("certutil", "-A", "-d", "sql:" + P("nss"), "-n", "EDoc Demo CA", "-t", "CT,C,C", "-a", "-i", Path.Combine(output, "ca.crt")).AssertOk();
        var pdfsig = Run("pdfsig", "-nssdir", "sql:" + P("nss"), Path.Combine(output, "signed.pdf"));
        Assert.True(Count(pdfsig.Out, "Signature is Valid.") == 2, pdfsig.Out);
        Assert.True(Count(pdfsig.Out, "Certificate is Trusted.") == 2, pdfsig.Out);
        Assert.Equal(1, Count(pdfsig.Out, "Total document signed"));
        var annex = Run("pdfsig", "-nssdir", "sql:" + P("nss"), Path.Combine(output, "annex-signed.pdf"));
        Assert.True(Count(annex.Out, "Signature is Valid.") == 1, annex.Out);
        // qpdf: no error; its only warnings are PDFsharp's unterminated Flate streams in the draft (known, harmless).
        var qpdf = Run("qpdf", "--check", Path.Combine(output, "signed.pdf"));
        Assert.True(qpdf.ExitCode is 0 or 3, qpdf.Out);
        Assert.All(qpdf.Out.Split("WARNING:").Skip(1), l => Assert.Contains("input stream is complete but output may still be valid", l, StringComparison.Ordinal));

        // The number and date the clerk filled are in the text of the signed page.
        var text = Run("pdftotext", "-enc", "UTF-8", Path.Combine(output, "signed.pdf"), "-");
        Assert.Contains("Số: " + numbers.GetProperty("outgoingNumber").GetString(), text.Out, StringComparison.Ordinal);
        Assert.Contains("KHẨN", text.Out, StringComparison.Ordinal);

        // The annex carries the agency's text block (the document's number); the preview shows the blue signature and the red seal.
        var annexText = Run("pdftotext", "-enc", "UTF-8", Path.Combine(output, "annex-signed.pdf"), "-");
        Assert.Contains(numbers.GetProperty("outgoingNumber").GetString()!, annexText.Out, StringComparison.Ordinal);
        using (var preview = Image.Load<Rgba32>(Path.Combine(output, "signed-page1.png")))
        {
            int blue = 0, red = 0;
            preview.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                {
                    foreach (Rgba32 p in rows.GetRowSpan(y))
                    {
                        blue += p.B > 150 && p.R < 110 && p.G < 110 ? 1 : 0;
                        red += p.R > 150 && p.G < 100 && p.B < 100 ? 1 : 0;
                    }
                }
            });
            Assert.True(blue > 500, $"{blue} blue pixels: no visible signer image");
            Assert.True(red > 2500, $"{red} red pixels: no visible seal");
        }

        var archive = await CliRunner.RunAsync("archive", "verify", Path.Combine(output, "archive", "so-sip.zip"));
        Assert.True(archive.ExitCode == 0, archive.Stdout + archive.Stderr);
    }

    [Fact]
    public async Task Demo_OutIsAFile_ExitsOneNamingIt()
    {
        string file = P("taken");
        await File.WriteAllTextAsync(file, "x");

        var run = await CliRunner.RunAsync("demo", "--out", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(file, run.Stderr, StringComparison.Ordinal);
    }
}
