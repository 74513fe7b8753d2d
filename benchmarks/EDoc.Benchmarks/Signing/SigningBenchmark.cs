using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using EDoc.Signing;
using EDoc.Signing.Appearance;
using EDoc.Signing.Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Signers;
using EDoc.Signing.Verification;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace EDoc.Benchmarks.Signing;

/// <summary>
/// PAdES signing costs in one run, against the raw limits: RSA-2048 SignHash (baseline), SHA-256 of 1 MiB and of
/// the 20 MB file, a 20 MB file copy, our invisible B-B signature of a ~50 KB and a 20 MB PDF, PDFsharp 6.2.4
/// signing the same small PDF, verifying the small signed PDF, our visible (image) B-B signature of the small PDF
/// through the public <see cref="PdfSigner"/>, and a batch of small PDFs signed on all cores
/// (<see cref="PdfSigner.SignBatchAsync"/>, reported per document).
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmark
{
    private const int LargeSize = 20 * 1024 * 1024;
    private DevelopmentCertificates _pki = null!;
    private X509Certificate2 _signer = null!;
    private RSA _rsa = null!;
    private X509CertificateSigningKey _key = null!;
    private CmsSignatureBuilder _builder = null!;
    private int _capacity;
    private byte[] _hash = null!;
    private byte[] _oneMiB = null!;
    private byte[] _smallPdf = null!;
    private byte[] _smallSigned = null!;
    private string _dir = null!;
    private string _largePdf = null!;
    private string _largeOut = null!;
    private string _copyOut = null!;
    private PdfSignatureVerifier _verifier = null!;
    private PdfSigner _pdfSigner = null!;
    private PdfSignatureRequest _visibleRequest = null!;
    private PdfSigningJob[] _batch = null!;

    /// <summary>Documents per batch invocation (the batch row is per document: <c>OperationsPerInvoke</c>).</summary>
    public const int BatchSize = 32;

    [GlobalSetup]
    public void Setup()
    {
        _pki = DevelopmentCertificates.Create();
        _signer = _pki.Signer;
        _rsa = _signer.GetRSAPrivateKey()!;
        _key = new X509CertificateSigningKey(_signer, [_pki.Ca]);
        _builder = new CmsSignatureBuilder();
        _capacity = _builder.EstimateSize(_key);
        _hash = SHA256.HashData("EDoc benchmark"u8);
        _oneMiB = RandomNumberGenerator.GetBytes(1024 * 1024);
        _smallPdf = BuildPdf(pages: 3, blobBytes: 14 * 1024);
        _dir = Directory.CreateTempSubdirectory("edoc-bench-").FullName;
        _largePdf = Path.Combine(_dir, "large.pdf");
        _largeOut = Path.Combine(_dir, "large-signed.pdf");
        _copyOut = Path.Combine(_dir, "large-copy.pdf");
        File.WriteAllBytes(_largePdf, BuildPdf(pages: 20, blobBytes: LargeSize / 20));
        _smallSigned = SignSmall().GetAwaiter().GetResult().ToArray();
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(_pki.Ca);
        _verifier = new PdfSignatureVerifier(options);
        _pdfSigner = new PdfSigner();
        SignatureImage ink = new SignatureImageCache().GetOrLoad(SignaturePng(), ImagePreparationOptions.Signer);
        _visibleRequest = new PdfSignatureRequest
        {
            Key = _key,
            Appearance = new ImageSignatureAppearance(ink),
            Placement = SignaturePlacement.AtRectangle(PageRectangle.FromMillimetres(110, 40, 60, 25), SignaturePlacement.LastPage),
        };
        var batchRequest = new PdfSignatureRequest { Key = _key };
        string batchDir = Directory.CreateDirectory(Path.Combine(_dir, "batch")).FullName;
        _batch = new PdfSigningJob[BatchSize];
        for (int i = 0; i < BatchSize; i++)
        {
            string source = Path.Combine(batchDir, $"in-{i:D2}.pdf");
            File.WriteAllBytes(source, _smallPdf);
            _batch[i] = new PdfSigningJob(source, Path.Combine(batchDir, $"out-{i:D2}.pdf"), batchRequest);
        }

        Console.WriteLine($"// small PDF {_smallPdf.Length} bytes, large PDF {new FileInfo(_largePdf).Length} bytes, /Contents capacity {_capacity}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _pki.Dispose();
        Directory.Delete(_dir, true);
    }

    /// <summary>A PDFsharp document with shapes on each page and an uncompressible blob stream per page.</summary>
    private static byte[] BuildPdf(int pages, int blobBytes)
    {
        using var doc = new PdfDocument();
        doc.Options.NoCompression = true;
        doc.Options.CompressContentStreams = false;
        var random = new Random(42);
        for (int i = 0; i < pages; i++)
        {
            PdfPage page = doc.AddPage();
            using (XGraphics g = XGraphics.FromPdfPage(page))
            {
                for (int j = 0; j < 20; j++)
                {
                    g.DrawRectangle(XPens.DarkBlue, XBrushes.LightSteelBlue, 20 + (j * 10), 20 + (j * 15), 100, 50);
                }
            }

            byte[] blob = new byte[blobBytes];
            random.NextBytes(blob);
            var dict = new PdfDictionary(doc);
            dict.CreateStream(blob);
            doc.Internals.AddObject(dict);
            page.Elements["/EDocBlob"] = dict.Reference;
        }

        using var ms = new MemoryStream();
        doc.Save(ms);
        return ms.ToArray();
    }

    /// <summary>A 900×300 handwriting-like stroke in dark ink on white (PNG), drawn in code: the signer's image.</summary>
    private static byte[] SignaturePng()
    {
        using var image = new Image<Rgba32>(900, 300, new Rgba32(255, 255, 255, 255));
        var ink = new Rgba32(25, 30, 70, 255);
        for (int step = 0; step <= 1200; step++)
        {
            double t = step / 1200.0;
            double cx = 90 + (700 * t) - (38 * Math.Sin(t * Math.PI * 9));
            double cy = 150 - (62 * Math.Cos(t * Math.PI * 9)) - (40 * t);
            for (int dy = -4; dy <= 4; dy++)
            {
                for (int dx = -4; dx <= 4; dx++)
                {
                    int x = (int)cx + dx, y = (int)cy + dy;
                    if ((dx * dx) + (dy * dy) <= 16 && x >= 0 && x < image.Width && y >= 0 && y < image.Height)
                    {
                        image[x, y] = ink;
                    }
                }
            }
        }

        using var ms = new MemoryStream();
        image.Save(ms, new PngEncoder());
        return ms.ToArray();
    }

    /// <summary>Median microseconds of the three phases of a small-PDF signature: prepare, CMS, embed.</summary>
    internal async Task<(double Prepare, double Cms, double Embed, double KeyOnly)> PhasesAsync(int rounds)
    {
        var prep = new List<double>(rounds);
        var cmsT = new List<double>(rounds);
        var emb = new List<double>(rounds);
        var keyT = new List<double>(rounds);
        var openT = new List<double>(rounds);
        var hashT = new List<double>(rounds);
        for (int i = 0; i < rounds; i++)
        {
            using var source = new MemoryStream(_smallPdf, writable: false);
            using var output = new MemoryStream(_smallPdf.Length + (_capacity * 2) + 4096);
            var options = new PdfSignatureOptions { SigningTime = DateTimeOffset.UtcNow, ContentsCapacity = _capacity };
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            PreparedSignature prepared = await PdfSignaturePreparer.PrepareAsync(source, output, options);
            long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
            byte[] cms = await _builder.SignAsync(prepared.Digest, _key);
            long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
            await PdfSignaturePreparer.EmbedAsync(output, prepared, cms);
            long t3 = System.Diagnostics.Stopwatch.GetTimestamp();
            await _key.SignHashAsync(_hash, HashAlgorithmName.SHA256);
            long t4 = System.Diagnostics.Stopwatch.GetTimestamp();
            source.Position = 0;
            using (var r = EDoc.Signing.Pdf.Parsing.PdfDocumentReader.Open(source))
            {
                _ = r.Catalog;
            }

            long t5 = System.Diagnostics.Stopwatch.GetTimestamp();
            using (var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                h.AppendData(_smallPdf);
                _ = h.GetHashAndReset();
            }

            long t6 = System.Diagnostics.Stopwatch.GetTimestamp();
            openT.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t4, t5).TotalMicroseconds);
            hashT.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t5, t6).TotalMicroseconds);
            prep.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds);
            cmsT.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds);
            emb.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t2, t3).TotalMicroseconds);
            keyT.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t3, t4).TotalMicroseconds);
        }

        prep.Sort();
        cmsT.Sort();
        emb.Sort();
        keyT.Sort();
        openT.Sort();
        hashT.Sort();
        Console.WriteLine(System.FormattableString.Invariant($"reader open median={openT[rounds / 2]:F1} us, sha-256 of the small PDF median={hashT[rounds / 2]:F1} us"));
        return (prep[rounds / 2], cmsT[rounds / 2], emb[rounds / 2], keyT[rounds / 2]);
    }

    private async Task<MemoryStream> SignSmall()
    {
        using var source = new MemoryStream(_smallPdf, writable: false);
        var output = new MemoryStream(_smallPdf.Length + (_capacity * 2) + 4096);
        var options = new PdfSignatureOptions { SigningTime = DateTimeOffset.UtcNow, ContentsCapacity = _capacity };
        PreparedSignature prepared = await PdfSignaturePreparer.PrepareAsync(source, output, options);
        byte[] cms = await _builder.SignAsync(prepared.Digest, _key);
        await PdfSignaturePreparer.EmbedAsync(output, prepared, cms);
        return output;
    }

    [Benchmark(Baseline = true, Description = "RSA-2048 SignHash (PKCS#1 v1.5)")]
    public byte[] RsaSignHash() => _rsa.SignHash(_hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "SHA-256 of 1 MiB")]
    public byte[] Sha256OneMiB() => SHA256.HashData(_oneMiB);

    [Benchmark(Description = "EDoc B-B sign, small PDF (memory)")]
    public async Task<long> EDocSignSmall()
    {
        using MemoryStream output = await SignSmall();
        return output.Length;
    }

    [Benchmark(Description = "EDoc B-B sign, 20 MB PDF (file to file)")]
    public async Task<long> EDocSignLarge()
    {
        await using var source = new FileStream(_largePdf, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using var output = new FileStream(_largeOut, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
        var options = new PdfSignatureOptions { SigningTime = DateTimeOffset.UtcNow, ContentsCapacity = _capacity };
        PreparedSignature prepared = await PdfSignaturePreparer.PrepareAsync(source, output, options);
        byte[] cms = await _builder.SignAsync(prepared.Digest, _key);
        await PdfSignaturePreparer.EmbedAsync(output, prepared, cms);
        return output.Length;
    }

    [Benchmark(Description = "SHA-256 of the 20 MB file")]
    public async Task<byte[]> Sha256LargeFile()
    {
        await using var source = new FileStream(_largePdf, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        return await SHA256.HashDataAsync(source);
    }

    [Benchmark(Description = "Copy of the 20 MB file")]
    public async Task<long> CopyLargeFile()
    {
        await using var source = new FileStream(_largePdf, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using var output = new FileStream(_copyOut, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        await source.CopyToAsync(output, 81920);
        return output.Length;
    }

    [Benchmark(Description = "PDFsharp 6.2.4 sign, small PDF (memory)")]
    public long PdfSharpSignSmall()
    {
        using var source = new MemoryStream(_smallPdf, writable: false);
        using PdfDocument doc = PdfReader.Open(source, PdfDocumentOpenMode.Modify);
        var signer = new PdfSharpDefaultSigner(_signer, PdfMessageDigestType.SHA256);
        DigitalSignatureHandler.ForDocument(doc, signer, new DigitalSignatureOptions { Reason = "Benchmark", Rectangle = new XRect(0, 0, 0, 0) });
        using var output = new MemoryStream();
        doc.Save(output);
        return output.Length;
    }

    [Benchmark(Description = "EDoc B-B sign visible (image), small PDF (memory)")]
    public async Task<long> EDocSignSmallVisible()
    {
        using var source = new MemoryStream(_smallPdf, writable: false);
        using var output = new MemoryStream(_smallPdf.Length + (_capacity * 2) + 65536);
        await _pdfSigner.SignAsync(source, output, _visibleRequest);
        return output.Length;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "EDoc batch sign, small PDFs, all cores (per document)")]
    public async Task<int> EDocSignBatch()
    {
        PdfBatchResult result = await _pdfSigner.SignBatchAsync(_batch);
        return result.FailedCount == 0 ? result.SucceededCount : throw new InvalidOperationException(result.Jobs.First(j => !j.Succeeded).Error!.Message);
    }

    [Benchmark(Description = "EDoc verify, small signed PDF")]
    public async Task<bool> EDocVerifySmall()
    {
        using var source = new MemoryStream(_smallSigned, writable: false);
        PdfVerificationReport report = await _verifier.VerifyAsync(source);
        return report.Signatures[0].IsIntegrityValid;
    }
}

/// <summary>
/// Interleaved timing of RSA SignHash and the small-PDF signature (both see the same CPU load on a shared machine):
/// <c>dotnet run -c Release -- --interleaved-signing [rounds]</c>.
/// </summary>
public static class InterleavedSigningCheck
{
    public static async Task RunAsync(int rounds)
    {
        var b = new SigningBenchmark();
        b.Setup();
        try
        {
            for (int i = 0; i < 200; i++)
            {
                b.RsaSignHash();
                await b.EDocSignSmall();
            }

            var rsa = new List<double>(rounds);
            var pdf = new List<double>(rounds);
            var peer = new List<double>(rounds / 10);
            for (int i = 0; i < rounds; i++)
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                b.RsaSignHash();
                long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                await b.EDocSignSmall();
                long t2 = System.Diagnostics.Stopwatch.GetTimestamp();
                rsa.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0, t1).TotalMicroseconds);
                pdf.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t1, t2).TotalMicroseconds);
                if (i % 10 == 0)
                {
                    long t3 = System.Diagnostics.Stopwatch.GetTimestamp();
                    b.PdfSharpSignSmall();
                    peer.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t3).TotalMicroseconds);
                }
            }

            peer.Sort();

            // Process CPU time (user + system, all threads) per operation: insensitive to preemption by other processes.
            var process = System.Diagnostics.Process.GetCurrentProcess();
            process.Refresh();
            TimeSpan c0 = process.TotalProcessorTime;
            for (int i = 0; i < rounds; i++)
            {
                b.RsaSignHash();
            }

            process.Refresh();
            TimeSpan c1 = process.TotalProcessorTime;
            for (int i = 0; i < rounds; i++)
            {
                await b.EDocSignSmall();
            }

            process.Refresh();
            TimeSpan c2 = process.TotalProcessorTime;
            for (int i = 0; i < rounds / 10; i++)
            {
                b.PdfSharpSignSmall();
            }

            process.Refresh();
            TimeSpan c3 = process.TotalProcessorTime;
            double cpuRsa = (c1 - c0).TotalMicroseconds / rounds;
            double cpuEdoc = (c2 - c1).TotalMicroseconds / rounds;
            double cpuPeer = (c3 - c2).TotalMicroseconds / (rounds / 10);
            Console.WriteLine(System.FormattableString.Invariant($"cpu time per op: rsa={cpuRsa:F1} us edoc small={cpuEdoc:F1} us pdfsharp={cpuPeer:F1} us | throughput ratio={cpuRsa / cpuEdoc:P1} | EDoc vs PDFsharp={cpuPeer / cpuEdoc:F1}x"));
            var phases = await b.PhasesAsync(rounds);
            Console.WriteLine(System.FormattableString.Invariant($"phases (median us): prepare={phases.Prepare:F1} cms={phases.Cms:F1} embed={phases.Embed:F1} key.SignHashAsync={phases.KeyOnly:F1}"));
            rsa.Sort();
            pdf.Sort();
            double rsaMedian = rsa[rounds / 2];
            double pdfMedian = pdf[rounds / 2];
            Console.WriteLine(System.FormattableString.Invariant($"rounds={rounds} rsa median={rsaMedian:F1} us p10={rsa[rounds / 10]:F1} | edoc small median={pdfMedian:F1} us p10={pdf[rounds / 10]:F1} | throughput ratio (median)={rsaMedian / pdfMedian:P1} (p10)={rsa[rounds / 10] / pdf[rounds / 10]:P1} | pdfsharp median={peer[peer.Count / 2]:F1} us p10={peer[peer.Count / 10]:F1} -> EDoc is {peer[peer.Count / 2] / pdfMedian:F1}x (median), {peer[peer.Count / 10] / pdf[rounds / 10]:F1}x (p10)"));
        }
        finally
        {
            b.Cleanup();
        }
    }
}
