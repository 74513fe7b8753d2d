using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace EDoc.Signing.Tests.Pdf;

/// <summary>
/// Builds the PDF corpus once per test run from real producers (LibreOffice, qpdf, PDFsharp) into a temp folder,
/// plus a test CA, a signer certificate and an NSS database trusting the CA for pdfsig.
/// </summary>
public sealed class PdfCorpusFixture : IDisposable
{
    public PdfCorpusFixture()
    {
        Root = Directory.CreateTempSubdirectory("edoc-pdf-corpus-").FullName;
        BuildLibreOffice();
        string lo = Path(Lo);
        Qpdf("--object-streams=generate", lo, Path(LoObjStm));
        Qpdf("--linearize", lo, Path(LoLinearized));
        Qpdf("--rotate=+90:1", lo, Path(Rotated90));
        Qpdf("--rotate=+180:1-z", lo, Path(Rotated180));
        Qpdf("--rotate=+270:1", lo, Path(Rotated270));
        Qpdf("--object-streams=generate", Path(LoForm), Path(LoFormObjStm));
        ExternalTool.Result enc = ExternalTool.Run("qpdf", ["--encrypt", "user", "owner", "256", "--", lo, Path(Encrypted)]);
        Assert.True(enc.ExitCode == 0, enc.All);
        BuildPdfSharp();
        BuildCertificates();
        BuildPdfSigSigned();
    }

    public const string Lo = "lo.pdf";
    public const string LoDocx = "lo-docx.pdf";
    public const string LoOdt = "lo-odt.pdf";
    public const string LoForm = "lo-form.pdf";
    public const string LoFormObjStm = "lo-form-objstm.pdf";
    public const string LoObjStm = "lo-objstm.pdf";
    public const string LoLinearized = "lo-linearized.pdf";
    public const string Rotated90 = "lo-rot90.pdf";
    public const string Rotated180 = "lo-rot180.pdf";
    public const string Rotated270 = "lo-rot270.pdf";
    public const string PdfSharpFile = "pdfsharp.pdf";
    public const string Encrypted = "encrypted.pdf";
    public const string PdfSigSigned = "pdfsig-signed.pdf";

    /// <summary>The clean inputs every signing test runs on.</summary>
    public static readonly string[] CleanInputs = [Lo, LoDocx, LoOdt, LoForm, LoFormObjStm, LoObjStm, LoLinearized, Rotated90, Rotated180, Rotated270, PdfSharpFile];

    public string Root { get; }

    public string NssDirectory { get; private set; } = "";

    public X509Certificate2 CaCertificate { get; private set; } = null!;

    public X509Certificate2 Signer { get; private set; } = null!;

    /// <summary>Drafter, signer, clerk and agency certificates, all issued by <see cref="CaCertificate"/>.</summary>
    public IReadOnlyList<X509Certificate2> Signers { get; private set; } = [];

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public string NewTempFile(string name) => System.IO.Path.Combine(Directory.CreateTempSubdirectory("edoc-pdf-out-").FullName, name);

    public void Dispose()
    {
        foreach (X509Certificate2 s in Signers)
        {
            s.Dispose();
        }
        CaCertificate.Dispose();
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }

    private void Qpdf(string option, string input, string output)
    {
        ExternalTool.Result r = ExternalTool.Run("qpdf", [option, input, output]);
        Assert.True(r.ExitCode is 0 or 3, $"qpdf {option} failed: {r.All}");
    }

    private void BuildLibreOffice()
    {
        string src = System.IO.Path.Combine(Root, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(System.IO.Path.Combine(src, "lo.fodt"), Fodt());
        File.WriteAllText(System.IO.Path.Combine(src, "lo-form.html"), FormHtml);
        string profile = System.IO.Path.Combine(Root, "lo-profile");
        ExternalTool.Result r = ExternalTool.Run(
            "soffice",
            ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf", "--outdir", Root, System.IO.Path.Combine(src, "lo.fodt")],
            timeoutSeconds: 240);
        Assert.True(File.Exists(Path(Lo)), "LibreOffice did not produce the PDF: " + r.All);

        // The same Vietnamese text saved by LibreOffice as .docx and .odt, then each exported to PDF.
        foreach ((string format, string pdf) in new[] { ("docx", LoDocx), ("odt", LoOdt) })
        {
            string dir = System.IO.Path.Combine(src, format);
            r = ExternalTool.Run(
                "soffice",
                ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", format, "--outdir", dir, System.IO.Path.Combine(src, "lo.fodt")],
                timeoutSeconds: 240);
            string saved = System.IO.Path.Combine(dir, "lo." + format);
            Assert.True(File.Exists(saved), $"LibreOffice did not save the .{format}: " + r.All);
            string named = System.IO.Path.Combine(dir, System.IO.Path.GetFileNameWithoutExtension(pdf) + "." + format);
            File.Move(saved, named);
            r = ExternalTool.Run(
                "soffice",
                ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf", "--outdir", Root, named],
                timeoutSeconds: 240);
            Assert.True(File.Exists(Path(pdf)), $"LibreOffice did not export the .{format} to PDF: " + r.All);
        }

        // Writer/Web exports HTML form controls as AcroForm fields.
        r = ExternalTool.Run(
            "soffice",
            ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", Root, System.IO.Path.Combine(src, "lo-form.html")],
            timeoutSeconds: 240);
        Assert.True(File.Exists(Path(LoForm)), "LibreOffice did not produce the form PDF: " + r.All);
    }

    private const string FormHtml = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Biểu mẫu</title></head>
        <body>
        <p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
        <p>Độc lập - Tự do - Hạnh phúc</p>
        <form><p>Số: <input type="text" name="SoVanBan" value=""></p>
        <p>Ngày ban hành: <input type="text" name="NgayBanHanh" value=""></p></form>
        <p>Nơi nhận: Như trên; Lưu: VT.</p>
        </body></html>
        """;

    private static string Fodt()
    {
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
              xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
              xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
              xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
              xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0"
              xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
              xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
              xmlns:xml="http://www.w3.org/XML/1998/namespace"
              office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
              <office:font-face-decls>
                <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/>
              </office:font-face-decls>
              <office:styles>
                <style:default-style style:family="paragraph">
                  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="12pt"/>
                </style:default-style>
              </office:styles>
              <office:automatic-styles>
                <style:style style:name="PB" style:family="paragraph">
                  <style:paragraph-properties fo:break-before="page"/>
                </style:style>
              </office:automatic-styles>
              <office:body>
                <office:text>
                  <text:p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p>
                  <text:p>Độc lập - Tự do - Hạnh phúc</text:p>
                  <text:p>QUYẾT ĐỊNH về việc ban hành quy chế công tác văn thư, lưu trữ điện tử.</text:p>
                  <text:p text:style-name="PB">Trang 2: Nơi nhận - Như Điều 3; Lưu: VT.</text:p>
                </office:text>
              </office:body>
            </office:document>
            """;
    }

    private void BuildPdfSharp()
    {
        using var doc = new PdfDocument();
        doc.Options.NoCompression = true;
        doc.Options.CompressContentStreams = false;

        // Page 1: MediaBox not at the origin and an indirect /Annots array holding a link annotation.
        PdfPage p1 = doc.AddPage();
        p1.MediaBox = new PdfRectangle(new XPoint(100, 200), new XPoint(695, 1042));
        using (XGraphics g = XGraphics.FromPdfPage(p1))
        {
            g.DrawRectangle(XPens.DarkBlue, XBrushes.LightSteelBlue, 50, 50, 300, 120);
            g.DrawEllipse(XPens.Red, 80, 250, 200, 100);
        }

        var link = new PdfDictionary(doc);
        link.Elements["/Type"] = new PdfName("/Annot");
        link.Elements["/Subtype"] = new PdfName("/Link");
        link.Elements["/Rect"] = new PdfArray(doc, new PdfReal(150), new PdfReal(250), new PdfReal(300), new PdfReal(300));
        link.Elements["/Border"] = new PdfArray(doc, new PdfInteger(0), new PdfInteger(0), new PdfInteger(0));
        doc.Internals.AddObject(link);
        var annots = new PdfArray(doc);
        annots.Elements.Add(link.Reference!);
        doc.Internals.AddObject(annots);
        p1.Elements["/Annots"] = annots.Reference;

        // Page 2: MediaBox, Rotate and Resources inherited from the page tree root.
        PdfPage p2 = doc.AddPage();
        using (XGraphics g = XGraphics.FromPdfPage(p2))
        {
            g.DrawLine(XPens.Black, 10, 10, 400, 400);
        }

        doc.Pages.Elements["/MediaBox"] = new PdfArray(doc, new PdfInteger(0), new PdfInteger(0), new PdfInteger(420), new PdfInteger(595));
        doc.Pages.Elements["/Rotate"] = new PdfInteger(90);
        p2.Elements.Remove("/MediaBox");
        doc.Save(Path(PdfSharpFile));
    }

    /// <summary>A form PDF signed by poppler's <c>pdfsig -add-signature</c>: its field is only in the page /Annots, not in AcroForm /Fields.</summary>
    private void BuildPdfSigSigned()
    {
        using RSA key = RSA.Create(2048);
        var req = new CertificateRequest("CN=Poppler Signer, O=EDoc Tests, C=VN", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(CaCertificate, true, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 leaf = req.Create(CaCertificate, now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(12));
        using X509Certificate2 withKey = leaf.CopyWithPrivateKey(key);
        string pfx = System.IO.Path.Combine(Root, "poppler.pfx");
        File.WriteAllBytes(pfx, withKey.Export(X509ContentType.Pkcs12, "test"));
        ExternalTool.Result imp = ExternalTool.Run("pk12util", ["-i", pfx, "-d", "sql:" + NssDirectory, "-W", "test"]);
        Assert.True(imp.ExitCode == 0, imp.All);
        ExternalTool.Result list = ExternalTool.Run("certutil", ["-L", "-d", "sql:" + NssDirectory]);
        string nick = list.StdOut.Split('\n').Select(l => l.TrimEnd()).First(l => l.EndsWith("u,u,u", StringComparison.Ordinal))[..^"u,u,u".Length].Trim();
        ExternalTool.Result sign = ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + NssDirectory, "-add-signature", "-nick", nick, "-new-signature-field-name", "PopplerSig", Path(LoForm), Path(PdfSigSigned)]);
        Assert.True(File.Exists(Path(PdfSigSigned)), "pdfsig -add-signature failed: " + sign.All);
    }

    private void BuildCertificates()
    {
        using RSA caKey = RSA.Create(2048);
        var caReq = new CertificateRequest("CN=EDoc Test Root CA, O=EDoc Tests, C=VN", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caReq.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        CaCertificate = caReq.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        string[] names = ["CN=Nguyễn Văn A, O=EDoc Tests, C=VN", "CN=Trần Thị Bình, O=EDoc Tests, C=VN", "CN=Lê Văn Thư, O=EDoc Tests, C=VN", "CN=UBND Tỉnh Thử Nghiệm, O=EDoc Tests, C=VN"];
        var signers = new List<X509Certificate2>();
        for (int i = 0; i < names.Length; i++)
        {
            using RSA key = RSA.Create(2048);
            var req = new CertificateRequest(names[i], key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(CaCertificate, true, false));
            using X509Certificate2 leaf = req.Create(CaCertificate, now.AddDays(-1), now.AddYears(2), RandomNumberGenerator.GetBytes(12));
            signers.Add(leaf.CopyWithPrivateKey(key));
        }

        Signers = signers;
        Signer = signers[0];

        NssDirectory = System.IO.Path.Combine(Root, "nssdb");
        Directory.CreateDirectory(NssDirectory);
        string caFile = System.IO.Path.Combine(Root, "ca.crt");
        File.WriteAllText(caFile, CaCertificate.ExportCertificatePem());
        ExternalTool.Result n = ExternalTool.Run("certutil", ["-N", "-d", "sql:" + NssDirectory, "--empty-password"]);
        Assert.True(n.ExitCode == 0, n.All);
        ExternalTool.Result a = ExternalTool.Run("certutil", ["-A", "-d", "sql:" + NssDirectory, "-n", "EDoc Test Root CA", "-t", "CT,C,C", "-a", "-i", caFile]);
        Assert.True(a.ExitCode == 0, a.All);
    }
}

[CollectionDefinition(Name)]
public sealed class PdfCorpusDefinition : ICollectionFixture<PdfCorpusFixture>
{
    public const string Name = "PDF corpus";
}
