using System.Text;
using EDoc.Interchange.EdXml;

namespace EDoc.Interchange.Tests.EdXml;

public class EdXmlSecurityTests
{
    private const string Body = "<edXMLEnvelope><edXMLHeader><MessageHeader><Subject>&x;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope>";

    public static TheoryData<string, string> HostileDocuments => new()
    {
        { "XXE file", $"<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><edXML>{Body}</edXML>" },
        { "XXE http", $"<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"http://127.0.0.1:1/x\">]><edXML>{Body}</edXML>" },
        { "external DTD", $"<?xml version=\"1.0\"?><!DOCTYPE edXML SYSTEM \"http://127.0.0.1:1/edxml.dtd\"><edXML>{Body}</edXML>" },
        { "parameter entity", $"<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><edXML>{Body}</edXML>" },
        { "billion laughs", BillionLaughs() },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Read_DtdOrEntity_ThrowsEdXmlFormatException(string attack, string xml)
    {
        var ex = await Assert.ThrowsAsync<EdXmlFormatException>(() => TestPackages.ReadAsync(xml));

        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(attack));
    }

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Verify_DtdOrEntity_ThrowsEdXmlFormatException(string attack, string xml)
    {
        await Assert.ThrowsAsync<EdXmlFormatException>(() => new EdXmlSignatureVerifier().VerifyAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
        Assert.False(string.IsNullOrEmpty(attack));
    }

    [Fact]
    public async Task Read_HugeHeaderTextNode_ThrowsLimitExceededBeforeLoadingIt()
    {
        var xml = new StringBuilder("<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>");
        xml.Append('a', 3 * 1024 * 1024);
        xml.Append("</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>");
        var options = new EdXmlReaderOptions { MaxHeaderBytes = 1024 * 1024 };

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => TestPackages.ReadAsync(xml.ToString(), options));

        Assert.Equal("MaxHeaderBytes", ex.LimitName);
    }

    internal static string DeeplyNested(int depth)
    {
        var xml = new StringBuilder("<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>s</Subject></MessageHeader>");
        xml.Insert(xml.Length, "<x>", depth);
        xml.Insert(xml.Length, "</x>", depth);
        xml.Append("</edXMLHeader></edXMLEnvelope></edXML>");
        return xml.ToString();
    }

    [Fact]
    public async Task Read_DeeplyNestedElements_ThrowsLimitExceededInsteadOfOverflowingTheStack()
    {
        // Copying the envelope recursed per level: 200,000 levels overflowed the stack and killed the process.
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => TestPackages.ReadAsync(DeeplyNested(20_000)));

        Assert.Equal("MaxElementDepth", ex.LimitName);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public async Task Read_ManySmallUnknownElements_ThrowLimitExceededWhenTheyAddUp()
    {
        var xml = new StringBuilder("<edXML><edXMLEnvelope><edXMLHeader><Status><StatusCode>01</StatusCode></Status></edXMLHeader></edXMLEnvelope>");
        for (var i = 0; i < 40; i++)
        {
            xml.Append("<Extra>").Append('x', 50_000).Append("</Extra>");
        }

        xml.Append("</edXML>");
        var options = new EdXmlReaderOptions { MaxHeaderBytes = 1024 * 1024 };

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => TestPackages.ReadAsync(xml.ToString(), options));

        Assert.Equal("MaxHeaderBytes", ex.LimitName);
    }

    [Fact]
    public async Task Read_HugeAttachmentName_ThrowsLimitExceeded()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes(new string('n', 200_000) + ".pdf", TestPackages.PdfBytes));
        var bytes = await TestPackages.WriteAsync(package);
        var options = new EdXmlReaderOptions { MaxHeaderBytes = 4L * 1024 * 1024, MaxAttachmentMetadataBytes = 4096 };

        // The manifest copy of the name fits in the header limit; the attachment's own copy exceeds its limit.
        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => TestPackages.ReadAsync(bytes, options));

        Assert.Equal("MaxAttachmentMetadataBytes", ex.LimitName);
    }

    [Fact]
    public async Task Read_TooManyAttachments_ThrowsLimitExceeded()
    {
        var package = TestPackages.Minimal(
            EdXmlAttachment.FromBytes("1.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes("2.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes("3.pdf", TestPackages.PdfBytes));
        var bytes = await TestPackages.WriteAsync(package);

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => TestPackages.ReadAsync(bytes, new EdXmlReaderOptions { MaxAttachments = 2 }));

        Assert.Equal("MaxAttachments", ex.LimitName);
    }

    [Fact]
    public async Task Read_AttachmentLargerThanLimit_ThrowsLimitExceeded()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("big.pdf", new byte[200_000]));
        var bytes = await TestPackages.WriteAsync(package);

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => TestPackages.ReadAsync(bytes, new EdXmlReaderOptions { MaxAttachmentBytes = 100_000 }));

        Assert.Equal("MaxAttachmentBytes", ex.LimitName);
        Assert.Equal(100_000, ex.Limit);
    }

    [Fact]
    public async Task Verify_PackageLargerThanLimit_ThrowsLimitExceeded()
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("big.pdf", new byte[200_000])));

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(
            () => new EdXmlSignatureVerifier(new EdXmlSignatureOptions { MaxDocumentBytes = 100_000 }).VerifyAsync(new MemoryStream(bytes)));

        Assert.Equal("MaxDocumentBytes", ex.LimitName);
    }

    private static string BillionLaughs()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY x{i} \"{string.Concat(Enumerable.Repeat($"&x{i - 1};", 10))}\">");
        }

        sb.Append("<!ENTITY x \"&x9;\">]>");
        sb.Append($"<edXML>{Body}</edXML>");
        return sb.ToString();
    }
}
