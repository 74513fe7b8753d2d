using EDoc.Signing.Appearance;
using EDoc.Signing.Certificates;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Appearance;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Tests.TestSupport;
using EDoc.Signing.Verification;

namespace EDoc.Signing.Tests;

/// <summary>
/// Keeps the README's signing snippets (signing and verifying, then visible signatures) compiling and true. Each test
/// gets a temporary folder and fresh development certificates; the draft is the one-page LibreOffice PDF.
/// </summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class ReadmeSigningExampleTests(PdfCorpusFixture corpus) : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly DevelopmentCertificates _dev = DevelopmentCertificates.Create();

    public void Dispose()
    {
        _dev.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task QuickLook_SignTwiceThenVerify_EverySignatureValid()
    {
        var dev = _dev;
        string draft = corpus.Path(PdfCorpusFixture.Lo);
        string signed = _dir.File("signed.pdf");
        string sealedPdf = _dir.File("sealed.pdf");

        // snippet: signing-quick-look
        var signer = new PdfSigner();   // or inject it: services.AddEDocSigning(...)
        await signer.SignFileAsync(draft, signed, new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(dev.Signer),   // or Pkcs11SigningKey.Open(...) for a USB token
            Reason = "Phê duyệt",
            Location = "Nghệ An",
        });
        await signer.SignFileAsync(signed, sealedPdf, new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(dev.Agency),   // the agency signs later: an incremental update
            Level = PadesLevel.BaselineB,                      // B-T, B-LT, B-LTA with a TSA and revocation data
        });

        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(dev.Ca);
        PdfVerificationReport report = await new PdfSignatureVerifier(options).VerifyFileAsync(sealedPdf);
        foreach (var signature in report.Signatures)
        {
            Console.WriteLine($"{signature.FieldName}: {signature.Status} — {signature.Signer?.CommonName} {signature.Signer?.CitizenId}");
        }
        // end snippet

        Assert.True(report.IsValid);
        Assert.Equal(2, report.Signatures.Count);
        Assert.All(report.Signatures, s => Assert.Equal(PdfVerificationStatus.Valid, s.Status));
    }

    [Fact]
    public async Task QuickLook_SignerImageThenAgencySeal_BothSignaturesValidAndVisible()
    {
        string draft = corpus.Path(PdfCorpusFixture.Lo);
        string signed = _dir.File("signed.pdf");
        string issued = _dir.File("issued.pdf");
        string signatureScanPath = _dir.Write("chu-ky.jpg", AppearanceTestSupport.MakeSignatureJpeg());
        string sealScanPath = _dir.Write("con-dau.png", AppearanceTestSupport.MakeSealPng());
        var signer = new PdfSigner();
        var signerKey = new X509CertificateSigningKey(_dev.Signer);
        var agencyKey = new X509CertificateSigningKey(_dev.Agency);

        // snippet: visible-signing-quick-look
        SignatureImage ink = SignatureImage.Load(File.ReadAllBytes(signatureScanPath), ImagePreparationOptions.Signer); // white removed, blue
        SignatureImage seal = SignatureImage.Load(File.ReadAllBytes(sealScanPath), ImagePreparationOptions.Seal);       // white removed, red
        await signer.SignFileAsync(draft, signed, new PdfSignatureRequest
        {
            Key = signerKey,
            Certification = PdfCertificationLevel.FormFillingAndSigning,   // DocMDP P=2, see below
            Appearance = new ImageSignatureAppearance(ink),
            Placement = SignaturePlacement.AtRectangle(PageRectangle.FromMillimetres(110, 40, 60, 25), SignaturePlacement.LastPage), // or AtAnchor("Nguyễn Văn An")
        });
        await signer.SignFileAsync(signed, issued, new PdfSignatureRequest   // after the clerk's fill-in (edoc issue does both)
        {
            Key = agencyKey,
            Appearance = new SealSignatureAppearance(seal, diameterMillimetres: 36),
        });
        // Attachments and copies: Appearance = TextBlockSignatureAppearance.ForAttachment("08/2018/QĐ-UBND") — top right of page 1.
        // end snippet

        var options = new PdfVerificationOptions();
        options.TrustAnchors.Add(_dev.Ca);
        PdfVerificationReport report = await new PdfSignatureVerifier(options).VerifyFileAsync(issued);
        Assert.True(report.IsValid, string.Join("; ", report.Signatures.SelectMany(s => s.Problems.Select(p => p.Message))));
        Assert.Equal(2, report.Signatures.Count);
        Assert.True(new FileInfo(issued).Length > new FileInfo(draft).Length + 2 * 1024);
    }
}
