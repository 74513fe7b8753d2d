using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;

namespace EDoc.Interchange.Tests.EdXml;

/// <summary>Builders of edXML models and helpers to write and read them.</summary>
internal static class TestPackages
{
    public static readonly XNamespace Ns = EdXmlNamespaces.Qcvn102;

    public static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static EdocPackage Rich()
    {
        var package = new EdocPackage
        {
            MessageHeader = new EdXmlMessageHeader
            {
                From = new EdXmlOrganization
                {
                    OrganId = "000.00.00.H41",
                    OrganizationInCharge = "Chính phủ",
                    OrganName = "UBND tỉnh Nghệ An",
                    OrganAdd = "16 Trường Thi, TP Vinh",
                    Email = "vanthu@nghean.gov.vn",
                    Telephone = "0238 3844 000",
                    Fax = "0238 3844 001",
                    Website = "https://nghean.gov.vn",
                    UnknownElements = { new XElement(Ns + "OrganCode", "H41") },
                },
                To =
                {
                    new EdXmlOrganization { OrganId = "000.00.00.G22", OrganName = "Văn phòng Chính phủ" },
                    new EdXmlOrganization { OrganId = "000.00.13.H41", OrganName = "Sở Thông tin và Truyền thông" },
                },
                DocumentId = new EdXmlDocumentId("000.00.00.H41", new DateOnly(2024, 5, 6), "123", "UBND-VX"),
                Code = new EdXmlCode { CodeNumber = "123", CodeNotation = "UBND-VX" },
                PromulgationInfo = new EdXmlPromulgationInfo { Place = "Nghệ An", PromulgationDate = new DateOnly(2024, 5, 6) },
                DocumentType = new EdXmlDocumentType { Type = 1, TypeDetail = "0", TypeName = "Công văn" },
                Subject = "V/v triển khai văn bản điện tử liên thông",
                Content = "Nội dung tóm tắt của công văn",
                SignerInfo = new EdXmlSignerInfo { Competence = "KT. CHỦ TỊCH", Position = "Phó Chủ tịch", FullName = "Nguyễn Văn A" },
                DueDate = new DateOnly(2024, 5, 20),
                ToPlaces = ["Như trên", "Lưu: VT, VX"],
                OtherInfo = new EdXmlOtherInfo
                {
                    Priority = 2,
                    SphereOfPromulgation = "Lưu hành nội bộ",
                    TyperNotation = "VX",
                    PromulgationAmount = 5,
                    PageAmount = 2,
                    Appendixes = ["Phụ lục I", "Phụ lục II"],
                    Direction = false,
                    UnknownElements = { new XElement(Ns + "ReplyFors", new XElement(Ns + "ReplyFor", "x")) },
                },
                ResponseFor =
                {
                    new EdXmlResponseFor
                    {
                        OrganId = "000.00.00.G22",
                        Code = "7816/VPCP-TTĐT",
                        PromulgationDate = new DateOnly(2015, 9, 30),
                        DocumentId = EdXmlDocumentId.Parse("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"),
                    },
                },
                SteeringType = 1,
                UnknownElements = { new XElement(Ns + "ResponseForTask", new XElement(Ns + "TaskCode", "T-1")) },
            },
            TraceHeaderList = new EdXmlTraceHeaderList
            {
                TraceHeaders =
                {
                    new EdXmlTraceHeader { OrganId = "000.00.00.H41", Timestamp = new DateTime(2024, 5, 6, 9, 0, 0) },
                    new EdXmlTraceHeader { OrganId = "000.00.00.G22", Timestamp = new DateTime(2024, 5, 6, 9, 5, 7) },
                },
                Business = new EdXmlBusiness
                {
                    BusinessDocType = EdXmlBusinessDocType.Replace,
                    BusinessDocReason = "Thay thế văn bản",
                    DocumentId = EdXmlDocumentId.Parse("000.00.00.H41,2024/05/01,100/UBND-VX"),
                    Paper = 1,
                    StaffInfo = new EdXmlStaffInfo { Department = "Văn thư", Staff = "Trần Thị B", Mobile = "0912345678", Email = "b@nghean.gov.vn" },
                    BusinessDocumentInfo = new EdXmlBusinessDocumentInfo
                    {
                        DocumentInfo = "1",
                        DocumentReceiver = "1",
                        ReceiverList =
                        [
                            new EdXmlReceiver { ReceiverType = 1, OrganId = "000.00.31.H41" },
                            new EdXmlReceiver { ReceiverType = 0, OrganId = "000.00.13.H41" },
                        ],
                    },
                    ReplacementInfoList =
                    [
                        new EdXmlReplacementInfo
                        {
                            DocumentId = EdXmlDocumentId.Parse("000.00.00.H41,2024/05/01,100/UBND-VX"),
                            OrganIdList = { "000.00.00.G22", "000.00.13.H41" },
                        },
                    ],
                },
                Attributes = { ["id"] = "trace-1", ["version"] = "1.0" },
            },
            HeaderUnknownElements = { new XElement(Ns + "DigitalSignature") },
            EnvelopeUnknownElements = { new XElement(Ns + "Extension", "e") },
            BodyUnknownElements = { new XElement(Ns + "BodyNote", "b") },
            RootUnknownElements = { new XElement(Ns + "Trailer", "t") },
        };
        package.AddAttachment(EdXmlAttachment.FromBytes("123-UBND-VX.pdf", PdfBytes, contentId: "a1", description: "Văn bản"));
        package.AddAttachment(EdXmlAttachment.FromBytes("Phụ lục.docx", Encoding.UTF8.GetBytes("phụ lục"), contentId: "a2", description: "Phụ lục"));
        package.Manifest!.References[0].Attributes["{http://www.w3.org/1999/xlink}href"] = "cid:a1";
        return package;
    }

    public static EdocPackage Minimal(params EdXmlAttachment[] attachments)
    {
        var package = new EdocPackage
        {
            MessageHeader = new EdXmlMessageHeader
            {
                From = new EdXmlOrganization { OrganId = "000.00.00.H41", OrganName = "UBND tỉnh Nghệ An" },
                To = { new EdXmlOrganization { OrganId = "000.00.00.G22", OrganName = "Văn phòng Chính phủ" } },
                DocumentId = EdXmlDocumentId.Parse("000.00.00.H41,2024/05/06,123/UBND-VX"),
                Code = new EdXmlCode { CodeNumber = "123", CodeNotation = "UBND-VX" },
                PromulgationInfo = new EdXmlPromulgationInfo { Place = "Nghệ An", PromulgationDate = new DateOnly(2024, 5, 6) },
                DocumentType = new EdXmlDocumentType { Type = 1, TypeDetail = "0", TypeName = "Công văn" },
                Subject = "V/v thử nghiệm",
                OtherInfo = new EdXmlOtherInfo { Priority = 0, PromulgationAmount = 1, PageAmount = 1 },
            },
            TraceHeaderList = new EdXmlTraceHeaderList
            {
                TraceHeaders = { new EdXmlTraceHeader { OrganId = "000.00.00.H41", Timestamp = new DateTime(2024, 5, 6, 9, 0, 0) } },
                Business = new EdXmlBusiness { BusinessDocType = EdXmlBusinessDocType.New, BusinessDocReason = "Văn bản điện tử mới", Paper = 0 },
            },
        };
        foreach (var attachment in attachments)
        {
            package.AddAttachment(attachment);
        }

        return package;
    }

    public static StatusPackage Status(EdXmlStatusCode code) => new()
    {
        Status = new EdXmlStatus
        {
            ResponseFor = new EdXmlResponseFor
            {
                OrganId = "000.00.00.H41",
                Code = "123/UBND-VX",
                PromulgationDate = new DateOnly(2024, 5, 6),
                DocumentId = EdXmlDocumentId.Parse("000.00.00.H41,2024/05/06,123/UBND-VX"),
            },
            From = new EdXmlOrganization { OrganId = "000.00.00.G22", OrganName = "Văn phòng Chính phủ" },
            StatusCode = code,
            Description = EdXmlStatusCodes.GetDescriptionVi(code),
            Timestamp = new DateTime(2024, 5, 7, 8, 0, 0),
            StaffInfo = new EdXmlStaffInfo { Department = "Văn thư", Staff = "Lê Văn C" },
        },
    };

    /// <summary>
    /// A writer without the article 11 format check: the fixtures build hostile or placeholder attachments on purpose
    /// (ZIP bombs, traversal names, text named .docx); the format check has its own tests.
    /// </summary>
    public static EdXmlWriter UncheckedWriter(EdXmlWriterOptions? options = null)
    {
        options ??= new EdXmlWriterOptions();
        options.FormatInspector = null;
        return new EdXmlWriter(options);
    }

    public static async Task<byte[]> WriteAsync(EdXmlPackage package)
    {
        using var stream = new MemoryStream();
        await UncheckedWriter().WriteAsync(package, stream);
        return stream.ToArray();
    }

    public static async Task<EdXmlPackage> ReadAsync(byte[] bytes, EdXmlReaderOptions? options = null)
        => await new EdXmlReader(options).ReadAsync(new MemoryStream(bytes), new EdXmlMemoryAttachmentSink());

    public static Task<EdXmlPackage> ReadAsync(string xml, EdXmlReaderOptions? options = null)
        => ReadAsync(Encoding.UTF8.GetBytes(xml), options);

    public static async Task<byte[]> ContentAsync(EdXmlAttachment attachment)
    {
        Assert.NotNull(attachment.OpenContent);
        await using var stream = await attachment.OpenContent!(CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The repository's root (where EDocSdk.sln is), for the shared fuzz seeds and regressions.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EDocSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EDocSdk.sln was not found above " + AppContext.BaseDirectory);
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "edoc-edxml-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
