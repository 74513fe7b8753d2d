using System.Security.Cryptography;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using PdfSharp.Drawing;
using Xunit.Abstractions;

namespace EDoc.Signing.Tests.Pdf;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfStreamingTests(PdfCorpusFixture corpus, ITestOutputHelper output)
{
    /// <summary>A ≈20 MB PDFsharp document: 400 pages of uncompressed vector drawing.</summary>
    private static byte[] LargePdf()
    {
        using var doc = new PdfSharp.Pdf.PdfDocument();
        doc.Options.NoCompression = true;
        doc.Options.CompressContentStreams = false;
        var rnd = new Random(7);
        for (int p = 0; p < 400; p++)
        {
            PdfSharp.Pdf.PdfPage page = doc.AddPage();
            using XGraphics g = XGraphics.FromPdfPage(page);
            for (int i = 0; i < 1200; i++)
            {
                g.DrawLine(XPens.Black, rnd.NextDouble() * 500, rnd.NextDouble() * 800, rnd.NextDouble() * 500, rnd.NextDouble() * 800);
            }
        }

        using var ms = new MemoryStream();
        doc.Save(ms);
        return ms.ToArray();
    }

    [Fact]
    public async Task Prepare_TwentyMegabytePdf_AllocatesFarLessThanTheFileAndSignatureIsValid()
    {
        byte[] source = LargePdf();
        Assert.True(source.Length > 15_000_000, $"the test PDF should be large, was {source.Length} bytes");
        var input = new MemoryStream(source, writable: false);
        var signed = new MemoryStream(source.Length + 100_000);
        var options = new PdfSignatureOptions { SigningTime = DateTimeOffset.Now, PageIndex = 399 };

        // Warm the shared array pools up (steady state is what matters for a server signing many documents).
        await PdfSignaturePreparer.PrepareAsync(new MemoryStream(source, false), new MemoryStream(source.Length + 100_000), options);

        // MemoryStream I/O completes synchronously, so the whole operation runs on this thread.
        long before = GC.GetAllocatedBytesForCurrentThread();
        PreparedSignature prepared = await PdfSignaturePreparer.PrepareAsync(input, signed, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"PrepareAsync allocated {allocated:N0} bytes for a {source.Length:N0}-byte PDF");
        Assert.True(allocated < 1_000_000, $"PrepareAsync allocated {allocated:N0} bytes for a {source.Length:N0}-byte PDF");
        Assert.True(signed.GetBuffer().AsSpan(0, source.Length).SequenceEqual(source));
        byte[] signedBytes = TestSigning.ReadRanges(signed, prepared.ByteRange);
        TestSigning.AssertDigest(prepared, signedBytes);
        PdfSignaturePreparer.Embed(signed, prepared, TestSigning.CreateCms(signedBytes, corpus.Signers[0]));
        string file = corpus.NewTempFile("large-signed.pdf");
        await File.WriteAllBytesAsync(file, signed.ToArray());
        TestSigning.AssertPdfSigAllValid(corpus, file, 1);
    }

    /// <summary>Counts the bytes read through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Open_TwentyMegabytePdf_ReadsOnlyTheStructureItNeeds()
    {
        byte[] source = LargePdf();
        var counting = new CountingStream(new MemoryStream(source, writable: false));

        using var reader = PdfDocumentReader.Open(counting);
        PdfPage last = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 399);
        long forSigning = counting.BytesRead;
        Assert.Empty(PdfSignatureInspector.Inspect(reader, includeChanges: false));
        long forInspection = counting.BytesRead;

        Assert.Equal(399, last.Index);
        Assert.True(forSigning < source.Length / 100, $"signing read {forSigning:N0} of {source.Length:N0} bytes");
        Assert.True(forInspection < source.Length / 5, $"inspection (all 400 page dictionaries) read {forInspection:N0} of {source.Length:N0} bytes");
    }

    [Fact]
    public async Task Prepare_CanceledToken_ThrowsWithoutWriting()
    {
        await using FileStream src = File.OpenRead(corpus.Path(PdfCorpusFixture.Lo));
        var dst = new MemoryStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PdfSignaturePreparer.PrepareAsync(src, dst, new PdfSignatureOptions(), new CancellationToken(true)));

        Assert.Equal(0, dst.Length);
    }

    [Fact]
    public async Task ComputeDigest_StreamedRanges_EqualsHashOfConcatenation()
    {
        string signed = corpus.NewTempFile("d.pdf");
        PreparedSignature p = await TestSigning.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), signed, corpus.Signers[0], new PdfSignatureOptions { SigningTime = DateTimeOffset.Now, DigestAlgorithm = HashAlgorithmName.SHA384 });
        await using FileStream fs = File.OpenRead(signed);

        byte[] digest = PdfSignatureInspector.ComputeDigest(fs, p.ByteRange, HashAlgorithmName.SHA384);

        Assert.Equal(SHA384.HashData(TestSigning.ReadRanges(fs, p.ByteRange)), digest);
        Assert.Equal(p.Digest, digest);
    }
}
