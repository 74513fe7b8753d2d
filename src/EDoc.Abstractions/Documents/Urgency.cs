namespace EDoc.Documents;

/// <summary>
/// Độ khẩn: how fast a document must be handled. The numeric values are the edXML <c>OtherInfo/Priority</c> codes 0–4.
/// </summary>
public enum Urgency
{
    /// <summary>Thường: no urgency (edXML 0).</summary>
    Normal = 0,

    /// <summary>Khẩn (edXML 1).</summary>
    Urgent = 1,

    /// <summary>Thượng khẩn (edXML 2).</summary>
    VeryUrgent = 2,

    /// <summary>Hỏa tốc (edXML 3).</summary>
    Flash = 3,

    /// <summary>Hỏa tốc hẹn giờ: flash with a set delivery time (edXML 4; used by edXML-era systems, not in NĐ 30/2020).</summary>
    FlashScheduled = 4,
}

/// <summary>Độ mật: the secrecy level of a state secret (Luật Bảo vệ bí mật nhà nước). Secret documents are not sent electronically.</summary>
public enum Secrecy
{
    /// <summary>Not secret.</summary>
    None = 0,

    /// <summary>Mật.</summary>
    Confidential = 1,

    /// <summary>Tối mật.</summary>
    Secret = 2,

    /// <summary>Tuyệt mật.</summary>
    TopSecret = 3,
}

/// <summary>Names, stamp texts and edXML codes of <see cref="Urgency"/> and <see cref="Secrecy"/>.</summary>
public static class UrgencySecrecyExtensions
{
    /// <summary>The Vietnamese name, for example <c>Thượng khẩn</c>.</summary>
    /// <param name="urgency">The urgency.</param>
    /// <returns>The name (NFC).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToVietnameseName(this Urgency urgency) => urgency switch
    {
        Urgency.Normal => "Thường",
        Urgency.Urgent => "Khẩn",
        Urgency.VeryUrgent => "Thượng khẩn",
        Urgency.Flash => "Hỏa tốc",
        Urgency.FlashScheduled => "Hỏa tốc hẹn giờ",
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "Unknown urgency."),
    };

    /// <summary>The text of the red urgency stamp (dấu chỉ độ khẩn), for example <c>THƯỢNG KHẨN</c>; <see langword="null"/> for <see cref="Urgency.Normal"/>.</summary>
    /// <param name="urgency">The urgency.</param>
    /// <returns>The upper-case stamp text, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string? ToStampText(this Urgency urgency) => urgency switch
    {
        Urgency.Normal => null,
        Urgency.Urgent => "KHẨN",
        Urgency.VeryUrgent => "THƯỢNG KHẨN",
        Urgency.Flash => "HỎA TỐC",
        Urgency.FlashScheduled => "HỎA TỐC HẸN GIỜ",
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "Unknown urgency."),
    };

    /// <summary>Whether the document must be handled immediately (Khẩn or higher, NĐ 30/2020 art. 4.2.c and 24.2).</summary>
    /// <param name="urgency">The urgency.</param>
    /// <returns><see langword="true"/> for any urgency above <see cref="Urgency.Normal"/>.</returns>
    public static bool IsUrgent(this Urgency urgency) => urgency != Urgency.Normal;

    /// <summary>The edXML <c>Priority</c> code, 0–4.</summary>
    /// <param name="urgency">The urgency.</param>
    /// <returns>The code.</returns>
    public static int ToEdXmlCode(this Urgency urgency) => (int)urgency;

    /// <summary>Reads an edXML <c>Priority</c> code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="urgency">The urgency, when the code is 0–4.</param>
    /// <returns>Whether the code is defined.</returns>
    public static bool TryFromEdXmlCode(int code, out Urgency urgency)
    {
        urgency = (Urgency)code;
        return code is >= 0 and <= 4;
    }

    /// <summary>The Vietnamese name, for example <c>Tối mật</c>; <c>Thường</c> for <see cref="Secrecy.None"/>.</summary>
    /// <param name="secrecy">The secrecy level.</param>
    /// <returns>The name (NFC).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToVietnameseName(this Secrecy secrecy) => secrecy switch
    {
        Secrecy.None => "Thường",
        Secrecy.Confidential => "Mật",
        Secrecy.Secret => "Tối mật",
        Secrecy.TopSecret => "Tuyệt mật",
        _ => throw new ArgumentOutOfRangeException(nameof(secrecy), secrecy, "Unknown secrecy level."),
    };

    /// <summary>The text of the secrecy stamp, for example <c>TỐI MẬT</c>; <see langword="null"/> for <see cref="Secrecy.None"/>.</summary>
    /// <param name="secrecy">The secrecy level.</param>
    /// <returns>The upper-case stamp text, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string? ToStampText(this Secrecy secrecy) => secrecy switch
    {
        Secrecy.None => null,
        Secrecy.Confidential => "MẬT",
        Secrecy.Secret => "TỐI MẬT",
        Secrecy.TopSecret => "TUYỆT MẬT",
        _ => throw new ArgumentOutOfRangeException(nameof(secrecy), secrecy, "Unknown secrecy level."),
    };

    /// <summary>Whether the document is a state secret (any level above <see cref="Secrecy.None"/>, or an undefined value).</summary>
    /// <param name="secrecy">The secrecy level.</param>
    /// <returns><see langword="true"/> when the document must not be sent electronically.</returns>
    public static bool IsSecret(this Secrecy secrecy) => secrecy != Secrecy.None;
}
