using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using EDoc.Interchange.EdXml;

namespace EDoc.Interchange.Tests.EdXml;

public sealed class EdXmlSignatureTests
{
    private const string Dsig = "http://www.w3.org/2000/09/xmldsig#";
    private static readonly X509Certificate2 SharedCertificate = CreateCertificate();
    private readonly X509Certificate2 _certificate = SharedCertificate;

    [Fact]
    public async Task SignThenVerify_Package_IsValidWithExpectedAlgorithmsAndPlace()
    {
        var signed = await SignAsync(await TestPackages.WriteAsync(TestPackages.Rich()));

        var result = await VerifyAsync(signed);

        Assert.Equal(EdXmlSignatureStatus.Valid, result.Status);
        Assert.Equal(SignedXml.XmlDsigRSASHA256Url, result.SignatureMethod);
        Assert.Equal(SignedXml.XmlDsigSHA256Url, result.DigestMethod);
        Assert.Equal(_certificate.Thumbprint, result.Certificate!.Thumbprint);
        Assert.Empty(result.Warnings);
        var doc = Load(signed);
        var signature = (XmlElement)doc.GetElementsByTagName("Signature", Dsig)[0]!;
        Assert.Equal("edXMLHeader", signature.ParentNode!.LocalName);
        Assert.Equal("TraceHeaderList", ((XmlElement)signature.PreviousSibling!).LocalName);
        Assert.Equal(string.Empty, ((XmlElement)signature.GetElementsByTagName("Reference", Dsig)[0]!).GetAttribute("URI"));
    }

    [Fact]
    public async Task Read_SignedPackage_KeepsTheSignatureAndTheModel()
    {
        var signed = await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("a.pdf", TestPackages.PdfBytes))));

        var package = await TestPackages.ReadAsync(signed);

        Assert.Equal(Dsig, package.Signature!.Name.NamespaceName);
        Assert.Empty(package.ReadProblems);
    }

    [Fact]
    public async Task Verify_TamperedAttachment_IsInvalid()
    {
        var signed = await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("a.pdf", TestPackages.PdfBytes))));
        var text = Encoding.UTF8.GetString(signed);
        var original = Convert.ToBase64String(TestPackages.PdfBytes);
        var tampered = Encoding.UTF8.GetBytes(text.Replace(original, Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.7 evil")), StringComparison.Ordinal));

        var result = await VerifyAsync(tampered);

        Assert.Equal(EdXmlSignatureStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task Verify_TamperedSubject_IsInvalid()
    {
        var signed = await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal()));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace("V/v thử nghiệm", "V/v giả mạo", StringComparison.Ordinal));

        Assert.Equal(EdXmlSignatureStatus.Invalid, (await VerifyAsync(tampered)).Status);
    }

    [Fact]
    public async Task Verify_DeeplyNestedElementsInSignedPackage_ThrowsLimitExceededInsteadOfOverflowingTheStack()
    {
        // Canonicalization recurses per element level: deep nesting would overflow the stack and kill the process.
        var signed = await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal()));
        var text = Encoding.UTF8.GetString(signed);
        var at = text.LastIndexOf("</", text.IndexOf("edXMLHeader>", text.IndexOf("edXMLHeader", StringComparison.Ordinal) + 1, StringComparison.Ordinal), StringComparison.Ordinal);
        var nested = new StringBuilder(text[..at]).Insert(at, "<x>", 20_000).Append(new StringBuilder().Insert(0, "</x>", 20_000)).Append(text[at..]);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => VerifyAsync(Encoding.UTF8.GetBytes(nested.ToString())));

        Assert.Equal("MaxElementDepth", ex.LimitName);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public async Task Verify_Unsigned_IsNotSigned()
    {
        Assert.Equal(EdXmlSignatureStatus.NotSigned, (await VerifyAsync(await TestPackages.WriteAsync(TestPackages.Minimal()))).Status);
    }

    [Fact]
    public async Task Sign_AlreadySigned_ThrowsSignatureException()
    {
        var signed = await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal()));

        await Assert.ThrowsAsync<EdXmlSignatureException>(() => SignAsync(signed));
    }

    [Fact]
    public async Task Verify_SecondSignature_ThrowsSignatureException()
    {
        var doc = Load(await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal())));
        var signature = (XmlElement)doc.GetElementsByTagName("Signature", Dsig)[0]!;
        signature.ParentNode!.AppendChild(signature.CloneNode(deep: true));

        var ex = await Assert.ThrowsAsync<EdXmlSignatureException>(() => VerifyAsync(Save(doc)));

        Assert.Contains("2 Signature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignatureMovedIntoMessageHeader_ThrowsSignatureException()
    {
        var doc = Load(await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal())));
        var signature = (XmlElement)doc.GetElementsByTagName("Signature", Dsig)[0]!;
        var messageHeader = doc.GetElementsByTagName("MessageHeader", EdXmlNamespaces.Qcvn102)[0]!;
        signature.ParentNode!.RemoveChild(signature);
        messageHeader.AppendChild(signature);

        await Assert.ThrowsAsync<EdXmlSignatureException>(() => VerifyAsync(Save(doc)));
    }

    [Fact]
    public async Task Verify_SignedSubtreeWrappedUnderAForgedRoot_ThrowsSignatureException()
    {
        // Classic wrapping: the genuine signed document is hidden inside an extension element of a forged package
        // that carries the attacker's header; a naive verifier would find the genuine signature and accept it.
        var genuine = Load(await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal())));
        var forged = Load(await TestPackages.WriteAsync(TestPackages.Minimal()));
        forged.GetElementsByTagName("Subject", EdXmlNamespaces.Qcvn102)[0]!.InnerText = "Forged";
        var holder = forged.CreateElement("Extension", EdXmlNamespaces.Qcvn102);
        holder.AppendChild(forged.ImportNode(genuine.DocumentElement!, deep: true));
        forged.DocumentElement!.AppendChild(holder);

        await Assert.ThrowsAsync<EdXmlSignatureException>(() => VerifyAsync(Save(forged)));
    }

    [Fact]
    public async Task Verify_SignatureMovedToForgedHeaderWithGenuineEnvelopeElsewhere_ThrowsOrIsInvalid()
    {
        var genuine = Load(await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal())));
        var forgedHeader = genuine.GetElementsByTagName("Subject", EdXmlNamespaces.Qcvn102)[0]!;
        forgedHeader.InnerText = "Forged";

        var result = await VerifyAsync(Save(genuine));

        Assert.Equal(EdXmlSignatureStatus.Invalid, result.Status);
    }

    [Fact]
    public async Task Verify_ReferenceToAnId_ThrowsSignatureException()
    {
        var unsigned = Load(await TestPackages.WriteAsync(TestPackages.Minimal()));
        var header = (XmlElement)unsigned.GetElementsByTagName("MessageHeader", EdXmlNamespaces.Qcvn102)[0]!;
        header.SetAttribute("Id", "h1");
        var signedXml = new SignedXml(unsigned) { SigningKey = _certificate.GetRSAPrivateKey() };
        var reference = new Reference("#h1") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.KeyInfo = new KeyInfo();
        signedXml.KeyInfo.AddClause(new KeyInfoX509Data(_certificate));
        signedXml.ComputeSignature();
        unsigned.GetElementsByTagName("edXMLHeader", EdXmlNamespaces.Qcvn102)[0]!.AppendChild(unsigned.ImportNode(signedXml.GetXml(), true));

        var ex = await Assert.ThrowsAsync<EdXmlSignatureException>(() => VerifyAsync(Save(unsigned)));

        Assert.Contains("URI", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LegacyRsaSha1_IsValidWithAWarning()
    {
        var doc = Load(await TestPackages.WriteAsync(TestPackages.Minimal()));
        var signedXml = new SignedXml(doc) { SigningKey = _certificate.GetRSAPrivateKey() };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA1Url;
        var reference = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA1Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        signedXml.KeyInfo = new KeyInfo();
        signedXml.KeyInfo.AddClause(new KeyInfoX509Data(_certificate));
        signedXml.ComputeSignature();
        doc.GetElementsByTagName("edXMLHeader", EdXmlNamespaces.Qcvn102)[0]!.AppendChild(doc.ImportNode(signedXml.GetXml(), true));

        var result = await VerifyAsync(Save(doc));

        Assert.Equal(EdXmlSignatureStatus.Valid, result.Status);
        Assert.Contains(result.Warnings, w => w.Contains("SHA-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_SignatureWithoutXmlDsigNamespace_IsMatchedByLocalNameWithAWarning()
    {
        // The VPCP sample writes <Signature> without xmlns, so it falls into the edXML default namespace.
        var signed = Encoding.UTF8.GetString(await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal())));
        var stripped = signed.Replace("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", "<Signature>", StringComparison.Ordinal);
        Assert.NotEqual(signed, stripped);

        var result = await VerifyAsync(Encoding.UTF8.GetBytes(stripped));
        var package = await TestPackages.ReadAsync(stripped);

        Assert.Equal(EdXmlSignatureStatus.Valid, result.Status);
        Assert.Contains(result.Warnings, w => w.Contains("namespace", StringComparison.Ordinal));
        Assert.Equal(EdXmlNamespaces.Qcvn102, package.Signature!.Name.NamespaceName);
    }

    [Fact]
    public async Task Verify_ExtraTransform_ThrowsSignatureException()
    {
        var doc = Load(await SignAsync(await TestPackages.WriteAsync(TestPackages.Minimal())));
        var transforms = (XmlElement)doc.GetElementsByTagName("Transforms", Dsig)[0]!;
        var extra = doc.CreateElement("Transform", Dsig);
        extra.SetAttribute("Algorithm", "http://www.w3.org/TR/1999/REC-xpath-19991116");
        transforms.AppendChild(extra);

        await Assert.ThrowsAsync<EdXmlSignatureException>(() => VerifyAsync(Save(doc)));
    }

    private async Task<byte[]> SignAsync(byte[] package)
    {
        using var output = new MemoryStream();
        await new EdXmlSigner().SignAsync(new MemoryStream(package), output, _certificate);
        return output.ToArray();
    }

    private static Task<EdXmlSignatureVerificationResult> VerifyAsync(byte[] package)
        => new EdXmlSignatureVerifier().VerifyAsync(new MemoryStream(package));

    private static XmlDocument Load(byte[] bytes)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.Load(new MemoryStream(bytes));
        return doc;
    }

    private static byte[] Save(XmlDocument doc)
    {
        using var stream = new MemoryStream();
        doc.Save(stream);
        return stream.ToArray();
    }

    internal static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Văn thư UBND tỉnh Nghệ An, O=UBND tỉnh Nghệ An, C=VN", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx, "p"), "p", X509KeyStorageFlags.Exportable);
    }
}
