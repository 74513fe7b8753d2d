using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;

namespace EDoc.Interchange.Tests.EdXml;

public class EdXmlRoundTripTests
{
    [Fact]
    public async Task WriteThenRead_RichEdocWithEveryElement_IsIdentity()
    {
        var original = TestPackages.Rich();

        var bytes = await TestPackages.WriteAsync(original);
        var read = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(bytes));

        Assert.Equal(JsonSerializer.Serialize(original, TestPackages.Json), JsonSerializer.Serialize(read, TestPackages.Json));
        Assert.Empty(read.ReadProblems);
        Assert.Equal(2, read.Attachments.Count);
        Assert.Equal(TestPackages.PdfBytes, await TestPackages.ContentAsync(read.Attachments[0]));
        Assert.Equal("phụ lục", Encoding.UTF8.GetString(await TestPackages.ContentAsync(read.Attachments[1])));
        Assert.Equal(TestPackages.PdfBytes.Length, read.Attachments[0].Length);
    }

    [Fact]
    public async Task WriteReadWrite_RichEdoc_BytesAreStable()
    {
        var first = await TestPackages.WriteAsync(TestPackages.Rich());

        var second = await TestPackages.WriteAsync(await TestPackages.ReadAsync(first));

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Theory]
    [InlineData(EdXmlStatusCode.Arrived)]
    [InlineData(EdXmlStatusCode.Rejected)]
    [InlineData(EdXmlStatusCode.Accepted)]
    [InlineData(EdXmlStatusCode.AwaitingAssignment)]
    [InlineData(EdXmlStatusCode.Processing)]
    [InlineData(EdXmlStatusCode.Finished)]
    [InlineData(EdXmlStatusCode.Recalled)]
    [InlineData(EdXmlStatusCode.ChangeAccepted)]
    [InlineData(EdXmlStatusCode.ChangeRejected)]
    public async Task WriteThenRead_StatusPackage_IsIdentity(EdXmlStatusCode code)
    {
        var original = TestPackages.Status(code);

        var bytes = await TestPackages.WriteAsync(original);
        var read = Assert.IsType<StatusPackage>(await TestPackages.ReadAsync(bytes));

        Assert.Equal(JsonSerializer.Serialize(original, TestPackages.Json), JsonSerializer.Serialize(read, TestPackages.Json));
        Assert.Contains($">{(int)code:00}</edXML:StatusCode>", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Edoc_UsesTheCanonicalLayoutOfTheSpec()
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Rich());
        var text = Encoding.UTF8.GetString(bytes);
        var doc = XDocument.Parse(text);
        var ns = TestPackages.Ns;

        Assert.Equal(ns + "edXML", doc.Root!.Name);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">", text.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">", text, StringComparison.Ordinal);
        Assert.Equal(new[] { "edXMLEnvelope", "AttachmentEncoded", "Trailer" }, doc.Root.Elements().Select(e => e.Name.LocalName));
        var header = doc.Root.Element(ns + "edXMLEnvelope")!.Element(ns + "edXMLHeader")!;
        var order = header.Element(ns + "MessageHeader")!.Elements().Select(e => e.Name.LocalName).ToArray();
        Assert.Equal(
            new[] { "From", "To", "To", "DocumentId", "Code", "PromulgationInfo", "DocumentType", "Subject", "Content", "SignerInfo", "DueDate", "ToPlaces", "OtherInfo", "ResponseFor", "SteeringType", "ResponseForTask" },
            order);
        Assert.Equal("2024/05/06", header.Descendants(ns + "PromulgationDate").First().Value);
        Assert.Equal("2024/05/06 09:00:00", header.Descendants(ns + "Timestamp").First().Value);
        Assert.NotNull(header.Element(ns + "TraceHeaderList")!.Element(ns + "Bussiness")!.Element(ns + "BussinessDocType"));
        Assert.All(doc.Descendants(ns + "ContentId"), e => Assert.StartsWith("cid:", e.Value, StringComparison.Ordinal));
        Assert.Equal("1.0", doc.Descendants(ns + "edXMLManifest").Single().Attribute("version")!.Value);
        Assert.Equal(Convert.ToBase64String(TestPackages.PdfBytes), doc.Descendants(ns + "ContentTransferEncoded").First().Value);
    }

    [Fact]
    public async Task Write_AttachmentWithoutContent_ThrowsArgumentException()
    {
        var package = TestPackages.Minimal();
        package.AddAttachment(new EdXmlAttachment { ContentId = "x", AttachmentName = "x.pdf" });

        await Assert.ThrowsAsync<ArgumentException>(() => new EdXmlWriter().WriteAsync(package, new MemoryStream()));
    }

    [Fact]
    public void AddAttachment_DuplicateContentId_ThrowsArgumentException()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("a.pdf", new byte[] { 1 }, contentId: "a"));

        Assert.Throws<ArgumentException>(() => package.AddAttachment(EdXmlAttachment.FromBytes("b.pdf", new byte[] { 2 }, contentId: "a")));
    }
}
