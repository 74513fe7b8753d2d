using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Tests.Support;

namespace EDoc.Signing.Tests.Signing;

/// <summary>
/// Issue 7 (faults): a signing run whose disk write fails ("No space left on device" after N bytes, through the
/// signer's write seam) leaves the source byte for byte untouched, no output, no partial file and no temporary file;
/// an older destination file stays as it was.
/// </summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignerDiskFullTests(PdfCorpusFixture corpus)
{
    public static TheoryData<string> Budgets() => new() { "0", "1", "half-source", "source-1", "source+200", "output-1" };

    [Theory]
    [MemberData(nameof(Budgets))]
    public async Task SignFileAsync_DiskFullAfterNBytes_SourceUntouchedNoOutputNoTemporaryFile(string budgetCase)
    {
        string source = corpus.Path(PdfCorpusFixture.LoForm);
        string sourceHash = Sha256(source);
        long outputLength = await SignedLengthAsync(source);
        long sourceLength = new FileInfo(source).Length;
        long budget = budgetCase switch
        {
            "0" => 0,
            "1" => 1,
            "half-source" => sourceLength / 2,
            "source-1" => sourceLength - 1,
            "source+200" => sourceLength + 200,
            "output-1" => outputLength - 1,
            _ => throw new ArgumentOutOfRangeException(nameof(budgetCase)),
        };
        using var dirs = new Folders();
        string destination = Path.Combine(dirs.Output, "signed.pdf");
        var disk = new DiskBudget(budget);
        var signer = new PdfSigner(new PdfSignerOptions { TemporaryDirectory = dirs.Scratch }) { WriteInterceptor = disk.Wrap };

        var ex = await Assert.ThrowsAnyAsync<IOException>(() => signer.SignFileAsync(source, destination, Request()));

        Assert.Equal("No space left on device", ex.Message);
        Assert.True(disk.Full);
        Assert.Equal(sourceHash, Sha256(source));
        Assert.Empty(SignerTestSupport.FilesIn(dirs.Output));
        Assert.Empty(SignerTestSupport.FilesIn(dirs.Scratch));
    }

    [Fact]
    public async Task SignFileAsync_DiskFullWhileReplacingAnOlderOutput_OlderOutputKept()
    {
        string source = corpus.Path(PdfCorpusFixture.Lo);
        string sourceHash = Sha256(source);
        using var dirs = new Folders();
        string destination = Path.Combine(dirs.Output, "signed.pdf");
        await new PdfSigner().SignFileAsync(source, destination, Request());
        string olderHash = Sha256(destination);
        var signer = new PdfSigner(new PdfSignerOptions { TemporaryDirectory = dirs.Scratch }) { WriteInterceptor = new DiskBudget(new FileInfo(source).Length + 100).Wrap };

        await Assert.ThrowsAnyAsync<IOException>(() => signer.SignFileAsync(source, destination, Request()));

        Assert.Equal(sourceHash, Sha256(source));
        Assert.Equal(olderHash, Sha256(destination));
        Assert.Equal(["signed.pdf"], SignerTestSupport.FilesIn(dirs.Output));
        TestSigning.AssertPdfSigAllValid(corpus, destination, 1);
    }

    [Fact]
    public async Task SignFileAsync_DiskNotFull_TheSeamChangesNothing()
    {
        string source = corpus.Path(PdfCorpusFixture.Lo);
        using var dirs = new Folders();
        string destination = Path.Combine(dirs.Output, "signed.pdf");
        var disk = new DiskBudget(long.MaxValue);

        await new PdfSigner(new PdfSignerOptions { TemporaryDirectory = dirs.Scratch }) { WriteInterceptor = disk.Wrap }.SignFileAsync(source, destination, Request());

        Assert.True(disk.StreamsOpened >= 1, "the seam saw the output file");
        Assert.False(disk.Full);
        Assert.Equal(["signed.pdf"], SignerTestSupport.FilesIn(dirs.Output));
        TestSigning.AssertPdfSigAllValid(corpus, destination, 1);
    }

    [Fact]
    public async Task SignBatchAsync_DiskFillsDuringTheSecondJob_FirstValidRestFailWithNothingPartialSourcesUntouched()
    {
        string[] sources = [corpus.Path(PdfCorpusFixture.Lo), corpus.Path(PdfCorpusFixture.LoObjStm), corpus.Path(PdfCorpusFixture.LoDocx), corpus.Path(PdfCorpusFixture.LoOdt)];
        var hashes = sources.Select(Sha256).ToArray();
        long first = await SignedLengthAsync(sources[0]);
        long second = await SignedLengthAsync(sources[1]);
        using var dirs = new Folders();
        var disk = new DiskBudget(first + (second / 2));
        var signer = new PdfSigner(new PdfSignerOptions { TemporaryDirectory = dirs.Scratch }) { WriteInterceptor = disk.Wrap };
        var jobs = sources.Select((s, i) => new PdfSigningJob(s, Path.Combine(dirs.Output, $"out{i}.pdf"), Request())).ToList();

        PdfBatchResult result = await signer.SignBatchAsync(jobs, new PdfBatchOptions { MaxDegreeOfParallelism = 1 });

        Assert.Equal(1, result.SucceededCount);
        Assert.Null(result.Jobs[0].Error);
        Assert.All(result.Jobs.Skip(1), j => Assert.Equal("No space left on device", Assert.IsAssignableFrom<IOException>(j.Error).Message));
        Assert.Equal(hashes, sources.Select(Sha256).ToArray());
        Assert.Equal(["out0.pdf"], SignerTestSupport.FilesIn(dirs.Output));
        Assert.Empty(SignerTestSupport.FilesIn(dirs.Scratch));
        TestSigning.AssertPdfSigAllValid(corpus, Path.Combine(dirs.Output, "out0.pdf"), 1);
    }

    [Fact]
    public async Task TwoPhaseFiles_DiskFullWhilePreparingThenWhileCompleting_NothingPartialAndTheRetryIsValid()
    {
        string source = corpus.Path(PdfCorpusFixture.LoForm);
        string sourceHash = Sha256(source);
        using var dirs = new Folders();
        string prepared = Path.Combine(dirs.Output, "prepared.pdf");
        string output = Path.Combine(dirs.Output, "signed.pdf");
        using var publicOnly = X509CertificateLoader.LoadCertificate(corpus.Signer.RawData);
        var request = new PdfTwoPhaseRequest { Certificate = publicOnly, FieldName = "RemoteSig" };
        var fullDisk = new PdfSigner(new PdfSignerOptions { TemporaryDirectory = dirs.Scratch }) { WriteInterceptor = new DiskBudget(new FileInfo(source).Length / 2).Wrap };
        var signer = new PdfSigner(new PdfSignerOptions { TemporaryDirectory = dirs.Scratch });

        // Phase 1 on a full disk: no prepared file.
        await Assert.ThrowsAnyAsync<IOException>(() => fullDisk.PrepareTwoPhaseFileAsync(source, prepared, request));
        Assert.Empty(SignerTestSupport.FilesIn(dirs.Output));

        // Phase 2 on a full disk: no signed file, and the prepared file still completes afterwards.
        PdfTwoPhaseState state = await signer.PrepareTwoPhaseFileAsync(source, prepared, request);
        using RSA rsa = corpus.Signer.GetRSAPrivateKey()!;
        byte[] signature = rsa.SignHash(state.HashToSign, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        await Assert.ThrowsAnyAsync<IOException>(() => fullDisk.CompleteTwoPhaseFileAsync(state, signature, prepared, output));
        Assert.Equal(["prepared.pdf"], SignerTestSupport.FilesIn(dirs.Output));

        await signer.CompleteTwoPhaseFileAsync(state, signature, prepared, output);

        Assert.Equal(sourceHash, Sha256(source));
        Assert.Equal(["prepared.pdf", "signed.pdf"], SignerTestSupport.FilesIn(dirs.Output));
        Assert.Empty(SignerTestSupport.FilesIn(dirs.Scratch));
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
    }

    private PdfSignatureRequest Request() => new() { Key = new X509CertificateSigningKey(corpus.Signer), FieldName = "Signer" };

    private async Task<long> SignedLengthAsync(string source)
    {
        await using var input = File.OpenRead(source);
        using var output = new MemoryStream();
        await new PdfSigner().SignAsync(input, output, Request());
        return output.Length;
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>An output folder and a scratch folder (the signer's TemporaryDirectory), deleted afterwards.</summary>
    private sealed class Folders : IDisposable
    {
        private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("edoc-diskfull-");

        public Folders()
        {
            Directory.CreateDirectory(Output);
            Directory.CreateDirectory(Scratch);
        }

        public string Output => Path.Combine(_root.FullName, "out");

        public string Scratch => Path.Combine(_root.FullName, "scratch");

        public void Dispose() => _root.Delete(recursive: true);
    }
}
