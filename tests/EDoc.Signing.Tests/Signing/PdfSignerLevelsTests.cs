using System.Text;
using EDoc.Signing.Certificates;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Revocation;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Tests.TestSupport;
using EDoc.Signing.Timestamps;
using PdfTool = EDoc.Signing.Tests.Pdf.ExternalTool;

namespace EDoc.Signing.Tests.Signing;

/// <summary>B-T, B-LT and B-LTA against a TSA (<c>openssl ts -reply</c>) and an OCSP responder (<c>openssl ocsp</c>) on 127.0.0.1.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignerLevelsTests(PdfCorpusFixture corpus)
{
    [Fact]
    public async Task SignFileAsync_BaselineT_CmsCarriesTimestampTokenAndOpenSslVerifies()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var signer = new PdfSigner(timestampClient: new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri }));
        string output = corpus.NewTempFile("bt.pdf");

        PdfSigningResult result = await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), output, new PdfSignatureRequest { Key = new X509CertificateSigningKey(TestPki.Rsa.Signer), Level = PadesLevel.BaselineT });

        Assert.Equal(PadesLevel.BaselineT, result.Level);
        Assert.Equal(1, tsa.RequestCount);
        var sig = Assert.Single(SignerTestSupport.Extract(output));
        string print = SignerTestSupport.OpenSslPrint(sig.Der);
        Assert.Contains("id-smime-aa-timeStampToken", print, StringComparison.Ordinal);
        // The TSA's own SignerInfo has a signingTime; ours must not (checked with SignedCms, not our parser).
        var decoded = new System.Security.Cryptography.Pkcs.SignedCms();
        decoded.Decode(sig.Der);
        var signerInfo = Assert.Single(decoded.SignerInfos.Cast<System.Security.Cryptography.Pkcs.SignerInfo>());
        Assert.DoesNotContain(signerInfo.SignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.5");
        Assert.Contains(signerInfo.UnsignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");
        var verify = SignerTestSupport.OpenSslVerify(sig, TestPki.CaPem(TestPki.Rsa));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Equal(0, PdfTool.QpdfCheck(output).ExitCode);
    }

    [Fact]
    public async Task SignFileAsync_BaselineLT_DssHasCertificatesOcspAndVri()
    {
        using var server = new LocalRevocationServer(DevelopmentKeyType.Rsa2048);
        using var tsa = new OpenSslTsaServer(server.Pki);
        using var http = new HttpClient();
        var signer = new PdfSigner(
            timestampClient: new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri }),
            revocationCollector: new RevocationDataCollector(http));
        string output = corpus.NewTempFile("blt.pdf");

        await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.LoObjStm), output, new PdfSignatureRequest { Key = new X509CertificateSigningKey(server.Pki.Signer), Level = PadesLevel.BaselineLT });

        var sig = Assert.Single(SignerTestSupport.Extract(output));
        Assert.False(sig.CoversEnd, "the DSS must be a later revision than the signature");
        var verify = SignerTestSupport.OpenSslVerify(sig, TestPki.CaPem(server.Pki));
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Equal(0, PdfTool.QpdfCheck(output).ExitCode);

        await using FileStream s = File.OpenRead(output);
        using var reader = PdfDocumentReader.Open(s);
        PdfDictionary dss = reader.Latest.GetDictionary(reader.Catalog.Get("DSS"))!;
        Assert.NotNull(dss);
        Assert.True(reader.Latest.GetArray(dss.Get("Certs"))!.Count >= 2);
        PdfArray ocsps = reader.Latest.GetArray(dss.Get("OCSPs"))!;
        Assert.NotEmpty(ocsps.Items);
        PdfDictionary vri = reader.Latest.GetDictionary(dss.Get("VRI"))!;
        Assert.Single(vri.Keys);

        // The OCSP response in the DSS is a real openssl responder answer for the signer: "good".
        byte[] ocsp = reader.ReadStreamData((PdfStream)reader.Resolve(ocsps.Items[0])!);
        using var dir = new TempDir();
        dir.Write("r.der", ocsp);
        ToolResult text = TestSupport.ExternalTool.OpenSsl("ocsp", "-respin", dir.File("r.der"), "-resp_text", "-noverify");
        Assert.Contains("Cert Status: good", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignFileAsync_BaselineLta_AddsDocTimeStampRevisionVerifiedByOpenSslTs()
    {
        using var server = new LocalRevocationServer(DevelopmentKeyType.Rsa2048);
        using var tsa = new OpenSslTsaServer(server.Pki);
        using var http = new HttpClient();
        var signer = new PdfSigner(
            timestampClient: new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri }),
            revocationCollector: new RevocationDataCollector(http));
        string output = corpus.NewTempFile("blta.pdf");

        await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), output, new PdfSignatureRequest { Key = new X509CertificateSigningKey(server.Pki.Signer), Level = PadesLevel.BaselineLTA });

        string raw = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(output));
        Assert.Contains("/DocTimeStamp", raw, StringComparison.Ordinal);
        Assert.Contains("/ETSI.RFC3161", raw, StringComparison.Ordinal);
        Assert.Equal(2, tsa.RequestCount);
        var sigs = SignerTestSupport.Extract(output);
        Assert.Equal(2, sigs.Count);
        var docTs = sigs.Single(x => x.ByteRange[2] + x.ByteRange[3] == sigs.Max(y => y.ByteRange[2] + y.ByteRange[3]));

        using var dir = new TempDir();
        dir.Write("t.der", docTs.Der);
        dir.Write("d.bin", docTs.SignedBytes);
        dir.WriteText("ca.crt", TestPki.CaPem(server.Pki));
        dir.WriteText("tsa.crt", server.Pki.TimestampAuthority.ExportCertificatePem());
        ToolResult ts = TestSupport.ExternalTool.OpenSsl("ts", "-verify", "-data", dir.File("d.bin"), "-in", dir.File("t.der"), "-token_in", "-CAfile", dir.File("ca.crt"), "-untrusted", dir.File("tsa.crt"));
        Assert.True(ts.ExitCode == 0 && ts.All.Contains("Verification: OK", StringComparison.Ordinal), ts.All);
        Assert.Equal(0, PdfTool.QpdfCheck(output).ExitCode);

        await using FileStream s = File.OpenRead(output);
        using var reader = PdfDocumentReader.Open(s);
        var infos = PdfSignatureInspector.Inspect(reader);
        Assert.Contains(infos, i => i.SubFilter == "ETSI.RFC3161");
        Assert.Contains(infos, i => i.SubFilter == "ETSI.CAdES.detached");
    }

    [Fact]
    public async Task SignFileAsync_BaselineLtWithoutOcspOrCrl_ThrowsAndLeavesNoOutput()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        using var http = new HttpClient();
        var signer = new PdfSigner(
            timestampClient: new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa.Uri }),
            revocationCollector: new RevocationDataCollector(http));
        string dir = Directory.CreateTempSubdirectory("edoc-lt-").FullName;

        // TestPki.Rsa certificates have no AIA/CDP: nothing to collect.
        var ex = await Assert.ThrowsAsync<SigningException>(() => signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), Path.Combine(dir, "out.pdf"), new PdfSignatureRequest { Key = new X509CertificateSigningKey(TestPki.Rsa.Signer), Level = PadesLevel.BaselineLT }));

        Assert.Equal("signing.revocation-unavailable", ex.ErrorCode);
        Assert.Empty(SignerTestSupport.FilesIn(dir));
    }
}
