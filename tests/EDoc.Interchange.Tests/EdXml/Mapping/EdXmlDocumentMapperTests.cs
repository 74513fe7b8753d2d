using System.Text;
using System.Xml.Linq;
using CsCheck;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Interchange.EdXml;
using EDoc.Numbering;
using EDoc.Policies;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Interchange.Tests.EdXml.Mapping;

public class EdXmlDocumentMapperTests
{
    private static readonly FakeTimeProvider Clock = new(DocumentGenerators.Now);

    private static EdXmlDocumentMapper Mapper(bool extensions = true)
        => new(new EdXmlDocumentMapperOptions { TimeProvider = Clock, WriteExtensions = extensions });

    [Fact]
    public void ToPackageThenToDocument_RandomValidDocuments_IsIdentity()
    {
        var mapper = Mapper();

        DocumentGenerators.Documents(withContent: false).Sample(document =>
        {
            var package = mapper.ToPackage(document);

            DocumentAssert.Equal(document, mapper.ToDocument(package));
        }, iter: 300);
    }

    [Fact]
    public void ToPackageWriteReadToDocument_RandomValidDocuments_IsIdentityAndThePackageIsValid()
    {
        var mapper = Mapper();
        var validator = new EdXmlValidator(new EdXmlValidatorOptions { TimeProvider = Clock });

        DocumentGenerators.Documents(withContent: true).Sample(document =>
        {
            var package = mapper.ToPackage(document, (a, _) => ValueTask.FromResult<Stream>(new MemoryStream(ContentOf(document, a))));
            var read = (EdocPackage)WriteAndReadAsync(package).GetAwaiter().GetResult();

            var result = validator.ValidateAsync(read).GetAwaiter().GetResult();
            Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
            DocumentAssert.Equal(document, mapper.ToDocument(read));
            for (var i = 0; i < document.Attachments.Count; i++)
            {
                Assert.Equal(ContentOf(document, document.Attachments[i]), TestPackages.ContentAsync(read.Attachments[i]).GetAwaiter().GetResult());
            }
        }, iter: 100);
    }

    [Fact]
    public void ToPackageWithoutExtensions_RandomValidDocuments_KeepsEveryFieldEdXmlHasAPlaceFor()
    {
        var mapper = Mapper(extensions: false);

        DocumentGenerators.Documents(withContent: true, includeSpecialized: false).Sample(document =>
        {
            var package = mapper.ToPackage(document, (a, _) => ValueTask.FromResult<Stream>(new MemoryStream(ContentOf(document, a))));
            var xml = Encoding.UTF8.GetString(TestPackages.WriteAsync(package).GetAwaiter().GetResult());
            var read = (EdocPackage)TestPackages.ReadAsync(Encoding.UTF8.GetBytes(xml)).GetAwaiter().GetResult();

            Assert.DoesNotContain(EdXmlDocumentMapper.ExtensionNamespace, xml, StringComparison.Ordinal);
            var expected = document with
            {
                Sender = document.Sender with { ElectronicIdentifier = null },
                Recipients = document.Recipients.Select(r => r with { ElectronicIdentifier = null }).ToArray(),
                Language = null,
                Notes = null,
                ReceivedAt = null,
                Directions = [],
                History = [],
                SentAt = TruncateToSecond(document.SentAt ?? DocumentGenerators.Now),
                Attachments = document.Attachments.Select((a, i) => a with { IsMainDocument = i == FirstPdf(document) }).ToArray(),
            };
            DocumentAssert.Equal(expected, mapper.ToDocument(read));
        }, iter: 100);
    }

    [Theory]
    [InlineData(8, "08")]
    [InlineData(123, "123")]
    public void ToPackage_Number_IsZeroPaddedBelowTenInCodeAndDocumentId(int number, string expected)
    {
        var document = TestDocuments.Decision() with { Notation = NotationRules.Compose(new DocumentNumber(number), DocumentTypes.Decision, "UBND") };

        var package = Mapper().ToPackage(document);

        Assert.Equal(expected, package.MessageHeader.Code!.CodeNumber);
        Assert.Equal("QĐ-UBND", package.MessageHeader.Code.CodeNotation);
        Assert.Equal($"000.00.00.H41,2024/05/06,{expected}/QĐ-UBND", package.MessageHeader.DocumentId!.ToString());
    }

    [Fact]
    public void ToPackage_LegalNormativeDocument_WritesType2AndTheYearInTheNotation()
    {
        var document = TestDocuments.Decision() with
        {
            Type = DocumentTypes.LegalDecision,
            Notation = NotationRules.Compose(new DocumentNumber(8), DocumentTypes.LegalDecision, "UBND", 2024),
        };

        var h = Mapper().ToPackage(document).MessageHeader;

        Assert.Equal(2, h.DocumentType!.Type);
        Assert.Equal("Quyết định", h.DocumentType.TypeName);
        Assert.Equal(("08", "2024/QĐ-UBND"), (h.Code!.CodeNumber, h.Code.CodeNotation));
        Assert.Equal("000.00.00.H41,2024/05/06,08/2024/QĐ-UBND", h.DocumentId!.ToString());
    }

    [Fact]
    public void ToPackage_EveryHeaderField_IsWhereQcvn102PutsIt()
    {
        var document = TestDocuments.Decision();

        var package = Mapper().ToPackage(document);

        var h = package.MessageHeader;
        Assert.Equal(("000.00.00.H41", "UBND tỉnh Nghệ An", "Chính phủ"), (h.From!.OrganId, h.From.OrganName, h.From.OrganizationInCharge));
        Assert.Equal(new[] { "000.00.00.G22", "000.00.13.H41" }, h.To.Select(t => t.OrganId));
        Assert.Equal(("Nghệ An", new DateOnly(2024, 5, 6)), (h.PromulgationInfo!.Place, h.PromulgationInfo.PromulgationDate));
        Assert.Equal((1, "Quyết định"), (h.DocumentType!.Type, h.DocumentType.TypeName));
        Assert.Equal(("V/v phê duyệt kế hoạch", "Tóm tắt"), (h.Subject, h.Content));
        Assert.Equal(("KT. CHỦ TỊCH", "Phó Chủ tịch", "Nguyễn Văn A"), (h.SignerInfo!.Competence, h.SignerInfo.Position, h.SignerInfo.FullName));
        Assert.Equal(new DateOnly(2024, 5, 20), h.DueDate);
        Assert.Equal(new[] { "Văn phòng Chính phủ", "Sở Thông tin và Truyền thông" }, h.ToPlaces);
        Assert.Equal((3, 5, 2), (h.OtherInfo!.Priority, h.OtherInfo.PromulgationAmount, h.OtherInfo.PageAmount));
        var trace = Assert.Single(package.TraceHeaderList!.TraceHeaders);
        Assert.Equal(("000.00.00.H41", new DateTime(2024, 5, 6, 16, 30, 0)), (trace.OrganId, trace.Timestamp));
        Assert.Equal((EdXmlBusinessDocType.New, 0), (package.TraceHeaderList.Business!.BusinessDocType, package.TraceHeaderList.Business.Paper));
        Assert.Equal(new[] { ("a1", "15-QĐ-UBND.pdf", "application/pdf"), ("a2", "phu-luc.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document") },
            package.Manifest!.References.Select(r => (r.ContentId!, r.AttachmentName!, r.ContentType!)));
        Assert.Equal(new[] { "a1", "a2" }, package.Attachments.Select(a => a.ContentId));
    }

    [Fact]
    public async Task ToPackage_AgencyWithBothCodeSystems_KeepsTheQd20IdentifierInAnExtension()
    {
        var document = TestDocuments.Decision() with { Sender = TestDocuments.Decision().Sender with { ElectronicIdentifier = ElectronicAgencyIdentifier.Parse("H41.01") } };

        var package = Mapper().ToPackage(document);
        var read = (EdocPackage)await WriteAndReadAsync(package, TestDocuments.Contents);

        var extension = Assert.Single(package.MessageHeader.From!.UnknownElements);
        Assert.Equal(XName.Get("ElectronicIdentifier", EdXmlDocumentMapper.ExtensionNamespace), extension.Name);
        Assert.Equal("000.00.00.H41", package.MessageHeader.From.OrganId);
        var sender = Mapper().ToDocument(read).Sender;
        Assert.Equal((AgencyCode.Parse("000.00.00.H41"), ElectronicAgencyIdentifier.Parse("H41.01")), (sender.Code, sender.ElectronicIdentifier));
    }

    [Theory]
    [InlineData(Secrecy.Confidential)]
    [InlineData(Secrecy.Secret)]
    [InlineData(Secrecy.TopSecret)]
    public void ToPackage_SecretDocument_ThrowsPolicyException(Secrecy secrecy)
    {
        var document = TestDocuments.Decision() with { Secrecy = secrecy };

        var ex = Assert.Throws<EDocPolicyException>(() => Mapper().ToPackage(document));

        Assert.Equal(ElectronicTransmissionPolicy.SecretDocumentRule, ex.Rule);
        Assert.Contains("15/QĐ-UBND", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPackage_InvalidDocument_ThrowsValidationExceptionListingEveryProblem()
    {
        var document = TestDocuments.Decision() with
        {
            Recipients = [],
            Sender = new Agency { Name = "Không mã" },
            IssueDate = new DateOnly(2031, 1, 1),
        };

        var ex = Assert.Throws<EDocValidationException>(() => Mapper().ToPackage(document));

        Assert.Contains(ex.Problems, p => p.Path == "Recipients");
        Assert.Contains(ex.Problems, p => p.Path == "Sender.Code");
        Assert.Contains(ex.Problems, p => p.Path == "IssueDate" && p.Code == "date.future");
    }

    [Fact]
    public void ToPackage_NoSentTime_TracesThePackingTimeInVietnamTime()
    {
        var package = Mapper().ToPackage(TestDocuments.Decision() with { SentAt = null });

        Assert.Equal(new DateTime(2030, 1, 1, 7, 0, 0), Assert.Single(package.TraceHeaderList!.TraceHeaders).Timestamp);
        Assert.Null(Mapper().ToDocument(package).SentAt); // the extension says the document had no sent time
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 7, 0, 0, TimeSpan.FromHours(7)), Mapper(extensions: false).ToDocument(StripExtensions(package)).SentAt);
    }

    [Fact]
    public async Task ToPackage_WithoutContent_WriterRefusesUntilOpenContentIsSet()
    {
        var package = Mapper().ToPackage(TestDocuments.Decision());

        await Assert.ThrowsAsync<ArgumentException>(() => new EdXmlWriter().WriteAsync(package, Stream.Null));
        foreach (var a in package.Attachments)
        {
            var bytes = TestDocuments.Contents[a.ContentId!];
            a.OpenContent = _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes));
        }

        await new EdXmlWriter().WriteAsync(package, Stream.Null);
    }

    [Fact]
    public async Task ToDocument_BkavSdkDialect_MapsEveryField()
    {
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(EdXmlReaderVariantTests.WildBkavSdk));

        Assert.True(Mapper().TryToDocument(package, out var d, out var result), string.Join("\n", result.Problems));

        var warning = Assert.Single(result.Problems); // a Báo cáo is numbered 45/BC-UBND; this sender wrote it like a công văn
        Assert.Equal(("MessageHeader.Code.CodeNotation", "notation.type-mismatch"), (warning.Path, warning.Code));
        Assert.Equal("45/UBND-KT", d.Notation.Value);
        Assert.Null(d.Notation.TypeAbbreviation);
        Assert.Equal(DocumentTypes.Report, d.Type);
        Assert.Equal((new DateOnly(2024, 5, 6), "Tây Ninh"), (d.IssueDate, d.IssuePlace));
        Assert.Equal("V/v báo cáo", d.Subject);
        Assert.Equal(Urgency.Urgent, d.Urgency);
        Assert.Equal(3, d.PageCount);
        Assert.Equal(new DateOnly(2024, 5, 20), d.DueDate);
        Assert.Equal(AgencyCode.Parse("000.00.00.H53"), d.Sender.Code);
        Assert.Equal("000.00.00.H53", d.Sender.Name); // no OrganName: the code stands in for the name
        var recipient = Assert.Single(d.Recipients);
        Assert.Equal((AgencyCode.Parse("000.00.00.G22"), "Văn phòng Chính phủ"), (recipient.Code, recipient.Name));
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 9, 15, 30, TimeSpan.FromHours(7)), d.SentAt);
        var attachment = Assert.Single(d.Attachments);
        Assert.Equal(new Attachment { Name = "45.pdf", ContentId = "f1", ContentType = "application/pdf", Size = 9, IsMainDocument = true }, attachment);
        Assert.Equal(Secrecy.None, d.Secrecy);
        Assert.Empty(d.History);
    }

    [Fact]
    public async Task ToDocument_OtherPrefixWithoutTypeOrDate_InfersFromNotationAndDocumentId()
    {
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(EdXmlReaderVariantTests.WildOtherPrefix));

        Assert.True(Mapper().TryToDocument(package, out var d, out var result));

        Assert.Equal(DocumentTypes.OfficialLetter, d.Type);
        Assert.Contains(result.Warnings, p => p.Path == "MessageHeader.DocumentType.TypeName" && p.Code == "document-type.inferred");
        Assert.Equal(new DateOnly(2024, 5, 6), d.IssueDate);
        Assert.Equal("123/UBND-VX", d.Notation.Value);
        Assert.Empty(d.Attachments);
        Assert.Null(d.SentAt);
    }

    [Fact]
    public async Task ToDocument_TypeAbbreviationInNotation_ReadsTheTypeWhenTypeNameIsMissing()
    {
        var xml = EdXmlReaderVariantTests.WildOtherPrefix.Replace("<q:CodeNotation>UBND-VX</q:CodeNotation>", "<q:CodeNotation>QĐ-UBND</q:CodeNotation>", StringComparison.Ordinal);
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(xml));

        var d = Mapper().ToDocument(package);

        Assert.Equal(DocumentTypes.Decision, d.Type);
        Assert.Equal("QĐ", d.Notation.TypeAbbreviation);
    }

    [Fact]
    public void ToDocument_MissingRequiredValues_ReportsEveryProblemWithItsPath()
    {
        var package = new EdocPackage
        {
            MessageHeader = new EdXmlMessageHeader
            {
                To = { new EdXmlOrganization { OrganId = "not a code" } },
                OtherInfo = new EdXmlOtherInfo { Priority = 7 },
            },
        };
        package.Attachments.Add(new EdXmlAttachment { ContentId = "x" });

        Assert.False(Mapper().TryToDocument(package, out var document, out var result));
        var ex = Assert.Throws<EDocValidationException>(() => Mapper().ToDocument(package));

        Assert.Null(document);
        var paths = result.Errors.Select(e => e.Path).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "MessageHeader.From", "MessageHeader.To[0].OrganId", "MessageHeader.Code.CodeNumber", "MessageHeader.Code.CodeNotation",
                "MessageHeader.PromulgationInfo.PromulgationDate", "MessageHeader.Subject", "MessageHeader.OtherInfo.Priority",
                "AttachmentEncoded.Attachment[0].AttachmentName",
            },
            paths);
        Assert.Equal(result.Problems.Count, ex.Problems.Count);
    }

    [Fact]
    public async Task ToDocument_Qd20IdentifierInOrganId_KeepsItWithAWarning()
    {
        var xml = EdXmlReaderVariantTests.WildBkavSdk.Replace("<OrganId>000.00.00.G22</OrganId>", "<OrganId>G22.05</OrganId>", StringComparison.Ordinal);
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(xml));

        Assert.True(Mapper().TryToDocument(package, out var d, out var result));

        var recipient = Assert.Single(d.Recipients);
        Assert.Null(recipient.Code);
        Assert.Equal(ElectronicAgencyIdentifier.Parse("G22.05"), recipient.ElectronicIdentifier);
        Assert.Contains(result.Warnings, p => p.Path == "MessageHeader.To[0].OrganId" && p.Code == "agency-code.qd20");
    }

    [Fact]
    public async Task ToDocument_UnknownTypeName_KeepsItAsATypeWithAWarning()
    {
        var xml = EdXmlReaderVariantTests.WildBkavSdk.Replace("<TypeName>Báo cáo</TypeName>", "<TypeName>Phiếu trình</TypeName>", StringComparison.Ordinal);
        var package = Assert.IsType<EdocPackage>(await TestPackages.ReadAsync(xml));

        Assert.True(Mapper().TryToDocument(package, out var d, out var result));

        Assert.Equal(("Phiếu trình", DocumentTypeCategory.Administrative), (d.Type.Name, d.Type.Category));
        Assert.Contains(result.Warnings, p => p.Code == "document-type.unknown");
    }

    private static byte[] ContentOf(ElectronicDocument document, Attachment attachment)
    {
        var index = document.Attachments.ToList().FindIndex(a => a.ContentId == attachment.ContentId);
        return DocumentGenerators.Content(document.Attachments.Count, index, Path.GetExtension(attachment.Name));
    }

    private static async Task<EdXmlPackage> WriteAndReadAsync(EdocPackage package, IReadOnlyDictionary<string, byte[]>? contents = null)
    {
        if (contents is not null)
        {
            foreach (var a in package.Attachments)
            {
                var bytes = contents[a.ContentId!];
                a.OpenContent = _ => ValueTask.FromResult<Stream>(new MemoryStream(bytes));
            }
        }

        using var stream = new MemoryStream();
        await new EdXmlWriter().WriteAsync(package, stream); // with the default article 11 check
        return await TestPackages.ReadAsync(stream.ToArray());
    }

    private static EdocPackage StripExtensions(EdocPackage package)
    {
        package.MessageHeader.UnknownElements.Clear();
        return package;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    private static int FirstPdf(ElectronicDocument document)
        => document.Attachments.ToList().FindIndex(a => a.Name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));
}
