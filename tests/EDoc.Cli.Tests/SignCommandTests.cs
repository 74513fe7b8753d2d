using System.Text.Json;
using EDoc.Interchange.TestSender;
using static EDoc.Tests.Support.ExternalTools;

namespace EDoc.Cli.Tests;

/// <summary><c>edoc sign</c>: exit codes, <c>--json</c>, atomic output; pdfsig (NSS db trusting the dev CA) and qpdf judge the result.</summary>
public sealed class SignCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edoc-sign-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private string[] Files() => Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();

    private async Task<string> ArrangeAsync()
    {
        var certs = await CliRunner.RunAsync("dev-certs", "--out", P("certs"));
        Assert.True(certs.ExitCode == 0, certs.Stderr);
        await File.WriteAllBytesAsync(P("in.pdf"), MinimalPdf.Create("Cong van so 12"));
        return P("in.pdf");
    }

    [Fact]
    public async Task Sign_TwoSigners_ExitZeroJsonAndPdfSigValidTrusted()
    {
        string input = await ArrangeAsync();
        byte[] original = await File.ReadAllBytesAsync(input);

        var first = await CliRunner.RunAsync("sign", input, P("s1.pdf"), "--cert", P("certs/signer.pfx"), "--password", "edoc-dev", "--field", "NguoiKy", "--reason", "Phê duyệt", "--location", "Hà Nội", "--json");
        var second = await CliRunner.RunAsync("sign", P("s1.pdf"), P("s2.pdf"), "--cert", P("certs/agency.pfx"), "--field", "CoQuan", "--level", "B-B");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        using (var doc = JsonDocument.Parse(first.Stdout))
        {
            JsonElement root = doc.RootElement;
            Assert.Equal("NguoiKy", root.GetProperty("field").GetString());
            Assert.Equal("B-B", root.GetProperty("level").GetString());
            Assert.Equal(Path.GetFullPath(P("s1.pdf")), root.GetProperty("output").GetString());
            Assert.Equal(original.Length, root.GetProperty("inputSize").GetInt64());
            Assert.Equal(new FileInfo(P("s1.pdf")).Length, root.GetProperty("outputSize").GetInt64());
        }

        Assert.Equal(original, await File.ReadAllBytesAsync(input));
        Assert.Contains("CoQuan", second.Stdout, StringComparison.Ordinal);

        Directory.CreateDirectory(P("nss"));
        Run("certutil", "-N", "-d", "sql:" + P("nss"), "--empty-password").AssertOk();
        Run("certutil", "-A", "-d", "sql:" + P("nss"), "-n", "EDoc Dev CA", "-t", "CT,C,C", "-a", "-i", P("certs/ca.crt")).AssertOk();
        var pdfsig = Run("pdfsig", "-nssdir", "sql:" + P("nss"), P("s2.pdf"));
        Assert.Equal(2, Count(pdfsig.Out, "Signature is Valid."));
        Assert.Equal(2, Count(pdfsig.Out, "Certificate is Trusted."));
        Assert.Equal(1, Count(pdfsig.Out, "Total document signed"));
        Assert.Equal(2, Count(pdfsig.Out, "ETSI.CAdES.detached"));
        Assert.Equal(0, Run("qpdf", "--check", P("s2.pdf")).ExitCode);
        Assert.Equal(["in.pdf", "s1.pdf", "s2.pdf"], Files());
    }

    [Fact]
    public async Task Sign_BaselineTWithoutTsa_ExitTwoAndNoOutput()
    {
        string input = await ArrangeAsync();

        var result = await CliRunner.RunAsync("sign", input, P("out.pdf"), "--cert", P("certs/signer.pfx"), "--level", "B-T");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--tsa", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("out.pdf")));
    }

    [Fact]
    public async Task Sign_UnknownLevel_ExitTwo()
    {
        string input = await ArrangeAsync();

        var result = await CliRunner.RunAsync("sign", input, P("out.pdf"), "--cert", P("certs/signer.pfx"), "--level", "B-X");

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(P("out.pdf")));
    }

    [Fact]
    public async Task Sign_MissingCertOption_ExitTwo()
    {
        string input = await ArrangeAsync();

        var result = await CliRunner.RunAsync("sign", input, P("out.pdf"));

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Sign_WrongPassword_ExitOneNamesPfxAndNoOutput()
    {
        string input = await ArrangeAsync();

        var result = await CliRunner.RunAsync("sign", input, P("out.pdf"), "--cert", P("certs/signer.pfx"), "--password", "sai mật khẩu");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("signer.pfx", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sai mật khẩu", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("out.pdf")));
    }

    [Fact]
    public async Task Sign_GarbageInput_ExitOneNamesFileAndNoOutput()
    {
        await ArrangeAsync();
        await File.WriteAllTextAsync(P("bad.pdf"), "%PDF-1.7 this is not a PDF at all");

        var result = await CliRunner.RunAsync("sign", P("bad.pdf"), P("out.pdf"), "--cert", P("certs/signer.pfx"), "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.pdf", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(["bad.pdf", "in.pdf"], Files());
    }

    [Fact]
    public async Task Sign_MissingInput_ExitOne()
    {
        await ArrangeAsync();

        var result = await CliRunner.RunAsync("sign", P("nothing.pdf"), P("out.pdf"), "--cert", P("certs/signer.pfx"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing.pdf", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_UnreachableTsa_ExitOneAndNoOutput()
    {
        string input = await ArrangeAsync();

        var result = await CliRunner.RunAsync("sign", input, P("out.pdf"), "--cert", P("certs/clerk.pfx"), "--level", "B-T", "--tsa", "http://127.0.0.1:9/");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TSA", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("out.pdf")));
        Assert.Equal(["in.pdf"], Files());
    }

    [Fact]
    public async Task Sign_SameInputAndOutput_ExitTwo()
    {
        string input = await ArrangeAsync();
        byte[] before = await File.ReadAllBytesAsync(input);

        var result = await CliRunner.RunAsync("sign", input, input, "--cert", P("certs/signer.pfx"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(input));
    }
}
