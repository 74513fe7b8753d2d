using System.Globalization;
using System.Text.Json;
using EDoc.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace EDoc.Cli.Tests;

/// <summary>A LibreOffice draft with Vietnamese text, development certificates, an NSS db trusting their CA, and images.</summary>
public sealed class AppearanceCliFixture : IDisposable
{
    public AppearanceCliFixture()
    {
        Dir = Directory.CreateTempSubdirectory("edoc-appearance-cli-").FullName;
        var certs = CliRunner.RunAsync("dev-certs", "--out", P("certs")).GetAwaiter().GetResult();
        Assert.True(certs.ExitCode == 0, certs.Stderr);
        Directory.CreateDirectory(P("nss"));
        ExternalTools.Run("certutil", "-N", "-d", "sql:" + P("nss"), "--empty-password").AssertOk();
        ExternalTools.Run("certutil", "-A", "-d", "sql:" + P("nss"), "-n", "EDoc Dev CA", "-t", "CT,C,C", "-a", "-i", P("certs/ca.crt")).AssertOk();
        File.WriteAllBytes(P("chu-ky.jpg"), SignatureJpeg());
        File.WriteAllBytes(P("con-dau.png"), SealPng());
        File.WriteAllText(P("draft.fodt"), Fodt);
        ExternalTools.Run("soffice", "-env:UserInstallation=file://" + P("lo-profile"), "--headless", "--convert-to", "pdf", "--outdir", Dir, P("draft.fodt"));
        Assert.True(File.Exists(P("draft.pdf")), "LibreOffice did not produce draft.pdf");
    }

    public string Dir { get; }

    public string P(string name) => Path.Combine(Dir, name);

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    private const string Fodt = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
         <office:body><office:text>
          <text:p>ỦY BAN NHÂN DÂN TỈNH NGHỆ AN</text:p>
          <text:p>Số:</text:p>
          <text:p/><text:p/><text:p/>
          <text:p>Nghệ An,</text:p>
          <text:p>QUYẾT ĐỊNH về việc ban hành quy chế công tác văn thư</text:p>
          <text:p/>
          <text:p><text:s text:c="80"/>KT. CHỦ TỊCH</text:p>
          <text:p><text:s text:c="80"/>PHÓ CHỦ TỊCH</text:p>
          <text:p/><text:p/><text:p/><text:p/><text:p/><text:p/>
          <text:p><text:s text:c="80"/>Nguyễn Văn An</text:p>
         </office:text></office:body>
        </office:document>
        """;

    private static byte[] SignatureJpeg()
    {
        using var img = new Image<Rgba32>(600, 240, new Rgba32(255, 255, 255));
        for (int x = 40; x < 560; x++)
        {
            double t = (x - 40) / 520.0;
            int yc = (int)(120 + (Math.Sin(t * Math.PI * 5) * 60));
            for (int dy = -5; dy <= 5; dy++)
            {
                img[x, yc + dy] = new Rgba32(20, 25, 60);
            }
        }

        using var ms = new MemoryStream();
        img.Save(ms, new JpegEncoder { Quality = 90 });
        return ms.ToArray();
    }

    private static byte[] SealPng()
    {
        const int size = 400;
        using var img = new Image<Rgba32>(size, size, new Rgba32(0, 0, 0, 0));
        double c = (size - 1) / 2.0, r = size / 2.0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double d = Math.Sqrt(((x - c) * (x - c)) + ((y - c) * (y - c)));
                if ((d <= r && d >= r * 0.88) || Math.Abs(x - c) + Math.Abs(y - c) < r * 0.25)
                {
                    img[x, y] = new Rgba32(200, 30, 30, 255);
                }
            }
        }

        using var ms = new MemoryStream();
        img.Save(ms, new PngEncoder());
        return ms.ToArray();
    }
}

/// <summary>
/// <c>edoc sign --image/--seal</c>, <c>edoc stamp-urgency</c>, <c>edoc issue-fields</c>, <c>edoc sign-attachment</c> and
/// <c>edoc issue</c>, judged by pdfsig (NSS db trusting the dev CA), pdftotext, pdftoppm pixels and <c>edoc verify --json</c>.
/// </summary>
public sealed class AppearanceCommandTests(AppearanceCliFixture fx) : IClassFixture<AppearanceCliFixture>, IDisposable
{
    private const int Dpi = 150;
    private readonly string _dir = Directory.CreateTempSubdirectory("edoc-appearance-case-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string P(string name) => Path.Combine(_dir, name);

    private string Cert(string name) => fx.P("certs/" + name + ".pfx");

    [Fact]
    public async Task SignImageRectMmThenSeal_BlueSignatureRedSealAtRealSizeOverTheLeftThird()
    {
        // Act: the signer (60×25 mm box at 110,40 mm on the last page), then the agency seal (36 mm) placed automatically.
        var signer = await CliRunner.RunAsync("sign", fx.P("draft.pdf"), P("signed.pdf"), "--cert", Cert("signer"), "--image", fx.P("chu-ky.jpg"), "--page", "last", "--rect", "110,40,60,25", "--unit", "mm", "--json");
        var seal = await CliRunner.RunAsync("sign", P("signed.pdf"), P("sealed.pdf"), "--cert", Cert("agency"), "--seal", fx.P("con-dau.png"), "--seal-diameter-mm", "36");

        // Assert
        Assert.True(signer.ExitCode == 0, signer.Stderr);
        Assert.True(seal.ExitCode == 0, seal.Stderr);
        using (var doc = JsonDocument.Parse(signer.Stdout))
        {
            Assert.Equal("image", doc.RootElement.GetProperty("appearance").GetString());
        }

        Assert.Contains("seal", seal.Stdout, StringComparison.Ordinal);
        AssertPdfSigValid(P("sealed.pdf"), 2);
        using Image<Rgba32> page = Render(P("sealed.pdf"));
        var blue = Extent(page, (0, 0, page.Width, page.Height), IsBlue);
        var red = Extent(page, (0, 0, page.Width, page.Height), IsRed);
        Assert.NotNull(blue);
        Assert.NotNull(red);
        double mm = Dpi / 25.4;
        double pageHeightMm = page.Height / mm;

        // The blue ink is inside the requested box (110,40 60×25 mm from the bottom-left).
        Assert.InRange(blue.Value.X0 / mm, 109, 171);
        Assert.InRange(blue.Value.X1 / mm, 109, 171);
        Assert.InRange(pageHeightMm - (blue.Value.Y1 / mm), 39, 66);
        Assert.InRange(pageHeightMm - (blue.Value.Y0 / mm), 39, 66);

        // The seal: 36 mm within 2 %, covering 25–40 % of the signature from its left edge, the rest still blue.
        Assert.InRange((red.Value.X1 - red.Value.X0) / mm, 36 * 0.98, 36 * 1.02);
        Assert.InRange((red.Value.Y1 - red.Value.Y0) / mm, 36 * 0.98, 36 * 1.02);
        double covered = (red.Value.X1 - blue.Value.X0) / (double)(blue.Value.X1 - blue.Value.X0);
        Assert.InRange(covered, 0.25, 0.40);
        int rightBlue = Count(page, (red.Value.X1 + 2, blue.Value.Y0, blue.Value.X1, blue.Value.Y1), IsBlue);
        Assert.True(rightBlue > 300, $"the right part of the signature must stay visible ({rightBlue} blue pixels)");
    }

    [Fact]
    public async Task SignImageAtAnchor_KeepColors_InkKeepsItsColourAboveTheName()
    {
        var result = await CliRunner.RunAsync("sign", fx.P("draft.pdf"), P("anchored.pdf"), "--cert", Cert("signer"), "--image", fx.P("chu-ky.jpg"), "--anchor", "Nguyễn Văn An", "--keep-colors");

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertPdfSigValid(P("anchored.pdf"), 1);
        using Image<Rgba32> page = Render(P("anchored.pdf"));
        Assert.Equal(0, Count(page, (0, 0, page.Width, page.Height), IsBlue));
        Assert.True(Count(page, (0, 0, page.Width, page.Height), p => p.R < 60 && p.G < 60 && p.B > 40 && p.B < 100) > 300, "the original dark ink expected");
    }

    [Fact]
    public async Task StampUrgency_Draft_ThuongKhanRedUnderTheNumberLineAndExactText()
    {
        var result = await CliRunner.RunAsync("stamp-urgency", fx.P("draft.pdf"), P("urgent.pdf"), "--level", "thuong-khan");

        Assert.True(result.ExitCode == 0, result.Stderr);
        string text = ExternalTools.Run("pdftotext", "-enc", "UTF-8", P("urgent.pdf"), "-").Out;
        Assert.Contains("THƯỢNG KHẨN", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Số:", StringComparison.Ordinal) < text.IndexOf("THƯỢNG KHẨN", StringComparison.Ordinal), "the stamp goes under the number line");
        using Image<Rgba32> page = Render(P("urgent.pdf"));
        var red = Extent(page, (0, 0, page.Width, page.Height), IsRed);
        Assert.NotNull(red);
        Assert.InRange((red.Value.X1 - red.Value.X0) / (Dpi / 25.4), 39, 41);
        Assert.Equal(0, ExternalTools.Run("qpdf", "--check", P("urgent.pdf")).ExitCode);
    }

    [Fact]
    public async Task StampUrgency_UnknownLevel_ExitTwoNoOutput()
    {
        var result = await CliRunner.RunAsync("stamp-urgency", fx.P("draft.pdf"), P("x.pdf"), "--level", "rat-khan");

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(P("x.pdf")));
    }

    [Fact]
    public async Task SignAttachment_Number_TextBlockTopRightExactVietnameseAndPdfSigValid()
    {
        var result = await CliRunner.RunAsync("sign-attachment", fx.P("draft.pdf"), P("phu-luc.pdf"), "--cert", Cert("agency"), "--number", "08/2018/QĐ-UBND", "--agency", "Ủy ban nhân dân tỉnh Nghệ An", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        AssertPdfSigValid(P("phu-luc.pdf"), 1);
        string text = ExternalTools.Run("pdftotext", "-enc", "UTF-8", P("phu-luc.pdf"), "-").Out;
        Assert.Contains("Số: 08/2018/QĐ-UBND", text, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân tỉnh Nghệ An", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Stdout);
        DateTimeOffset time = doc.RootElement.GetProperty("signingTime").GetDateTimeOffset();
        Assert.Contains("Thời gian ký: " + time.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Equal("text-block", doc.RootElement.GetProperty("appearance").GetString());
    }

    [Fact]
    public async Task SignAttachment_NoNumber_ExitTwo()
    {
        var result = await CliRunner.RunAsync("sign-attachment", fx.P("draft.pdf"), P("x.pdf"), "--cert", Cert("agency"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--number", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--image", "IMG", "--seal", "IMG")]
    [InlineData("--image", "IMG")]
    [InlineData("--rect", "1,2,3,4")]
    [InlineData("--image", "IMG", "--rect", "1,2,3")]
    [InlineData("--image", "IMG", "--rect", "1,2,3,4", "--page", "0")]
    public async Task Sign_InconsistentVisibleOptions_ExitTwoNoOutput(params string[] extra)
    {
        string[] args = ["sign", fx.P("draft.pdf"), P("x.pdf"), "--cert", Cert("signer"), .. extra.Select(a => a == "IMG" ? fx.P("chu-ky.jpg") : a)];

        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.Stderr);
        Assert.False(File.Exists(P("x.pdf")));
    }

    [Fact]
    public async Task Sign_NotAnImage_ExitOneNamesTheFile()
    {
        await File.WriteAllTextAsync(P("fake.png"), "not an image");

        var result = await CliRunner.RunAsync("sign", fx.P("draft.pdf"), P("x.pdf"), "--cert", Cert("signer"), "--image", P("fake.png"), "--rect", "100,100,150,60");

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(P("x.pdf")));
    }

    [Fact]
    public async Task Issue_WithoutIssuanceFields_ExitOneExplains()
    {
        var result = await CliRunner.RunAsync("issue", fx.P("draft.pdf"), P("x.pdf"), "--cert", Cert("agency"), "--number", "8", "--notation", "2026/QĐ-UBND", "--date", "2026-11-24");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("issue-fields", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(P("x.pdf")));
    }

    /// <summary>
    /// The whole issuance: fields in the draft → signer (visible, DocMDP P=2) → clerk's urgency stamp (fills the
    /// urgency field) → number/date fill-in + agency seal. pdfsig: every signature valid; edoc verify: only allowed
    /// changes after each step.
    /// </summary>
    [Fact]
    public async Task FullFlow_SignerUrgencyIssueSeal_EverySignatureValidOnlyAllowedChanges()
    {
        // Draft with empty number, date and urgency fields.
        var fields = await CliRunner.RunAsync("issue-fields", fx.P("draft.pdf"), P("1-fields.pdf"), "--date-anchor", "Nghệ An,");
        Assert.True(fields.ExitCode == 0, fields.Stderr);

        // The competent signer certifies (P=2) with a visible signature above the name.
        var signer = await CliRunner.RunAsync("sign", P("1-fields.pdf"), P("2-signed.pdf"), "--cert", Cert("signer"), "--image", fx.P("chu-ky.jpg"), "--anchor", "Nguyễn Văn An", "--certify");
        Assert.True(signer.ExitCode == 0, signer.Stderr);
        AssertVerifiedAllowed(P("2-signed.pdf"), 1);

        // The clerk stamps the urgency (form fill-in of the urgency field).
        var urgency = await CliRunner.RunAsync("stamp-urgency", P("2-signed.pdf"), P("3-urgent.pdf"), "--level", "thuong-khan");
        Assert.True(urgency.ExitCode == 0, urgency.Stderr);
        AssertVerifiedAllowed(P("3-urgent.pdf"), 1);

        // Issuance: number and date filled, then the agency seal over the signature.
        var issue = await CliRunner.RunAsync("issue", P("3-urgent.pdf"), P("4-issued.pdf"), "--cert", Cert("agency"), "--number", "8", "--notation", "2026/QĐ-UBND", "--date", "2026-11-24", "--seal", fx.P("con-dau.png"));
        Assert.True(issue.ExitCode == 0, issue.Stderr);
        AssertVerifiedAllowed(P("4-issued.pdf"), 2);
        AssertPdfSigValid(P("4-issued.pdf"), 2);

        string text = ExternalTools.Run("pdftotext", "-enc", "UTF-8", P("4-issued.pdf"), "-").Out;
        Assert.Contains("08/2026/QĐ-UBND", text, StringComparison.Ordinal);
        Assert.Contains("ngày 24 tháng 11 năm 2026", text, StringComparison.Ordinal);
        Assert.Contains("THƯỢNG KHẨN", text, StringComparison.Ordinal);
        Assert.Contains("Nghệ An", text, StringComparison.Ordinal);
        using Image<Rgba32> page = Render(P("4-issued.pdf"));
        var blue = Extent(page, (0, 0, page.Width, page.Height), IsBlue);
        Assert.NotNull(blue);
        var red = Extent(page, (0, blue.Value.Y0 - 200, page.Width, blue.Value.Y1 + 200), IsRed);
        Assert.NotNull(red);
        double covered = (red.Value.X1 - blue.Value.X0) / (double)(blue.Value.X1 - blue.Value.X0);
        Assert.InRange(covered, 0.25, 0.40);
        string keep = Environment.GetEnvironmentVariable("EDOC_APPEARANCE_SAMPLE_DIR") ?? string.Empty;
        if (keep.Length > 0)
        {
            File.Copy(P("4-issued.pdf"), Path.Combine(keep, "issued-sample.pdf"), overwrite: true);
        }
    }

    private void AssertVerifiedAllowed(string file, int count)
    {
        var result = CliRunner.RunAsync("verify", file, "--trust", fx.P("certs/ca.crt"), "--json").GetAwaiter().GetResult();
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        JsonElement sigs = doc.RootElement.GetProperty("signatures");
        Assert.Equal(count, sigs.GetArrayLength());
        foreach (JsonElement s in sigs.EnumerateArray())
        {
            Assert.True(s.GetProperty("changesAllowed").GetBoolean(), result.Stdout);
            Assert.True(s.GetProperty("isIntegrityValid").GetBoolean(), result.Stdout);
            Assert.Equal("valid", s.GetProperty("status").GetString());
        }
    }

    private void AssertPdfSigValid(string file, int count)
    {
        string text = ExternalTools.Run("pdfsig", "-nssdir", "sql:" + fx.P("nss"), file).Out;
        Assert.True(count == ExternalTools.Count(text, "Signature is Valid."), text);
        Assert.True(count == ExternalTools.Count(text, "Certificate is Trusted."), text);
        Assert.True(ExternalTools.Count(text, "Total document signed") == 1, text);
    }

    private Image<Rgba32> Render(string pdf)
    {
        string prefix = Path.Combine(_dir, Path.GetFileNameWithoutExtension(pdf) + "-render");
        ExternalTools.Run("pdftoppm", "-r", Dpi.ToString(CultureInfo.InvariantCulture), "-png", "-singlefile", "-f", "1", "-l", "1", pdf, prefix).AssertOk();
        return Image.Load<Rgba32>(prefix + ".png");
    }

    private static bool IsBlue(Rgba32 p) => p.B > 150 && p.R < 110 && p.G < 110;

    private static bool IsRed(Rgba32 p) => p.R > 150 && p.G < 110 && p.B < 110;

    private static int Count(Image<Rgba32> img, (int X0, int Y0, int X1, int Y1) box, Func<Rgba32, bool> test)
    {
        int n = 0;
        for (int y = Math.Max(0, box.Y0); y < Math.Min(img.Height, box.Y1); y++)
        {
            for (int x = Math.Max(0, box.X0); x < Math.Min(img.Width, box.X1); x++)
            {
                n += test(img[x, y]) ? 1 : 0;
            }
        }

        return n;
    }

    private static (int X0, int Y0, int X1, int Y1)? Extent(Image<Rgba32> img, (int X0, int Y0, int X1, int Y1) box, Func<Rgba32, bool> test)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = Math.Max(0, box.Y0); y < Math.Min(img.Height, box.Y1); y++)
        {
            for (int x = Math.Max(0, box.X0); x < Math.Min(img.Width, box.X1); x++)
            {
                if (test(img[x, y]))
                {
                    (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x + 1), Math.Max(y1, y + 1));
                }
            }
        }

        return x1 < 0 ? null : (x0, y0, x1, y1);
    }
}
