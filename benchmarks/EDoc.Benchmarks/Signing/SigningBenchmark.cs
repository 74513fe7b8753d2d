using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using EDoc.Signing.Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Signers;
using EDoc.Signing.Verification;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace EDoc.Benchmarks.Signing;

/// <summary>
/// PAdES signing costs in one run, against the raw limits: RSA-2048 SignHash (baseline), SHA-256 of 1 MiB and of
/// the 20 MB file, a 20 MB file copy, our invisible B-B signature of a ~50 KB and a 20 MB PDF, PDFsharp 6.2.4
/// signing the same small PDF, and verifying the small signed PDF.
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
        _smallPdf = BuildPdf(pages: 6, blobBytes: 40 * 1024);
        _dir = Directory.CreateTempSubdirectory("edoc-bench-").FullName;
        _largePdf = Path.Combine(_dir, "large.pdf");
        _largeOut = Path.Combine(_dir, "large-signed.pdf");
        _copyOut = Path.Combine(_dir, "large-copy.pdf");
        File.WriteAllBytes(_largePdf, BuildPdf(pages: 20, blobBytes: LargeSize / 20));
        _smallSigned = SignSmall().GetAwaiter().GetResult().ToArray();
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(_pki.Ca);
        _verifier = new PdfSignatureVerifier(options);
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

    [Benchmark(Description = "EDoc verify, small signed PDF")]
    public async Task<bool> EDocVerifySmall()
    {
        using var source = new MemoryStream(_smallSigned, writable: false);
        PdfVerificationReport report = await _verifier.VerifyAsync(source);
        return report.Signatures[0].IsIntegrityValid;
    }
}
