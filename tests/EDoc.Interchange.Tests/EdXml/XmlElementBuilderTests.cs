using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.EdXml.Internal;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Integration;
using EDoc.Interchange.Status;
using EDoc.Interchange.Tests.Integration;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Interchange.TestSender;

namespace EDoc.Interchange.Tests.EdXml;

/// <summary>
/// <see cref="XmlElementBuilder"/> against its judge, <see cref="XNode.ReadFromAsync(XmlReader, CancellationToken)"/>:
/// on every package the tests can produce (written, signed, hand-written dialects, the fuzz seeds, an edge-case
/// document), every element read both ways must be the same tree and leave the reader at the same place.
/// </summary>
public sealed class XmlElementBuilderTests
{
    private const string Dsig = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>Everything XNode.ReadFrom distinguishes: namespaces and their declarations, empty forms, text kinds.</summary>
    internal const string EdgeCases = """
        <?xml version="1.0" encoding="utf-8"?>
        <?before root?>
        <!-- before -->
        <p:root xmlns:p="urn:p" xmlns="urn:default" xmlns:q="urn:q" q:attr="1" plain="2" xml:lang="vi">
          <empty/>
          <emptyWithAttr a="1" />
          <pair></pair>
          <pairWithSpace> </pairWithSpace>
          <text>a &amp; b &lt; c &#x1EA0; đ &gt;</text>
          <mixed>one<b>two</b>three<![CDATA[<four>]]>five<!-- c --><?pi data?>six</mixed>
          <cdata><![CDATA[]]></cdata>
          <cdataThenText><![CDATA[x]]>y<![CDATA[z]]></cdataThenText>
          <pre xml:space="preserve">  <i> </i>  x  <j/>	</pre>
          <preOnlySpace xml:space="preserve">   </preOnlySpace>
          <noNs xmlns=""><inner q:x="y" xmlns:q="urn:q2"/></noNs>
          <redeclare xmlns:p="urn:other"><p:child p:a="b"/></redeclare>
          <split>a<!---->b<!---->c<?x?>d</split>
          <lines>line1&#13;&#10;line2
        line3&#13;</lines>
          <attrs a="&#9;tab&#10;nl &#13;" b='single "q"' c="&lt;&amp;" />
          <p:prefixed p:a="1" q:b="2"><q:deeper><p:deepest>v</p:deepest></q:deeper></p:prefixed>
        </p:root>
        <!-- after -->
        """;

    public static TheoryData<string> Settings() => new() { "reader", "keep-everything" };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task BuildAsync_EveryElementOfEveryPackage_SameAsXNodeReadFrom(string settings)
    {
        var corpus = await CorpusAsync();
        Assert.True(corpus.Count >= 14, $"only {corpus.Count} documents");
        var compared = 0;
        foreach (var (name, bytes) in corpus)
        {
            for (var index = 0; ; index++)
            {
                using var judgeReader = await OpenAtElementAsync(bytes, settings, index);
                using var ourReader = await OpenAtElementAsync(bytes, settings, index);
                if (judgeReader is null || ourReader is null)
                {
                    Assert.True(index > 0, name);
                    break;
                }

                var expected = (XElement)await XNode.ReadFromAsync(judgeReader, CancellationToken.None);
                var actual = await XmlElementBuilder.BuildAsync(ourReader, "test", CancellationToken.None);

                var where = $"{name}, element {index} <{expected.Name}>, settings {settings}";
                Assert.True(expected.ToString(SaveOptions.DisableFormatting) == actual.ToString(SaveOptions.DisableFormatting), where);
                Assert.Equal(Describe(expected), Describe(actual));
                Assert.Equal(Position(judgeReader), Position(ourReader));
                compared++;
            }
        }

        Assert.True(compared > 500, compared.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Build_Sync_SameAsXElementLoad()
    {
        using var judgeReader = XmlReader.Create(new StringReader(EdgeCases), EdXmlXml.CreateReaderSettings(async: false));
        using var ourReader = XmlReader.Create(new StringReader(EdgeCases), EdXmlXml.CreateReaderSettings(async: false));
        ourReader.MoveToContent();

        var expected = XElement.Load(judgeReader);
        var actual = XmlElementBuilder.Build(ourReader, string.Empty);

        Assert.Equal(expected.ToString(SaveOptions.DisableFormatting), actual.ToString(SaveOptions.DisableFormatting));
        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public async Task BuildAsync_EdgeCases_KeepsNamespaceDeclarationsEmptyFormsAndTextKinds()
    {
        using var reader = await OpenAtElementAsync(Encoding.UTF8.GetBytes(EdgeCases), "keep-everything", 0);

        var root = await XmlElementBuilder.BuildAsync(reader!, string.Empty, CancellationToken.None);

        XNamespace p = "urn:p";
        XNamespace d = "urn:default";
        Assert.Equal(p + "root", root.Name);
        Assert.Equal("urn:p", root.Attribute(XNamespace.Xmlns + "p")?.Value);
        Assert.Equal("urn:default", root.Attribute("xmlns")?.Value);
        Assert.Equal("1", root.Attribute(XName.Get("attr", "urn:q"))?.Value);
        Assert.Equal("vi", root.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.True(root.Element(d + "empty")!.IsEmpty);
        Assert.False(root.Element(d + "pair")!.IsEmpty);
        Assert.Equal(string.Empty, root.Element("noNs")!.Attribute("xmlns")!.Value);
        Assert.Equal(
            ["XText:one", "XElement:", "XText:three", "XCData:<four>", "XText:five", "XComment: c ", "XProcessingInstruction:data", "XText:six"],
            root.Element(d + "mixed")!.Nodes().Select(n => n.GetType().Name + ":" + n switch
            {
                XText t => t.Value,
                XComment c => c.Value,
                XProcessingInstruction i => i.Data,
                _ => string.Empty,
            }));
        Assert.IsType<XText>(root.Element(d + "preOnlySpace")!.FirstNode);
        Assert.Equal("   ", root.Element(d + "preOnlySpace")!.Value);
    }

    [Fact]
    public async Task BuildAsync_TextSplitByManyIgnoredComments_IsOneTextNodeWithoutSlowingDown()
    {
        // XNode.ReadFrom concatenates the pieces one by one: 200,000 took 43 s. Bounded by cancellation, not timing.
        var xml = new StringBuilder("<a>").Insert(3, "ab<!---->", 200_000).Append("</a>").ToString();
        using var reader = await OpenAtElementAsync(Encoding.UTF8.GetBytes(xml), "reader", 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var element = await XmlElementBuilder.BuildAsync(reader!, string.Empty, timeout.Token).WaitAsync(TimeSpan.FromSeconds(15));

        var text = Assert.IsType<XText>(Assert.Single(element.Nodes()));
        Assert.Equal(400_000, text.Value.Length);
    }

    [Fact]
    public async Task BuildAsync_TooManyAttributes_ThrowsLimitExceeded()
    {
        var xml = new StringBuilder("<a>");
        xml.Append("<b");
        for (var i = 0; i <= EdXmlXml.MaxElementAttributes; i++)
        {
            xml.Append(" a").Append(i).Append("=\"\"");
        }

        xml.Append("/></a>");
        using var reader = await OpenAtElementAsync(Encoding.UTF8.GetBytes(xml.ToString()), "reader", 0);

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => XmlElementBuilder.BuildAsync(reader!, "edXML", CancellationToken.None));

        Assert.Equal("MaxElementAttributes", ex.LimitName);
        Assert.Equal(EdXmlXml.MaxElementAttributes + 1L, ex.Actual);
        Assert.Equal("edXML/a/b, line 1, position 5", ex.Location);
    }

    [Fact]
    public async Task BuildAsync_ExactlyMaxDepthAndMaxAttributes_IsAccepted()
    {
        var xml = string.Concat(Enumerable.Repeat("<x>", EdXmlXml.MaxElementDepth + 1)) + string.Concat(Enumerable.Repeat("</x>", EdXmlXml.MaxElementDepth + 1));
        xml = xml.Insert(3, "<y " + string.Join(' ', Enumerable.Range(0, EdXmlXml.MaxElementAttributes).Select(i => $"a{i}=\"{i}\"")) + "/>");
        using var reader = await OpenAtElementAsync(Encoding.UTF8.GetBytes(xml), "reader", 0);

        var root = await XmlElementBuilder.BuildAsync(reader!, string.Empty, CancellationToken.None);

        Assert.Equal(EdXmlXml.MaxElementDepth + 1, root.DescendantsAndSelf("x").Count());
        Assert.Equal(EdXmlXml.MaxElementAttributes, root.Element("y")!.Attributes().Count());
    }

    [Fact]
    public async Task Read_SignedPackage_SignatureElementIsTheSignedOneAndThePackageStillVerifies()
    {
        using var certificate = EdXmlSignatureTests.CreateCertificate();
        var signed = await SignAsync(await TestPackages.WriteAsync(TestPackages.Rich()), certificate);

        var package = await TestPackages.ReadAsync(signed);
        var verification = await new EdXmlSignatureVerifier().VerifyAsync(new MemoryStream(signed));
        var inspection = await new EdXmlPackageInspector().InspectAsync(signed, HubMessageKind.Edoc);

        Assert.Equal(EdXmlSignatureStatus.Valid, verification.Status);
        Assert.DoesNotContain(inspection.Validation.Problems, p => p.Code.StartsWith("signature", StringComparison.Ordinal));
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.Load(new MemoryStream(signed));
        var inDocument = XElement.Parse(((XmlElement)doc.GetElementsByTagName("Signature", Dsig)[0]!).OuterXml);
        Assert.Equal(inDocument.ToString(SaveOptions.DisableFormatting), package.Signature!.ToString(SaveOptions.DisableFormatting));
        Assert.Equal(Describe(inDocument), Describe(package.Signature));
    }

    private static async Task<byte[]> SignAsync(byte[] package, X509Certificate2 certificate)
    {
        using var output = new MemoryStream();
        await new EdXmlSigner().SignAsync(new MemoryStream(package), output, certificate);
        return output.ToArray();
    }

    private static async Task<List<(string Name, byte[] Bytes)>> CorpusAsync()
    {
        using var certificate = EdXmlSignatureTests.CreateCertificate();
        var rich = await TestPackages.WriteAsync(TestPackages.Rich());
        var minimal = await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("a.pdf", TestPackages.PdfBytes)));
        var corpus = new List<(string, byte[])>
        {
            ("rich", rich),
            ("minimal", minimal),
            ("status", await TestPackages.WriteAsync(TestPackages.Status(EdXmlStatusCode.Arrived))),
            ("rich signed", await SignAsync(rich, certificate)),
            ("minimal signed", await SignAsync(minimal, certificate)),
            ("real", RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 5, "nội dung")),
            ("signature wrapping", await HostilePackages.SignatureWrappingAsync()),
            ("wild BKAV SDK", Encoding.UTF8.GetBytes(EdXmlReaderVariantTests.WildBkavSdk)),
            ("wild no namespace", Encoding.UTF8.GetBytes(EdXmlReaderVariantTests.WildNoNamespace)),
            ("wild other prefix", Encoding.UTF8.GetBytes(EdXmlReaderVariantTests.WildOtherPrefix)),
            ("edge cases", Encoding.UTF8.GetBytes(EdgeCases)),
        };
        foreach (var seed in Directory.GetFiles(Path.Combine(TestPackages.RepositoryRoot(), "fuzz", "seeds", "edxml-reader")).Order(StringComparer.Ordinal))
        {
            corpus.Add(("fuzz seed " + Path.GetFileName(seed), await File.ReadAllBytesAsync(seed)));
        }

        return corpus;
    }

    /// <summary>A reader on the <paramref name="index"/>-th element in document order, or null when there are fewer.</summary>
    private static async Task<XmlReader?> OpenAtElementAsync(byte[] bytes, string settings, int index)
    {
        var readerSettings = EdXmlXml.CreateReaderSettings(async: true);
        if (settings == "keep-everything")
        {
            readerSettings.IgnoreComments = false;
            readerSettings.IgnoreProcessingInstructions = false;
            readerSettings.IgnoreWhitespace = false;
        }

        var reader = XmlReader.Create(new MemoryStream(bytes), readerSettings);
        var seen = -1;
        while (await reader.ReadAsync())
        {
            if (reader.NodeType == XmlNodeType.Element && ++seen == index)
            {
                return reader;
            }
        }

        reader.Dispose();
        return null;
    }

    private static string Position(XmlReader reader)
    {
        var info = (IXmlLineInfo)reader;
        return $"{reader.ReadState} {reader.NodeType} {reader.Name} depth {reader.Depth} line {info.LineNumber} position {info.LinePosition}";
    }

    /// <summary>Every node with its exact kind; elements with IsEmpty and every attribute's expanded name.</summary>
    private static List<string> Describe(XElement root)
        => [.. root.DescendantNodesAndSelf().Select(n => n switch
        {
            XElement e => $"E {e.Name} empty={e.IsEmpty} " + string.Join(' ', e.Attributes().Select(a => $"{a.Name}={a.Value}|ns={a.IsNamespaceDeclaration}")),
            XCData c => "CDATA " + c.Value,
            XText t => "T " + t.Value,
            XComment c => "C " + c.Value,
            XProcessingInstruction i => $"PI {i.Target} {i.Data}",
            _ => n.GetType().Name,
        })];
}
