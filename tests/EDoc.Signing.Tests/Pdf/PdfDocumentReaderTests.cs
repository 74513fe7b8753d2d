using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using Pig = UglyToad.PdfPig;

namespace EDoc.Signing.Tests.Pdf;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfDocumentReaderTests(PdfCorpusFixture corpus)
{
    public static TheoryData<string> CleanInputs() => new(PdfCorpusFixture.CleanInputs);

    [Theory]
    [MemberData(nameof(CleanInputs))]
    public void Open_RealProducerPdf_PagesAgreeWithPdfPig(string name)
    {
        using FileStream fs = File.OpenRead(corpus.Path(name));
        using var reader = PdfDocumentReader.Open(fs);
        using Pig.PdfDocument pig = Pig.PdfDocument.Open(corpus.Path(name));

        List<PdfPage> pages = [.. PdfPageTree.Enumerate(reader.Latest, reader.Catalog)];

        Assert.False(reader.WasRecovered);
        Assert.Equal(pig.NumberOfPages, pages.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            Pig.Content.Page p = pig.GetPage(i + 1);
            Assert.Equal(p.Rotation.Value, pages[i].Rotate);
            Assert.Equal(p.MediaBox.Bounds.Left, pages[i].MediaBox[0], 3);
            Assert.Equal(p.MediaBox.Bounds.Bottom, pages[i].MediaBox[1], 3);
            Assert.Equal(p.MediaBox.Bounds.Right, pages[i].MediaBox[2], 3);
            Assert.Equal(p.MediaBox.Bounds.Top, pages[i].MediaBox[3], 3);
        }
    }

    [Theory]
    [InlineData(PdfCorpusFixture.LoDocx)]
    [InlineData(PdfCorpusFixture.LoOdt)]
    public void Corpus_LibreOfficeDocxAndOdtExports_CarryTheVietnameseText(string name)
    {
        ExternalTool.Result text = ExternalTool.Run("pdftotext", ["-enc", "UTF-8", corpus.Path(name), "-"]);

        Assert.Equal(0, text.ExitCode);
        string nfc = text.StdOut.Normalize(System.Text.NormalizationForm.FormC);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", nfc, StringComparison.Ordinal);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", nfc, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_QpdfObjectStreams_ReadsXrefStreamAndCompressedObjects()
    {
        using FileStream fs = File.OpenRead(corpus.Path(PdfCorpusFixture.LoObjStm));
        using var reader = PdfDocumentReader.Open(fs);
        using Pig.PdfDocument pig = Pig.PdfDocument.Open(corpus.Path(PdfCorpusFixture.LoObjStm));

        Assert.True(reader.Revisions[^1].UsesXrefStream);
        int compressed = reader.Entries.Values.Count(e => e.Type == PdfXrefEntryType.InObjectStream);
        int pigCompressed = pig.Structure.CrossReferenceTable.ObjectOffsets.Count(o => o.Value.Type == Pig.Core.XrefEntryType.ObjectStream);
        Assert.True(compressed > 0);
        Assert.Equal(pigCompressed, compressed);
        Assert.Equal("Catalog", reader.Catalog.GetNameValue("Type"));
    }

    [Fact]
    public void Open_QpdfLinearized_OneRevisionEndingAtEof()
    {
        using FileStream fs = File.OpenRead(corpus.Path(PdfCorpusFixture.LoLinearized));
        using var reader = PdfDocumentReader.Open(fs);

        Assert.Single(reader.Revisions);
        Assert.Equal(2, reader.Revisions[0].Sections.Count);
        Assert.Equal(fs.Length, reader.Revisions[0].EndOffset);
    }

    [Fact]
    public void Open_PdfSharp_InheritedAttributesMediaBoxOffOriginAndIndirectAnnots()
    {
        using FileStream fs = File.OpenRead(corpus.Path(PdfCorpusFixture.PdfSharpFile));
        using var reader = PdfDocumentReader.Open(fs);

        PdfPage p1 = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 0);
        PdfPage p2 = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 1);

        Assert.Equal([100, 200, 695, 1042], p1.MediaBox);
        Assert.IsType<PdfReference>(p1.Dictionary.Get("Annots"));
        Assert.Null(p2.Dictionary.Get("MediaBox"));
        Assert.Equal([0, 0, 420, 595], p2.MediaBox);
        Assert.Equal(90, p2.Rotate);
    }

    [Fact]
    public void EnumerateFields_LibreOfficeForm_FindsTextField()
    {
        using FileStream fs = File.OpenRead(corpus.Path(PdfCorpusFixture.LoForm));
        using var reader = PdfDocumentReader.Open(fs);

        List<PdfField> fields = PdfAcroForm.EnumerateFields(reader.Latest, reader.Catalog);

        PdfField field = Assert.Single(fields, f => f.FullName == "SoVanBan");
        Assert.Equal("Tx", field.FieldType);
    }
}

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfHybridReferenceTests(PdfCorpusFixture corpus)
{
    /// <summary>
    /// No producer on the test machine writes hybrid-reference files, so this one is derived from qpdf's
    /// xref-stream output: a classic table listing only the uncompressed objects, with /XRefStm pointing at
    /// qpdf's xref stream for the compressed ones (the layout Word and Acrobat write).
    /// </summary>
    private byte[] MakeHybrid()
    {
        byte[] pdf = File.ReadAllBytes(corpus.Path(PdfCorpusFixture.LoObjStm));
        using var pig = Pig.PdfDocument.Open(pdf);
        string text = System.Text.Encoding.Latin1.GetString(pdf);
        int sx = text.LastIndexOf("startxref", StringComparison.Ordinal) + 9;
        long xrefStream = long.Parse(text[sx..].Trim().Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var inFile = pig.Structure.CrossReferenceTable.ObjectOffsets
            .Where(o => o.Value.Type == Pig.Core.XrefEntryType.File)
            .OrderBy(o => o.Key.ObjectNumber)
            .ToList();
        using var ours = PdfDocumentReader.Open(new MemoryStream(pdf));
        var sb = new System.Text.StringBuilder("\nxref\n");
        foreach (var o in inFile)
        {
            sb.Append(o.Key.ObjectNumber).Append(" 1\n").Append(o.Value.Value1.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n\r\n");
        }

        long tableOffset = pdf.Length + 1;
        sb.Append("trailer\n<</Size ").Append(ours.Size).Append("/Root ").Append(ours.RootReference.Number).Append(" 0 R/XRefStm ").Append(xrefStream).Append(">>\nstartxref\n").Append(tableOffset).Append("\n%%EOF\n");
        return [.. pdf, .. System.Text.Encoding.ASCII.GetBytes(sb.ToString())];
    }

    [Fact]
    public async Task Open_HybridReference_ResolvesCompressedObjectsThroughXRefStmAndSignsWithTable()
    {
        byte[] hybrid = MakeHybrid();
        string input = corpus.NewTempFile("hybrid.pdf");
        await File.WriteAllBytesAsync(input, hybrid);

        using (var reader = PdfDocumentReader.Open(new MemoryStream(hybrid)))
        {
            Assert.False(reader.WasRecovered);
            Assert.False(reader.Revisions[^1].UsesXrefStream);
            Assert.Contains(reader.Entries.Values, e => e.Type == PdfXrefEntryType.InObjectStream);
            Assert.Equal(2, PdfPageTree.GetPageCount(reader.Latest, reader.Catalog));
        }

        string output = corpus.NewTempFile("hybrid-signed.pdf");
        await TestSigning.SignFileAsync(input, output, corpus.Signers[0]);

        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        ExternalTool.Result check = ExternalTool.QpdfCheck(output);
        Assert.True(check.ExitCode == ExternalTool.QpdfCheck(input).ExitCode, check.All);
        await using FileStream fs = File.OpenRead(output);
        using var after = PdfDocumentReader.Open(fs);
        Assert.False(after.Revisions[^1].UsesXrefStream);
    }
}
