using System.Text.Json.Serialization;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// An agency (cơ quan, tổ chức) as edXML writes it in <c>From</c>, <c>To</c> and a status's <c>From</c>
/// (QCVN 102:2016 type <c>Organization</c>).
/// </summary>
public sealed class EdXmlOrganization
{
    /// <summary>Mã định danh of the agency, for example <c>000.00.00.H41</c>. Required.</summary>
    public string? OrganId { get; set; }

    /// <summary>The managing (parent) agency, as a name (cơ quan chủ quản).</summary>
    public string? OrganizationInCharge { get; set; }

    /// <summary>The agency name (tên cơ quan); at most 200 characters.</summary>
    public string? OrganName { get; set; }

    /// <summary>The address (địa chỉ); at most 500 characters.</summary>
    public string? OrganAdd { get; set; }

    /// <summary>The e-mail address; at most 100 characters.</summary>
    public string? Email { get; set; }

    /// <summary>The telephone number; at most 20 characters.</summary>
    public string? Telephone { get; set; }

    /// <summary>The fax number; at most 20 characters.</summary>
    public string? Fax { get; set; }

    /// <summary>The web site, as written in the package.</summary>
    public string? Website { get; set; }

    /// <summary>Child elements this SDK does not know, kept in document order for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>Người ký: the signer of the document as printed in its signature block.</summary>
public sealed class EdXmlSignerInfo
{
    /// <summary>The signing authority (thẩm quyền ký), for example <c>KT. CHỦ TỊCH</c> or <c>TL. BỘ TRƯỞNG</c>.</summary>
    public string? Competence { get; set; }

    /// <summary>The signer's title (chức vụ), for example <c>Phó Chủ tịch</c>.</summary>
    public string? Position { get; set; }

    /// <summary>The signer's full name (họ và tên).</summary>
    public string? FullName { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>Số và ký hiệu: the number and notation of a document.</summary>
public sealed class EdXmlCode
{
    /// <summary>Số: the document number, for example <c>123</c>; at most 11 characters. Required.</summary>
    public string? CodeNumber { get; set; }

    /// <summary>Ký hiệu: the notation, for example <c>UBND-VX</c>; at most 30 characters. Required.</summary>
    public string? CodeNotation { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>Địa danh và ngày ban hành: where and when the document was issued.</summary>
public sealed class EdXmlPromulgationInfo
{
    /// <summary>The place of issue (địa danh); at most 50 characters.</summary>
    public string? Place { get; set; }

    /// <summary>The issue date (ngày ban hành), written <c>yyyy/MM/dd</c>; must not be in the future.</summary>
    public DateOnly? PromulgationDate { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>Loại văn bản: the document type.</summary>
public sealed class EdXmlDocumentType
{
    /// <summary>
    /// 1 = administrative document (văn bản hành chính), 2 = legal normative document (văn bản quy phạm pháp luật);
    /// the hubs accept only these two values.
    /// </summary>
    public int? Type { get; set; }

    /// <summary>The detailed type code (samples use <c>0</c>; the code list is not public).</summary>
    public string? TypeDetail { get; set; }

    /// <summary>The type name, for example <c>Công văn</c>; at most 100 characters.</summary>
    public string? TypeName { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>
/// A reference to another document (<c>ResponseFor</c>): the document this one answers, or, in a status message,
/// the document whose status is reported.
/// </summary>
public sealed class EdXmlResponseFor
{
    /// <summary>Mã định danh of the agency that issued the referenced document.</summary>
    public string? OrganId { get; set; }

    /// <summary>The full number and notation (số/ký hiệu), for example <c>123/UBND-VX</c>.</summary>
    public string? Code { get; set; }

    /// <summary>The issue date of the referenced document.</summary>
    public DateOnly? PromulgationDate { get; set; }

    /// <summary>The referenced document's id.</summary>
    public EdXmlDocumentId? DocumentId { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>The clerk (văn thư) who handled a package or a status.</summary>
public sealed class EdXmlStaffInfo
{
    /// <summary>The department (đơn vị, phòng ban).</summary>
    public string? Department { get; set; }

    /// <summary>The staff member's name.</summary>
    public string? Staff { get; set; }

    /// <summary>The mobile phone number.</summary>
    public string? Mobile { get; set; }

    /// <summary>The e-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}
