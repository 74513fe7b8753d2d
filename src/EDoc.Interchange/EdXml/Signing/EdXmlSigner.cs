using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>Options of <see cref="EdXmlSigner"/> and <see cref="EdXmlSignatureVerifier"/>.</summary>
public sealed class EdXmlSignatureOptions
{
    /// <summary>
    /// The largest package that is signed or verified, in bytes. XML-DSig with <c>URI=""</c> covers the whole
    /// document, attachments included, so the package is loaded into a DOM (about three times its size in memory).
    /// </summary>
    /// <value>The default value is 256 MiB.</value>
    public long MaxDocumentBytes { get; set; } = 256L * 1024 * 1024;
}

/// <summary>
/// Signs an edXML package with an enveloped XML signature (exclusive C14N, RSA-SHA256, SHA-256, one reference
/// <c>URI=""</c>) placed in <c>edXMLHeader</c> after <c>TraceHeaderList</c>, in the XML-DSig namespace (QCVN 102:2016 §3.7).
/// </summary>
/// <remarks>
/// Design choice: <c>URI=""</c> with the enveloped transform is what the known signers and verifiers use, and it
/// signs the whole document, so the Base64 attachments (which sit outside the envelope) are covered too. Signing a
/// header-only subset would leave the attachments unprotected and would not interoperate. Signing therefore needs
/// the whole package in a DOM, unlike <see cref="EdXmlWriter"/> and <see cref="EdXmlReader"/> which stream: it is a
/// separate step after packing, bounded by <see cref="EdXmlSignatureOptions.MaxDocumentBytes"/>.
/// </remarks>
public sealed class EdXmlSigner
{
    private readonly long _maxDocumentBytes;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    public EdXmlSigner(EdXmlSignatureOptions? options = null)
    {
        _maxDocumentBytes = (options ?? new EdXmlSignatureOptions()).MaxDocumentBytes;
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxDocumentBytes, 1024, nameof(options));
    }

    /// <summary>Signs a package.</summary>
    /// <param name="source">The unsigned package.</param>
    /// <param name="destination">Receives the signed package.</param>
    /// <param name="certificate">The signer's certificate with its RSA private key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the signed package is written.</returns>
    /// <exception cref="ArgumentException">The certificate has no RSA private key.</exception>
    /// <exception cref="EdXmlFormatException">The package cannot be read or is already signed.</exception>
    /// <exception cref="EDocLimitExceededException">The package is larger than <see cref="EdXmlSignatureOptions.MaxDocumentBytes"/> or nested deeper than 100 elements.</exception>
    public async Task SignAsync(Stream source, Stream destination, X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("The certificate has no RSA private key.", nameof(certificate));
        var doc = await EdXmlDom.LoadAsync(source, _maxDocumentBytes, cancellationToken).ConfigureAwait(false);
        var header = EdXmlDom.FindHeader(doc);
        if (EdXmlDom.FindSignatures(doc).Count > 0)
        {
            throw new EdXmlSignatureException("edXMLHeader.Signature", "the package is already signed.");
        }

        var signedXml = new SignedXml(doc) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        var x509 = new KeyInfoX509Data(certificate);
        x509.AddSubjectName(certificate.Subject);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(x509);
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        var signature = doc.ImportNode(signedXml.GetXml(), deep: true);
        XmlNode? anchor = null;
        foreach (XmlNode child in header.ChildNodes)
        {
            if (child is XmlElement e && (EdXmlParser.Is(e.LocalName, "TraceHeaderList") || EdXmlParser.Is(e.LocalName, "MessageHeader") || EdXmlParser.Is(e.LocalName, "Status")))
            {
                anchor = e;
            }
        }

        if (anchor is null)
        {
            header.PrependChild(signature);
        }
        else
        {
            header.InsertAfter(signature, anchor);
        }

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, CloseOutput = false };
        using (var writer = XmlWriter.Create(destination, settings))
        {
            doc.Save(writer);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs a package file into another file, atomically.</summary>
    /// <param name="sourcePath">The unsigned package.</param>
    /// <param name="destinationPath">The signed package; may equal <paramref name="sourcePath"/>.</param>
    /// <param name="certificate">The signer's certificate with its RSA private key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public async Task SignFileAsync(string sourcePath, string destinationPath, X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using (source.ConfigureAwait(false))
        {
            await AtomicFile.WriteAsync(destinationPath, (stream, ct) => SignAsync(source, stream, certificate, ct), cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>The cryptographic verdict of <see cref="EdXmlSignatureVerifier"/>.</summary>
public enum EdXmlSignatureStatus
{
    /// <summary>The package has no <c>Signature</c>.</summary>
    NotSigned = 0,

    /// <summary>The signature value and the digest match the package and the certificate's key.</summary>
    Valid = 1,

    /// <summary>The package or the signature was changed after signing, or the key does not match.</summary>
    Invalid = 2,
}

/// <summary>The outcome of verifying an edXML signature.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="Certificate">The signer's certificate from <c>KeyInfo</c>; trust (chain, revocation) is the caller's decision.</param>
/// <param name="SignatureMethod">The signature algorithm URI.</param>
/// <param name="DigestMethod">The digest algorithm URI.</param>
/// <param name="Warnings">Deviations accepted with a warning (legacy RSA-SHA1, a signature outside the XML-DSig namespace).</param>
public sealed record EdXmlSignatureVerificationResult(
    EdXmlSignatureStatus Status,
    X509Certificate2? Certificate,
    string? SignatureMethod,
    string? DigestMethod,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Verifies the XML signature of an edXML package and resists signature wrapping: exactly one <c>Signature</c>
/// (matched by local name in any namespace), in <c>edXML/edXMLEnvelope/edXMLHeader</c>; exactly one
/// <c>Reference</c> with <c>URI=""</c> (the document element); transforms enveloped-signature then exclusive C14N
/// only; RSA with SHA-256/384/512, or legacy SHA-1 with a warning. Structural violations throw
/// <see cref="EdXmlSignatureException"/>; a cryptographic mismatch returns <see cref="EdXmlSignatureStatus.Invalid"/>.
/// </summary>
public sealed class EdXmlSignatureVerifier
{
    private const string Sha1Signature = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    private const string Sha1Digest = "http://www.w3.org/2000/09/xmldsig#sha1";
    private const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

    private static readonly HashSet<string> SignatureMethods = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigRSASHA384Url, SignedXml.XmlDsigRSASHA512Url, Sha1Signature,
    };

    private static readonly HashSet<string> DigestMethods = new(StringComparer.Ordinal)
    {
        SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigSHA384Url, SignedXml.XmlDsigSHA512Url, Sha1Digest,
    };

    private readonly long _maxDocumentBytes;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    public EdXmlSignatureVerifier(EdXmlSignatureOptions? options = null)
    {
        _maxDocumentBytes = (options ?? new EdXmlSignatureOptions()).MaxDocumentBytes;
        ArgumentOutOfRangeException.ThrowIfLessThan(_maxDocumentBytes, 1024, nameof(options));
    }

    /// <summary>Verifies the signature of a package.</summary>
    /// <param name="source">The package.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The verdict with the certificate and any warning.</returns>
    /// <exception cref="EdXmlSignatureException">The signature's structure is not the expected one (wrapping defences).</exception>
    /// <exception cref="EdXmlFormatException">The package cannot be read.</exception>
    /// <exception cref="EDocLimitExceededException">The package is larger than <see cref="EdXmlSignatureOptions.MaxDocumentBytes"/> or nested deeper than 100 elements.</exception>
    public async Task<EdXmlSignatureVerificationResult> VerifyAsync(Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var doc = await EdXmlDom.LoadAsync(source, _maxDocumentBytes, cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>();
        var signatures = EdXmlDom.FindSignatures(doc);
        if (signatures.Count == 0)
        {
            return new EdXmlSignatureVerificationResult(EdXmlSignatureStatus.NotSigned, null, null, null, warnings);
        }

        if (signatures.Count > 1)
        {
            throw new EdXmlSignatureException("Signature", $"the package has {signatures.Count} Signature elements; exactly one is allowed (signature wrapping).");
        }

        var signature = signatures[0];
        var header = EdXmlDom.FindHeader(doc);
        if (!ReferenceEquals(signature.ParentNode, header))
        {
            throw new EdXmlSignatureException(EdXmlDom.PathOf(signature), "the Signature is not a child of edXML/edXMLEnvelope/edXMLHeader (signature wrapping).");
        }

        // Signatures written without the XML-DSig namespace are matched by local name and moved into it; the prefix
        // changes the canonical SignedInfo, so both usual forms (default namespace, "ds:") are tried.
        string[] prefixes = [string.Empty];
        if (signature.NamespaceURI != EdXmlNamespaces.XmlDsig)
        {
            warnings.Add($"The Signature is in the namespace '{signature.NamespaceURI}', not the XML-DSig namespace; it was read by local name.");
            prefixes = [string.Empty, "ds"];
            var renamed = EdXmlDom.RenameToDsig(doc, signature, prefixes[0]);
            header.ReplaceChild(renamed, signature);
            signature = renamed;
        }

        var signedInfo = Single(signature, "SignedInfo", "Signature");
        var canonicalization = Single(signedInfo, "CanonicalizationMethod", "SignedInfo").GetAttribute("Algorithm");
        if (canonicalization is not (SignedXml.XmlDsigExcC14NTransformUrl or C14N))
        {
            throw new EdXmlSignatureException("SignedInfo.CanonicalizationMethod", $"the canonicalization '{EdXmlText.Excerpt(canonicalization)}' is not allowed.");
        }

        var signatureMethod = Single(signedInfo, "SignatureMethod", "SignedInfo").GetAttribute("Algorithm");
        if (!SignatureMethods.Contains(signatureMethod))
        {
            throw new EdXmlSignatureException("SignedInfo.SignatureMethod", $"the signature algorithm '{EdXmlText.Excerpt(signatureMethod)}' is not allowed.");
        }

        var reference = Single(signedInfo, "Reference", "SignedInfo");
        if (!reference.HasAttribute("URI") || reference.GetAttribute("URI").Length != 0)
        {
            throw new EdXmlSignatureException("SignedInfo.Reference", $"the reference URI is '{EdXmlText.Excerpt(reference.GetAttribute("URI"))}'; only URI=\"\" (the whole document) is accepted (signature wrapping).");
        }

        var transforms = reference.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Transforms").ToList();
        var algorithms = transforms.Count == 1
            ? transforms[0].ChildNodes.OfType<XmlElement>().Select(t => t.GetAttribute("Algorithm")).ToList()
            : [];
        if (transforms.Count != 1 || algorithms.Count != 2 || algorithms[0] != SignedXml.XmlDsigEnvelopedSignatureTransformUrl
            || algorithms[1] is not (SignedXml.XmlDsigExcC14NTransformUrl or C14N))
        {
            throw new EdXmlSignatureException("SignedInfo.Reference.Transforms", "the transforms must be enveloped-signature then exclusive C14N.");
        }

        var digestMethod = Single(reference, "DigestMethod", "Reference").GetAttribute("Algorithm");
        if (!DigestMethods.Contains(digestMethod))
        {
            throw new EdXmlSignatureException("SignedInfo.Reference.DigestMethod", $"the digest algorithm '{EdXmlText.Excerpt(digestMethod)}' is not allowed.");
        }

        if (signatureMethod == Sha1Signature || digestMethod == Sha1Digest)
        {
            warnings.Add("The signature uses the legacy SHA-1 algorithm; it is accepted for old packages only.");
        }

        var certificateText = signature.GetElementsByTagName("X509Certificate", EdXmlNamespaces.XmlDsig).OfType<XmlElement>().FirstOrDefault()?.InnerText;
        if (string.IsNullOrWhiteSpace(certificateText))
        {
            throw new EdXmlSignatureException("Signature.KeyInfo", "the signature carries no X509Certificate.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificateText.Trim()));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new EdXmlSignatureException("Signature.KeyInfo.X509Data.X509Certificate", "the certificate cannot be decoded.", ex);
        }

        var valid = false;
        try
        {
            using var publicKey = certificate.GetRSAPublicKey();
            if (publicKey is null)
            {
                certificate.Dispose();
                throw new EdXmlSignatureException("Signature.KeyInfo.X509Data.X509Certificate", "the certificate has no RSA public key.");
            }

            foreach (var prefix in prefixes)
            {
                if (prefix.Length > 0)
                {
                    var renamed = EdXmlDom.RenameToDsig(doc, signature, prefix);
                    header.ReplaceChild(renamed, signature);
                    signature = renamed;
                }

                var signedXml = new SignedXml(doc);
                signedXml.LoadXml(signature);
                valid = signedXml.CheckSignature(publicKey);
                if (valid)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or XmlException)
        {
            certificate.Dispose();
            throw new EdXmlSignatureException("Signature", "the signature cannot be processed: " + ex.Message, ex);
        }

        return new EdXmlSignatureVerificationResult(valid ? EdXmlSignatureStatus.Valid : EdXmlSignatureStatus.Invalid, certificate, signatureMethod, digestMethod, warnings);
    }

    private static XmlElement Single(XmlElement parent, string localName, string parentName)
    {
        var matches = parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new EdXmlSignatureException(parentName, $"{parentName} must have exactly one {localName}; it has {matches.Count}.");
    }
}

/// <summary>DOM helpers for signing: secure loading and locating the header.</summary>
internal static class EdXmlDom
{
    public static async Task<XmlDocument> LoadAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                throw new EDocLimitExceededException("edXML", null, "MaxDocumentBytes", maxBytes, buffer.Length + n);
            }

            buffer.Write(chunk, 0, n);
        }

        buffer.Position = 0;
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            // The whole document is bounded here (no attachment streaming in a DOM), so the character limit is safe.
            var settings = EdXmlXml.CreateReaderSettings(async: false, maxCharactersInDocument: maxBytes);
            settings.IgnoreComments = false;
            settings.IgnoreProcessingInstructions = false;
            settings.IgnoreWhitespace = false;
            using var reader = XmlReader.Create(buffer, settings);
            doc.Load(reader);
            EdXmlXml.CheckDepth<XmlNode>(doc, n => n.ChildNodes.OfType<XmlElement>(), n => n.Name);
        }
        catch (XmlException ex)
        {
            throw new EdXmlFormatException("edXML", ex.LineNumber > 0 ? $"line {ex.LineNumber}, position {ex.LinePosition}" : null, ex.Message, ex);
        }

        return doc;
    }

    public static XmlElement FindHeader(XmlDocument doc)
    {
        var root = doc.DocumentElement ?? throw new EdXmlFormatException("edXML", null, "the document has no root element.");
        XmlElement envelope;
        if (EdXmlParser.Is(root.LocalName, "edXMLEnvelope"))
        {
            envelope = root;
        }
        else if (EdXmlParser.Is(root.LocalName, "edXML"))
        {
            envelope = Child(root, "edXMLEnvelope", "edXML");
        }
        else
        {
            throw new EdXmlFormatException("edXML", root.LocalName, "the root element is not edXML.");
        }

        return Child(envelope, "edXMLHeader", "edXMLEnvelope");
    }

    public static List<XmlElement> FindSignatures(XmlDocument doc)
    {
        var list = new List<XmlElement>();
        var stack = new Stack<XmlNode>();
        stack.Push(doc);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is XmlElement { LocalName: "Signature" } e)
            {
                list.Add(e);
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child.NodeType == XmlNodeType.Element)
                {
                    stack.Push(child);
                }
            }
        }

        return list;
    }

    public static string PathOf(XmlElement element)
    {
        var parts = new List<string>();
        for (XmlNode? node = element; node is XmlElement e; node = node.ParentNode)
        {
            parts.Add(e.LocalName);
        }

        parts.Reverse();
        return string.Join('/', parts);
    }

    public static XmlElement RenameToDsig(XmlDocument doc, XmlElement element, string prefix)
    {
        var copy = doc.CreateElement(prefix, element.LocalName, EdXmlNamespaces.XmlDsig);
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.Prefix != "xmlns" && attribute.Name != "xmlns")
            {
                copy.SetAttribute(attribute.LocalName, attribute.NamespaceURI, attribute.Value);
            }
        }

        foreach (XmlNode child in element.ChildNodes)
        {
            copy.AppendChild(child is XmlElement e ? RenameToDsig(doc, e, prefix) : child.CloneNode(deep: true));
        }

        return copy;
    }

    private static XmlElement Child(XmlElement parent, string localName, string parentName)
    {
        var matches = parent.ChildNodes.OfType<XmlElement>().Where(e => EdXmlParser.Is(e.LocalName, localName)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new EdXmlFormatException("edXML", parentName, $"{parentName} must have exactly one {localName}; it has {matches.Count}.");
    }
}
