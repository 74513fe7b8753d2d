using EDoc.Signing.Appearance;
using EDoc.Signing.Tests.Pdf;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static EDoc.Signing.Tests.Appearance.AppearanceTestSupport;

namespace EDoc.Signing.Tests.Appearance;

/// <summary>Signer + seal appearances judged by poppler's renderer (pdftoppm) and pdfsig.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class AppearanceRenderingTests(PdfCorpusFixture corpus)
{
    private const double SealMm = 36;

    public static TheoryData<int, bool> Pages() => new()
    {
        { 0, false }, { 90, false }, { 180, false }, { 270, false },
        { 0, true }, { 90, true }, { 180, true }, { 270, true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task SignerAndSeal_AnyRotationAndOffsetBoxes_RenderBlueSignatureRedSealAtRealSizeOverLeftThird(int rotate, bool offsetBoxes)
    {
        // Arrange: an A4 page, optionally with MediaBox/CropBox not starting at 0,0.
        double[] media = offsetBoxes ? [100, 50, 695, 892] : [0, 0, 595, 842];
        double[]? crop = offsetBoxes ? [120, 80, 675, 872] : null;
        string dir = Directory.CreateTempSubdirectory("edoc-appearance-").FullName;
        string input = Path.Combine(dir, "draft.pdf");
        await File.WriteAllBytesAsync(input, MakePdf(media, crop, rotate));
        double[] vis = crop ?? media;
        double visibleHeight = rotate is 90 or 270 ? vis[2] - vis[0] : vis[3] - vis[1];

        var cache = new SignatureImageCache();
        SignatureImage signature = cache.GetOrLoad(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        SignatureImage seal = cache.GetOrLoad(MakeSealPng(), ImagePreparationOptions.Seal);
        Assert.True(signature.HasTransparency);
        PageRectangle requested = PageRectangle.FromMillimetres(80, 60, 60, 25);
        PageRectangle signerBox = SignatureAppearanceBuilder.FitImage(signature, requested).ToPoints();
        PageRectangle sealBox = SealPlacement.ComputeSealRectangle(signerBox, SealMm);

        // Act (public API): signer in a rectangle given in mm on the page as the reader sees it, then the agency
        // seal placed automatically over the last signature; each in its own incremental update.
        string signed = Path.Combine(dir, "signed.pdf");
        string sealed_ = Path.Combine(dir, "sealed.pdf");
        await SignPublicAsync(corpus, input, signed, 0, new ImageSignatureAppearance(signature), SignaturePlacement.AtRectangle(requested, SignaturePlacement.LastPage));
        await SignPublicAsync(corpus, signed, sealed_, 1, new SealSignatureAppearance(seal, SealMm));
        using Image<Rgba32> page = Render(sealed_);

        // Assert
        TestSigning.AssertPdfSigAllValid(corpus, sealed_, 2);
        Assert.True(ExternalTool.QpdfCheck(sealed_).ExitCode == 0, ExternalTool.QpdfCheck(sealed_).All);
        var signerPx = ToPixels(signerBox, visibleHeight);
        var sealPx = ToPixels(sealBox, visibleHeight);
        Assert.True(Count(page, signerPx, IsBlue) > 500, "blue ink expected inside the signer box");
        int rightStart = signerPx.X0 + (int)((signerPx.X1 - signerPx.X0) * 0.45);
        Assert.True(Count(page, (rightStart, signerPx.Y0, signerPx.X1, signerPx.Y1), IsBlue) > 300, "the right part of the signature must stay visible");
        Assert.True(Count(page, sealPx, IsRed) > 1000, "red seal expected inside the seal box");
        Assert.True(Count(page, Grow(signerPx, 2), IsBlue) == Count(page, Grow(signerPx, 30), IsBlue), $"blue ink outside the signer box: expected {signerPx}, found {Extent(page, (0, 0, page.Width, page.Height), IsBlue)}");

        // The seal's rendered diameter equals the configured size within 2 %.
        var red = Extent(page, Grow(sealPx, 20), IsRed);
        Assert.NotNull(red);
        double expectedPx = SealMm / 25.4 * Dpi;
        Assert.InRange(red.Value.X1 - red.Value.X0, expectedPx * 0.98, expectedPx * 1.02);
        Assert.InRange(red.Value.Y1 - red.Value.Y0, expectedPx * 0.98, expectedPx * 1.02);

        // The seal covers the left 25–40 % of the signer image, vertically centred on it.
        double covered = (red.Value.X1 - signerPx.X0) / (double)(signerPx.X1 - signerPx.X0);
        Assert.InRange(covered, 0.25, 0.40);
        double sealCentreY = (red.Value.Y0 + red.Value.Y1) / 2.0, signerCentreY = (signerPx.Y0 + signerPx.Y1) / 2.0;
        Assert.InRange(sealCentreY - signerCentreY, -3, 3);

        // Transparency: the page's green shows through the signature image's background.
        int green = Count(page, signerPx, IsPageGreen);
        int white = Count(page, signerPx, p => p.R > 245 && p.G > 245 && p.B > 245);
        Assert.True(green > (signerPx.X1 - signerPx.X0) * (signerPx.Y1 - signerPx.Y0) / 4, $"transparent areas must show the page (green={green})");
        Assert.True(white < 20, $"no opaque white background expected, found {white} white pixels");
    }

    [Fact]
    public async Task SignerAndSeal_SameImageTwiceInOneAppearance_WritesOneImageXObject()
    {
        SignatureImage signature = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        string dir = Directory.CreateTempSubdirectory("edoc-appearance-").FullName;
        string input = Path.Combine(dir, "draft.pdf");
        await File.WriteAllBytesAsync(input, MakePdf([0, 0, 595, 842]));
        string output = Path.Combine(dir, "signed.pdf");
        var builder = new SignatureAppearanceBuilder();

        await SignAsync(corpus, input, output, 0, new PageRectangle(100, 100, 200, 80), (w, h) =>
        {
            var a = builder.BuildSigner(new VisibleSignatureAppearance { Image = signature }, w, h);
            var xo = (EDoc.Signing.Pdf.Objects.PdfDictionary)a.Resources!.Get("XObject")!;
            xo.Set("Im2", signature.ToXObject());
            return a;
        });

        string text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(output));
        Assert.Equal(1, TestSigning.CountOf(text, "/ColorSpace/DeviceRGB"));
        Assert.Equal(1, TestSigning.CountOf(text, "/ColorSpace/DeviceGray"));
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
    }

    private static (int X0, int Y0, int X1, int Y1) Grow((int X0, int Y0, int X1, int Y1) b, int by) => (b.X0 - by, b.Y0 - by, b.X1 + by, b.Y1 + by);
}
