// A fresh application that uses the packed EDoc packages, installed from a local feed: PackedPackagesTests builds and
// runs it and checks what it prints. Its snippet regions are the quick starts of the package READMEs (src/*/README.md),
// so the code shown on each package's page compiles against the package as published.
using System.Text;
using EDoc.Agencies;
using EDoc.Archive.Evidence;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;
using EDoc.Documents;
using EDoc.Interchange.EdXml;
using EDoc.Numbering;
using EDoc.Registers;
using EDoc.Registers.Storage;
using EDoc.Signing;
using EDoc.Signing.Certificates;
using EDoc.Signing.Signers;
using EDoc.Signing.Verification;
using EDoc.Validation;

Console.OutputEncoding = Encoding.UTF8;
string work = args.Length > 0 ? args[0] : Directory.CreateTempSubdirectory("edoc-consumer-").FullName;
string draft = Path.Combine(work, "draft.pdf");
await File.WriteAllBytesAsync(draft, MinimalPdf("Quyet dinh so 08/2018/QD-UBND"));

// snippet: package-abstractions
var notation = NotationRules.Compose(new DocumentNumber(8), DocumentTypes.LegalDecision, "UBND", year: 2018);
var document = new ElectronicDocument
{
    Notation = notation,                                  // 08/2018/QĐ-UBND
    Type = DocumentTypes.LegalDecision,
    IssueDate = new DateOnly(2018, 3, 1),
    Subject = "Ban hành Quy chế công tác văn thư",
    Sender = Agency.Create("000.00.00.H41", "UBND tỉnh Nghệ An"),
    Recipients = [Agency.Create("000.00.00.G22", "Văn phòng Chính phủ")],
    Attachments = [new Attachment { Name = "08-2018-QD-UBND.pdf", ContentId = "a1", IsMainDocument = true }],
};
ValidationResult validation = ElectronicDocumentValidator.Validate(document); // every problem: Path, Code, Message, MessageVi
Console.WriteLine($"abstractions: {notation} valid={validation.IsValid}");
// end snippet

// snippet: package-signing
using var dev = DevelopmentCertificates.Create();     // a throw-away CA and signers: never trust it in production
string signed = Path.Combine(work, "signed.pdf");
await new PdfSigner().SignFileAsync(draft, signed, new PdfSignatureRequest
{
    Key = new X509CertificateSigningKey(dev.Signer),  // or Pkcs11SigningKey.Open(...) for a USB token
    Reason = "Phê duyệt",
    Location = "Nghệ An",
});

var trust = new PdfVerificationOptions();
trust.TrustAnchors.Add(dev.Ca);
PdfVerificationReport report = await new PdfSignatureVerifier(trust).VerifyFileAsync(signed);
Console.WriteLine($"signing: {report.Signatures.Count} signature(s) {report.Status}, signer {report.Signatures[0].Signer?.CommonName}");
// end snippet

// snippet: package-interchange
var mapper = new EdXmlDocumentMapper();
EdocPackage package = mapper.ToPackage(document, (attachment, ct) => ValueTask.FromResult<Stream>(File.OpenRead(signed)));
string edxml = Path.Combine(work, "08-2018-QD-UBND.edxml");
await new EdXmlWriter().WriteToFileAsync(package, edxml);        // atomic: temp file + rename

var sink = new EdXmlMemoryAttachmentSink();
var received = (EdocPackage)await new EdXmlReader().ReadFileAsync(edxml, sink);
bool mapped = mapper.TryToDocument(received, out var receivedDocument, out _);
Console.WriteLine($"interchange: {received.MessageHeader.From?.OrganId} -> {received.MessageHeader.To[0].OrganId} {receivedDocument?.Notation} mapped={mapped} attachments={received.Attachments.Count}");
// end snippet

// snippet: package-registers
await using (IRegisterStore store = await RegisterStoreFactory.OpenAsync(Path.Combine(work, "registers.db"))) // or Host=… for PostgreSQL
{
    var register = new DocumentRegister(store);
    OutgoingRegisterEntry issued = await register.IssueAsync(new OutgoingIssueRequest
    {
        TypeAbbreviation = "QĐ",
        IssuerAbbreviation = "UBND",
        Date = new DateOnly(2025, 3, 3),
        Subject = "Về việc tuyển dụng công chức năm 2025",
    });
    Console.WriteLine($"registers: {issued.NumberText} {issued.Notation} {issued.Date:yyyy-MM-dd}");
}
// end snippet

// snippet: package-archive
var content = new ArchivePackageContent
{
    Dossier = new DossierMetadata
    {
        FileCode = new FileCode("000.00.00.H41", 2025, "01.TCCB"),
        Title = "Hồ sơ tuyển dụng công chức năm 2025",
        Maintenance = "01",
        Mode = "01",
        Language = ["01"],
        StartDate = new DateOnly(2025, 1, 2),
        EndDate = new DateOnly(2025, 12, 30),
        NumberOfPaper = 0,
        RiskRecovery = false,
        ConfidenceLevel = "01",
    },
    Documents =
    [
        ArchiveDocumentContent.FromFile(new DocumentMetadata
        {
            Ordinal = 1,
            DocId = "000.00.00.H41-001",
            Maintenance = "01",
            TypeName = "02",
            CodeNumber = "08",
            CodeNotation = "QĐ-UBND",
            IssuedDate = new DateOnly(2025, 3, 3),
            OrganName = "Ủy ban nhân dân tỉnh Nghệ An",
            Subject = "Quyết định về việc tuyển dụng công chức",
            Language = ["01"],
            NumberOfPage = 1,
            Mode = "01",
            ConfidenceLevel = "01",
            RiskRecovery = false,
            Process = true,
        }, signed),
    ],
};
// Each PDF's signature report goes into the package as PREMIS evidence.
var evidence = new PdfInspectorEvidenceProvider(new PdfDocumentInspector(new PdfSignatureVerifier(trust)));
var writer = new ArchivePackageWriter(new ArchivePackageWriterOptions { AgencyName = "Sở Nội vụ tỉnh Nghệ An" }, evidence);
ArchivePackageResult sip = await writer.WriteZipAsync(content, Path.Combine(work, "sip.zip"));
ArchiveVerificationReport archived = await new ArchivePackageVerifier().VerifyAsync(sip.OutputPath);
Console.WriteLine($"archive: {sip.Kind} files={sip.Files.Count} evidence={sip.SignatureReports} valid={archived.IsValid}");
// end snippet

// A one-page PDF 1.4 with exact xref offsets.
static byte[] MinimalPdf(string text)
{
    string content = $"BT /F1 24 Tf 72 720 Td ({text}) Tj ET";
    string[] objects =
    [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ];
    var pdf = new StringBuilder("%PDF-1.4\n");
    var offsets = new List<int>();
    for (int i = 0; i < objects.Length; i++)
    {
        offsets.Add(pdf.Length);
        pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
    }

    int xref = pdf.Length;
    pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
    foreach (int offset in offsets)
    {
        pdf.Append($"{offset:D10} 00000 n \n");
    }

    pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
    return Encoding.ASCII.GetBytes(pdf.ToString());
}
