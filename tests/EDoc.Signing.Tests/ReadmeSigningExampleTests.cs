using EDoc.Signing.Certificates;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Verification;

namespace EDoc.Signing.Tests;

/// <summary>Keeps the README's signing snippet compiling and true.</summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class ReadmeSigningExampleTests(PdfCorpusFixture corpus)
{
    [Fact]
    public async Task QuickLook_SignTwiceThenVerify_EverySignatureValid()
    {
        var dir = Directory.CreateTempSubdirectory("edoc-readme-");
        try
        {
            var dev = DevelopmentCertificates.Create();
            string draft = corpus.Path(PdfCorpusFixture.Lo);
            string signed = Path.Combine(dir.FullName, "signed.pdf");
            string sealedPdf = Path.Combine(dir.FullName, "sealed.pdf");

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
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
