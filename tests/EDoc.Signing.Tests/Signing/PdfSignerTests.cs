using System.Security.Cryptography;
using EDoc.Signing.Pdf;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Time;
using UglyToad.PdfPig;
using PdfTool = EDoc.Signing.Tests.Pdf.ExternalTool;

namespace EDoc.Signing.Tests.Signing;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignerTests(PdfCorpusFixture corpus)
{
    private static readonly string[] Roles = ["Drafter", "Signer", "Clerk", "Agency"];

    public static TheoryData<string> CleanInputs() => new(PdfCorpusFixture.CleanInputs);

    [Theory]
    [MemberData(nameof(CleanInputs))]
    public async Task SignFileAsync_FourSuccessiveSignatures_EveryJudgeAccepts(string name)
    {
        string input = corpus.Path(name);
        byte[] original = await File.ReadAllBytesAsync(input);
        var signer = new PdfSigner();
        string current = input;
        for (int i = 0; i < 4; i++)
        {
            string next = corpus.NewTempFile($"{Roles[i]}.pdf");
            PdfSigningResult result = await signer.SignFileAsync(current, next, new PdfSignatureRequest
            {
                Key = new X509CertificateSigningKey(corpus.Signers[i]),
                FieldName = Roles[i],
                Reason = "Phê duyệt văn bản",
                Location = "Hà Nội",
            });
            Assert.Equal(Roles[i], result.FieldName);
            Assert.Equal(new FileInfo(next).Length, result.OutputLength);
            Assert.True(result.ContentsCapacity - result.CmsSize < 200, $"/Contents reserves {result.ContentsCapacity} bytes for a {result.CmsSize}-byte CMS");
            current = next;
        }

        Assert.Equal(original, await File.ReadAllBytesAsync(input));
        byte[] signed = await File.ReadAllBytesAsync(current);
        Assert.True(signed.AsSpan(0, original.Length).SequenceEqual(original), "the original bytes must be a prefix of the output");

        // pdfsig (NSS db trusting the test CA): every signature valid and trusted, the last covers the whole file.
        TestSigning.AssertPdfSigAllValid(corpus, current, 4);
        string pdfsig = TestSigning.PdfSig(corpus, current).All;
        Assert.Equal(4, TestSigning.CountOf(pdfsig, "ETSI.CAdES.detached"));

        // qpdf --check: clean inputs stay clean (PDFsharp inputs carry their own warning, rc 3).
        PdfTool.Result check = PdfTool.QpdfCheck(current);
        PdfTool.Result checkOriginal = PdfTool.QpdfCheck(input);
        Assert.True(check.ExitCode == checkOriginal.ExitCode, check.All);

        // PdfPig lists every signature field.
        using (PdfDocument pig = PdfDocument.Open(current))
        {
            Assert.True(pig.TryGetForm(out var form));
            var names = form.Fields.Select(f => f.Information.PartialName).ToList();
            foreach (string role in Roles)
            {
                Assert.Contains(role, names);
            }
        }

        // openssl cms -verify on each extracted CMS; no CMS signing-time; ESS signing-certificate-v2 present.
        var sigs = SignerTestSupport.Extract(current);
        Assert.Equal(4, sigs.Count);
        foreach (var sig in sigs)
        {
            var verify = SignerTestSupport.OpenSslVerify(sig, corpus.CaCertificate.ExportCertificatePem());
            Assert.True(verify.ExitCode == 0, verify.All);
            string print = SignerTestSupport.OpenSslPrint(sig.Der);
            Assert.DoesNotContain("signingTime", print, StringComparison.Ordinal);
            Assert.Contains("id-smime-aa-signingCertificateV2", print, StringComparison.Ordinal);
        }

        Assert.True(sigs[^1].CoversEnd);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(signed), @"/SubFilter\s*/ETSI\.CAdES\.detached"));
    }

    [Fact]
    public async Task SignAsync_FakeClock_WritesVietnamTimeAsM()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero));
        var signer = new PdfSigner(timeProvider: clock);
        string output = corpus.NewTempFile("time.pdf");

        PdfSigningResult result = await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), output, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer) });

        Assert.Equal(VietnamTime.Offset, result.SigningTime.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 30, 0, VietnamTime.Offset), result.SigningTime);
        Assert.Matches(@"/M\s*\(D:20260302083000\+07'00'\)", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(output)));
    }

    [Fact]
    public async Task SignAsync_NonSeekableStreams_OutputValidForPdfSig()
    {
        byte[] source = await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.LoObjStm));
        using var input = new ForwardOnlyStream(new MemoryStream(source), readable: true);
        var sink = new MemoryStream();
        using var output = new ForwardOnlyStream(sink, readable: false);

        PdfSigningResult result = await new PdfSigner().SignAsync(input, output, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer) });

        string file = corpus.NewTempFile("stream.pdf");
        await File.WriteAllBytesAsync(file, sink.ToArray());
        Assert.Equal(sink.Length, result.OutputLength);
        TestSigning.AssertPdfSigAllValid(corpus, file, 1);
    }

    [Theory]
    [InlineData(PdfCorpusFixture.Lo)]
    [InlineData(PdfCorpusFixture.Rotated90)]
    public async Task SignFileAsync_VisibleRectangle_WidgetHasRectAndPdfSigValid(string name)
    {
        string output = corpus.NewTempFile("visible.pdf");

        await new PdfSigner().SignFileAsync(corpus.Path(name), output, new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(corpus.Signer),
            PageNumber = 1,
            Rectangle = new PdfSignatureRectangle(72, 72, 272, 132),
            SignerName = "Nguyễn Văn A",
            ContactInfo = "vanthu@example.gov.vn",
        });

        TestSigning.AssertPdfSigAllValid(corpus, output, 1);
        Assert.Matches(@"/Rect\s*\[\s*72(\.0+)?\s+72(\.0+)?\s+272(\.0+)?\s+132(\.0+)?\s*\]", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(output)));
        Assert.Equal(0, PdfTool.QpdfCheck(output).ExitCode);
    }

    [Fact]
    public async Task SignFileAsync_PageOutOfRange_ThrowsAndLeavesNoOutput()
    {
        string dir = Directory.CreateTempSubdirectory("edoc-page-").FullName;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new PdfSigner().SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), Path.Combine(dir, "out.pdf"), new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(corpus.Signer),
            PageNumber = 99,
            Rectangle = new PdfSignatureRectangle(72, 72, 272, 132),
        }));

        Assert.Empty(SignerTestSupport.FilesIn(dir));
    }

    [Fact]
    public async Task SignAsync_CertificationThenApproval_BothValid()
    {
        var signer = new PdfSigner();
        string first = corpus.NewTempFile("certified.pdf");
        string second = corpus.NewTempFile("approved.pdf");

        await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), first, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signers[0]), Certification = PdfCertificationLevel.FormFillingAndSigning });
        await signer.SignFileAsync(first, second, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signers[1]) });

        TestSigning.AssertPdfSigAllValid(corpus, second, 2);
        Assert.Contains("/DocMDP", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(second)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignFileAsync_CertifiedNoChanges_ThrowsPolicyAndLeavesNoOutput()
    {
        var signer = new PdfSigner();
        string first = corpus.NewTempFile("locked.pdf");
        await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), first, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signers[0]), Certification = PdfCertificationLevel.NoChanges });
        string dir = Path.GetDirectoryName(first)!;
        string second = Path.Combine(dir, "second.pdf");

        await Assert.ThrowsAsync<EDocPolicyException>(() => signer.SignFileAsync(first, second, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signers[1]) }));

        Assert.Equal(["locked.pdf"], SignerTestSupport.FilesIn(dir));
    }

    [Fact]
    public async Task SignFileAsync_FieldAlreadySigned_ThrowsSigningExceptionAndLeavesNoOutput()
    {
        var signer = new PdfSigner();
        string first = corpus.NewTempFile("one.pdf");
        await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), first, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signers[0]), FieldName = "Ky" });
        string dir = Path.GetDirectoryName(first)!;

        var ex = await Assert.ThrowsAsync<SigningException>(() => signer.SignFileAsync(first, Path.Combine(dir, "two.pdf"), new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signers[1]), FieldName = "Ky" }));

        Assert.Equal("signing.pdf-field", ex.ErrorCode);
        Assert.Equal(["one.pdf"], SignerTestSupport.FilesIn(dir));
    }

    public static TheoryData<string> BadInputs() => new() { "truncated", "garbage", "encrypted", "empty" };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task SignFileAsync_BadInput_ThrowsTypedExceptionAndLeavesNoOutput(string kind)
    {
        string dir = Directory.CreateTempSubdirectory("edoc-bad-").FullName;
        string input = Path.Combine(dir, "in.pdf");
        byte[] lo = await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.Lo));
        byte[] bytes = kind switch
        {
            "truncated" => lo[..(lo.Length / 2)],
            "garbage" => RandomNumberGenerator.GetBytes(5000),
            "encrypted" => await File.ReadAllBytesAsync(corpus.Path(PdfCorpusFixture.Encrypted)),
            _ => [],
        };
        await File.WriteAllBytesAsync(input, bytes);
        string output = Path.Combine(dir, "out.pdf");

        var ex = await Assert.ThrowsAnyAsync<EDocException>(() => new PdfSigner().SignFileAsync(input, output, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer) }));

        Assert.True(ex is PdfFormatException or EDocLimitExceededException, ex.ToString());
        if (kind == "encrypted")
        {
            Assert.IsType<PdfEncryptedException>(ex);
        }

        Assert.Equal(["in.pdf"], SignerTestSupport.FilesIn(dir));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(input));
    }

    [Fact]
    public async Task SignFileAsync_SameSourceAndDestination_ThrowsArgumentException()
    {
        string file = corpus.NewTempFile("same.pdf");
        File.Copy(corpus.Path(PdfCorpusFixture.Lo), file);

        await Assert.ThrowsAsync<ArgumentException>(() => new PdfSigner().SignFileAsync(file, file, new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer) }));
    }

    [Fact]
    public async Task SignAsync_BaselineTWithoutTsaClient_ThrowsInvalidOperation()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => new PdfSigner().SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile("x.pdf"), new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer), Level = PadesLevel.BaselineT }));
    }

    [Fact]
    public async Task SignFileAsync_Canceled_LeavesNoOutput()
    {
        string dir = Directory.CreateTempSubdirectory("edoc-cancel-").FullName;
        var key = new ExternalSigningKey(corpus.Signer, [], SignatureScheme.RsaPkcs1, async (hash, alg, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PdfSigner().SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), Path.Combine(dir, "out.pdf"), new PdfSignatureRequest { Key = key }, cts.Token));

        Assert.Empty(SignerTestSupport.FilesIn(dir));
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A stream that cannot seek (like a network stream).</summary>
    private sealed class ForwardOnlyStream(Stream inner, bool readable) : Stream
    {
        public override bool CanRead => readable;

        public override bool CanSeek => false;

        public override bool CanWrite => !readable;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => readable ? inner.Read(buffer, offset, count) : throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (readable)
            {
                throw new NotSupportedException();
            }

            inner.Write(buffer, offset, count);
        }
    }
}
