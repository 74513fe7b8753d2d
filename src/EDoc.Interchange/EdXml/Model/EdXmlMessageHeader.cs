using System.Text.Json.Serialization;
using System.Xml.Linq;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// The <c>MessageHeader</c> of an edoc package (QCVN 102:2016 §3): who sends the document to whom, and its
/// metadata (số, ký hiệu, ngày ban hành, trích yếu, người ký, độ khẩn …).
/// </summary>
public sealed class EdXmlMessageHeader
{
    /// <summary>The sending agency (cơ quan gửi). Required.</summary>
    public EdXmlOrganization? From { get; set; }

    /// <summary>The recipients (cơ quan nhận), one per agency; at least one, without duplicates.</summary>
    public IList<EdXmlOrganization> To { get; set; } = [];

    /// <summary>Mã văn bản: <c>{OrganId},{yyyy/MM/dd},{number}/{notation}</c>.</summary>
    public EdXmlDocumentId? DocumentId { get; set; }

    /// <summary>Số và ký hiệu. Required.</summary>
    public EdXmlCode? Code { get; set; }

    /// <summary>Địa danh và ngày ban hành.</summary>
    public EdXmlPromulgationInfo? PromulgationInfo { get; set; }

    /// <summary>Loại văn bản.</summary>
    public EdXmlDocumentType? DocumentType { get; set; }

    /// <summary>Trích yếu: the abstract; at most 500 characters. Required.</summary>
    public string? Subject { get; set; }

    /// <summary>The summary or content; at most 500 characters.</summary>
    public string? Content { get; set; }

    /// <summary>Người ký.</summary>
    public EdXmlSignerInfo? SignerInfo { get; set; }

    /// <summary>Hạn xử lý: the processing deadline.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>Nơi nhận: the distribution list text, one entry per place (each at most 150 characters).</summary>
    public IList<string>? ToPlaces { get; set; }

    /// <summary>Other information: urgency, circulation scope, copies, pages, appendixes.</summary>
    public EdXmlOtherInfo? OtherInfo { get; set; }

    /// <summary>The documents this one answers (văn bản trả lời cho).</summary>
    public IList<EdXmlResponseFor> ResponseFor { get; set; } = [];

    /// <summary>Loại chỉ đạo: the directive type (samples use 0 and 1; the code list is not public).</summary>
    public int? SteeringType { get; set; }

    /// <summary>Child elements this SDK does not know (for example Bkav's <c>ResponseForTask</c>), kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary><c>OtherInfo</c>: độ khẩn, phạm vi lưu hành, số bản, số trang, phụ lục.</summary>
public sealed class EdXmlOtherInfo
{
    /// <summary>Độ khẩn: 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ (see <see cref="EdXmlPriority"/>).</summary>
    public int? Priority { get; set; }

    /// <summary>Phạm vi lưu hành: the circulation scope; at most 100 characters.</summary>
    public string? SphereOfPromulgation { get; set; }

    /// <summary>The drafter's unit or initials (ký hiệu người đánh máy); at most 10 characters.</summary>
    public string? TyperNotation { get; set; }

    /// <summary>Số lượng bản phát hành: the number of copies issued.</summary>
    public int? PromulgationAmount { get; set; }

    /// <summary>Số trang: the number of pages of the document; checked against the PDF when a page counter is given.</summary>
    public int? PageAmount { get; set; }

    /// <summary>Phụ lục: appendix names; <see langword="null"/> when the element is absent.</summary>
    public IList<string>? Appendixes { get; set; }

    /// <summary><c>Direction</c> (seen as <c>false</c> in the VPCP sample; its meaning is not documented).</summary>
    public bool? Direction { get; set; }

    /// <summary>Child elements this SDK does not know (for example Bkav's <c>ReplyFors</c>), kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>The urgency code list (độ khẩn) of <see cref="EdXmlOtherInfo.Priority"/>.</summary>
public static class EdXmlPriority
{
    /// <summary>Thường (normal).</summary>
    public const int Normal = 0;

    /// <summary>Khẩn (urgent).</summary>
    public const int Urgent = 1;

    /// <summary>Thượng khẩn (very urgent).</summary>
    public const int VeryUrgent = 2;

    /// <summary>Hỏa tốc (express).</summary>
    public const int Express = 3;

    /// <summary>Hỏa tốc hẹn giờ (express, timed).</summary>
    public const int ExpressTimed = 4;

    /// <summary>The Vietnamese label of a priority code.</summary>
    /// <param name="priority">The code.</param>
    /// <returns>The label, or <see langword="null"/> for an unknown code.</returns>
    public static string? GetLabel(int priority) => priority switch
    {
        Normal => "Thường",
        Urgent => "Khẩn",
        VeryUrgent => "Thượng khẩn",
        Express => "Hỏa tốc",
        ExpressTimed => "Hỏa tốc hẹn giờ",
        _ => null,
    };
}
