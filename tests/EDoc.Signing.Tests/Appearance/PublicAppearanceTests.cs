using System.Text;
using EDoc.Signing.Appearance;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Tests.Pdf;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static EDoc.Signing.Tests.Appearance.AppearanceTestSupport;

namespace EDoc.Signing.Tests.Appearance;

/// <summary>The public appearance providers and placements through <see cref="PdfSigner"/>, judged by pdftoppm, pdftotext, pdfsig and qpdf.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class PublicAppearanceTests(PdfCorpusFixture corpus)
{
    private const int KiB = 1024;

    [Fact]
    public async Task TextBlockForAttachment_NoPlacement_TopRightOfPage1WithoutCoveringTextExactVietnameseAndTimeOfM()
    {
        // Arrange: a LibreOffice document with text at the top of page 1.
        string input = corpus.Path(PdfCorpusFixture.Lo);
        string output = corpus.NewTempFile("attachment.pdf");
        string invisible = corpus.NewTempFile("invisible.pdf");
        var appearance = TextBlockSignatureAppearance.ForAttachment("08/2018/QĐ-UBND", "Ủy ban nhân dân tỉnh Nghệ An");

        // Act
        PdfSigningResult result = await SignPublicAsync(corpus, input, output, 3, appearance);
        await SignPublicAsync(corpus, input, invisible, 3, null);

        // Assert: exact NFC text, the time of /M, valid signature.
        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", output, "-"]);
        Assert.True(text.ExitCode == 0, text.All);
        Assert.Contains("Số: 08/2018/QĐ-UBND", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân tỉnh Nghệ An", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Nghệ An", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Thời gian ký: " + SignatureTextBlock.FormatSigningTime(result.SigningTime), text.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("+07:00", SignatureTextBlock.FormatSigningTime(result.SigningTime), StringComparison.Ordinal);
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        Assert.True(ExternalTool.QpdfCheck(output).ExitCode is 0 or 3, ExternalTool.QpdfCheck(output).All);

        // Top right of page 1, not over existing text.
        (PageRectangle widget, double vw, double vh, int pageIndex) = ReadWidget(output, result.FieldName);
        Assert.Equal(0, pageIndex);
        Assert.True(widget.Right > vw - 50 && widget.Right <= vw - 40, $"right edge {widget.Right} must be 15 mm from the page's right edge {vw}");
        Assert.True(widget.Y > vh * 2 / 3, $"the block {widget} must be in the top third");
        await using (FileStream s = File.OpenRead(input))
        {
            foreach (PageRectangle t in AnchorTextLocator.GetTextBoxes(s, 0))
            {
                Assert.False(widget.X < t.Right && t.X < widget.Right && widget.Y < t.Top && t.Y < widget.Top, $"the block {widget} covers text at {t}");
            }
        }

        // A visible text signature adds less than 40 KB (font subset included) over an invisible one and in total.
        long overhead = new FileInfo(output).Length - new FileInfo(invisible).Length;
        long added = new FileInfo(output).Length - new FileInfo(input).Length;
        Assert.True(overhead < 40 * KiB, $"the text appearance added {overhead} bytes");
        Assert.True(added < 40 * KiB, $"the text signature added {added} bytes");
    }

    [Fact]
    public async Task TextBlockForCopy_LastPage_PdfToTextReturnsCopyForm()
    {
        string output = corpus.NewTempFile("copy.pdf");

        await SignPublicAsync(corpus, corpus.Path(PdfCorpusFixture.Lo), output, 2, TextBlockSignatureAppearance.ForCopy(CopyForm.SaoY, "Văn phòng UBND tỉnh Nghệ An"), SignaturePlacement.TopRight(SignaturePlacement.LastPage));

        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", "-f", "2", "-l", "2", output, "-"]);
        Assert.Contains("SAO Y", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Văn phòng UBND tỉnh Nghệ An", text.StdOut, StringComparison.Ordinal);
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
    }

    [Fact]
    public async Task ImageWithTextLines_AddsLessThan40KBesidesTheImage_AndTextIsExact()
    {
        string dir = Directory.CreateTempSubdirectory("edoc-appearance-size-").FullName;
        string input = Path.Combine(dir, "draft.pdf");
        await File.WriteAllBytesAsync(input, MakePdf([0, 0, 595, 842]));
        SignatureImage image = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        var appearance = new ImageSignatureAppearance(image) { TextLines = ["KT. CHỦ TỊCH", "Phó Chủ tịch", "Nguyễn Văn Ánh"] };
        string output = Path.Combine(dir, "signed.pdf");

        await SignPublicAsync(corpus, input, output, 0, appearance, SignaturePlacement.AtRectangle(PageRectangle.FromMillimetres(110, 40, 70, 45)));

        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", output, "-"]);
        Assert.Contains("Phó Chủ tịch", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn Ánh", text.StdOut, StringComparison.Ordinal);
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        PdfStream x = image.ToXObject();
        long imageBytes = x.DataLength + ((PdfStream)x.Get("SMask")!).DataLength;
        long added = new FileInfo(output).Length - new FileInfo(input).Length;
        Assert.True(added - imageBytes < 40 * KiB, $"the visible signature added {added} bytes, {added - imageBytes} besides the image ({imageBytes})");
        string raw = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(output));
        Assert.Equal(1, TestSigning.CountOf(raw, "/SMask"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(270)]
    public async Task InField_EmptySignatureFieldOnRotatedPage_ImageDrawnUprightInsideTheWidget(int rotate)
    {
        // Arrange: a draft with an empty signature field prepared by the drafter (visible box 90×30 mm at 100,50 mm).
        string dir = Directory.CreateTempSubdirectory("edoc-appearance-field-").FullName;
        string draft = Path.Combine(dir, "draft.pdf"), withField = Path.Combine(dir, "field.pdf"), output = Path.Combine(dir, "signed.pdf");
        await File.WriteAllBytesAsync(draft, MakePdf([0, 0, 595, 842], null, rotate));
        PageRectangle fieldBox = PageRectangle.FromMillimetres(100, 50, 90, 30).ToPoints();
        await AddEmptySignatureFieldAsync(draft, withField, "ChuKyLanhDao", fieldBox);
        SignatureImage image = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);

        // Act
        PdfSigningResult result = await SignPublicAsync(corpus, withField, output, 0, new ImageSignatureAppearance(image), SignaturePlacement.InField("ChuKyLanhDao"));

        // Assert: the field is signed in place and the blue ink fills its box, upright (wider than tall).
        Assert.Equal("ChuKyLanhDao", result.FieldName);
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        double visibleHeight = rotate is 90 or 270 ? 595 : 842;
        using Image<Rgba32> page = Render(output);
        var fieldPx = ToPixels(fieldBox, visibleHeight);
        var blue = Extent(page, (0, 0, page.Width, page.Height), IsBlue);
        Assert.NotNull(blue);
        Assert.True(blue.Value.X0 >= fieldPx.X0 - 2 && blue.Value.X1 <= fieldPx.X1 + 2 && blue.Value.Y0 >= fieldPx.Y0 - 2 && blue.Value.Y1 <= fieldPx.Y1 + 2, $"blue {blue} outside the field {fieldPx}");
        Assert.True(blue.Value.X1 - blue.Value.X0 > 2 * (blue.Value.Y1 - blue.Value.Y0), $"the signature must be upright (wide): {blue}");
    }

    [Theory]
    [InlineData(PdfCorpusFixture.Lo, 0, -25)]
    [InlineData(PdfCorpusFixture.Rotated90, -60, 0)]
    public async Task AtAnchor_BoxRelativeToTheAnchor_ImageAtTheOffsetFromTheAnchorText(string file, double dxMm, double dyMm)
    {
        string input = corpus.Path(file);
        string output = corpus.NewTempFile("anchor.pdf");
        AnchorMatch anchor;
        await using (FileStream s = File.OpenRead(input))
        {
            anchor = Assert.Single(AnchorTextLocator.Find(s, "Độc lập"));
        }

        SignatureImage image = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);

        // A 50×20 mm box whose bottom-left corner is offset from the anchor's bottom-left corner.
        await SignPublicAsync(corpus, input, output, 1, new ImageSignatureAppearance(image), SignaturePlacement.AtAnchor("Độc lập", PageRectangle.FromMillimetres(dxMm, dyMm, 50, 20)));

        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        (PageRectangle widget, _, double vh, int pageIndex) = ReadWidget(output, "Signature1");
        Assert.Equal(anchor.PageIndex, pageIndex);
        PageRectangle a = anchor.Bounds.ToPoints();
        PageRectangle expected = SignatureAppearanceBuilder.FitImage(image, new PageRectangle(a.X + Units.MillimetresToPoints(dxMm), a.Y + Units.MillimetresToPoints(dyMm), Units.MillimetresToPoints(50), Units.MillimetresToPoints(20)));
        Assert.Equal(expected.X, widget.X, 1);
        Assert.Equal(expected.Y, widget.Y, 1);
        Assert.Equal(expected.Width, widget.Width, 1);
        using Image<Rgba32> page = Render(output);
        Assert.True(Count(page, ToPixels(widget, vh), IsBlue) > 300, "blue ink expected in the anchored box");
    }

    [Fact]
    public async Task SameImageInTwoSignatures_SecondRevisionReusesTheImageXObject()
    {
        // Arrange: the same prepared image (one batch cache) for two signatures on pages 1 and 2.
        string input = corpus.Path(PdfCorpusFixture.Lo);
        string once = corpus.NewTempFile("once.pdf"), twice = corpus.NewTempFile("twice.pdf");
        var cache = new SignatureImageCache();
        byte[] jpeg = MakeSignatureJpeg();
        SignatureImage first = cache.GetOrLoad(jpeg, ImagePreparationOptions.Signer);
        SignatureImage second = cache.GetOrLoad(jpeg, ImagePreparationOptions.Signer);

        // Act
        await SignPublicAsync(corpus, input, once, 0, new ImageSignatureAppearance(first), SignaturePlacement.AtRectangle(PageRectangle.FromMillimetres(110, 40, 60, 25), 1));
        await SignPublicAsync(corpus, once, twice, 1, new ImageSignatureAppearance(second), SignaturePlacement.AtRectangle(PageRectangle.FromMillimetres(110, 40, 60, 25), SignaturePlacement.LastPage));

        // Assert: one RGB image and one soft mask in the whole file; both signatures valid; ink drawn on both pages.
        Assert.Same(first, second);
        string raw = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(twice));
        Assert.Equal(1, TestSigning.CountOf(raw, "/ColorSpace/DeviceRGB"));
        Assert.Equal(1, TestSigning.CountOf(raw, "/ColorSpace/DeviceGray"));
        long secondRevision = new FileInfo(twice).Length - new FileInfo(once).Length;
        Assert.True(secondRevision < 40 * KiB, $"the second revision added {secondRevision} bytes");
        TestSigning.AssertPdfSigAllValid(corpus, twice, 2);
        string prefix = Path.Combine(Path.GetDirectoryName(twice)!, "page2");
        Assert.Equal(0, ExternalTool.Run("pdftoppm", ["-r", "72", "-png", "-singlefile", "-f", "2", "-l", "2", twice, prefix]).ExitCode);
        using Image<Rgba32> page2 = Image.Load<Rgba32>(prefix + ".png");
        Assert.True(Count(page2, (0, 0, page2.Width, page2.Height), IsBlue) > 200, "the reused image must be drawn on page 2");
    }

    [Fact]
    public async Task SecondSeal_AfterAnEarlierSeal_GoesOverTheSignerNotOverTheSeal()
    {
        string dir = Directory.CreateTempSubdirectory("edoc-appearance-seals-").FullName;
        string input = Path.Combine(dir, "draft.pdf"), signed = Path.Combine(dir, "signed.pdf"), seal1 = Path.Combine(dir, "seal1.pdf"), seal2 = Path.Combine(dir, "seal2.pdf");
        await File.WriteAllBytesAsync(input, MakePdf([0, 0, 595, 842]));
        SignatureImage ink = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        SignatureImage seal = SignatureImage.Load(MakeSealPng(), ImagePreparationOptions.Seal);

        PdfSigningResult s = await SignPublicAsync(corpus, input, signed, 0, new ImageSignatureAppearance(ink), SignaturePlacement.AtRectangle(PageRectangle.FromMillimetres(110, 60, 60, 25)));
        PdfSigningResult a = await SignPublicAsync(corpus, signed, seal1, 1, new SealSignatureAppearance(seal, 36));
        PdfSigningResult b = await SignPublicAsync(corpus, seal1, seal2, 3, new SealSignatureAppearance(seal, 30));

        TestSigning.AssertPdfSigAllValid(corpus, seal2, 3);
        PageRectangle signer = ReadWidget(seal2, s.FieldName).Widget;
        PageRectangle first = ReadWidget(seal2, a.FieldName).Widget, second = ReadWidget(seal2, b.FieldName).Widget;
        PageRectangle expected = SealPlacement.ComputeSealRectangle(signer, 30);
        Assert.Equal(expected.X, second.X, 1);
        Assert.Equal(expected.Y, second.Y, 1);
        Assert.Equal(first.Right, second.Right, 1);
        string raw = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(seal2));
        Assert.True(raw.Contains("/TU", StringComparison.Ordinal), "widgets carry their description (/TU)");
    }

    [Fact]
    public async Task TwoPhase_VisibleImage_PlacedAndValid()
    {
        string input = corpus.Path(PdfCorpusFixture.Lo);
        string prepared = corpus.NewTempFile("prepared.pdf"), output = corpus.NewTempFile("two-phase.pdf");
        SignatureImage image = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        var key = new EDoc.Signing.Signers.X509CertificateSigningKey(corpus.Signers[0]);
        var signer = new PdfSigner();

        PdfTwoPhaseState state = await signer.PrepareTwoPhaseFileAsync(input, prepared, new PdfTwoPhaseRequest
        {
            Certificate = corpus.Signers[0],
            Appearance = new ImageSignatureAppearance(image),
            Placement = SignaturePlacement.AtRectangle(PageRectangle.FromMillimetres(110, 40, 60, 25)),
        });
        byte[] signature = (await key.SignHashAsync(state.HashToSign, System.Security.Cryptography.HashAlgorithmName.SHA256)).ToArray();
        await signer.CompleteTwoPhaseFileAsync(state, signature, prepared, output);

        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        using Image<Rgba32> page = Render(output);
        Assert.True(Count(page, ToPixels(PageRectangle.FromMillimetres(110, 40, 60, 25), 841.89), IsBlue) > 300);
    }

    [Fact]
    public async Task Seal_NoEarlierVisibleSignature_ThrowsSigningExceptionAndWritesNothing()
    {
        string output = corpus.NewTempFile("seal-alone.pdf");
        SignatureImage seal = SignatureImage.Load(MakeSealPng(), ImagePreparationOptions.Seal);

        SigningException ex = await Assert.ThrowsAsync<SigningException>(() => SignPublicAsync(corpus, corpus.Path(PdfCorpusFixture.Lo), output, 3, new SealSignatureAppearance(seal, 36)));

        Assert.Equal("no-signature-widget", ex.Code);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Placement_AnchorNotFoundOrRectangleOffPage_ThrowsSigningException()
    {
        SignatureImage image = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        string output = corpus.NewTempFile("bad.pdf");

        SigningException notFound = await Assert.ThrowsAsync<SigningException>(() => SignPublicAsync(corpus, corpus.Path(PdfCorpusFixture.Lo), output, 0, new ImageSignatureAppearance(image), SignaturePlacement.AtAnchor("không có ở đây")));
        SigningException offPage = await Assert.ThrowsAsync<SigningException>(() => SignPublicAsync(corpus, corpus.Path(PdfCorpusFixture.Lo), output, 0, new ImageSignatureAppearance(image), SignaturePlacement.AtRectangle(new PageRectangle(500, 700, 200, 100))));
        SigningException noPage = await Assert.ThrowsAsync<SigningException>(() => SignPublicAsync(corpus, corpus.Path(PdfCorpusFixture.Lo), output, 0, new ImageSignatureAppearance(image), SignaturePlacement.AtRectangle(new PageRectangle(50, 50, 100, 40), 9)));

        Assert.Equal("anchor-not-found", notFound.Code);
        Assert.Contains("outside page 1", offPage.Message, StringComparison.Ordinal);
        Assert.Contains("2 page(s)", noPage.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Placement_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SignaturePlacement.AtRectangle(new PageRectangle(0, 0, 10, 10), 0));
        Assert.Throws<ArgumentException>(() => SignaturePlacement.AtRectangle(new PageRectangle(0, 0, -1, 10)));
        Assert.Throws<ArgumentException>(() => SignaturePlacement.InField("a.b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealSignatureAppearance(SignatureImage.Load(MakeSealPng(), ImagePreparationOptions.Seal), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SealSignatureAppearance(SignatureImage.Load(MakeSealPng(), ImagePreparationOptions.Seal), 36) { CoverShare = 1.5 });
    }

    private static (PageRectangle Widget, double VisibleWidth, double VisibleHeight, int PageIndex) ReadWidget(string file, string fieldName)
    {
        using FileStream s = File.OpenRead(file);
        using var reader = PdfDocumentReader.Open(s);
        PdfField field = PdfAcroForm.EnumerateFields(reader.Latest, reader.Catalog).Single(f => f.FullName == fieldName);
        double[] rect = PdfPageTree.ToBox(reader.Latest, field.Dictionary.Get("Rect"))!;
        PdfPage page = PdfPageTree.Enumerate(reader.Latest, reader.Catalog).Single(p => reader.Latest.GetArray(p.Dictionary.Get("Annots"))?.Items.Any(a => a is PdfReference r && r.Number == field.Reference!.Number) == true);
        (double vw, double vh) = PageGeometry.VisibleSize(page);
        return (PageGeometry.FromUserSpaceRect(page, rect), vw, vh, page.Index);
    }

    internal static async Task AddEmptySignatureFieldAsync(string input, string output, string name, PageRectangle visibleBox)
    {
        await using FileStream src = File.OpenRead(input);
        using var reader = PdfDocumentReader.Open(src);
        PdfPage page = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 0);
        var w = new PdfIncrementalWriter(reader);
        var field = new PdfDictionary();
        field.Set("Type", new PdfName("Annot"));
        field.Set("Subtype", new PdfName("Widget"));
        field.Set("FT", new PdfName("Sig"));
        field.Set("T", PdfString.FromText(name));
        field.Set("F", new PdfInteger(132));
        field.Set("P", page.Reference);
        field.Set("Rect", PdfArray.OfNumbers(PageGeometry.ToUserSpaceRect(page, visibleBox)));
        PdfReference fieldRef = w.Add(field);
        var pageClone = new PdfDictionary(page.Dictionary);
        pageClone.Set("Annots", new PdfArray([fieldRef]));
        w.Update(page.Reference, pageClone);
        var acro = new PdfDictionary();
        acro.Set("Fields", new PdfArray([fieldRef]));
        var catalog = new PdfDictionary(reader.Catalog);
        catalog.Set("AcroForm", acro);
        w.Update(reader.RootReference, catalog);
        await using FileStream dst = File.Create(output);
        await w.WriteAsync(src, dst, CancellationToken.None);
    }
}
