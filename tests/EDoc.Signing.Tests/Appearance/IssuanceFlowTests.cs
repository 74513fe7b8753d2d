using EDoc.Signing.Appearance;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Tests.Pdf;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static EDoc.Signing.Tests.Appearance.AppearanceTestSupport;

namespace EDoc.Signing.Tests.Appearance;

/// <summary>Draft → urgency stamp → fields → signer (DocMDP P=2) → clerk fills number/date → agency seal.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class IssuanceFlowTests(PdfCorpusFixture corpus)
{
    [Fact]
    public void FormatNumberAndDate_Values_FollowTheDecree()
    {
        Assert.Equal("08", IssuanceFields.FormatNumber(8));
        Assert.Equal("10", IssuanceFields.FormatNumber(10));
        Assert.Equal("125", IssuanceFields.FormatNumber(125));
        Assert.Equal("ngày 05 tháng 03 năm 2026", IssuanceFields.FormatDate(new DateOnly(2026, 3, 5)));
        Assert.Equal("Nghệ An, ngày 24 tháng 11 năm 2026", IssuanceFields.FormatDate(new DateOnly(2026, 11, 24), "Nghệ An"));
        Assert.Throws<ArgumentOutOfRangeException>(() => IssuanceFields.FormatNumber(0));
    }

    [Fact]
    public async Task AddFieldsAsync_FieldOutsidePage_ThrowsAndWritesNothing()
    {
        await using var src = new MemoryStream(MakePdf([0, 0, 595, 842], null, 90));
        await using var dst = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => IssuanceFields.AddFieldsAsync(src, dst, [new IssuanceFieldDefinition("SoVanBan", 0, PageRectangle.FromMillimetres(30, 230, 70, 8))]));
        Assert.Equal(0, dst.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    public async Task FullFlow_SignerFillSeal_EverySignatureValidAndFillClassifiedAsFormFill(int rotate)
    {
        // Arrange: the draft with its urgency stamp and empty number/date fields.
        string dir = Directory.CreateTempSubdirectory("edoc-issuance-").FullName;
        string draft = Path.Combine(dir, "draft.pdf");
        await File.WriteAllBytesAsync(draft, MakePdf([0, 0, 595, 842], null, rotate));
        string stamped = Path.Combine(dir, "stamped.pdf"), withFields = Path.Combine(dir, "fields.pdf");
        await using (FileStream s = File.OpenRead(draft))
        await using (FileStream d = File.Create(stamped))
        {
            await UrgencyStampWriter.StampAsync(s, d, UrgencyLevel.HoaToc);
        }

        await using (FileStream s = File.OpenRead(stamped))
        await using (FileStream d = File.Create(withFields))
        {
            await IssuanceFields.AddFieldsAsync(s, d,
            [
                new IssuanceFieldDefinition(IssuanceFields.NumberFieldName, 0, PageRectangle.FromMillimetres(30, 170, 70, 8)),
                new IssuanceFieldDefinition(IssuanceFields.DateFieldName, 0, PageRectangle.FromMillimetres(110, 170, 90, 8)),
            ]);
        }

        SignatureImage signature = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.Signer);
        SignatureImage seal = SignatureImage.Load(MakeSealPng(), ImagePreparationOptions.Seal);
        PageRectangle signerBox = SignatureAppearanceBuilder.FitImage(signature, PageRectangle.FromMillimetres(110, 60, 60, 25)).ToPoints();
        var builder = new SignatureAppearanceBuilder();
        string signed = Path.Combine(dir, "signed.pdf"), filled = Path.Combine(dir, "filled.pdf"), sealedFile = Path.Combine(dir, "sealed.pdf");

        // Act
        await SignAsync(corpus, withFields, signed, 0, signerBox, (w, h) => builder.BuildSigner(new VisibleSignatureAppearance { Image = signature }, w, h), PdfDocMdpPermissions.FormFillingAndSigning);
        await using (FileStream s = File.OpenRead(signed))
        await using (FileStream d = File.Create(filled))
        {
            await IssuanceFields.FillAsync(s, d, new Dictionary<string, string>
            {
                [IssuanceFields.NumberFieldName] = "Số: " + IssuanceFields.FormatNumber(8) + "/2026/QĐ-UBND",
                [IssuanceFields.DateFieldName] = IssuanceFields.FormatDate(new DateOnly(2026, 11, 24), "Nghệ An"),
            });
        }

        await SignAsync(corpus, filled, sealedFile, 3, SealPlacement.ComputeSealRectangle(signerBox, 36), (w, h) => SignatureAppearanceBuilder.BuildSeal(seal, w, h));

        // Assert
        TestSigning.AssertPdfSigAllValid(corpus, sealedFile, 2);
        await using (FileStream f = File.OpenRead(sealedFile))
        {
            using var reader = PdfDocumentReader.Open(f);
            List<PdfSignatureInfo> sigs = PdfSignatureInspector.Inspect(reader);
            Assert.Equal(2, sigs.Count);
            Assert.Equal(2, sigs[0].DocMdpPermissions);
            Assert.True(sigs[0].Changes!.Overall is PdfChangeKind.FormFill, string.Join("; ", sigs[0].Changes!.Changes.Select(c => $"{c.ObjectNumber}:{c.Kind}:{c.Reason}")));
        }

        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", sealedFile, "-"]);
        Assert.Contains("Số: 08/2026/QĐ-UBND", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Nghệ An, ngày 24 tháng 11 năm 2026", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("HỎA TỐC", text.StdOut, StringComparison.Ordinal);
        Assert.True(ExternalTool.QpdfCheck(sealedFile).ExitCode == 0, ExternalTool.QpdfCheck(sealedFile).All);
        using Image<Rgba32> page = Render(sealedFile);
        Assert.True(Count(page, (0, 0, page.Width, page.Height), IsRed) > 1000);
        Assert.True(Count(page, (0, 0, page.Width, page.Height), IsBlue) > 500);
    }
}
