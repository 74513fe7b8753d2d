using System.Text;
using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Tests.Pdf;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfReaderMalformedTests(PdfCorpusFixture corpus)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static async Task<TException> AssertReadFails<TException>(byte[] pdf)
        where TException : Exception
    {
        Exception? caught = await Record.ExceptionAsync(() => Task.Run(() =>
        {
            using var reader = PdfDocumentReader.Open(new MemoryStream(pdf));
            PdfSignatureInspector.Inspect(reader);
        }).WaitAsync(Guard));
        Assert.NotNull(caught);
        Assert.IsAssignableFrom<EDocException>(caught);
        return Assert.IsAssignableFrom<TException>(caught);
    }

    /// <summary>Signing must fail before a single byte is written.</summary>
    private static async Task<Exception> AssertSignFails(byte[] pdf)
    {
        var output = new MemoryStream();
        Exception? caught = await Record.ExceptionAsync(() => PdfSignaturePreparer.PrepareAsync(new MemoryStream(pdf), output, new PdfSignatureOptions { SigningTime = DateTimeOffset.Now }).WaitAsync(Guard));
        Assert.NotNull(caught);
        Assert.IsAssignableFrom<EDocException>(caught);
        Assert.Equal(0, output.Length);
        return caught!;
    }

    [Fact]
    public async Task Open_Garbage_ThrowsPdfFormatException()
    {
        byte[] garbage = new byte[50_000];
        new Random(42).NextBytes(garbage);

        PdfFormatException ex = await AssertReadFails<PdfFormatException>(garbage);

        Assert.Equal("PDF", ex.Subject);
        await AssertSignFails(garbage);
    }

    [Fact]
    public async Task Open_Empty_ThrowsPdfFormatException()
    {
        await AssertReadFails<PdfFormatException>([]);
    }

    [Fact]
    public async Task Sign_TruncatedLibreOfficePdf_ThrowsTypedExceptionAndWritesNothing()
    {
        byte[] full = await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.Lo));
        byte[] truncated = full.AsSpan(0, full.Length / 2).ToArray();

        Exception ex = await AssertSignFails(truncated);

        Assert.IsAssignableFrom<PdfFormatException>(ex);
    }

    [Fact]
    public async Task Open_NoStartxref_RecoversByScanningButSigningIsRefused()
    {
        byte[] full = await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.Lo));
        string text = Encoding.Latin1.GetString(full);
        byte[] broken = Encoding.Latin1.GetBytes(text.Replace("startxref", "startxxxx", StringComparison.Ordinal));

        using (var reader = PdfDocumentReader.Open(new MemoryStream(broken)))
        {
            Assert.True(reader.WasRecovered);
            Assert.Equal(2, PdfPageTree.GetPageCount(reader.Latest, reader.Catalog));
        }

        Exception ex = await AssertSignFails(broken);
        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_StartxrefOutsideFile_RecoversObjectsFromObjectStreams()
    {
        byte[] full = await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.LoObjStm));
        string text = Encoding.Latin1.GetString(full);
        int at = text.LastIndexOf("startxref", StringComparison.Ordinal);
        string patched = string.Concat(text.AsSpan(0, at), "startxref\n99999999\n%%EOF\n");

        using var reader = PdfDocumentReader.Open(new MemoryStream(Encoding.Latin1.GetBytes(patched)));

        Assert.True(reader.WasRecovered);
        Assert.Equal(2, PdfPageTree.GetPageCount(reader.Latest, reader.Catalog));
    }

    [Fact]
    public async Task Open_WrongXrefOffsetForPage_RepairedByScanningButSigningRefused()
    {
        byte[] pdf = await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.Lo));
        int pageNumber;
        using (var clean = PdfDocumentReader.Open(new MemoryStream(pdf)))
        {
            pageNumber = PdfPageTree.GetPage(clean.Latest, clean.Catalog, 0).Reference.Number;
        }

        string text = Encoding.Latin1.GetString(pdf);
        int xref = text.LastIndexOf("\nxref", StringComparison.Ordinal) + 1;
        int firstEntry = text.IndexOf('\n', xref + 5) + 1;
        int entry = firstEntry + (20 * pageNumber);
        long offset = long.Parse(text.AsSpan(entry, 10), System.Globalization.CultureInfo.InvariantCulture);
        byte[] broken = Encoding.Latin1.GetBytes(string.Concat(text.AsSpan(0, entry), (offset + 7).ToString("D10", System.Globalization.CultureInfo.InvariantCulture), text.AsSpan(entry + 10)));

        using (var reader = PdfDocumentReader.Open(new MemoryStream(broken)))
        {
            Assert.False(reader.WasRecovered);
            PdfPage page = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 0);
            Assert.Equal(pageNumber, page.Reference.Number);
            Assert.True(reader.WasRecovered);
        }

        Exception ex = await AssertSignFails(broken);
        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_XrefOffsetsOutsideFileAndNothingToRecover_ThrowsPdfFormatException()
    {
        byte[] pdf = Encoding.Latin1.GetBytes("%PDF-1.7\nxref\n0 2\n0000000000 65535 f\r\n0999999999 00000 n\r\ntrailer\n<</Size 2/Root 1 0 R>>\nstartxref\n9\n%%EOF\n");

        PdfFormatException ex = await AssertReadFails<PdfFormatException>(pdf);

        Assert.Contains("no objects could be recovered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_CyclicPrev_ThrowsPdfFormatException()
    {
        PdfFormatException ex = await AssertReadFails<PdfFormatException>(MalformedPdf.CyclicPrev());

        Assert.Contains("cyclic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ObjectStreamLoop_ThrowsPdfFormatException()
    {
        PdfFormatException ex = await AssertReadFails<PdfFormatException>(MalformedPdf.ObjectStreamLoop());

        Assert.Contains("object stream", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_HugeLengthWithoutEndstream_ThrowsPdfFormatException()
    {
        string[] objects = [.. MalformedPdf.MinimalObjects, "<</Length 999999999999>>\nstream\nabc"];
        byte[] pdf = MalformedPdf.Classic(objects);
        using var reader = PdfDocumentReader.Open(new MemoryStream(pdf));

        Exception? ex = await Record.ExceptionAsync(() => Task.Run(() => reader.Latest.Get(4)).WaitAsync(Guard));

        Assert.IsType<PdfFormatException>(ex);
    }

    [Fact]
    public async Task Open_HugeXrefStreamSize_ThrowsLimitExceeded()
    {
        string body = "%PDF-1.7\n1 0 obj\n<</Type/XRef/Size 2000000000/W[1 2 1]/Root 1 0 R/Length 0>>\nstream\n\nendstream\nendobj\n";
        byte[] pdf = Encoding.Latin1.GetBytes(body + "startxref\n9\n%%EOF\n");

        EDocLimitExceededException ex = await AssertReadFails<EDocLimitExceededException>(pdf);

        Assert.Equal("MaxObjects", ex.LimitName);
    }

    [Fact]
    public async Task Open_DeeplyNestedArrays_ThrowsLimitExceeded()
    {
        string deep = "<</Type/Catalog/Pages 2 0 R/Deep " + new string('[', 10_000) + new string(']', 10_000) + ">>";
        byte[] pdf = MalformedPdf.Classic([deep, MalformedPdf.MinimalObjects[1], MalformedPdf.MinimalObjects[2]]);

        EDocLimitExceededException ex = await AssertReadFails<EDocLimitExceededException>(pdf);

        Assert.Equal("MaxDepth", ex.LimitName);
        await AssertSignFails(pdf);
    }

    [Fact]
    public async Task Open_PageTreeCycle_ThrowsPdfFormatException()
    {
        byte[] pdf = MalformedPdf.Classic(["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[2 0 R]/Count 1>>"]);

        PdfFormatException ex = await AssertReadFails<PdfFormatException>(pdf);

        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ReferenceCycle_ThrowsPdfFormatException()
    {
        byte[] pdf = MalformedPdf.Classic(["<</Type/Catalog/Pages 2 0 R>>", "3 0 R", "2 0 R"]);

        await AssertReadFails<PdfFormatException>(pdf);
    }

    [Fact]
    public async Task Open_EncryptedByQpdf_ThrowsPdfEncryptedException()
    {
        byte[] pdf = await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.Encrypted));

        PdfEncryptedException ex = await AssertReadFails<PdfEncryptedException>(pdf);

        Assert.Equal("pdf.encrypted", ex.ErrorCode);
        Assert.IsType<PdfEncryptedException>(await AssertSignFails(pdf));
    }

    [Fact]
    public void Open_HandWrittenMinimal_ReadsPage()
    {
        using var reader = PdfDocumentReader.Open(new MemoryStream(MalformedPdf.Classic(MalformedPdf.MinimalObjects)));

        PdfPage page = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 0);

        Assert.False(reader.WasRecovered);
        Assert.Equal([0, 0, 595, 842], page.MediaBox);
    }
}

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfReaderMutationTests(PdfCorpusFixture corpus)
{
    public static TheoryData<string> Inputs() => new([PdfCorpusFixture.Lo, PdfCorpusFixture.LoObjStm, PdfCorpusFixture.LoForm, PdfCorpusFixture.PdfSharpFile]);

    /// <summary>Random byte flips and truncations must give a result or a typed EDoc exception, never anything else.</summary>
    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task OpenAndInspect_RandomlyDamagedRealPdf_OnlyTypedExceptions(string name)
    {
        byte[] original = await File.ReadAllBytesAsync(corpus.Path(name));
        var rnd = new Random(name.Length * 7919);
        var unexpected = new List<string>();
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("EDOC_MUTATION_ROUNDS"), out int r) ? r : 300;
        for (int round = 0; round < rounds; round++)
        {
            byte[] damaged = (byte[])original.Clone();
            if (round % 5 == 0)
            {
                damaged = damaged.AsSpan(0, rnd.Next(1, damaged.Length)).ToArray();
            }
            else
            {
                int flips = 1 + rnd.Next(8);
                for (int f = 0; f < flips; f++)
                {
                    // Bias damage towards the structure at the end of the file.
                    int at = rnd.Next(2) == 0 ? rnd.Next(damaged.Length) : damaged.Length - 1 - rnd.Next(Math.Min(2000, damaged.Length));
                    damaged[at] = (byte)rnd.Next(256);
                }
            }

            Exception? ex = await Record.ExceptionAsync(() => Task.Run(() =>
            {
                using var reader = PdfDocumentReader.Open(new MemoryStream(damaged));
                _ = PdfPageTree.GetPageCount(reader.Latest, reader.Catalog);
                _ = PdfAcroForm.EnumerateFields(reader.Latest, reader.Catalog);
                _ = PdfSignatureInspector.Inspect(reader);
                var sink = new MemoryStream();
                PdfSignaturePreparer.PrepareAsync(new MemoryStream(damaged), sink, new PdfSignatureOptions { SigningTime = DateTimeOffset.Now }).GetAwaiter().GetResult();
            }).WaitAsync(TimeSpan.FromSeconds(60)));
            if (ex is not null and not EDocException)
            {
                unexpected.Add($"round {round}: {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }
        }

        Assert.True(unexpected.Count == 0, string.Join("\n\n", unexpected.Take(3)));
    }
}
