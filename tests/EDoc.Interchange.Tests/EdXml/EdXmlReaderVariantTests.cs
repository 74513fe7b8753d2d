using System.Text;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;

namespace EDoc.Interchange.Tests.EdXml;

/// <summary>Packages written by hand to mimic dialects seen in the wild (QCVN 102:2016 §2–§7 of the spec notes).</summary>
public class EdXmlReaderVariantTests
{
    // Unprefixed, reordered (ToPlaces before OtherInfo, Subject first), Bkav SDK spelling "Business",
    // dd/MM/yyyy dates, no cid: prefix, TraceHeader after Business, extras written by the Bkav hub.
    internal const string WildBkavSdk = """
        <?xml version="1.0" encoding="UTF-8"?>
        <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
          <edXMLEnvelope>
            <edXMLHeader>
              <MessageHeader>
                <Subject>V/v báo cáo</Subject>
                <To><OrganName>Văn phòng Chính phủ</OrganName><OrganId>000.00.00.G22</OrganId></To>
                <From><OrganId>000.00.00.H53</OrganId></From>
                <Code><CodeNotation>UBND-KT</CodeNotation><CodeNumber>45</CodeNumber></Code>
                <DocumentId>000.00.00.H53,06/05/2024,45/UBND-KT</DocumentId>
                <PromulgationInfo><PromulgationDate>06/05/2024</PromulgationDate><Place>Tây Ninh</Place></PromulgationInfo>
                <DocumentType><TypeName>Báo cáo</TypeName><Type>1</Type></DocumentType>
                <ToPlaces><Place>Như trên</Place></ToPlaces>
                <OtherInfo><PageAmount>3</PageAmount><Priority>1</Priority><ReplyFors><ReplyFor>1</ReplyFor></ReplyFors></OtherInfo>
                <DueDate>20/05/2024</DueDate>
                <ResponseForTask><TaskCode>T9</TaskCode></ResponseForTask>
                <ApplicationType>2</ApplicationType>
              </MessageHeader>
              <TraceHeaderList>
                <Business>
                  <BusinessDocReason>Văn bản điện tử mới</BusinessDocReason>
                  <BusinessDocType>0</BusinessDocType>
                  <Paper>0</Paper>
                </Business>
                <TraceHeader><Timestamp>06/05/2024 09:15:30</Timestamp><OrganId>000.00.00.H53</OrganId></TraceHeader>
              </TraceHeaderList>
            </edXMLHeader>
            <edXMLBody>
              <edXMLManifest version="1.0">
                <Reference><AttachmentName>45.pdf</AttachmentName><ContentId>f1</ContentId><ContentType>application/pdf</ContentType></Reference>
              </edXMLManifest>
            </edXMLBody>
          </edXMLEnvelope>
          <AttachmentEncoded>
            <Attachment>
              <ContentTransferEncoded>
                JVBERi0x
                LjcK
              </ContentTransferEncoded>
              <ContentId>f1</ContentId>
              <ContentType>application/pdf</ContentType>
              <AttachmentName>45.pdf</AttachmentName>
            </Attachment>
          </AttachmentEncoded>
        </edXML>
        """;

    // No namespace at all, another prefix (the VPCP style with a Signature in no namespace), lower-case root children.
    internal const string WildNoNamespace = """
        <edXML>
          <edXMLEnvelope>
            <edXMLHeader>
              <Status>
                <StatusCode>3</StatusCode>
                <From><OrganId>000.00.00.G22</OrganId></From>
                <StaffInfo><Staff>Lê Văn C</Staff></StaffInfo>
                <ResponseFor><DocumentId>000.00.00.H41,2024/05/06,123/UBND-VX</DocumentId><Code>123/UBND-VX</Code><OrganId>000.00.00.H41</OrganId></ResponseFor>
                <Timestamp>07/05/2024 08:00:00</Timestamp>
                <Description>Đã tiếp nhận</Description>
              </Status>
            </edXMLHeader>
          </edXMLEnvelope>
        </edXML>
        """;

    internal const string WildOtherPrefix = """
        <?xml version="1.0" encoding="UTF-8"?>
        <q:edXML xmlns:q="http://www.mic.gov.vn/TBT/QCVN_102_2016">
         <q:edXMLEnvelope><q:edXMLHeader>
          <q:MessageHeader>
           <q:From><q:OrganId>000.00.00.H41</q:OrganId></q:From><q:To><q:OrganId>000.00.00.G22</q:OrganId></q:To>
           <q:DocumentId>000.00.00.H41,2024/05/06,123/UBND-VX</q:DocumentId>
           <q:Code><q:CodeNumber>123</q:CodeNumber><q:CodeNotation>UBND-VX</q:CodeNotation></q:Code>
           <q:Subject>V/v …</q:Subject>
          </q:MessageHeader>
          <Signature><SignedInfo/></Signature>
         </q:edXMLHeader></q:edXMLEnvelope>
         <q:AttachmentEncoded/>
        </q:edXML>
        """;

    [Fact]
    public async Task Read_BkavSdkDialect_ParsesEveryField()
    {
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(WildBkavSdk));

        var h = package.MessageHeader;
        Assert.Equal("000.00.00.H53", h.From!.OrganId);
        Assert.Equal("000.00.00.G22", Assert.Single(h.To).OrganId);
        Assert.Equal(new EdXmlDocumentId("000.00.00.H53", new DateOnly(2024, 5, 6), "45", "UBND-KT"), h.DocumentId);
        Assert.Equal(new DateOnly(2024, 5, 6), h.PromulgationInfo!.PromulgationDate);
        Assert.Equal(new DateOnly(2024, 5, 20), h.DueDate);
        Assert.Equal(1, h.OtherInfo!.Priority);
        Assert.Equal(3, h.OtherInfo.PageAmount);
        Assert.Equal(new[] { "Như trên" }, h.ToPlaces);
        Assert.Equal(EdXmlBusinessDocType.New, package.TraceHeaderList!.Business!.BusinessDocType);
        Assert.Equal("Văn bản điện tử mới", package.TraceHeaderList.Business.BusinessDocReason);
        Assert.Equal(new DateTime(2024, 5, 6, 9, 15, 30), package.TraceHeaderList.TraceHeaders[0].Timestamp);
        Assert.Equal("f1", package.Manifest!.References[0].ContentId);
        var attachment = Assert.Single(package.Attachments);
        Assert.Equal("f1", attachment.ContentId);
        Assert.Equal("45.pdf", attachment.AttachmentName);
        Assert.Equal("%PDF-1.7\n"u8.ToArray(), await TestPackages.ContentAsync(attachment));
        Assert.Empty(package.ReadProblems);
        Assert.True(new EdXmlValidator().Validate(package).IsValid);
    }

    [Fact]
    public async Task Read_UnknownElements_AreKeptAndWrittenBack()
    {
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(WildBkavSdk));

        Assert.Equal(new[] { "ResponseForTask", "ApplicationType" }, package.MessageHeader.UnknownElements.Select(e => e.Name.LocalName));
        Assert.Equal("ReplyFors", Assert.Single(package.MessageHeader.OtherInfo!.UnknownElements).Name.LocalName);
        var rewritten = Encoding.UTF8.GetString(await TestPackages.WriteAsync(package));
        Assert.Matches("<(edXML:)?TaskCode>T9</(edXML:)?TaskCode>", rewritten);
        Assert.Matches("<(edXML:)?ReplyFor>1</(edXML:)?ReplyFor>", rewritten);
        Assert.Contains("<edXML:Bussiness>", rewritten, StringComparison.Ordinal);
        Assert.Contains("<edXML:PromulgationDate>2024/05/06</edXML:PromulgationDate>", rewritten, StringComparison.Ordinal);
        Assert.Contains("<ContentId>cid:f1</ContentId>", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NoNamespaceStatusReordered_Parses()
    {
        var package = Assert.IsType<StatusPackage>(await TestPackages.ReadAsync(WildNoNamespace));

        Assert.Equal(EdXmlStatusCode.Accepted, package.Status.StatusCode);
        Assert.Equal("123/UBND-VX", package.Status.ResponseFor!.Code);
        Assert.Equal("000.00.00.H41", package.Status.ResponseFor.DocumentId!.OrganId);
        Assert.Equal(new DateTime(2024, 5, 7, 8, 0, 0), package.Status.Timestamp);
        Assert.Equal("Lê Văn C", package.Status.StaffInfo!.Staff);
        Assert.True(new EdXmlValidator().Validate(package).IsValid);
    }

    [Fact]
    public async Task Read_OtherPrefixAndSignatureWithoutNamespace_Parses()
    {
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(WildOtherPrefix));

        Assert.Equal("000.00.00.H41", package.MessageHeader.From!.OrganId);
        Assert.NotNull(package.Signature);
        Assert.Equal(string.Empty, package.Signature!.Name.NamespaceName);
        Assert.Empty(package.Attachments);
    }

    [Fact]
    public async Task Read_ZippedAttachmentWithOctetStreamType_IsDetectedByMagic()
    {
        var zip = TestPackages.Zip(("van-ban.pdf", TestPackages.PdfBytes));
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("van-ban.bin", zip, "application/octet-stream"));
        var bytes = await TestPackages.WriteAsync(package);

        var read = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(bytes));

        Assert.True(read.Attachments[0].IsZipped);
        Assert.Equal(zip, await TestPackages.ContentAsync(read.Attachments[0]));
    }

    [Fact]
    public async Task Read_ZipContentTypeIsDetected_PdfAndDocxAreNot()
    {
        var package = TestPackages.Minimal(
            EdXmlAttachment.FromBytes("a.zip", TestPackages.Zip(("a.txt", [1])), "application/zip"),
            EdXmlAttachment.FromBytes("b.pdf", TestPackages.PdfBytes),
            EdXmlAttachment.FromBytes("c.docx", TestPackages.Zip(("word/document.xml", [1]))));

        var read = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(await TestPackages.WriteAsync(package)));

        Assert.True(read.Attachments[0].IsZipped);
        Assert.False(read.Attachments[1].IsZipped);
        Assert.False(read.Attachments[2].IsZipped); // an OOXML document is a ZIP by magic but must be kept as it is
    }

    [Fact]
    public async Task Read_DeclaredZipThatIsNotAnArchive_IsKeptWithAWarning()
    {
        var package = TestPackages.Minimal(EdXmlAttachment.FromBytes("a.zip", TestPackages.PdfBytes, "application/zip"));

        var read = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(await TestPackages.WriteAsync(package)));

        Assert.False(read.Attachments[0].IsZipped);
        var problem = Assert.Single(read.ReadProblems);
        Assert.Equal(("AttachmentEncoded.Attachment[0].ContentType", "zip.not-an-archive"), (problem.Path, problem.Code));
    }

    [Fact]
    public async Task Read_BadDateAndNumber_ReportsReadProblemsAndKeepsTheElements()
    {
        var xml = WildBkavSdk.Replace("<PromulgationDate>06/05/2024</PromulgationDate>", "<PromulgationDate>31/02/2024</PromulgationDate>", StringComparison.Ordinal)
            .Replace("<Priority>1</Priority>", "<Priority>khẩn</Priority>", StringComparison.Ordinal);

        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(xml));

        Assert.Null(package.MessageHeader.PromulgationInfo!.PromulgationDate);
        Assert.Contains(package.ReadProblems, p => p.Path == "MessageHeader.PromulgationInfo.PromulgationDate" && p.Code == "date");
        Assert.Contains(package.ReadProblems, p => p.Path == "MessageHeader.OtherInfo.Priority" && p.Code == "number");
        var rewritten = Encoding.UTF8.GetString(await TestPackages.WriteAsync(package));
        Assert.Contains("31/02/2024", rewritten, StringComparison.Ordinal);
        var result = new EdXmlValidator().Validate(package);
        Assert.False(result.IsValid);
        Assert.DoesNotContain(result.Errors, p => p.Code == "required" && p.Path == "MessageHeader.PromulgationInfo.PromulgationDate");
    }

    [Theory]
    [InlineData("<root/>")]
    [InlineData("<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><AttachmentEncoded/></edXML>")]
    [InlineData("<edXML><edXMLEnvelope><edXMLHeader><TraceHeaderList/></edXMLHeader></edXMLEnvelope></edXML>")]
    [InlineData("<edXML><edXMLEnvelope><edXMLHeader><MessageHeader>")]
    [InlineData("not xml at all")]
    public async Task Read_NotAPackage_ThrowsEdXmlFormatException(string xml)
    {
        await Assert.ThrowsAsync<EdXmlFormatException>(() => TestPackages.ReadAsync(xml));
    }

    [Fact]
    public async Task Read_InvalidBase64_ThrowsEdXmlFormatException()
    {
        var xml = WildBkavSdk.Replace("JVBERi0x", "JVB*Ri0x", StringComparison.Ordinal);

        await Assert.ThrowsAsync<EdXmlFormatException>(() => TestPackages.ReadAsync(xml));
    }

    [Theory]
    [InlineData("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT", "000.00.00.G22", 2015, 9, 30, "7816", "VPCP-TTĐT")]
    [InlineData("000.00.00.H41,06/05/2024,123/UBND-VX", "000.00.00.H41", 2024, 5, 6, "123", "UBND-VX")]
    [InlineData("999.010.01.H22,2024/01/02,1/QĐ-UBND/2", "999.010.01.H22", 2024, 1, 2, "1", "QĐ-UBND/2")]
    public void DocumentIdParse_ValidText_SplitsTheParts(string text, string organId, int year, int month, int day, string number, string notation)
    {
        var id = EdXmlDocumentId.Parse(text);

        Assert.Equal(organId, id.OrganId);
        Assert.Equal(new DateOnly(year, month, day), id.Date);
        Assert.Equal(number, id.Number);
        Assert.Equal(notation, id.Notation);
        Assert.Equal($"{organId},{year:0000}/{month:00}/{day:00},{number}/{notation}", id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("000.00.00.H41")]
    [InlineData("000.00.00.H41,2024-13-01,1/A")]
    [InlineData("000.00.00.H41,2024/05/06,123")]
    [InlineData(",2024/05/06,1/A")]
    [InlineData("000.00.00.H41,2024/05/06,/A")]
    public void DocumentIdTryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(EdXmlDocumentId.TryParse(text, out _));
        Assert.Throws<EdXmlFormatException>(() => EdXmlDocumentId.Parse(text));
    }
}
