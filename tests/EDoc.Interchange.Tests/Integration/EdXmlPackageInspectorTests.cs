using System.IO.Compression;
using System.Text;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Integration;
using EDoc.Interchange.Status;
using EDoc.Interchange.Tests.EdXml;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Interchange.TestSender;

namespace EDoc.Interchange.Tests.Integration;

public class EdXmlPackageInspectorTests
{
    private static readonly EdXmlPackageInspector Inspector = new();

    [Fact]
    public async Task InspectAsync_RealUnsignedDocument_IsValidWithRoutingMetadataAndSignatureWarning()
    {
        var package = RealEdXml.Document(TestAgencies.A, [TestAgencies.B, "000.00.13.H41"], 7);

        var inspection = await Inspector.InspectAsync(package, HubMessageKind.Edoc);

        Assert.True(inspection.Validation.IsValid, string.Join("; ", inspection.Validation.Errors));
        Assert.Contains(inspection.Validation.Warnings, w => w.Code == "signature-missing");
        Assert.Equal(HubMessageKind.Edoc, inspection.Metadata.Kind);
        Assert.Equal(TestAgencies.A, inspection.Metadata.From);
        Assert.Equal([TestAgencies.B, "000.00.13.H41"], inspection.Metadata.To);
        Assert.Equal("000.00.00.H41,2026/11/24,7/UBND-VX", inspection.Metadata.DocumentId);
        Assert.Equal("7/UBND-VX", inspection.Metadata.CodeNumberNotation);
        Assert.Null(inspection.Metadata.StatusCode);
    }

    [Fact]
    public async Task InspectAsync_Attachment_OpensTheDecodedBytesEachTime()
    {
        var model = RealEdXml.Model(TestAgencies.A, [TestAgencies.B], 3, "noi dung");
        var expected = MinimalPdf.Create("noi dung");
        var inspection = await Inspector.InspectAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 3, "noi dung"), HubMessageKind.Edoc);

        var attachment = Assert.Single(inspection.Attachments);
        Assert.Equal(model.Attachments[0].AttachmentName, attachment.Name);
        for (int i = 0; i < 2; i++)
        {
            await using var stream = await attachment.OpenReadAsync();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(expected, copy.ToArray());
        }
    }

    [Fact]
    public async Task InspectAsync_KindOtherThanAnnounced_IsInvalid()
    {
        var inspection = await Inspector.InspectAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 1), HubMessageKind.Status);

        Assert.Contains(inspection.Validation.Errors, e => e.Code == "kind-mismatch");
    }

    [Fact]
    public async Task InspectAsync_MissingSubjectAndDisallowedAttachment_ReportsEveryProblem()
    {
        var model = RealEdXml.Model(TestAgencies.A, [TestAgencies.B], 1);
        model.MessageHeader.Subject = null;
        model.Attachments[0] = EdXmlAttachment.FromBytes("virus.pdf", Encoding.ASCII.GetBytes("MZ\x90\0 not a pdf at all"), "application/pdf", "a1");
        var bytes = await WriteUncheckedAsync(model);

        var inspection = await Inspector.InspectAsync(bytes, HubMessageKind.Edoc);

        Assert.False(inspection.Validation.IsValid);
        Assert.Contains(inspection.Validation.Errors, e => e.Path.EndsWith("Subject", StringComparison.Ordinal));
        Assert.Contains(inspection.Validation.Errors, e => e.Code.StartsWith("attachment.format", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InspectAsync_SignedDocument_IsValidWithoutSignatureWarning()
    {
        var signed = await SignAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 5));

        var inspection = await Inspector.InspectAsync(signed, HubMessageKind.Edoc);

        Assert.True(inspection.Validation.IsValid, string.Join("; ", inspection.Validation.Errors));
        Assert.DoesNotContain(inspection.Validation.Problems, p => p.Code.StartsWith("signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InspectAsync_SignedThenTampered_IsInvalid()
    {
        var signed = Encoding.UTF8.GetString(await SignAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 5)));
        var tampered = Encoding.UTF8.GetBytes(signed.Replace("liên thông số 5", "liên thông số 6", StringComparison.Ordinal));
        Assert.NotEqual(signed, Encoding.UTF8.GetString(tampered));

        var inspection = await Inspector.InspectAsync(tampered, HubMessageKind.Edoc);

        Assert.Contains(inspection.Validation.Errors, e => e.Code == "signature-invalid");
    }

    [Fact]
    public async Task InspectAsync_SignatureWrapping_IsInvalid()
    {
        var inspection = await Inspector.InspectAsync(await HostilePackages.SignatureWrappingAsync(), HubMessageKind.Edoc);

        Assert.Contains(inspection.Validation.Errors, e => e.Code is "signature-structure" or "signature-invalid");
    }

    [Fact]
    public async Task InspectAsync_SignatureWithGarbageCertificate_IsInvalidNotAnUnexpectedException()
    {
        var signed = Encoding.UTF8.GetString(await SignAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 5)));
        var garbage = System.Text.RegularExpressions.Regex.Replace(signed, "<(\\w+:)?X509Certificate>[^<]*<", "<$1X509Certificate>QUJDRA==<");
        Assert.NotEqual(signed, garbage);

        var inspection = await Inspector.InspectAsync(Encoding.UTF8.GetBytes(garbage), HubMessageKind.Edoc);

        Assert.Contains(inspection.Validation.Errors, e => e.Code is "signature-structure" or "signature-invalid");
    }

    [Fact]
    public async Task InspectAsync_RequireSignatureAndUnsigned_IsInvalid()
    {
        var inspector = new EdXmlPackageInspector(new EdXmlPackageInspectorOptions { RequireSignature = true });

        var inspection = await inspector.InspectAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 1), HubMessageKind.Edoc);

        Assert.Contains(inspection.Validation.Errors, e => e.Code == "signature-missing");
    }

    [Fact]
    public async Task InspectAsync_ZipBombAttachment_IsInvalid()
    {
        var inspection = await Inspector.InspectAsync(await HostilePackages.ZipBombAsync(), HubMessageKind.Edoc);

        Assert.Contains(inspection.Validation.Errors, e => e.Code == "zip-bomb");
    }

    [Theory]
    [InlineData("xxe")]
    [InlineData("billion-laughs")]
    [InlineData("external-dtd")]
    [InlineData("not-xml")]
    public async Task InspectAsync_HostileXml_ThrowsFormatException(string attack)
    {
        await Assert.ThrowsAnyAsync<EDocFormatException>(() => Inspector.InspectAsync(HostilePackages.Xml(attack), HubMessageKind.Edoc));
    }

    [Fact]
    public async Task StatusFactory_Code01_WritesARealStatusPackageTheInspectorReads()
    {
        var document = RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 9);
        var metadata = (await Inspector.InspectAsync(document, HubMessageKind.Edoc)).Metadata;
        var at = new DateTimeOffset(2026, 11, 24, 2, 30, 15, TimeSpan.Zero);

        var bytes = await new EdXmlStatusPackageFactory().CreateAsync(new StatusPackageRequest(metadata, document, "01", null, TestAgencies.B, at));

        var status = RealEdXml.ReadStatus(bytes).Status;
        Assert.Equal(EdXmlStatusCode.Arrived, status.StatusCode);
        Assert.Equal(TestAgencies.B, status.From?.OrganId);
        Assert.Equal(TestAgencies.A, status.ResponseFor?.OrganId);
        Assert.Equal("9/UBND-VX", status.ResponseFor?.Code);
        Assert.Equal(metadata.DocumentId, status.ResponseFor?.DocumentId?.ToString());
        Assert.Equal(new DateTime(2026, 11, 24, 9, 30, 15), status.Timestamp);
        Assert.Equal(EdXmlStatusCodes.GetDescriptionVi(EdXmlStatusCode.Arrived), status.Description);
        var inspection = await Inspector.InspectAsync(bytes, HubMessageKind.Status);
        Assert.True(inspection.Validation.IsValid, string.Join("; ", inspection.Validation.Errors));
        Assert.Equal(new PackageMetadata { Kind = HubMessageKind.Status, From = TestAgencies.B, To = inspection.Metadata.To, DocumentId = metadata.DocumentId, StatusCode = "01", CodeNumberNotation = "9/UBND-VX" }, inspection.Metadata);
        Assert.Equal([TestAgencies.A], inspection.Metadata.To);
    }

    [Fact]
    public async Task StatusFactory_Code02ForUnreadablePackage_CarriesTheReasonAndTheDocumentIdFromMetadata()
    {
        var metadata = new PackageMetadata { Kind = HubMessageKind.Edoc, From = TestAgencies.A, DocumentId = RealEdXml.DocumentId(TestAgencies.A, 4) };

        var bytes = await new EdXmlStatusPackageFactory().CreateAsync(new StatusPackageRequest(metadata, Encoding.UTF8.GetBytes("<not edxml"), "02", "Từ chối tiếp nhận: gói tin không hợp lệ", TestAgencies.B, DateTimeOffset.UtcNow));

        var status = RealEdXml.ReadStatus(bytes).Status;
        Assert.Equal(EdXmlStatusCode.Rejected, status.StatusCode);
        Assert.Equal("Từ chối tiếp nhận: gói tin không hợp lệ", status.Description);
        Assert.Equal(metadata.DocumentId, status.ResponseFor?.DocumentId?.ToString());
    }

    [Fact]
    public async Task StatusFactory_UnknownCode_ThrowsArgumentException()
    {
        var metadata = new PackageMetadata { Kind = HubMessageKind.Edoc, From = TestAgencies.A, DocumentId = RealEdXml.DocumentId(TestAgencies.A, 4) };

        await Assert.ThrowsAsync<ArgumentException>(() => new EdXmlStatusPackageFactory().CreateAsync(new StatusPackageRequest(metadata, default, "99", null, TestAgencies.B, DateTimeOffset.UtcNow)));
    }

    private static async Task<byte[]> SignAsync(byte[] package)
    {
        using var output = new MemoryStream();
        await new EdXmlSigner().SignAsync(new MemoryStream(package), output, EdXmlSignatureTests.CreateCertificate());
        return output.ToArray();
    }

    private static async Task<byte[]> WriteUncheckedAsync(EdocPackage model)
    {
        using var buffer = new MemoryStream();
        await new EdXmlWriter(new EdXmlWriterOptions { FormatInspector = null }).WriteAsync(model, buffer);
        return buffer.ToArray();
    }
}

/// <summary>Hostile packages: XML attacks, signature wrapping and a zip bomb.</summary>
internal static class HostilePackages
{
    private const string Body = "<edXMLEnvelope><edXMLHeader><MessageHeader><From><OrganId>000.00.00.H41</OrganId></From><To><OrganId>000.00.00.G22</OrganId></To><Subject>&x;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope>";

    public static byte[] Xml(string attack) => Encoding.UTF8.GetBytes(attack switch
    {
        "xxe" => $"<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><edXML>{Body}</edXML>",
        "external-dtd" => $"<?xml version=\"1.0\"?><!DOCTYPE edXML SYSTEM \"http://127.0.0.1:1/edxml.dtd\"><edXML>{Body}</edXML>",
        "billion-laughs" => BillionLaughs(),
        "not-xml" => "%PDF-1.4 this is not an edXML package",
        _ => throw new ArgumentOutOfRangeException(nameof(attack)),
    });

    /// <summary>A validly signed package with a second, forged copy of the signature moved into the header.</summary>
    public static async Task<byte[]> SignatureWrappingAsync()
    {
        using var output = new MemoryStream();
        await new EdXmlSigner().SignAsync(new MemoryStream(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 11)), output, EdXmlSignatureTests.CreateCertificate());
        var doc = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(output.ToArray()), System.Xml.Linq.LoadOptions.PreserveWhitespace);
        var signature = doc.Descendants().Single(e => e.Name.LocalName == "Signature");
        var messageHeader = doc.Descendants().Single(e => e.Name.LocalName == "MessageHeader");
        var forgedHeader = new System.Xml.Linq.XElement(messageHeader);
        forgedHeader.Descendants().First(e => e.Name.LocalName == "Subject").Value = "V/v nội dung giả mạo";
        messageHeader.AddAfterSelf(new System.Xml.Linq.XElement(signature));
        messageHeader.ReplaceWith(forgedHeader);
        return Encoding.UTF8.GetBytes(doc.ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
    }

    /// <summary>A package whose zipped attachment inflates 256 MiB of zeros (ratio about 1000).</summary>
    public static async Task<byte[]> ZipBombAsync()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("van-ban.pdf", CompressionLevel.SmallestSize).Open();
            await entry.WriteAsync(MinimalPdf.Create("bomb"));
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 256; i++)
            {
                await entry.WriteAsync(zeros);
            }
        }

        var model = RealEdXml.Model(TestAgencies.A, [TestAgencies.B], 12);
        model.Attachments[0] = EdXmlAttachment.FromBytes("van-ban.zip", zip.ToArray(), "application/zip", "a1");
        model.Attachments[0].IsZipped = true;
        using var buffer = new MemoryStream();
        await new EdXmlWriter(new EdXmlWriterOptions { FormatInspector = null }).WriteAsync(model, buffer);
        return buffer.ToArray();
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

public sealed class MinimalPdfTests
{
    [Fact]
    public void Create_AnyText_PassesQpdfCheckWithOnePage()
    {
        string path = Path.Combine(Path.GetTempPath(), "edoc-minimal-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, MinimalPdf.Create("Van ban (so 1) \\ thu"));
        try
        {
            var (check, checkOut) = Run("qpdf", "--check", path);
            var (pages, pagesOut) = Run("qpdf", "--show-npages", path);

            Assert.True(check == 0, "qpdf --check: " + checkOut);
            Assert.Equal(0, pages);
            Assert.Equal("1", pagesOut.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int ExitCode, string Output) Run(string tool, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        System.Diagnostics.Process process;
        try
        {
            process = System.Diagnostics.Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{tool}' is required by this test (Debian package qpdf; see scripts/test-tools.sh) and could not be started: {ex.Message}", ex);
        }

        using (process)
        {
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
    }
}
