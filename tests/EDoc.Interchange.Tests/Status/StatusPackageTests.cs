using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;
using EDoc.Interchange.Tests.EdXml;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Interchange.Tests.Status;

public class StatusPackageTests
{
    [Fact]
    public async Task CreateFor_ReceivedDocument_QuotesItAndUsesVietnamTime()
    {
        var received = TestPackages.Minimal();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 6, 20, 30, 15, TimeSpan.Zero));

        var status = StatusPackageFactory.CreateFor(received, EdXmlStatusCode.Arrived, new EdXmlOrganization { OrganId = "000.00.00.G22" }, clock);

        Assert.Equal("000.00.00.H41", status.Status.ResponseFor!.OrganId);
        Assert.Equal("123/UBND-VX", status.Status.ResponseFor.Code);
        Assert.Equal(new DateOnly(2024, 5, 6), status.Status.ResponseFor.PromulgationDate);
        Assert.Equal(received.MessageHeader.DocumentId, status.Status.ResponseFor.DocumentId);
        Assert.Equal(new DateTime(2024, 5, 7, 3, 30, 15), status.Status.Timestamp); // 20:30 UTC is 03:30 the next day in Vietnam
        Assert.Equal("Đã đến", status.Status.Description);
        Assert.True(new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = clock }).Validate(status).IsValid);
        var text = System.Text.Encoding.UTF8.GetString(await TestPackages.WriteAsync(status));
        Assert.Contains("<edXML:Timestamp>2024/05/07 03:30:15</edXML:Timestamp>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("edXMLBody", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AttachmentEncoded", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01", EdXmlStatusCode.Arrived)]
    [InlineData("1", EdXmlStatusCode.Arrived)]
    [InlineData("13", EdXmlStatusCode.Recalled)]
    [InlineData(" 16 ", EdXmlStatusCode.ChangeRejected)]
    public void TryParse_WireForm_ReturnsTheCode(string text, EdXmlStatusCode expected)
    {
        Assert.True(EdXmlStatusCodes.TryParse(text, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("100")]
    [InlineData("ab")]
    public void TryParse_NotACode_ReturnsFalse(string text)
    {
        Assert.False(EdXmlStatusCodes.TryParse(text, out _));
    }

    [Fact]
    public void All_KnownCodes_HaveWireFormsAndMeanings()
    {
        Assert.Equal(new[] { "01", "02", "03", "04", "05", "06", "13", "15", "16" }, EdXmlStatusCodes.All.Select(EdXmlStatusCodes.ToWire));
        Assert.All(EdXmlStatusCodes.All, c => Assert.NotNull(EdXmlStatusCodes.GetDescriptionVi(c)));
        Assert.False(EdXmlStatusCodes.IsKnown((EdXmlStatusCode)7));
        Assert.Null(EdXmlStatusCodes.GetDescriptionVi((EdXmlStatusCode)7));
    }

    [Fact]
    public async Task Read_StatusWithAttachments_WarnsAndIgnoresThem()
    {
        const string Xml = """
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
            <Status><StatusCode>02</StatusCode><ResponseFor><Code>1/A</Code><DocumentId>000.00.00.H41,2024/05/06,1/A</DocumentId></ResponseFor>
            <From><OrganId>000.00.00.G22</OrganId></From></Status></edXMLHeader></edXMLEnvelope>
            <AttachmentEncoded><Attachment><ContentId>x</ContentId><ContentTransferEncoded>AAEC</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>
            """;

        var package = Assert.IsType<StatusPackage>(await TestPackages.ReadAsync(Xml));

        Assert.Equal(EdXmlStatusCode.Rejected, package.Status.StatusCode);
        Assert.Contains(package.ReadProblems, p => p.Path == "AttachmentEncoded" && p.Severity == EDoc.Validation.ValidationSeverity.Warning);
    }

    [Fact]
    public async Task Read_BareEnvelopeRoot_Parses()
    {
        const string Xml = """
            <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader>
            <edXML:Status><edXML:StatusCode>05</edXML:StatusCode></edXML:Status></edXML:edXMLHeader></edXML:edXMLEnvelope>
            """;

        var package = Assert.IsType<StatusPackage>(await TestPackages.ReadAsync(Xml));

        Assert.Equal(EdXmlStatusCode.Processing, package.Status.StatusCode);
    }

    [Fact]
    public async Task Read_LegacySoapEnvelope_Parses()
    {
        const string Xml = """
            <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
             <SOAP-ENV:Header>
              <edXML:Status><edXML:StatusCode>04</edXML:StatusCode><edXML:From><edXML:OrganId>000.00.00.G22</edXML:OrganId></edXML:From>
               <edXML:ResponseFor><edXML:Code>1/A</edXML:Code><edXML:DocumentId>000.00.00.H41,2024/05/06,1/A</edXML:DocumentId></edXML:ResponseFor></edXML:Status>
             </SOAP-ENV:Header>
             <SOAP-ENV:Body/>
            </SOAP-ENV:Envelope>
            """;

        var package = Assert.IsType<StatusPackage>(await TestPackages.ReadAsync(Xml));

        Assert.Equal(EdXmlStatusCode.AwaitingAssignment, package.Status.StatusCode);
        Assert.True(new EdXmlValidator().Validate(package).IsValid);
    }

    [Fact]
    public async Task Read_Canceled_ThrowsOperationCanceled()
    {
        var bytes = await TestPackages.WriteAsync(TestPackages.Status(EdXmlStatusCode.Accepted));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EdXmlReader().ReadAsync(new MemoryStream(bytes), null, cts.Token));
    }
}
