using EDoc.Signing.Appearance;
using EDoc.Signing.Certificates;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Verification;

namespace EDoc.Signing.Tests.Appearance;

/// <summary>Keeps the README's visible-signature snippet compiling and true.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class ReadmeVisibleSigningExampleTests(PdfCorpusFixture corpus)
{
    [Fact]
    public async Task QuickLook_SignerImageThenAgencySeal_BothSignaturesValidAndVisible()
    {
        var dir = Directory.CreateTempSubdirectory("edoc-readme-visible-");
        try
        {
            var dev = DevelopmentCertificates.Create();
            string draft = corpus.Path(PdfCorpusFixture.Lo);
            string signed = Path.Combine(dir.FullName, "signed.pdf");
            string issued = Path.Combine(dir.FullName, "issued.pdf");
            string signatureScanPath = Path.Combine(dir.FullName, "chu-ky.jpg");
            string sealScanPath = Path.Combine(dir.FullName, "con-dau.png");
            File.WriteAllBytes(signatureScanPath, AppearanceTestSupport.MakeSignatureJpeg());
            File.WriteAllBytes(sealScanPath, AppearanceTestSupport.MakeSealPng());
            var signer = new PdfSigner();
            var signerKey = new X509CertificateSigningKey(dev.Signer);
            var agencyKey = new X509CertificateSigningKey(dev.Agency);

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
            options.TrustAnchors.Add(dev.Ca);
            PdfVerificationReport report = await new PdfSignatureVerifier(options).VerifyFileAsync(issued);
            Assert.True(report.IsValid, string.Join("; ", report.Signatures.SelectMany(s => s.Problems.Select(p => p.Message))));
            Assert.Equal(2, report.Signatures.Count);
            Assert.True(new FileInfo(issued).Length > new FileInfo(draft).Length + 2 * 1024);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
