using System.Text.Json;
using EDoc.Signing.Cms;
using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Revocation;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Tests.TestSupport;
using EDoc.Signing.Verification;
using EDoc.Verification;
using static EDoc.Signing.Tests.Verification.VerifierTestPdfs;

namespace EDoc.Signing.Tests.Verification;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignatureVerifierTests(PdfCorpusFixture corpus)
{
    private PdfSignatureVerifier Verifier(PdfAllowedChanges allowed = PdfAllowedChanges.FollowDocMdp, bool trust = true)
    {
        var options = new PdfVerificationOptions { AllowedChanges = allowed };
        if (trust)
        {
            options.TrustAnchors.Add(corpus.CaCertificate);
        }

        return new PdfSignatureVerifier(options);
    }

    private string CaPem => WritePem(corpus.CaCertificate);

    private async Task<string> SignTimesAsync(string input, int count, PdfDocMdpPermissions? docMdp = null)
    {
        string current = input;
        for (int i = 0; i < count; i++)
        {
            current = await SignAsync(current, corpus.NewTempFile($"s{i + 1}.pdf"), corpus.Signers[i % corpus.Signers.Count], docMdp: i == 0 ? docMdp : null);
        }

        return current;
    }

    private static async Task AssertEdocVerifyFailsAsync(string file, string caPem, string reason)
    {
        var (code, stdout, stderr) = await EdocAsync("verify", file, "--trust", caPem);
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains(reason, stdout + stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task VerifyFileAsync_FourSuccessiveSignatures_AllValidAndEdocVerifyExitsZero()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoObjStm), 4);

        PdfVerificationReport report = await Verifier().VerifyFileAsync(signed);

        Assert.True(report.IsValid, report.ToJson());
        Assert.Equal(2, report.PageCount);
        Assert.Equal(4, report.Signatures.Count);
        for (int i = 0; i < 4; i++)
        {
            PdfSignatureReport s = report.Signatures[i];
            Assert.Equal(PdfVerificationStatus.Valid, s.Status);
            Assert.Equal("Signature" + (i + 1), s.FieldName);
            Assert.True(s.IsIntegrityValid);
            Assert.Equal(CertificateTrustStatus.Trusted, s.Trust);
            Assert.Equal(corpus.Signers[i].Subject, s.SignerSubject);
            Assert.Equal(PadesBaselineLevel.BaselineB, s.PadesLevel);
            Assert.Equal("B-B", s.PadesLevelName);
            Assert.Equal(i + 1, s.CoveredRevision);
            Assert.Equal(i == 3, s.CoversWholeDocument);
            Assert.Equal(i == 3 ? PdfChangeCategory.None : PdfChangeCategory.SignaturesAndDss, s.ChangesAfter);
            Assert.True(s.ChangesAllowed);
            Assert.NotNull(s.SigningTime);
            Assert.Contains("hợp lệ", s.MessageVi, StringComparison.Ordinal);
        }

        TestSigning.AssertPdfSigAllValid(corpus, signed, 4);
        var (code, stdout, _) = await EdocAsync("verify", signed, "--trust", CaPem);
        Assert.True(code == 0, stdout);
        Assert.Equal(4, TestSigning.CountOf(stdout, "Verdict:        VALID"));
    }

    [Theory]
    [InlineData("rsa-pss")]
    [InlineData("ecdsa-p256")]
    [InlineData("ecdsa-p384")]
    public async Task VerifyFileAsync_PssAndEcdsaSignatures_ValidWithAlgorithmNamed(string kind)
    {
        var signer = kind switch
        {
            "ecdsa-p256" => TestPki.EcP256,
            "ecdsa-p384" => TestPki.EcP384,
            _ => TestPki.Rsa.Signer,
        };
        string signed = await SignAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile(kind + ".pdf"), signer, scheme: kind == "rsa-pss" ? EDoc.Signing.Signers.SignatureScheme.RsaPss : null);
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(TestPki.Rsa.Ca);

        PdfVerificationReport report = await new PdfSignatureVerifier(options).VerifyFileAsync(signed);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.True(report.IsValid, report.ToJson());
        Assert.Contains(kind.StartsWith("ecdsa", StringComparison.Ordinal) ? "ECDSA" : "PSS", s.SignatureAlgorithm, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PadesBaselineLevel.BaselineB, s.PadesLevel);
    }

    [Fact]
    public async Task VerifyFileAsync_FlippedByteInsideSignedRange_InvalidWithDigestReason()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        byte[] bytes = await File.ReadAllBytesAsync(signed);
        bytes[300] ^= 0x01;
        string tampered = corpus.NewTempFile("flipped.pdf");
        await File.WriteAllBytesAsync(tampered, bytes);

        PdfVerificationReport report = await Verifier().VerifyFileAsync(tampered);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.False(report.IsValid);
        Assert.Equal(PdfVerificationStatus.Invalid, s.Status);
        Assert.False(s.IsIntegrityValid);
        Assert.Contains(s.Problems, p => p.Code == "message-digest-mismatch");
        string pdfsig = TestSigning.PdfSig(corpus, tampered).All;
        Assert.True(pdfsig.Contains("Digest Mismatch.", StringComparison.Ordinal) || pdfsig.Contains("Signature is Invalid.", StringComparison.Ordinal), pdfsig);
        await AssertEdocVerifyFailsAsync(tampered, CaPem, "changed after signing");
    }

    [Fact]
    public async Task VerifyFileAsync_PageAppendedAfterLastSignature_InvalidOtherChange()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoObjStm), 2);
        string added = await UpdateAsync(signed, corpus.NewTempFile("added-page.pdf"), AddPage);

        PdfVerificationReport report = await Verifier().VerifyFileAsync(added);

        Assert.False(report.IsValid);
        Assert.Equal(3, report.PageCount);
        Assert.All(report.Signatures, s =>
        {
            Assert.True(s.IsIntegrityValid);
            Assert.Equal(PdfVerificationStatus.Invalid, s.Status);
            Assert.Equal(PdfChangeCategory.Other, s.ChangesAfter);
            Assert.False(s.ChangesAllowed);
            Assert.Contains(s.ChangedObjects, c => c.Category == PdfChangeCategory.Other);
            Assert.Contains(s.Problems, p => p.Code == "changes-not-allowed");
        });
        await AssertEdocVerifyFailsAsync(added, CaPem, "changed after this signature");
    }

    [Fact]
    public async Task VerifyFileAsync_PageContentReplacedAfterSignature_InvalidNamesContents()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        string replaced = await UpdateAsync(signed, corpus.NewTempFile("replaced.pdf"), ReplaceFirstPageContent);

        PdfVerificationReport report = await Verifier().VerifyFileAsync(replaced);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.Equal(PdfVerificationStatus.Invalid, s.Status);
        Assert.Equal(PdfChangeCategory.Other, s.ChangesAfter);
        Assert.Contains(s.ChangedObjects, c => c.Reason.Contains("Contents", StringComparison.Ordinal));
        Assert.Contains("Signature is Valid.", TestSigning.PdfSig(corpus, replaced).All, StringComparison.Ordinal);
        await AssertEdocVerifyFailsAsync(replaced, CaPem, "page content");
    }

    [Fact]
    public async Task VerifyFileAsync_ByteRangeNotCoveringFile_InvalidWithByteRangeReason()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        PdfSignatureReport before = Assert.Single((await Verifier().VerifyFileAsync(signed)).Signatures);
        long[] br = [.. before.ByteRange!];
        string text = $"/ByteRange [0 {br[1]} {br[2]} {br[3]} ";
        string shorter = $"/ByteRange [0 {br[1]} {br[2]} {br[3] - 10}".PadRight(text.Length);
        byte[] bytes = await File.ReadAllBytesAsync(signed);
        string latin = System.Text.Encoding.Latin1.GetString(bytes);
        int at = latin.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at > 0);
        System.Text.Encoding.Latin1.GetBytes(shorter).CopyTo(bytes, at);
        string broken = corpus.NewTempFile("short-byterange.pdf");
        await File.WriteAllBytesAsync(broken, bytes);

        PdfVerificationReport report = await Verifier().VerifyFileAsync(broken);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.Equal(PdfVerificationStatus.Invalid, s.Status);
        Assert.False(s.CoversWholeDocument);
        Assert.NotEmpty(s.ByteRangeProblems);
        Assert.Contains(s.Problems, p => p.Code is "byterange-insane" or "revision-unknown");
        await AssertEdocVerifyFailsAsync(broken, CaPem, "ByteRange");
    }

    [Fact]
    public async Task VerifyFileAsync_NoTrustAnchor_IndeterminateUntrusted()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);

        PdfVerificationReport report = await Verifier(trust: false).VerifyFileAsync(signed);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.True(s.IsIntegrityValid);
        Assert.Equal(CertificateTrustStatus.Untrusted, s.Trust);
        Assert.Equal(PdfVerificationStatus.Indeterminate, s.Status);
        var (code, stdout, stderr) = await EdocAsync("verify", signed);
        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("trust", stdout + stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public async Task VerifyFileAsync_FormFillAfterCertification_AllowedOnlyFromP2(int permissions, bool allowed)
    {
        var p = (PdfDocMdpPermissions)permissions;
        string certified = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoForm), 1, p);
        string filled = await UpdateAsync(certified, corpus.NewTempFile("filled.pdf"), w => FillField(w, "SoVanBan", "15/QĐ-UBND"));

        PdfVerificationReport report = await Verifier().VerifyFileAsync(filled);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.Equal(PdfSignatureKind.Certification, s.Kind);
        Assert.Equal((int)p, s.DocMdpPermissions);
        Assert.Equal(PdfChangeCategory.FormFill, s.ChangesAfter);
        Assert.Equal(allowed, s.ChangesAllowed);
        Assert.Equal(allowed ? PdfVerificationStatus.Valid : PdfVerificationStatus.Invalid, s.Status);
        var (code, stdout, stderr) = await EdocAsync("verify", filled, "--trust", CaPem);
        Assert.True(code == (allowed ? 0 : 1), stdout + stderr);
        if (!allowed)
        {
            Assert.Contains("P=1", stdout + stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public async Task VerifyFileAsync_AnnotationAdded_ReportedAsAnnotationsAndCheckedAgainstDocMdp(int permissions, bool allowed)
    {
        PdfDocMdpPermissions? p = permissions == 0 ? null : (PdfDocMdpPermissions)permissions;
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1, p);
        string annotated = await UpdateAsync(signed, corpus.NewTempFile("annotated.pdf"), AddTextAnnotation);

        PdfVerificationReport report = await Verifier().VerifyFileAsync(annotated);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.Equal(PdfChangeCategory.Annotations, s.ChangesAfter);
        Assert.Equal(allowed, s.ChangesAllowed);
        Assert.Equal(allowed, report.IsValid);
        var (_, stdout, _) = await EdocAsync("verify", annotated, "--trust", CaPem);
        Assert.Contains("changes after: Annotations", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyFileAsync_SignaturesOnlyPolicy_RejectsAllowedFormFill()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.LoForm), 1);
        string filled = await UpdateAsync(signed, corpus.NewTempFile("filled.pdf"), w => FillField(w, "SoVanBan", "15/QĐ-UBND"));

        PdfVerificationReport lenient = await Verifier().VerifyFileAsync(filled);
        PdfVerificationReport strict = await Verifier(PdfAllowedChanges.SignaturesOnly).VerifyFileAsync(filled);

        Assert.True(lenient.IsValid);
        Assert.False(strict.IsValid);
    }

    [Fact]
    public async Task VerifyFileAsync_VietnameseCertificates_IdentifiersParsedAndShown()
    {
        var pki = new { Pki = TestPki.Rsa };
        string one = await SignAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile("person.pdf"), pki.Pki.Signer, [pki.Pki.Ca]);
        string two = await SignAsync(one, corpus.NewTempFile("agency.pdf"), pki.Pki.Agency);
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(pki.Pki.Ca);

        PdfVerificationReport report = await new PdfSignatureVerifier(options).VerifyFileAsync(two);

        Assert.True(report.IsValid, report.ToJson());
        Assert.NotNull(report.Signatures[0].Signer!.CitizenId);
        Assert.Equal(pki.Pki.Signer.Subject, report.Signatures[0].SignerSubject);
        Assert.NotNull(report.Signatures[1].Signer!.TaxCode);
        Assert.True(report.Signatures[1].Signer!.IsOrganization);
        var (code, stdout, _) = await EdocAsync("verify", two, "--trust", WritePem(pki.Pki.Ca));
        Assert.Equal(0, code);
        Assert.Contains("CCCD:" + report.Signatures[0].Signer!.CitizenId, stdout, StringComparison.Ordinal);
        Assert.Contains("MST:" + report.Signatures[1].Signer!.TaxCode, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyFileAsync_SignatureTimestamp_BTWithTimestampTime()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-5);
        string signed = await SignAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile("bt.pdf"), TestPki.Rsa.Signer, tsa: tsa.Uri);
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(TestPki.Rsa.Ca);

        PdfVerificationReport report = await new PdfSignatureVerifier(options).VerifyFileAsync(signed);

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.True(report.IsValid, report.ToJson());
        Assert.Equal(PadesBaselineLevel.BaselineT, s.PadesLevel);
        Assert.NotNull(s.TimestampTime);
        Assert.InRange(s.TimestampTime!.Value, before, DateTimeOffset.UtcNow.AddSeconds(5));
        var (_, stdout, _) = await EdocAsync("verify", signed, "--trust", WritePem(TestPki.Rsa.Ca));
        Assert.Contains("Timestamp:", stdout, StringComparison.Ordinal);
        Assert.Contains("PAdES level:    B-T", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyFileAsync_DssAndDocumentTimestamp_OfflineRevocationFromDssAndLevelLta()
    {
        string lt;
        string lta;
        string caPem;
        using (var server = new LocalRevocationServer())
        using (var tsa = new OpenSslTsaServer(server.Pki))
        {
            caPem = WritePem(server.Pki.Ca);
            string signed = await SignAsync(corpus.Path(PdfCorpusFixture.LoObjStm), corpus.NewTempFile("b-t.pdf"), server.Pki.Signer, tsa: tsa.Uri);
            using var http = new HttpClient();
            RevocationData data = await new RevocationDataCollector(http).CollectForSignatureAsync(LastCms(signed));
            Assert.NotEmpty(data.OcspResponses);
            lt = await AppendDssAsync(signed, corpus.NewTempFile("b-lt.pdf"), data);
            lta = await AddDocumentTimestampAsync(lt, corpus.NewTempFile("b-lta.pdf"), tsa.Uri);
        }

        // The OCSP server is gone: revocation can only come from the DSS.
        var options = new PdfVerificationOptions { RevocationMode = RevocationMode.Offline, RequireRevocationInformation = true };
        options.AddTrustAnchorsFromPemFile(caPem);
        var verifier = new PdfSignatureVerifier(options);
        PdfVerificationReport ltReport = await verifier.VerifyFileAsync(lt);
        PdfVerificationReport ltaReport = await verifier.VerifyFileAsync(lta);

        PdfSignatureReport s = Assert.Single(ltReport.Signatures);
        Assert.True(ltReport.IsValid, ltReport.ToJson());
        Assert.True(ltReport.HasDss);
        Assert.Equal(CertificateRevocationStatus.Good, s.RevocationStatus);
        Assert.True(s.UsesDss);
        Assert.Equal(PadesBaselineLevel.BaselineLT, s.PadesLevel);
        Assert.Equal(PdfChangeCategory.SignaturesAndDss, s.ChangesAfter);

        Assert.Equal(2, ltaReport.Signatures.Count);
        Assert.True(ltaReport.IsValid, ltaReport.ToJson());
        Assert.Equal(PadesBaselineLevel.BaselineLta, ltaReport.Signatures[0].PadesLevel);
        PdfSignatureReport ts = ltaReport.Signatures[1];
        Assert.Equal(PdfSignatureKind.DocumentTimestamp, ts.Kind);
        Assert.Equal(PdfVerificationStatus.Valid, ts.Status);
        Assert.NotNull(ts.TimestampTime);
        Assert.Equal(ts.Chain[0], ts.SignerSubject);
        var (code, stdout, stderr) = await EdocAsync("verify", lta, "--trust", caPem, "--require-revocation");
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("from DSS", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyFileAsync_RevokedSigner_InvalidWithRevokedReason()
    {
        using var server = new LocalRevocationServer();
        server.Revoke(server.Pki.Signer);
        string signed = await SignAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile("revoked.pdf"), server.Pki.Signer);
        using var http = new HttpClient();
        RevocationData data = await new RevocationDataCollector(http).CollectForSignatureAsync(LastCms(signed));
        string withDss = await AppendDssAsync(signed, corpus.NewTempFile("revoked-dss.pdf"), data);
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(server.Pki.Ca);

        PdfVerificationReport offline = await new PdfSignatureVerifier(options).VerifyFileAsync(withDss);
        var online = new PdfVerificationOptions { RevocationMode = RevocationMode.OnlineIfMissing };
        online.TrustAnchors.Add(server.Pki.Ca);
        PdfVerificationReport fetched = await new PdfSignatureVerifier(online, http).VerifyFileAsync(signed);

        foreach (PdfVerificationReport report in new[] { offline, fetched })
        {
            PdfSignatureReport s = Assert.Single(report.Signatures);
            Assert.True(s.IsIntegrityValid);
            Assert.Equal(CertificateRevocationStatus.Revoked, s.RevocationStatus);
            Assert.Equal(PdfVerificationStatus.Invalid, s.Status);
            Assert.Contains(s.Problems, p => p.Code == "revoked");
        }

        await AssertEdocVerifyFailsAsync(withDss, WritePem(server.Pki.Ca), "revoked");
    }

    [Fact]
    public async Task VerifyFileAsync_PdfSigAddSignature_ReadAndVerified()
    {
        PdfVerificationReport report = await Verifier().VerifyFileAsync(corpus.Path(PdfCorpusFixture.PdfSigSigned));

        PdfSignatureReport s = Assert.Single(report.Signatures);
        Assert.Equal("PopplerSig", s.FieldName);
        Assert.Equal("adbe.pkcs7.detached", s.SubFilter);
        Assert.True(s.IsIntegrityValid, report.ToJson());
        Assert.Equal(CertificateTrustStatus.Trusted, s.Trust);
        Assert.True(s.CoversWholeDocument);
        Assert.Equal(PdfVerificationStatus.Valid, s.Status);
        Assert.Equal(PadesBaselineLevel.None, s.PadesLevel);
        Assert.Contains("Poppler Signer", s.SignerSubject, StringComparison.Ordinal);
        Assert.Contains(s.Problems, p => p.Code == "not-in-acroform" && p.Severity == EDoc.Validation.ValidationSeverity.Warning);
    }

    [Fact]
    public async Task VerifyFileAsync_PdfSigSignatureThenOurs_BothValid()
    {
        string signed = await SignAsync(corpus.Path(PdfCorpusFixture.PdfSigSigned), corpus.NewTempFile("pdfsig-then-ours.pdf"), corpus.Signers[1]);

        PdfVerificationReport report = await Verifier().VerifyFileAsync(signed);

        Assert.Equal(2, report.Signatures.Count);
        Assert.True(report.IsValid, report.ToJson());
    }

    [Fact]
    public async Task VerifyFileAsync_UnsignedPdf_InvalidNoSignature()
    {
        PdfVerificationReport report = await Verifier().VerifyFileAsync(corpus.Path(PdfCorpusFixture.Lo));

        Assert.False(report.IsValid);
        Assert.Empty(report.Signatures);
        Assert.Contains(report.Problems, p => p.Code == "no-signature");
        await AssertEdocVerifyFailsAsync(corpus.Path(PdfCorpusFixture.Lo), CaPem, "no signature");
    }

    [Fact]
    public async Task VerifyFileAsync_Garbage_ThrowsPdfFormatExceptionAndEdocNamesFile()
    {
        string garbage = corpus.NewTempFile("garbage.pdf");
        await File.WriteAllTextAsync(garbage, "this is not a PDF at all");

        await Assert.ThrowsAnyAsync<PdfFormatException>(() => Verifier().VerifyFileAsync(garbage));
        var (code, _, stderr) = await EdocAsync("verify", garbage);
        Assert.Equal(1, code);
        Assert.Contains(garbage, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyFileAsync_EncryptedPdf_ThrowsPdfEncryptedException()
    {
        await Assert.ThrowsAsync<PdfEncryptedException>(() => Verifier().VerifyFileAsync(corpus.Path(PdfCorpusFixture.Encrypted)));
    }

    [Fact]
    public async Task VerifyAsync_NonSeekableStream_SameVerdictAsFile()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        await using var inner = File.OpenRead(signed);
        await using var nonSeekable = new ForwardOnlyStream(inner);

        PdfVerificationReport report = await Verifier().VerifyAsync(nonSeekable);

        Assert.True(report.IsValid, report.ToJson());
    }

    [Fact]
    public async Task ToJson_Report_HasStablePropertyNamesAndEdocVerifyJsonParses()
    {
        string signed = await SignTimesAsync(corpus.Path(PdfCorpusFixture.Lo), 1);
        PdfVerificationReport report = await Verifier().VerifyFileAsync(signed);

        using JsonDocument doc = JsonDocument.Parse(report.ToJsonUtf8Bytes());
        var (code, stdout, _) = await EdocAsync("verify", signed, "--trust", CaPem, "--json");
        using JsonDocument cli = JsonDocument.Parse(stdout);

        JsonElement root = doc.RootElement;
        Assert.True(root.GetProperty("isValid").GetBoolean());
        Assert.Equal("valid", root.GetProperty("status").GetString());
        JsonElement sig = root.GetProperty("signatures")[0];
        Assert.Equal("Signature1", sig.GetProperty("fieldName").GetString());
        Assert.Equal("B-B", sig.GetProperty("padesLevelName").GetString());
        Assert.Equal("trusted", sig.GetProperty("trust").GetString());
        Assert.Equal("none", sig.GetProperty("changesAfter").GetString());
        Assert.Equal(4, sig.GetProperty("byteRange").GetArrayLength());
        Assert.Equal(0, code);
        Assert.Equal("Signature1", cli.RootElement.GetProperty("signatures")[0].GetProperty("fieldName").GetString());
    }

    [Fact]
    public async Task InspectAsync_SignedPdf_SummaryWithVerdictAndJsonEvidence()
    {
        string signed = await SignAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile("summary.pdf"), TestPki.Rsa.Signer);
        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(TestPki.Rsa.Ca);
        var inspector = new PdfDocumentInspector(new PdfSignatureVerifier(options));
        await using FileStream fs = File.OpenRead(signed);
        await using FileStream unsigned = File.OpenRead(corpus.Path(PdfCorpusFixture.Lo));

        PdfDocumentSummary summary = await inspector.InspectAsync(fs);
        PdfDocumentSummary none = await inspector.InspectAsync(unsigned);

        Assert.Equal(2, summary.PageCount);
        Assert.Equal(1, summary.SignatureCount);
        Assert.Equal(SignatureVerdict.Valid, summary.Verdict);
        PdfSignatureSummary s = summary.Signatures[0];
        Assert.Equal(TestPki.Rsa.Signer.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false), s.SignerName);
        Assert.Contains(s.Identifiers, i => i.StartsWith("CCCD:", StringComparison.Ordinal));
        Assert.NotNull(s.SigningTime);
        Assert.False(string.IsNullOrEmpty(s.MessageVi));
        using JsonDocument evidence = JsonDocument.Parse(summary.ReportJson);
        Assert.Equal(1, evidence.RootElement.GetProperty("signatures").GetArrayLength());
        Assert.Equal(SignatureVerdict.NotSigned, none.Verdict);
        Assert.Equal(0, none.SignatureCount);
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
