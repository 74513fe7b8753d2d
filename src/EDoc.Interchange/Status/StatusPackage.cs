using System.Text.Json.Serialization;
using System.Xml.Linq;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.Status;

/// <summary>
/// A status package (gói tin trạng thái, QCVN 102:2016): the same <c>edXML/edXMLEnvelope/edXMLHeader</c> shell holding a
/// <c>Status</c> instead of a <c>MessageHeader</c>, with no body and no attachments.
/// </summary>
public sealed class StatusPackage : EdXmlPackage
{
    /// <summary>The status message.</summary>
    public EdXmlStatus Status { get; set; } = new();
}

/// <summary>The <c>Status</c> element: who reports which status of which document.</summary>
public sealed class EdXmlStatus
{
    /// <summary>The document whose status is reported. <c>Code</c> and <c>DocumentId</c> are required.</summary>
    public EdXmlResponseFor? ResponseFor { get; set; }

    /// <summary>The agency that reports.</summary>
    public EdXmlOrganization? From { get; set; }

    /// <summary>The status code (two digits on the wire). Required.</summary>
    public EdXmlStatusCode? StatusCode { get; set; }

    /// <summary>Free text, for example <c>Đã tiếp nhận</c>.</summary>
    public string? Description { get; set; }

    /// <summary>When the event happened, in Vietnam time; written <c>yyyy/MM/dd HH:mm:ss</c>.</summary>
    public DateTime? Timestamp { get; set; }

    /// <summary>The clerk who reports.</summary>
    public EdXmlStaffInfo? StaffInfo { get; set; }

    /// <summary>Child elements this SDK does not know, kept for round-trips.</summary>
    [JsonConverter(typeof(XElementListJsonConverter))]
    public IList<XElement> UnknownElements { get; set; } = [];
}

/// <summary>The status codes of a status package (§6), written as two digits.</summary>
public enum EdXmlStatusCode
{
    /// <summary>01 Đã đến: the software received the document; the clerk has not processed it yet.</summary>
    Arrived = 1,

    /// <summary>02 Từ chối tiếp nhận: the document is rejected (returned).</summary>
    Rejected = 2,

    /// <summary>03 Đã tiếp nhận: the document is accepted and registered.</summary>
    Accepted = 3,

    /// <summary>04 Đã đến, chờ phân công: awaiting assignment.</summary>
    AwaitingAssignment = 4,

    /// <summary>05 Đã phân công, đang xử lý: assigned and being processed.</summary>
    Processing = 5,

    /// <summary>06 Đã xử lý xong: processing finished.</summary>
    Finished = 6,

    /// <summary>13 Thu hồi: the sender recalls the document.</summary>
    Recalled = 13,

    /// <summary>15 Đồng ý thu hồi/cập nhật: the recipient agrees to a revocation or update.</summary>
    ChangeAccepted = 15,

    /// <summary>16 Từ chối thu hồi/cập nhật: the recipient refuses a revocation or update.</summary>
    ChangeRejected = 16,
}

/// <summary>Meanings and wire forms of <see cref="EdXmlStatusCode"/>.</summary>
public static class EdXmlStatusCodes
{
    /// <summary>Every code QCVN 102:2016 status messages use.</summary>
    public static IReadOnlyList<EdXmlStatusCode> All { get; } =
    [
        EdXmlStatusCode.Arrived, EdXmlStatusCode.Rejected, EdXmlStatusCode.Accepted, EdXmlStatusCode.AwaitingAssignment,
        EdXmlStatusCode.Processing, EdXmlStatusCode.Finished, EdXmlStatusCode.Recalled, EdXmlStatusCode.ChangeAccepted,
        EdXmlStatusCode.ChangeRejected,
    ];

    /// <summary>Whether a code is one of the known codes.</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> for 01–06, 13, 15 and 16.</returns>
    public static bool IsKnown(EdXmlStatusCode code) => All.Contains(code);

    /// <summary>The two-digit wire form, for example <c>03</c>.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The text.</returns>
    public static string ToWire(EdXmlStatusCode code) => ((int)code).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses the wire form (<c>03</c> or <c>3</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="code">The code; any number 0–99 is accepted here, check <see cref="IsKnown"/>.</param>
    /// <returns><see langword="true"/> when the text is a number 0–99.</returns>
    public static bool TryParse(string? text, out EdXmlStatusCode code)
    {
        code = default;
        if (text is null || !int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value > 99)
        {
            return false;
        }

        code = (EdXmlStatusCode)value;
        return true;
    }

    /// <summary>The Vietnamese meaning, used as the default description of a status.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The meaning, or <see langword="null"/> for an unknown code.</returns>
    public static string? GetDescriptionVi(EdXmlStatusCode code) => code switch
    {
        EdXmlStatusCode.Arrived => "Đã đến",
        EdXmlStatusCode.Rejected => "Từ chối tiếp nhận",
        EdXmlStatusCode.Accepted => "Đã tiếp nhận",
        EdXmlStatusCode.AwaitingAssignment => "Đã đến, chờ phân công",
        EdXmlStatusCode.Processing => "Đã phân công, đang xử lý",
        EdXmlStatusCode.Finished => "Đã xử lý xong",
        EdXmlStatusCode.Recalled => "Thu hồi",
        EdXmlStatusCode.ChangeAccepted => "Đồng ý thu hồi/cập nhật",
        EdXmlStatusCode.ChangeRejected => "Từ chối thu hồi/cập nhật",
        _ => null,
    };

    /// <summary>The English meaning.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The meaning, or <see langword="null"/> for an unknown code.</returns>
    public static string? GetDescription(EdXmlStatusCode code) => code switch
    {
        EdXmlStatusCode.Arrived => "arrived (not processed yet)",
        EdXmlStatusCode.Rejected => "rejected",
        EdXmlStatusCode.Accepted => "accepted and registered",
        EdXmlStatusCode.AwaitingAssignment => "awaiting assignment",
        EdXmlStatusCode.Processing => "assigned, being processed",
        EdXmlStatusCode.Finished => "finished",
        EdXmlStatusCode.Recalled => "recalled by the sender",
        EdXmlStatusCode.ChangeAccepted => "revocation or update accepted",
        EdXmlStatusCode.ChangeRejected => "revocation or update refused",
        _ => null,
    };
}

/// <summary>Builds status packages that answer a received edoc package.</summary>
public static class StatusPackageFactory
{
    /// <summary>
    /// Builds the status package an agency sends back for a received document: <c>ResponseFor</c> is filled from the
    /// document's header (sender, số/ký hiệu, issue date, DocumentId), the timestamp is now in Vietnam time and the
    /// description defaults to the code's Vietnamese meaning.
    /// </summary>
    /// <param name="received">The received document.</param>
    /// <param name="code">The status.</param>
    /// <param name="from">The reporting agency.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="description">The description; the code's meaning when <see langword="null"/>.</param>
    /// <param name="staffInfo">The clerk, or <see langword="null"/>.</param>
    /// <returns>The status package.</returns>
    public static StatusPackage CreateFor(
        EdocPackage received,
        EdXmlStatusCode code,
        EdXmlOrganization from,
        TimeProvider? timeProvider = null,
        string? description = null,
        EdXmlStaffInfo? staffInfo = null)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(from);
        var header = received.MessageHeader;
        var now = EDoc.Time.VietnamTime.Now(timeProvider ?? TimeProvider.System);
        var codeText = header.Code is { CodeNumber: { } number, CodeNotation: { } notation }
            ? number + "/" + notation
            : header.DocumentId?.Code;
        return new StatusPackage
        {
            Status = new EdXmlStatus
            {
                ResponseFor = new EdXmlResponseFor
                {
                    OrganId = header.From?.OrganId ?? header.DocumentId?.OrganId,
                    Code = codeText,
                    PromulgationDate = header.PromulgationInfo?.PromulgationDate ?? header.DocumentId?.Date,
                    DocumentId = header.DocumentId,
                },
                From = from,
                StatusCode = code,
                Description = description ?? EdXmlStatusCodes.GetDescriptionVi(code),
                Timestamp = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Unspecified),
                StaffInfo = staffInfo,
            },
        };
    }
}
