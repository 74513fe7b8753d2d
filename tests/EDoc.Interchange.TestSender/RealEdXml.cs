using System.Globalization;
using System.Text;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Status;

namespace EDoc.Interchange.TestSender;

/// <summary>Real edXML packages (written by <see cref="EdXmlWriter"/>) with a small, structurally valid one-page PDF.</summary>
internal static class RealEdXml
{
    private static readonly EdXmlWriter Writer = new(new EdXmlWriterOptions { Indent = false });

    /// <summary>The DocumentId of document <paramref name="number"/> of an agency on a fixed day.</summary>
    public static string DocumentId(string organId, int number) => Id(organId, number).ToString();

    /// <summary>An edoc package from <paramref name="from"/> to <paramref name="to"/> with one PDF attachment.</summary>
    public static byte[] Document(string from, IEnumerable<string> to, int number, string? pdfText = null)
    {
        var package = Model(from, to, number, pdfText);
        using var buffer = new MemoryStream();
        Writer.WriteAsync(package, buffer).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>The edoc model written by <see cref="Document"/>.</summary>
    public static EdocPackage Model(string from, IEnumerable<string> to, int number, string? pdfText = null)
    {
        var id = Id(from, number);
        var package = new EdocPackage
        {
            MessageHeader = new EdXmlMessageHeader
            {
                From = new EdXmlOrganization { OrganId = from, OrganName = "Cơ quan " + from },
                DocumentId = id,
                Code = new EdXmlCode { CodeNumber = id.Number, CodeNotation = id.Notation },
                PromulgationInfo = new EdXmlPromulgationInfo { Place = "Nghệ An", PromulgationDate = id.Date },
                DocumentType = new EdXmlDocumentType { Type = 1, TypeDetail = "0", TypeName = "Công văn" },
                Subject = "V/v thử nghiệm liên thông số " + number.ToString(CultureInfo.InvariantCulture),
                SignerInfo = new EdXmlSignerInfo { Competence = "KT. CHỦ TỊCH", Position = "Phó Chủ tịch", FullName = "Nguyễn Văn A" },
                OtherInfo = new EdXmlOtherInfo { Priority = 0, PromulgationAmount = 1, PageAmount = 1 },
            },
        };
        foreach (string t in to)
        {
            package.MessageHeader.To.Add(new EdXmlOrganization { OrganId = t, OrganName = "Cơ quan " + t });
        }

        package.AddAttachment(EdXmlAttachment.FromBytes(
            id.Number + "-" + id.Notation + ".pdf", MinimalPdf.Create(pdfText ?? "Van ban so " + number.ToString(CultureInfo.InvariantCulture)), "application/pdf", "a1", "Văn bản"));
        return package;
    }

    /// <summary>Reads a status package with the real reader.</summary>
    public static StatusPackage ReadStatus(byte[] package)
        => (StatusPackage)new EdXmlReader().ReadAsync(new MemoryStream(package)).GetAwaiter().GetResult();

    private static EdXmlDocumentId Id(string organId, int number)
        => new(organId, new DateOnly(2026, 11, 24), number.ToString(CultureInfo.InvariantCulture), "UBND-VX");
}

