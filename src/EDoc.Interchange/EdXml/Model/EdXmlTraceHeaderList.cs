using System.Text.Json.Serialization;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary><c>TraceHeaderList</c>: the routing trace (lưu vết) and the business action of a package.</summary>
public sealed class EdXmlTraceHeaderList
{
    /// <summary>One entry per hop.</summary>
    public IList<EdXmlTraceHeader> TraceHeaders { get; set; } = [];

    /// <summary>The business action (written <c>Bussiness</c> on the wire), or <see langword="null"/>.</summary>
    public EdXmlBusiness? Business { get; set; }

    /// <summary>
    /// Attributes of the element (one builder writes <c>id</c>, <c>version</c>, <c>mustUnderstand</c>, <c>actor</c>),
    /// kept for round-trips; keys are expanded names (<c>{namespace}local</c> or <c>local</c>).
    /// </summary>
    public IDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>One hop of the routing trace.</summary>
public sealed class EdXmlTraceHeader
{
    /// <summary>Mã định danh of the agency or hub at this hop.</summary>
    public string? OrganId { get; set; }

    /// <summary>When the package passed the hop, in Vietnam time; written <c>yyyy/MM/dd HH:mm:ss</c>.</summary>
    public DateTime? Timestamp { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>The business action of a package (<c>BussinessDocType</c>).</summary>
public enum EdXmlBusinessDocType
{
    /// <summary>0: a new document (văn bản điện tử mới).</summary>
    New = 0,

    /// <summary>1: revocation (thu hồi) of a document sent earlier.</summary>
    Revoke = 1,

    /// <summary>2: update (cập nhật) of a document sent earlier, for example its recipients.</summary>
    Update = 2,

    /// <summary>3: replacement (thay thế) of a document sent earlier.</summary>
    Replace = 3,
}

/// <summary><c>Bussiness</c>: the business action and the clerk who sent the package.</summary>
public sealed class EdXmlBusiness
{
    /// <summary>The action; the hubs accept 0–3.</summary>
    public EdXmlBusinessDocType? BusinessDocType { get; set; }

    /// <summary>The reason text, for example <c>Văn bản điện tử mới</c>.</summary>
    public string? BusinessDocReason { get; set; }

    /// <summary>The document targeted by a revocation, update or replacement.</summary>
    public EdXmlDocumentId? DocumentId { get; set; }

    /// <summary>0 = no paper copy sent, 1 = a paper copy is also sent.</summary>
    public int? Paper { get; set; }

    /// <summary>The clerk (văn thư).</summary>
    public EdXmlStaffInfo? StaffInfo { get; set; }

    /// <summary>For updates: what changes and the recipients added or removed.</summary>
    public EdXmlBusinessDocumentInfo? BusinessDocumentInfo { get; set; }

    /// <summary>For replacements: which documents are replaced, and for whom; <see langword="null"/> when absent.</summary>
    public IList<EdXmlReplacementInfo>? ReplacementInfoList { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary><c>BussinessDocumentInfo</c>: the content of an update.</summary>
public sealed class EdXmlBusinessDocumentInfo
{
    /// <summary><c>DocumentInfo</c>: whether the document information changes (as written, usually 0 or 1).</summary>
    public string? DocumentInfo { get; set; }

    /// <summary><c>DocumentReceiver</c>: whether the recipients change (as written, usually 0 or 1).</summary>
    public string? DocumentReceiver { get; set; }

    /// <summary>The recipients added or removed; <see langword="null"/> when <c>ReceiverList</c> is absent.</summary>
    public IList<EdXmlReceiver>? ReceiverList { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>A recipient added to or removed from a document by an update.</summary>
public sealed class EdXmlReceiver
{
    /// <summary>0 = recipient removed, 1 = recipient added.</summary>
    public int? ReceiverType { get; set; }

    /// <summary>Mã định danh of the recipient.</summary>
    public string? OrganId { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>A replaced document and the agencies the replacement concerns.</summary>
public sealed class EdXmlReplacementInfo
{
    /// <summary>The replaced document.</summary>
    public EdXmlDocumentId? DocumentId { get; set; }

    /// <summary>The agencies concerned (<c>OrganIdList/OrganId</c>).</summary>
    public IList<string> OrganIdList { get; set; } = [];

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}
