using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Pdf;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Tests.Signers;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Signing;

/// <summary>Two-phase (remote) signing, batches, and a PKCS#11 token (SoftHSM2) end to end.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignerWorkflowTests(PdfCorpusFixture corpus, SoftHsmFixture hsm) : IClassFixture<SoftHsmFixture>
{
    [Fact]
    public async Task TwoPhase_RawSignatureThroughJson_PdfSigValid()
    {
        X509Certificate2 full = corpus.Signers[1];
        using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(full.RawData);
        var signer = new PdfSigner();
        string prepared = corpus.NewTempFile("prepared.pdf");
        string output = Path.Combine(Path.GetDirectoryName(prepared)!, "signed.pdf");

        PdfTwoPhaseState state = await signer.PrepareTwoPhaseFileAsync(corpus.Path(PdfCorpusFixture.LoForm), prepared, new PdfTwoPhaseRequest { Certificate = publicOnly, FieldName = "RemoteSig", Reason = "Ký từ xa" });
        string json = state.ToJson();

        // ... minutes later, the service returns a PKCS#1 v1.5 signature over HashToSign.
        PdfTwoPhaseState restored = PdfTwoPhaseState.FromJson(json);
        using RSA rsa = full.GetRSAPrivateKey()!;
        byte[] signature = rsa.SignHash(restored.HashToSign, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        PdfSigningResult result = await signer.CompleteTwoPhaseFileAsync(restored, signature, prepared, output);

        Assert.Equal("RemoteSig", result.FieldName);
        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        var sig = Assert.Single(SignerTestSupport.Extract(output));
        Assert.True(SignerTestSupport.OpenSslVerify(sig, corpus.CaCertificate.ExportCertificatePem()).ExitCode == 0);
    }

    [Fact]
    public async Task TwoPhase_CmsFromService_PdfSigValid()
    {
        X509Certificate2 full = corpus.Signers[2];
        var signer = new PdfSigner();
        string prepared = corpus.NewTempFile("prepared.pdf");
        string output = Path.Combine(Path.GetDirectoryName(prepared)!, "signed.pdf");
        PdfTwoPhaseState state = await signer.PrepareTwoPhaseFileAsync(corpus.Path(PdfCorpusFixture.Lo), prepared, new PdfTwoPhaseRequest { Certificate = full });

        // The service builds its own CMS over the content digest (our builder with the real key stands in for it).
        byte[] cms = await new CmsSignatureBuilder().SignAsync(state.ContentDigest, new X509CertificateSigningKey(full));
        await signer.CompleteTwoPhaseFileAsync(PdfTwoPhaseState.FromJson(state.ToJson()), cms, prepared, output);

        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
    }

    [Fact]
    public async Task TwoPhase_SignatureOverDifferentHash_ThrowsSigningExceptionAndLeavesNoOutput()
    {
        X509Certificate2 full = corpus.Signers[1];
        var signer = new PdfSigner();
        string prepared = corpus.NewTempFile("prepared.pdf");
        string dir = Path.GetDirectoryName(prepared)!;
        PdfTwoPhaseState state = await signer.PrepareTwoPhaseFileAsync(corpus.Path(PdfCorpusFixture.Lo), prepared, new PdfTwoPhaseRequest { Certificate = full });
        using RSA rsa = full.GetRSAPrivateKey()!;
        byte[] wrong = rsa.SignHash(SHA256.HashData("another document"u8), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var ex = await Assert.ThrowsAsync<SigningException>(() => signer.CompleteTwoPhaseFileAsync(state, wrong, prepared, Path.Combine(dir, "signed.pdf")));

        Assert.Contains("signing.", ex.ErrorCode, StringComparison.Ordinal);
        Assert.Equal(["prepared.pdf"], SignerTestSupport.FilesIn(dir));
    }

    [Fact]
    public async Task TwoPhase_OtherPreparedFile_ThrowsSigningException()
    {
        X509Certificate2 full = corpus.Signers[1];
        var signer = new PdfSigner();
        string a = corpus.NewTempFile("a.pdf");
        string b = corpus.NewTempFile("b.pdf");
        PdfTwoPhaseState stateA = await signer.PrepareTwoPhaseFileAsync(corpus.Path(PdfCorpusFixture.Lo), a, new PdfTwoPhaseRequest { Certificate = full });
        await signer.PrepareTwoPhaseFileAsync(corpus.Path(PdfCorpusFixture.LoObjStm), b, new PdfTwoPhaseRequest { Certificate = full });
        using RSA rsa = full.GetRSAPrivateKey()!;
        byte[] signature = rsa.SignHash(stateA.HashToSign, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var ex = await Assert.ThrowsAsync<SigningException>(() => signer.CompleteTwoPhaseFileAsync(stateA, signature, b, corpus.NewTempFile("out.pdf")));

        Assert.Equal("signing.two-phase-document", ex.ErrorCode);
    }

    [Fact]
    public async Task TwoPhase_EcdsaDerSignatureBaselineTInPlace_OpenSslVerifiesWithTimestamp()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var signer = new PdfSigner(timestampClient: new EDoc.Signing.Timestamps.Rfc3161TimestampClient(http, new EDoc.Signing.Timestamps.Rfc3161TimestampClientOptions { TsaUri = tsa.Uri }));
        using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(TestPki.EcP256.RawData);
        await using var source = File.OpenRead(corpus.Path(PdfCorpusFixture.LoObjStm));
        string file = corpus.NewTempFile("ec.pdf");
        await using var prepared = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite);

        PdfTwoPhaseState state = await signer.PrepareTwoPhaseAsync(source, prepared, new PdfTwoPhaseRequest { Certificate = publicOnly, Level = PadesLevel.BaselineT, DigestAlgorithm = HashAlgorithmName.SHA384 });
        using ECDsa ec = TestPki.EcP256.GetECDsaPrivateKey()!;
        byte[] der = ec.SignHash(state.HashToSign, DSASignatureFormat.Rfc3279DerSequence);
        PdfSigningResult result = await signer.CompleteTwoPhaseAsync(PdfTwoPhaseState.FromJson(state.ToJson()), der, prepared);
        await prepared.DisposeAsync();

        Assert.Equal(PadesLevel.BaselineT, result.Level);
        Assert.Empty(state.DigestInfoToSign);
        Assert.Equal(48, state.ContentDigest.Length);
        var sig = Assert.Single(SignerTestSupport.Extract(file));
        var verify = SignerTestSupport.OpenSslVerify(sig, TestPki.CaPem(TestPki.Rsa));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("id-smime-aa-timeStampToken", SignerTestSupport.OpenSslPrint(sig.Der), StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_Garbage_ThrowsSigningException()
    {
        Assert.Throws<SigningException>(() => PdfTwoPhaseState.FromJson("{\"fieldName\":"));
        Assert.Throws<SigningException>(() => PdfTwoPhaseState.FromJson("{}"));
    }

    [Fact]
    public async Task SignBatchAsync_TwentyJobsParallelismTwo_AllValidAndNeverMoreThanTwoAtOnce()
    {
        string outDir = Directory.CreateTempSubdirectory("edoc-batch-").FullName;
        int running = 0;
        int maxRunning = 0;
        var key = CountingKey(corpus.Signer, () =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
        }, () => Interlocked.Decrement(ref running));
        var jobs = Enumerable.Range(0, 20).Select(i => new PdfSigningJob(
            corpus.Path(PdfCorpusFixture.CleanInputs[i % PdfCorpusFixture.CleanInputs.Length]),
            Path.Combine(outDir, $"doc{i:00}.pdf"),
            new PdfSignatureRequest { Key = key })).ToList();
        var reports = new ConcurrentQueue<PdfBatchProgress>();

        PdfBatchResult result = await new PdfSigner().SignBatchAsync(jobs, new PdfBatchOptions { MaxDegreeOfParallelism = 2 }, new SyncProgress(reports.Enqueue));

        Assert.Equal(20, result.SucceededCount);
        Assert.All(result.Jobs, j => Assert.True(j.Succeeded, j.Error?.ToString()));
        Assert.Equal(Enumerable.Range(0, 20), result.Jobs.Select(j => j.Index));
        Assert.Equal(20, reports.Count);
        Assert.Equal(20, reports.Max(r => r.Completed));
        Assert.InRange(maxRunning, 1, 2);
        Assert.Equal(20, SignerTestSupport.FilesIn(outDir).Length);
        TestSigning.AssertPdfSigAllValid(corpus, Path.Combine(outDir, "doc07.pdf"), 1);
    }

    [Fact]
    public async Task SignBatchAsync_OneBadInput_OthersSucceedAndFailureReported()
    {
        string outDir = Directory.CreateTempSubdirectory("edoc-batch-").FullName;
        string bad = Path.Combine(outDir, "bad.bin");
        await File.WriteAllBytesAsync(bad, RandomNumberGenerator.GetBytes(1000));
        var key = new X509CertificateSigningKey(corpus.Signer);
        PdfSigningJob[] jobs =
        [
            new(corpus.Path(PdfCorpusFixture.Lo), Path.Combine(outDir, "a.pdf"), new PdfSignatureRequest { Key = key }),
            new(bad, Path.Combine(outDir, "b.pdf"), new PdfSignatureRequest { Key = key }),
            new(corpus.Path(PdfCorpusFixture.LoObjStm), Path.Combine(outDir, "c.pdf"), new PdfSignatureRequest { Key = key }),
        ];

        PdfBatchResult result = await new PdfSigner().SignBatchAsync(jobs, new PdfBatchOptions { MaxDegreeOfParallelism = 2 });

        Assert.Equal(2, result.SucceededCount);
        Assert.IsAssignableFrom<PdfFormatException>(result.Jobs[1].Error);
        Assert.Equal(["a.pdf", "bad.bin", "c.pdf"], SignerTestSupport.FilesIn(outDir));
    }

    [Fact]
    public async Task SignBatchAsync_StopOnFirstFailure_RemainingJobsReportedCanceled()
    {
        string outDir = Directory.CreateTempSubdirectory("edoc-batch-").FullName;
        string bad = Path.Combine(outDir, "bad.bin");
        await File.WriteAllBytesAsync(bad, [1, 2, 3]);
        var key = new X509CertificateSigningKey(corpus.Signer);
        var jobs = new List<PdfSigningJob> { new(bad, Path.Combine(outDir, "x.pdf"), new PdfSignatureRequest { Key = key }) };
        jobs.AddRange(Enumerable.Range(0, 5).Select(i => new PdfSigningJob(corpus.Path(PdfCorpusFixture.Lo), Path.Combine(outDir, $"doc{i}.pdf"), new PdfSignatureRequest { Key = key })));

        PdfBatchResult result = await new PdfSigner().SignBatchAsync(jobs, new PdfBatchOptions { MaxDegreeOfParallelism = 1, StopOnFirstFailure = true });

        Assert.Equal(6, result.Jobs.Count);
        Assert.IsAssignableFrom<PdfFormatException>(result.Jobs[0].Error);
        Assert.Equal(0, result.SucceededCount);
        Assert.All(result.Jobs.Skip(1), j => Assert.IsAssignableFrom<OperationCanceledException>(j.Error));
        Assert.Equal(["bad.bin"], SignerTestSupport.FilesIn(outDir));
    }

    [Fact]
    public async Task SignBatchAsync_CanceledAfterThreeJobs_ThrowsAndLeavesOnlyCompleteFiles()
    {
        string outDir = Directory.CreateTempSubdirectory("edoc-batch-").FullName;
        using var cts = new CancellationTokenSource();
        var key = new X509CertificateSigningKey(corpus.Signer);
        var jobs = Enumerable.Range(0, 20).Select(i => new PdfSigningJob(corpus.Path(PdfCorpusFixture.Lo), Path.Combine(outDir, $"doc{i:00}.pdf"), new PdfSignatureRequest { Key = key })).ToList();
        int reported = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PdfSigner().SignBatchAsync(jobs, new PdfBatchOptions { MaxDegreeOfParallelism = 2 }, new SyncProgress(_ =>
        {
            if (Interlocked.Increment(ref reported) == 3)
            {
                cts.Cancel();
            }
        }), cts.Token));

        string[] files = SignerTestSupport.FilesIn(outDir);
        Assert.InRange(files.Length, 3, 6); // jobs already running when the token fires may still complete
        Assert.All(files, f => Assert.EndsWith(".pdf", f, StringComparison.Ordinal));
        foreach (string f in files)
        {
            TestSigning.AssertPdfSigAllValid(corpus, Path.Combine(outDir, f), 1);
        }
    }

    [Fact]
    public async Task SignFileAsync_SoftHsmToken_PdfSigValidAndOpenSslVerifies()
    {
        using var key = Pkcs11SigningKey.Open(new Pkcs11SigningKeyOptions
        {
            LibraryPath = SoftHsmFixture.LibraryPath,
            TokenLabel = SoftHsmFixture.TokenLabel,
            Pin = SoftHsmFixture.Pin,
            KeyLabel = "signer",
            KeyId = [0x01],
        });
        string output = corpus.NewTempFile("token.pdf");

        await new PdfSigner().SignFileAsync(corpus.Path(PdfCorpusFixture.LoLinearized), output, new PdfSignatureRequest { Key = key, FieldName = "Token" });

        Assert.Equal(hsm.RsaCertificate.Thumbprint, key.Certificate.Thumbprint);
        var sig = Assert.Single(SignerTestSupport.Extract(output));
        var verify = SignerTestSupport.OpenSslVerify(sig, TestPki.CaPem(TestPki.Rsa));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Equal(0, Pdf.ExternalTool.QpdfCheck(output).ExitCode);
    }

    private static ExternalSigningKey CountingKey(X509Certificate2 certificate, Action enter, Action exit)
        => new(certificate, [], SignatureScheme.RsaPkcs1, async (hash, alg, ct) =>
        {
            enter();
            try
            {
                await Task.Delay(20, ct);
                using RSA rsa = certificate.GetRSAPrivateKey()!;
                return rsa.SignHash(hash.ToArray(), alg, RSASignaturePadding.Pkcs1);
            }
            finally
            {
                exit();
            }
        });

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class SyncProgress(Action<PdfBatchProgress> report) : IProgress<PdfBatchProgress>
    {
        public void Report(PdfBatchProgress value) => report(value);
    }
}
