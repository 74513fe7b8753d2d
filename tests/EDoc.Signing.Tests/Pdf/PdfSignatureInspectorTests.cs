using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using Pig = UglyToad.PdfPig;

namespace EDoc.Signing.Tests.Pdf;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignatureInspectorTests(PdfCorpusFixture corpus)
{
    private async Task<string> SignTimesAsync(string input, int count, int firstSigner = 0)
    {
        string current = input;
        for (int i = 0; i < count; i++)
        {
            string next = corpus.NewTempFile($"s{i + 1}.pdf");
            await TestSigning.SignFileAsync(current, next, corpus.Signers[(i + firstSigner) % corpus.Signers.Count]);
            current = next;
        }

        return current;
    }

    private static List<PdfSignatureInfo> Inspect(string file)
    {
        using FileStream fs = File.OpenRead(file);
        using var reader = PdfDocumentReader.Open(fs);
        return PdfSignatureInspector.Inspect(reader);
    }

    /// <summary>Applies an arbitrary incremental update made with our writer.</summary>
    private static async Task<string> UpdateAsync(string input, string output, Action<PdfIncrementalWriter> change)
    {
        await using FileStream src = File.OpenRead(input);
        using var reader = PdfDocumentReader.Open(src);
        var writer = new PdfIncrementalWriter(reader);
        change(writer);
        await using var dst = new FileStream(output, FileMode.CreateNew, FileAccess.ReadWrite);
        await writer.WriteAsync(src, dst, CancellationToken.None);
        return output;
    }

    [Fact]
    public async Task Inspect_FourSignatures_EachCoversItsRevisionAndOnlySignaturesFollow()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoObjStm), 4);
        long length = new FileInfo(signed).Length;

        List<PdfSignatureInfo> sigs = Inspect(signed);

        TestSigning.AssertPdfSigAllValid(corpus, signed, 4);
        Assert.Equal(4, sigs.Count);
        for (int i = 0; i < 4; i++)
        {
            PdfSignatureInfo s = sigs[i];
            Assert.True(s.IsByteRangeSane, string.Join("; ", s.ByteRangeProblems));
            Assert.Equal("Signature" + (i + 1), s.FieldName);
            Assert.Equal(i + 1, s.CoveredRevision);
            Assert.Equal("ETSI.CAdES.detached", s.SubFilter);
            Assert.Equal("Phê duyệt văn bản", s.Reason);
            Assert.NotNull(s.SigningTime);
            Assert.Equal(i == 3, s.CoversWholeDocument);
            Assert.Equal(i == 3 ? PdfChangeKind.None : PdfChangeKind.SignaturesAndDss, s.Changes!.Overall);
            Assert.Equal(i != 3, s.Changes.AddsApprovalSignatures);
            Assert.All(s.Changes.Changes, c => Assert.True(c.Kind <= PdfChangeKind.SignaturesAndDss, c.Reason));

            // Independent integrity check: SignedCms over the streamed ByteRange bytes.
            await using FileStream fs = File.OpenRead(signed);
            byte[] content = TestSigning.ReadRanges(fs, s.ByteRange!);
            Assert.Equal(SHA256.HashData(content), PdfSignatureInspector.ComputeDigest(fs, s.ByteRange!, HashAlgorithmName.SHA256));
            var cms = new SignedCms(new ContentInfo(content), detached: true);
            byte[] der = s.GetCms();
            Assert.True(der.Length < s.Contents.Length / 4, "the zero padding is removed");
            cms.Decode(der);
            cms.CheckSignature(verifySignatureOnly: true);
        }

        Assert.Equal(length, sigs[3].ByteRange![2] + sigs[3].ByteRange![3]);
    }

    [Fact]
    public async Task Inspect_FlippedByteInSignedRange_CmsCheckFails()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        byte[] bytes = await File.ReadAllBytesAsync(signed);
        bytes[200] ^= 0x01;
        string tampered = corpus.NewTempFile("tampered.pdf");
        await File.WriteAllBytesAsync(tampered, bytes);

        PdfSignatureInfo sig = Assert.Single(Inspect(tampered));

        await using FileStream fs = File.OpenRead(tampered);
        var cms = new SignedCms(new ContentInfo(TestSigning.ReadRanges(fs, sig.ByteRange!)), detached: true);
        cms.Decode(sig.GetCms());
        Assert.ThrowsAny<CryptographicException>(() => cms.CheckSignature(true));
        Assert.Contains("Signature is Invalid.", TestSigning.PdfSig(corpus, tampered).All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_BytesAppendedAfterEof_NotWholeDocumentButRevisionStillCovered()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        await File.AppendAllTextAsync(signed, "% trailing garbage\n");

        PdfSignatureInfo sig = Assert.Single(Inspect(signed));

        Assert.False(sig.CoversWholeDocument);
        Assert.Equal(1, sig.CoveredRevision);
    }

    [Fact]
    public async Task Inspect_FormFilledAfterSignature_ReportsFormFill()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoForm), 1);
        string filled = await UpdateAsync(signed, corpus.NewTempFile("filled.pdf"), w =>
        {
            PdfField field = PdfAcroForm.EnumerateFields(w.Reader.Latest, w.Reader.Catalog).Single(f => f.FullName == "SoVanBan");
            var clone = new PdfDictionary(field.Dictionary);
            clone.Set("V", PdfString.FromText("15/QĐ-UBND"));
            w.Update(field.Reference!, clone);
        });

        PdfSignatureInfo sig = Assert.Single(Inspect(filled));

        Assert.Equal(PdfChangeKind.FormFill, sig.Changes!.Overall);
        Assert.Equal(0, ExternalTool.QpdfCheck(filled).ExitCode);
        Assert.Contains("Not total document signed", TestSigning.PdfSig(corpus, filled).All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_AnnotationAddedAfterSignature_ReportsAnnotations()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        string annotated = await UpdateAsync(signed, corpus.NewTempFile("annotated.pdf"), w =>
        {
            PdfPage page = PdfPageTree.GetPage(w.Reader.Latest, w.Reader.Catalog, 0);
            var note = new PdfDictionary();
            note.Set("Type", new PdfName("Annot"));
            note.Set("Subtype", new PdfName("Text"));
            note.Set("Rect", PdfArray.OfNumbers(100, 100, 120, 120));
            note.Set("Contents", PdfString.FromText("Ý kiến: đồng ý"));
            PdfReference noteRef = w.Add(note);
            var annots = new PdfArray(w.Reader.Latest.GetArray(page.Dictionary.Get("Annots"))?.Items ?? []);
            annots.Add(noteRef);
            var pageClone = new PdfDictionary(page.Dictionary);
            pageClone.Set("Annots", annots);
            w.Update(page.Reference, pageClone);
        });

        PdfSignatureInfo sig = Assert.Single(Inspect(annotated));

        Assert.Equal(PdfChangeKind.Annotations, sig.Changes!.Overall);
        Assert.Equal(0, ExternalTool.QpdfCheck(annotated).ExitCode);
    }

    [Fact]
    public async Task Inspect_PageAddedAfterSignature_ReportsOtherForPageTree()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoObjStm), 1);
        string added = await UpdateAsync(signed, corpus.NewTempFile("added-page.pdf"), w =>
        {
            var pagesRef = (PdfReference)w.Reader.Catalog.Get("Pages")!;
            var pages = new PdfDictionary(w.Reader.Latest.GetDictionary(pagesRef)!);
            var page = new PdfDictionary();
            page.Set("Type", new PdfName("Page"));
            page.Set("Parent", pagesRef);
            page.Set("MediaBox", PdfArray.OfNumbers(0, 0, 595, 842));
            page.Set("Contents", w.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes("0 0 1 rg 10 10 50 50 re f"))));
            var kids = new PdfArray(w.Reader.Latest.GetArray(pages.Get("Kids"))!.Items);
            kids.Add(w.Add(page));
            pages.Set("Kids", kids);
            pages.Set("Count", new PdfInteger(kids.Count));
            w.Update(pagesRef, pages);
        });

        PdfSignatureInfo sig = Assert.Single(Inspect(added));

        Assert.Equal(PdfChangeKind.Other, sig.Changes!.Overall);
        Assert.Contains(sig.Changes.Changes, c => c.Kind == PdfChangeKind.Other && c.Reason.Contains("/Pages", StringComparison.Ordinal));
        Assert.Equal(0, ExternalTool.QpdfCheck(added).ExitCode);
        using var pig = Pig.PdfDocument.Open(added);
        Assert.Equal(3, pig.NumberOfPages);
    }

    [Fact]
    public async Task Inspect_InfoModDateUpdatedWithLaterSignature_StillSignaturesOnly()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        string updated = await UpdateAsync(signed, corpus.NewTempFile("info.pdf"), w =>
        {
            var infoRef = (PdfReference)w.Reader.Trailer.Get("Info")!;
            var info = new PdfDictionary(w.Reader.Latest.GetDictionary(infoRef)!);
            info.Set("ModDate", PdfString.FromText("D:20261124170000+07'00'"));
            w.Update(infoRef, info);
        });

        PdfSignatureInfo sig = Assert.Single(Inspect(updated));

        Assert.Equal(PdfChangeKind.SignaturesAndDss, sig.Changes!.Overall);
        Assert.Contains(sig.Changes.Changes, c => c.Reason.Contains("information", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_PageContentReplacedAfterSignature_ReportsOther()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 2);
        string replaced = await UpdateAsync(signed, corpus.NewTempFile("replaced.pdf"), w =>
        {
            PdfPage page = PdfPageTree.GetPage(w.Reader.Latest, w.Reader.Catalog, 0);
            PdfReference content = w.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes("0 0 1 rg 10 10 100 100 re f")));
            var pageClone = new PdfDictionary(page.Dictionary);
            pageClone.Set("Contents", content);
            w.Update(page.Reference, pageClone);
        });

        List<PdfSignatureInfo> sigs = Inspect(replaced);

        Assert.All(sigs, s => Assert.Equal(PdfChangeKind.Other, s.Changes!.Overall));
        Assert.Contains(sigs[0].Changes!.Changes, c => c.Kind == PdfChangeKind.Other && c.Reason.Contains("Contents", StringComparison.Ordinal));
        Assert.Contains("Signature is Valid.", TestSigning.PdfSig(corpus, replaced).All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendDss_AfterTwoSignatures_MergesWithoutDuplicatesAndKeepsSignaturesValid()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoObjStm), 2);
        List<PdfSignatureInfo> before = Inspect(signed);
        byte[] ca = corpus.CaCertificate.RawData;
        byte[] s1 = corpus.Signers[0].RawData;
        byte[] s2 = corpus.Signers[1].RawData;
        byte[] fakeCrl = [0x30, 0x03, 0x02, 0x01, 0x01];
        string dss1 = corpus.NewTempFile("dss1.pdf");
        string dss2 = corpus.NewTempFile("dss2.pdf");
        await using (FileStream src = File.OpenRead(signed))
        await using (FileStream dst = File.Create(dss1))
        {
            await PdfDssWriter.AppendAsync(src, dst, new PdfDssData
            {
                Certificates = [ca, s1],
                Crls = [fakeCrl],
                Vri = new Dictionary<string, PdfVriEntry> { [PdfDssWriter.VriKey(before[0].Contents)] = new() { Certificates = [s1, ca] } },
            });
        }

        await using (FileStream src = File.OpenRead(dss1))
        await using (FileStream dst = File.Create(dss2))
        {
            await PdfDssWriter.AppendAsync(src, dst, new PdfDssData { Certificates = [ca, s2] });
        }

        List<PdfSignatureInfo> after = Inspect(dss2);
        Assert.All(after, s => Assert.Equal(PdfChangeKind.SignaturesAndDss, s.Changes!.Overall));
        Assert.False(after[1].Changes!.AddsApprovalSignatures);
        Assert.True(after[0].Changes!.AddsApprovalSignatures);
        TestSigning.AssertPdfSigAllValid(corpus, dss2, 2, lastCoversWholeFile: false);
        Assert.Equal(0, ExternalTool.QpdfCheck(dss2).ExitCode);
        await using FileStream fs = File.OpenRead(dss2);
        using var reader = PdfDocumentReader.Open(fs);
        PdfDictionary dss = reader.Latest.GetDictionary(reader.Catalog.Get("DSS"))!;
        PdfArray certs = reader.Latest.GetArray(dss.Get("Certs"))!;
        Assert.Equal(3, certs.Count);
        var decoded = certs.Items.Select(c => reader.ReadStreamData((PdfStream)reader.Resolve(c)!)).ToList();
        Assert.Contains(decoded, d => d.AsSpan().SequenceEqual(s2));
        Assert.Single(reader.Latest.GetArray(dss.Get("CRLs"))!.Items);
        Assert.NotNull(reader.Latest.GetDictionary(reader.Latest.GetDictionary(dss.Get("VRI"))!.Get(PdfDssWriter.VriKey(before[0].Contents))));
        using Pig.PdfDocument pig = Pig.PdfDocument.Open(dss2);
        Assert.True(pig.Structure.Catalog.CatalogDictionary.ContainsKey(Pig.Tokens.NameToken.Create("DSS")));
    }

    [Fact]
    public async Task Prepare_DocMdpCertification_InspectorReportsPermissionsAndSecondCertificationIsRefused()
    {
        string certified = corpus.NewTempFile("certified.pdf");
        await TestSigning.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), certified, corpus.Signers[0], new PdfSignatureOptions
        {
            SigningTime = DateTimeOffset.Now,
            DocMdp = PdfDocMdpPermissions.FormFillingAndSigning,
        });
        string twice = await SignTimesAsync(certified, 1, firstSigner: 1);

        List<PdfSignatureInfo> sigs = Inspect(twice);

        Assert.Equal(2, sigs[0].DocMdpPermissions);
        Assert.Null(sigs[1].DocMdpPermissions);
        TestSigning.AssertPdfSigAllValid(corpus, twice, 2);
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestSigning.SignFileAsync(twice, corpus.NewTempFile("again.pdf"), corpus.Signers[2], new PdfSignatureOptions { DocMdp = PdfDocMdpPermissions.NoChanges }));
    }

    [Fact]
    public async Task Prepare_DocMdpNoChanges_FurtherSigningRefusedWithPolicyException()
    {
        string certified = corpus.NewTempFile("p1.pdf");
        await TestSigning.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), certified, corpus.Signers[0], new PdfSignatureOptions { SigningTime = DateTimeOffset.Now, DocMdp = PdfDocMdpPermissions.NoChanges });

        await Assert.ThrowsAsync<EDocPolicyException>(() => TestSigning.SignFileAsync(certified, corpus.NewTempFile("p1b.pdf"), corpus.Signers[1]));
        await using FileStream src = File.OpenRead(certified);
        PreparedSignature timestamp = await PdfSignaturePreparer.PrepareAsync(src, new MemoryStream(), new PdfSignatureOptions { SubFilter = PdfSignatureOptions.Rfc3161 });
        Assert.Equal("Signature2", timestamp.FieldName);
    }

    [Fact]
    public async Task Prepare_VisibleSignatureOnSecondPage_WidgetRectAndAppearanceWritten()
    {
        string output = corpus.NewTempFile("visible.pdf");
        await TestSigning.SignFileAsync(corpus.Path(PdfCorpusFixture.PdfSharpFile), output, corpus.Signers[0], new PdfSignatureOptions
        {
            SigningTime = DateTimeOffset.Now,
            FieldName = "ChuKyLanhDao",
            PageIndex = 1,
            Rectangle = [50, 60, 250, 140],
            Appearance = new PdfSignatureAppearance { Content = Encoding.ASCII.GetBytes("1 0 0 RG 2 w 1 1 198 78 re S") },
        });

        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        using Pig.PdfDocument pig = Pig.PdfDocument.Open(output);
        Pig.Annotations.Annotation widget = Assert.Single(pig.GetPage(2).GetAnnotations(), a => a.Type == Pig.Annotations.AnnotationType.Widget);
        Assert.Equal(200, widget.Rectangle.Width, 3);
        PdfSignatureInfo sig = Assert.Single(Inspect(output));
        Assert.Equal("ChuKyLanhDao", sig.FieldName);
        Assert.True(sig.InAcroForm);
    }

    [Fact]
    public async Task Prepare_SameAppearanceWithImageForTwoDocuments_BothValidAndOptionsUnchanged()
    {
        var image = new PdfDictionary();
        image.Set("Type", new PdfName("XObject"));
        image.Set("Subtype", new PdfName("Image"));
        image.Set("Width", new PdfInteger(2));
        image.Set("Height", new PdfInteger(2));
        image.Set("ColorSpace", new PdfName("DeviceRGB"));
        image.Set("BitsPerComponent", new PdfInteger(8));
        var xobjects = new PdfDictionary();
        xobjects.Set("Im1", new PdfStream(image, [255, 0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0]));
        var resources = new PdfDictionary();
        resources.Set("XObject", xobjects);
        var options = new PdfSignatureOptions
        {
            SigningTime = DateTimeOffset.Now,
            Rectangle = [72, 72, 172, 172],
            Appearance = new PdfSignatureAppearance { Content = Encoding.ASCII.GetBytes("q 100 0 0 100 0 0 cm /Im1 Do Q"), Resources = resources },
        };

        foreach (string input in new[] { PdfCorpusFixture.Lo, PdfCorpusFixture.LoObjStm })
        {
            string output = corpus.NewTempFile("image-" + input);
            await TestSigning.SignFileAsync(corpus.Path(input), output, corpus.Signers[0], options);
            TestSigning.AssertPdfSigAllValid(corpus, output, 1);
            Assert.Equal(0, ExternalTool.QpdfCheck(output).ExitCode);
        }

        Assert.IsType<PdfStream>(xobjects.Get("Im1"));
    }

    [Theory]
    [InlineData(PdfCorpusFixture.Rotated90, 90, "0 1 -1 0 0 0")]
    [InlineData(PdfCorpusFixture.Rotated180, 180, "-1 0 0 -1 0 0")]
    [InlineData(PdfCorpusFixture.Rotated270, 270, "0 -1 1 0 0 0")]
    public async Task Prepare_VisibleOnRotatedPage_AppearanceCounterRotated(string input, int rotate, string matrix)
    {
        string output = corpus.NewTempFile("rotated-visible.pdf");

        await TestSigning.SignFileAsync(corpus.Path(input), output, corpus.Signers[0], new PdfSignatureOptions
        {
            SigningTime = DateTimeOffset.Now,
            Rectangle = [100, 100, 300, 150],
            Appearance = new PdfSignatureAppearance { Content = Encoding.ASCII.GetBytes("0 0 1 RG 1 1 m 20 1 l S") },
        });

        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        Assert.Equal(0, ExternalTool.QpdfCheck(output).ExitCode);
        await using FileStream fs = File.OpenRead(output);
        using var reader = PdfDocumentReader.Open(fs);
        PdfSignatureInfo sig = Assert.Single(PdfSignatureInspector.Inspect(reader));
        PdfDictionary widget = reader.Latest.GetDictionary(sig.FieldReference)!;
        PdfStream ap = (PdfStream)reader.Resolve(reader.Latest.GetDictionary(widget.Get("AP"))!.Get("N"))!;
        Assert.Equal("[" + matrix + "]", ap.Get("Matrix")!.ToString());
        Assert.Equal(rotate == 180 ? "[0 0 200 50]" : "[0 0 50 200]", ap.Get("BBox")!.ToString());
        Assert.Equal(rotate, reader.Latest.GetInteger(reader.Latest.GetDictionary(widget.Get("MK"))!.Get("R")));
    }

    [Fact]
    public async Task Embed_CmsLargerThanCapacity_ThrowsArgumentException()
    {
        await using var src = File.OpenRead(corpus.Path(PdfCorpusFixture.Lo));
        var dst = new MemoryStream();
        PreparedSignature prepared = await PdfSignaturePreparer.PrepareAsync(src, dst, new PdfSignatureOptions { ContentsCapacity = 512, SigningTime = DateTimeOffset.Now });

        ArgumentException ex = Assert.Throws<ArgumentException>(() => PdfSignaturePreparer.Embed(dst, prepared, new byte[513]));

        Assert.Contains("does not fit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_ExistingFieldNames_NewNameIsUnique()
    {
        string once = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoForm), 1);
        string output = corpus.NewTempFile("named.pdf");

        await Assert.ThrowsAsync<InvalidOperationException>(() => TestSigning.SignFileAsync(once, output + ".x", corpus.Signers[1], new PdfSignatureOptions { FieldName = "Signature1" }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestSigning.SignFileAsync(once, output + ".y", corpus.Signers[1], new PdfSignatureOptions { FieldName = "SoVanBan" }));
        PreparedSignature p = await TestSigning.SignFileAsync(once, output, corpus.Signers[1]);

        Assert.Equal("Signature2", p.FieldName);
    }

    [Fact]
    public async Task Prepare_ExistingEmptySignatureField_SignsThatField()
    {
        string withField = await UpdateAsync(corpus.Path(PdfCorpusFixture.LoForm), corpus.NewTempFile("empty-field.pdf"), w =>
        {
            PdfDictionary catalog = w.Reader.Catalog;
            PdfPage page = PdfPageTree.GetPage(w.Reader.Latest, catalog, 0);
            var field = new PdfDictionary();
            field.Set("Type", new PdfName("Annot"));
            field.Set("Subtype", new PdfName("Widget"));
            field.Set("FT", new PdfName("Sig"));
            field.Set("T", PdfString.FromText("ChuKyVanThu"));
            field.Set("F", new PdfInteger(132));
            field.Set("P", page.Reference);
            field.Set("Rect", PdfArray.OfNumbers(300, 700, 500, 760));
            PdfReference fieldRef = w.Add(field);
            var annots = new PdfArray(w.Reader.Latest.GetArray(page.Dictionary.Get("Annots"))?.Items ?? []);
            annots.Add(fieldRef);
            var pageClone = new PdfDictionary(page.Dictionary);
            pageClone.Set("Annots", annots);
            w.Update(page.Reference, pageClone);
            PdfDictionary acro = new(w.Reader.Latest.GetDictionary(catalog.Get("AcroForm"))!);
            var fields = new PdfArray(w.Reader.Latest.GetArray(acro.Get("Fields"))!.Items);
            fields.Add(fieldRef);
            acro.Set("Fields", fields);
            if (catalog.Get("AcroForm") is PdfReference acroRef)
            {
                w.Update(acroRef, acro);
            }
            else
            {
                var catalogClone = new PdfDictionary(catalog);
                catalogClone.Set("AcroForm", acro);
                w.Update(w.Reader.RootReference, catalogClone);
            }
        });
        string signed = corpus.NewTempFile("signed-field.pdf");

        PreparedSignature p = await TestSigning.SignFileAsync(withField, signed, corpus.Signers[0], new PdfSignatureOptions { FieldName = "ChuKyVanThu", SigningTime = DateTimeOffset.Now });

        Assert.Equal("ChuKyVanThu", p.FieldName);
        TestSigning.AssertPdfSigAllValid(corpus, signed, 1);
        Assert.Equal(0, ExternalTool.QpdfCheck(signed).ExitCode);
        PdfSignatureInfo sig = Assert.Single(Inspect(signed));
        Assert.Equal("ChuKyVanThu", sig.FieldName);
        await using FileStream fs = File.OpenRead(signed);
        using var reader = PdfDocumentReader.Open(fs);
        Assert.Equal(2, PdfAcroForm.EnumerateFields(reader.Latest, reader.Catalog).Count(f => f.FieldType == "Tx"));
        Assert.Single(PdfAcroForm.EnumerateFields(reader.Latest, reader.Catalog), f => f.FieldType == "Sig");
    }

    [Fact]
    public async Task Prepare_DocumentTimestamp_WritesDocTimeStampDictionary()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        await using FileStream src = File.OpenRead(signed);
        var dst = new MemoryStream();

        PreparedSignature p = await PdfSignaturePreparer.PrepareAsync(src, dst, new PdfSignatureOptions { SubFilter = PdfSignatureOptions.Rfc3161, ContentsCapacity = 8192 });
        PdfSignaturePreparer.Embed(dst, p, [0x30, 0x03, 0x02, 0x01, 0x05]);

        dst.Position = 0;
        using var reader = PdfDocumentReader.Open(dst);
        List<PdfSignatureInfo> sigs = PdfSignatureInspector.Inspect(reader);
        Assert.Equal(2, sigs.Count);
        Assert.Equal("DocTimeStamp", sigs[1].Type);
        Assert.Equal("ETSI.RFC3161", sigs[1].SubFilter);
        Assert.Null(sigs[1].SigningTimeText);
        Assert.True(sigs[1].IsByteRangeSane);
        Assert.Equal([0x30, 0x03, 0x02, 0x01, 0x05], sigs[1].GetCms());
        Assert.Equal(PdfChangeKind.SignaturesAndDss, sigs[0].Changes!.Overall);
        Assert.False(sigs[0].Changes!.AddsApprovalSignatures);
    }

    [Fact]
    public void ParsePdfDate_VietnamOffset_Parses()
    {
        DateTimeOffset? d = PdfSignatureInspector.ParsePdfDate("D:20260305143015+07'00'");

        Assert.Equal(new DateTimeOffset(2026, 3, 5, 14, 30, 15, TimeSpan.FromHours(7)), d);
        Assert.Equal("D:20260305143015+07'00'", PdfSignaturePreparer.FormatPdfDate(d!.Value));
    }
}

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSigProducedInputTests(PdfCorpusFixture corpus)
{
    [Fact]
    public async Task Sign_PdfSigSignedInput_BothSignaturesValidAndPopplerFieldFound()
    {
        string input = corpus.Path(PdfCorpusFixture.PdfSigSigned);
        string output = corpus.NewTempFile("ours-after-poppler.pdf");

        PreparedSignature p = await TestSigning.SignFileAsync(input, output, corpus.Signers[1]);

        TestSigning.AssertPdfSigAllValid(corpus, output, 2);
        Assert.Equal(0, ExternalTool.QpdfCheck(output).ExitCode);
        await using FileStream fs = File.OpenRead(output);
        using var reader = PdfDocumentReader.Open(fs);
        List<PdfSignatureInfo> sigs = PdfSignatureInspector.Inspect(reader);
        Assert.Equal(["PopplerSig", p.FieldName], sigs.Select(s => s.FieldName));
        Assert.All(sigs, s => Assert.True(s.IsByteRangeSane, string.Join("; ", s.ByteRangeProblems)));
        Assert.Equal("adbe.pkcs7.detached", sigs[0].SubFilter);
        Assert.True(sigs[0].InAcroForm, "the orphan poppler widget is adopted into AcroForm /Fields");
        using (var pig = Pig.PdfDocument.Open(output))
        {
            Assert.True(pig.TryGetForm(out var form));
            Assert.Contains(form.Fields, f => f.Information.PartialName == "PopplerSig");
            Assert.Contains(form.Fields, f => f.Information.PartialName == p.FieldName);
        }

        await using (FileStream original = File.OpenRead(input))
        using (var before = PdfDocumentReader.Open(original))
        {
            Assert.False(Assert.Single(PdfSignatureInspector.Inspect(before)).InAcroForm, "pdfsig leaves its widget outside AcroForm /Fields");
        }
        byte[] popplerCms = sigs[0].GetCms();
        Assert.Equal(0x80, popplerCms[1]); // poppler writes indefinite-length BER
        var cms = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo(TestSigning.ReadRanges(fs, sigs[0].ByteRange!)), detached: true);
        cms.Decode(popplerCms);
        cms.CheckSignature(verifySignatureOnly: true);
        Assert.True(PdfChangeKind.SignaturesAndDss == sigs[0].Changes!.Overall, string.Join("; ", sigs[0].Changes!.Changes.Select(c => $"{c.ObjectNumber}:{c.Kind}:{c.Reason}")));
        Assert.True(sigs[1].InAcroForm);
    }
}
