using System.Text;
using EDoc.Signing.Appearance;
using EDoc.Signing.Tests.Pdf;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static EDoc.Signing.Tests.Appearance.AppearanceTestSupport;

namespace EDoc.Signing.Tests.Appearance;

/// <summary>Embedded subset fonts judged by pdftotext, pdffonts, qpdf and pdfsig.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class AppearanceTextTests(PdfCorpusFixture corpus)
{
    public static TheoryData<int> Rotations() => new() { 0, 90, 180, 270 };

    [Theory]
    [MemberData(nameof(Rotations))]
    public async Task TextBlock_VietnameseLines_PdfToTextReturnsExactNfcAndFontIsEmbeddedSubset(int rotate)
    {
        // Arrange
        string dir = Directory.CreateTempSubdirectory("edoc-appearance-text-").FullName;
        string input = Path.Combine(dir, "draft.pdf");
        await File.WriteAllBytesAsync(input, MakePdf([0, 0, 595, 842], null, rotate));
        string[] lines = ["Số: 08/2018/QĐ-UBND", "Nghệ An", "Phó Chủ tịch", "Thời gian ký: 2026-11-24T15:30:00+07:00", "ẮẰẲẴẶ ẤẦẨẪẬ ỨỪỬỮỰ ỚỜỞỠỢ đĐ"];
        var block = new SignatureTextBlock { Lines = lines };
        var builder = new SignatureAppearanceBuilder();
        (double w, double h) = builder.MeasureTextBlock(block);
        var rect = new PageRectangle(595 - 20 - w, 842 - 20 - h, w, h);
        if (rotate is 90 or 270)
        {
            rect = new PageRectangle(842 - 20 - w, 595 - 20 - h, w, h);
        }

        string output = Path.Combine(dir, "signed.pdf");

        // Act
        await SignAsync(corpus, input, output, 2, rect, (bw, bh) => builder.BuildTextBlock(block, bw, bh));

        // Assert
        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", output, "-"]);
        Assert.True(text.ExitCode == 0, text.All);
        foreach (string line in lines)
        {
            Assert.Contains(line.Normalize(NormalizationForm.FormC), text.StdOut.Normalize(NormalizationForm.FormC), StringComparison.Ordinal);
            Assert.Contains(line, text.StdOut, StringComparison.Ordinal);
        }

        ExternalTool.Result fonts = ExternalTool.Run("pdffonts", [output]);
        string fontLine = Assert.Single(fonts.StdOut.Split('\n'), l => l.Contains("CID TrueType", StringComparison.Ordinal));
        Assert.Matches(@"^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fontLine);
        ExternalTool.Result check = ExternalTool.QpdfCheck(output);
        Assert.True(check.ExitCode == 0, check.All);
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);

        long added = new FileInfo(output).Length - new FileInfo(input).Length;
        Assert.True(added < 40 * 1024, $"a text signature added {added} bytes");
    }

    [Theory]
    [InlineData(UrgencyLevel.Khan)]
    [InlineData(UrgencyLevel.ThuongKhan)]
    [InlineData(UrgencyLevel.HoaToc)]
    public async Task UrgencyStamp_EachLevel_RendersRedBorderAndExactText(UrgencyLevel level)
    {
        // Arrange
        string dir = Directory.CreateTempSubdirectory("edoc-urgency-").FullName;
        string input = Path.Combine(dir, "draft.pdf");
        await File.WriteAllBytesAsync(input, MakePdf([0, 0, 595, 842]));
        (double wmm, double hmm) = UrgencyStamp.GetSizeMillimetres(level);
        var rect = PageRectangle.FromMillimetres(30, 230, wmm, hmm);
        var builder = new SignatureAppearanceBuilder();
        string output = Path.Combine(dir, "stamped.pdf");

        // Act
        await SignAsync(corpus, input, output, 1, rect, (w, h) => builder.BuildUrgencyStamp(level, w, h));

        // Assert
        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", output, "-"]);
        Assert.Contains(UrgencyStamp.GetText(level), text.StdOut, StringComparison.Ordinal);
        using Image<Rgba32> page = Render(output);
        var px = ToPixels(rect, 842);
        var red = Extent(page, (px.X0 - 10, px.Y0 - 10, px.X1 + 10, px.Y1 + 10), IsRed);
        Assert.NotNull(red);
        Assert.InRange(red.Value.X1 - red.Value.X0, (wmm / 25.4 * Dpi) - 3, (wmm / 25.4 * Dpi) + 3);
        Assert.InRange(red.Value.Y1 - red.Value.Y0, (hmm / 25.4 * Dpi) - 3, (hmm / 25.4 * Dpi) + 3);

        // Border: the left edge column is red in the middle; text: red pixels in the centre region.
        int midY = (px.Y0 + px.Y1) / 2;
        Assert.True(Count(page, (px.X0 - 1, midY - 2, px.X0 + 3, midY + 2), IsRed) > 0, "left border expected");
        Assert.True(Count(page, (px.X0 + 8, px.Y0 + 6, px.X1 - 8, px.Y1 - 6), IsRed) > 50, "red text expected");
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
    }

    [Fact]
    public async Task SignerBox_ImageAndNameLines_TextExtractsAndSizeBelowLimitBesidesImage()
    {
        string dir = Directory.CreateTempSubdirectory("edoc-appearance-name-").FullName;
        string input = Path.Combine(dir, "draft.pdf");
        await File.WriteAllBytesAsync(input, MakePdf([0, 0, 595, 842]));
        string output = Path.Combine(dir, "signed.pdf");
        string outputNoText = Path.Combine(dir, "signed-notext.pdf");
        SignatureImage image = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        var builder = new SignatureAppearanceBuilder();
        var box = new PageRectangle(330, 200, 200, 110);

        await SignAsync(corpus, input, output, 0, box, (w, h) => builder.BuildSigner(new VisibleSignatureAppearance { Image = image, TextLines = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Hưởng"], Bold = true }, w, h));
        await SignAsync(corpus, input, outputNoText, 0, box, (w, h) => builder.BuildSigner(new VisibleSignatureAppearance { Image = image }, w, h));

        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", output, "-"]);
        Assert.Contains("KT. CHỦ TỊCH", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn Hưởng", text.StdOut, StringComparison.Ordinal);
        long imageBytes = new FileInfo(outputNoText).Length - new FileInfo(input).Length;
        long textBytes = new FileInfo(output).Length - new FileInfo(outputNoText).Length;
        Assert.True(textBytes < 40 * 1024, $"the text added {textBytes} bytes");
        Assert.True(imageBytes < 80 * 1024, $"the image signature added {imageBytes} bytes");
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
    }
}
