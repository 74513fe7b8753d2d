using EDoc.Signing.Appearance;
using EDoc.Signing.Tests.Pdf;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static EDoc.Signing.Tests.Appearance.AppearanceTestSupport;

namespace EDoc.Signing.Tests.Appearance;

[Collection(PdfCorpusDefinition.Name)]
public sealed class UrgencyStampWriterTests(PdfCorpusFixture corpus)
{
    public static TheoryData<int, bool> Pages() => new() { { 0, false }, { 90, false }, { 180, true }, { 270, true } };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task StampAsync_DraftThenSigned_StampUprightRedWithExactTextAndSignatureValid(int rotate, bool offsetBoxes)
    {
        // Arrange
        double[] media = offsetBoxes ? [100, 50, 695, 892] : [0, 0, 595, 842];
        double[]? crop = offsetBoxes ? [120, 80, 675, 872] : null;
        string dir = Directory.CreateTempSubdirectory("edoc-urgency-writer-").FullName;
        string input = Path.Combine(dir, "draft.pdf");
        byte[] original = MakePdf(media, crop, rotate);
        await File.WriteAllBytesAsync(input, original);
        string stamped = Path.Combine(dir, "stamped.pdf");
        double[] vis = crop ?? media;
        double visibleHeight = rotate is 90 or 270 ? vis[2] - vis[0] : vis[3] - vis[1];

        // Act
        PageRectangle rect;
        await using (FileStream src = File.OpenRead(input))
        await using (FileStream dst = File.Create(stamped))
        {
            rect = await UrgencyStampWriter.StampAsync(src, dst, UrgencyLevel.ThuongKhan);
        }

        string signed = Path.Combine(dir, "signed.pdf");
        await TestSigning.SignFileAsync(stamped, signed, corpus.Signers[0]);

        // Assert
        byte[] output = await File.ReadAllBytesAsync(stamped);
        Assert.True(output.AsSpan(0, original.Length).SequenceEqual(original), "incremental: the draft bytes stay a prefix");
        Assert.Equal(Units.MillimetresToPoints(40), rect.Width, 6);
        Assert.Equal(Units.MillimetresToPoints(8), rect.Height, 6);
        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", signed, "-"]);
        Assert.Contains("THƯỢNG KHẨN", text.StdOut, StringComparison.Ordinal);
        Assert.True(ExternalTool.QpdfCheck(signed).ExitCode == 0, ExternalTool.QpdfCheck(signed).All);
        TestSigning.AssertPdfSigAllValid(corpus, signed, 1);
        using Image<Rgba32> page = Render(signed);
        var px = ToPixels(rect, visibleHeight);
        var red = Extent(page, (px.X0 - 20, px.Y0 - 20, px.X1 + 20, px.Y1 + 20), IsRed);
        Assert.NotNull(red);
        double k = Dpi / 72.0;
        Assert.InRange(red.Value.X1 - red.Value.X0, (rect.Width * k) - 3, (rect.Width * k) + 3);
        Assert.InRange(red.Value.Y1 - red.Value.Y0, (rect.Height * k) - 3, (rect.Height * k) + 3);
    }

    [Fact]
    public async Task StampAsync_PageOutOfRange_ThrowsAndWritesNothing()
    {
        await using var src = new MemoryStream(MakePdf([0, 0, 595, 842]));
        await using var dst = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => UrgencyStampWriter.StampAsync(src, dst, UrgencyLevel.Khan, new UrgencyStampOptions { PageIndex = 3 }));
        Assert.Equal(0, dst.Length);
    }

    [Theory]
    [InlineData("khan", UrgencyLevel.Khan)]
    [InlineData("thuong-khan", UrgencyLevel.ThuongKhan)]
    [InlineData("hoa-toc", UrgencyLevel.HoaToc)]
    [InlineData("HỎA TỐC", UrgencyLevel.HoaToc)]
    public void TryParse_CliSpelling_ReturnsLevel(string text, UrgencyLevel expected)
    {
        Assert.True(UrgencyStamp.TryParse(text, out UrgencyLevel level));
        Assert.Equal(expected, level);
    }

    [Fact]
    public void TryParse_Unknown_ReturnsFalse() => Assert.False(UrgencyStamp.TryParse("mat", out _));
}
