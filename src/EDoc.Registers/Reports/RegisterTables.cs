using System.Globalization;

namespace EDoc.Registers.Reports;

/// <summary>
/// Turns register entries into the printable forms of NĐ 30/2020 Annex IV, with every column. Voided and recalled
/// entries stay in the table; their state, who, when and why are written in the notes column.
/// </summary>
public static class RegisterTables
{
    /// <summary>The ten columns of the outgoing register (sổ đăng ký văn bản đi).</summary>
    public static IReadOnlyList<string> OutgoingHeaders { get; } =
    [
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký", "Nơi nhận văn bản",
        "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ];

    /// <summary>The ten columns of the incoming register (sổ đăng ký văn bản đến).</summary>
    public static IReadOnlyList<string> IncomingHeaders { get; } =
    [
        "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung",
        "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ];

    /// <summary>The seven columns of the follow-up register (sổ theo dõi giải quyết văn bản đến).</summary>
    public static IReadOnlyList<string> FollowUpHeaders { get; } =
    [
        "Số đến", "Tên loại, số, ký hiệu, ngày tháng văn bản và cơ quan ban hành", "Đơn vị hoặc người nhận", "Thời hạn giải quyết",
        "Tiến độ giải quyết", "Số, ký hiệu văn bản trả lời", "Ghi chú",
    ];

    /// <summary>The outgoing register of a year.</summary>
    /// <param name="entries">The entries, in register order.</param>
    /// <param name="year">The year, for the title.</param>
    /// <returns>The table.</returns>
    public static ReportTable Outgoing(IEnumerable<OutgoingRegisterEntry> entries, int year)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries.Select(e => (IReadOnlyList<object?>)
        [
            e.Notation, Date(e.Date), Join(e.TypeName, e.Subject), e.Signer, e.Recipients, e.FileCopyHolder, e.CopyCount,
            Date(e.TransferDate), e.Acknowledgement, Notes(e.Notes, e.Status, e.StatusChangedAt, e.StatusChangedBy, e.StatusReason),
        ]).ToList();
        return new ReportTable(string.Create(CultureInfo.InvariantCulture, $"SỔ ĐĂNG KÝ VĂN BẢN ĐI – NĂM {year}"), OutgoingHeaders, rows);
    }

    /// <summary>The incoming register of a year.</summary>
    /// <param name="entries">The entries, in arrival order.</param>
    /// <param name="year">The year, for the title.</param>
    /// <returns>The table.</returns>
    public static ReportTable Incoming(IEnumerable<IncomingRegisterEntry> entries, int year)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries.Select(e => (IReadOnlyList<object?>)
        [
            Date(e.ArrivalDate), e.ArrivalNumberText, e.SenderName, e.DocumentNumber, Date(e.DocumentDate), Join(e.TypeName, e.Subject),
            e.RecipientUnit, Date(e.TransferDate), e.Acknowledgement, Notes(e.Notes, e.Status, e.StatusChangedAt, e.StatusChangedBy, e.StatusReason),
        ]).ToList();
        return new ReportTable(string.Create(CultureInfo.InvariantCulture, $"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN – NĂM {year}"), IncomingHeaders, rows);
    }

    /// <summary>The follow-up register of a year.</summary>
    /// <param name="entries">The incoming entries, in arrival order.</param>
    /// <param name="year">The year, for the title.</param>
    /// <returns>The table.</returns>
    public static ReportTable FollowUp(IEnumerable<IncomingRegisterEntry> entries, int year)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries.Select(e => (IReadOnlyList<object?>)
        [
            e.ArrivalNumberText,
            string.Join(", ", new[] { e.TypeName, e.DocumentNumber, Date(e.DocumentDate), e.SenderName }.Where(s => !string.IsNullOrEmpty(s))),
            e.RecipientUnit, Date(e.DueDate), Progress(e), e.ReplyNotation,
            Notes(e.Notes, e.Status, e.StatusChangedAt, e.StatusChangedBy, e.StatusReason),
        ]).ToList();
        return new ReportTable(string.Create(CultureInfo.InvariantCulture, $"SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN – NĂM {year}"), FollowUpHeaders, rows);
    }

    internal static string? Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string? Progress(IncomingRegisterEntry e)
        => e.HandledDate is { } handled
            ? Join(e.Progress, "Đã giải quyết " + Date(handled))
            : e.Progress;

    private static string Join(string? first, string? second)
        => string.Join(" ", new[] { first, second }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string? Notes(string? notes, RegisterEntryStatus status, DateTimeOffset? at, string? by, string? reason)
    {
        if (status == RegisterEntryStatus.Active)
        {
            return notes;
        }

        var state = status == RegisterEntryStatus.Voided ? "ĐÃ HỦY SỐ" : "ĐÃ THU HỒI";
        var when = at?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        var text = $"{state} {when} – {by}: {reason}";
        return string.IsNullOrEmpty(notes) ? text : notes + "; " + text;
    }
}
