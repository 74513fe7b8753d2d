using System.Text;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.EdXml.Internal;

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

    private const string Header = "<edXMLEnvelope><edXMLHeader><MessageHeader><Subject>s</Subject></MessageHeader></edXMLHeader></edXMLEnvelope>";

    /// <summary>
    /// Where 200,000 nested <c>x</c> go: the text before them, the depth of the first <c>x</c> (the root element is
    /// at 0), the text after them, and the path the refusal names.
    /// </summary>
    public static TheoryData<string, string, int, string, string> DeepPlaces => new()
    {
        { "header", "<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>s</Subject></MessageHeader>", 3, "</edXMLHeader></edXMLEnvelope></edXML>", "edXML/edXMLEnvelope/edXMLHeader/x/x/…(95 more)…/x/x" },
        { "root", $"<edXML>{Header}", 1, "</edXML>", "edXML/x/x/x/x/…(95 more)…/x/x" },
        { "AttachmentEncoded", $"<edXML>{Header}<AttachmentEncoded>", 2, "</AttachmentEncoded></edXML>", "edXML/AttachmentEncoded/x/x/x/x/…(94 more)…/x/x" },
        { "Attachment", $"<edXML>{Header}<AttachmentEncoded><Attachment><ContentId>a</ContentId>", 3, "</Attachment></AttachmentEncoded></edXML>", "edXML/AttachmentEncoded/Attachment[0]/x/x/x/x/…(93 more)…/x/x" },
        { "bare envelope", "<edXMLEnvelope><edXMLHeader>", 2, "</edXMLHeader></edXMLEnvelope>", "edXMLEnvelope/edXMLHeader/x/x/…(96 more)…/x/x" },
    };

    [Theory]
    [MemberData(nameof(DeepPlaces))]
    public async Task Read_200000NestedElements_ThrowsLimitExceededAtDepth101WithoutSlowingDown(string place, string before, int firstDepth, string after, string path)
    {
        // XNode.ReadFrom walked the ancestors for every element: 200,000 levels took 4 min 40 s before the depth was
        // checked. Now the 101st level is refused as it streams in. A hang fails by cancellation, not by a stopwatch.
        const int Levels = 200_000;
        var xml = new StringBuilder(before).Insert(before.Length, "<x>", Levels).Insert(before.Length + (3 * Levels), "</x>", Levels).Append(after).ToString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => new EdXmlReader()
            .ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new EdXmlMemoryAttachmentSink(), timeout.Token)
            .WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.IsAssignableFrom<EDocFormatException>(ex);
        Assert.Equal("MaxElementDepth", ex.LimitName);
        Assert.Equal(101L, ex.Actual);
        var position = before.Length + (3 * (EdXmlXml.MaxElementDepth + 1 - firstDepth)) + 2;
        Assert.Equal($"{path}, line 1, position {position}", ex.Location);
        Assert.Equal($"edXML at {path}, line 1, position {position}: the limit MaxElementDepth (100) was exceeded: the input asks for 101.", ex.Message);
        Assert.False(string.IsNullOrEmpty(place));
    }

    [Fact]
    public async Task Read_NestingAtTheLimit_IsAccepted()
    {
        // MessageHeader's unknown element at depth 4, nested down to depth 100.
        var levels = EdXmlXml.MaxElementDepth - 4 + 1;
        var xml = "<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>s</Subject>"
            + string.Concat(Enumerable.Repeat("<x>", levels)) + string.Concat(Enumerable.Repeat("</x>", levels))
            + "</MessageHeader></edXMLHeader></edXMLEnvelope></edXML>";

        var package = await TestPackages.ReadAsync(xml);

        Assert.Equal(levels, Assert.Single(((EdocPackage)package).MessageHeader.UnknownElements).DescendantsAndSelf("x").Count());
    }

    [Fact]
    public async Task Read_FuzzRegressionXmlDeclarationSwitchingEncoding_ThrowsEdXmlFormatException()
    {
        // .NET's XmlReader throws ArgumentOutOfRangeException (Buffer.BlockCopy) on this declaration, not XmlException.
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPackages.RepositoryRoot(), "fuzz", "regressions", "edxml-reader", "crashes-ed9157ca07d86228"));

        var ex = await Assert.ThrowsAsync<EdXmlFormatException>(() => TestPackages.ReadAsync(bytes));

        Assert.Equal("the XML declaration", ex.Location);
        Assert.IsType<ArgumentOutOfRangeException>(ex.InnerException);
    }

    [Fact]
    public async Task Read_SourceStreamThrowsArgumentOutOfRange_IsNotReportedAsAMalformedDeclaration()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new EdXmlReader().ReadAsync(new ThrowingStream()));
    }

    [Fact]
    public async Task UnknownElementsJson_200000NestedElements_ThrowsLimitExceeded()
    {
        var nested = string.Concat(Enumerable.Repeat("<x>", 200_000)) + string.Concat(Enumerable.Repeat("</x>", 200_000));
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { nested });
        var converter = new XElementListJsonConverter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => Task.Run(
            () =>
            {
                var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json));
                reader.Read();
                converter.Read(ref reader, typeof(IList<System.Xml.Linq.XElement>), System.Text.Json.JsonSerializerOptions.Default);
            },
            timeout.Token).WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal("MaxElementDepth", ex.LimitName);
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

    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new ArgumentOutOfRangeException(nameof(count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new ArgumentOutOfRangeException(nameof(buffer));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
