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
