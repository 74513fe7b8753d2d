namespace EDoc.Registers.Reports;

/// <summary>A reporting period: one half of a year (periods end in June and December) or the whole year.</summary>
/// <param name="Year">The year.</param>
/// <param name="Half">1 (January–June), 2 (July–December) or <see langword="null"/> for the whole year.</param>
public readonly record struct ReportPeriod(int Year, int? Half)
{
    /// <summary>The first day of the period.</summary>
    public DateOnly Start => new(Year, Half == 2 ? 7 : 1, 1);

    /// <summary>The last day of the period.</summary>
    public DateOnly End => Half == 1 ? new DateOnly(Year, 6, 30) : new DateOnly(Year, 12, 31);

    /// <summary>Whether a date is in the period.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    internal ReportPeriod Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Year, 1900, nameof(Year));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Year, 9999, nameof(Year));
        if (Half is not (null or 1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(Half), Half, "The half is 1 (January–June) or 2 (July–December).");
        }

        return this;
    }
}

/// <summary>What a row of the six-monthly report groups by.</summary>
public enum RateDimension
{
    /// <summary>All documents of the book.</summary>
    Total = 0,

    /// <summary>By form (hình thức): electronic, paper, both.</summary>
    Form = 1,

    /// <summary>By document type (loại văn bản).</summary>
    Type = 2,

    /// <summary>By sending or receiving method (phương thức).</summary>
    Method = 3,
}

/// <summary>One row of the six-monthly report: counts and the rate of electronic sending or receiving.</summary>
/// <param name="Book">Outgoing (gửi) or incoming (nhận).</param>
/// <param name="Dimension">What the row groups by.</param>
/// <param name="Key">The group, for example <c>Quyết định</c> or <c>Trục liên thông</c>.</param>
/// <param name="Total">Documents in the group.</param>
/// <param name="ElectronicOnly">Sent or received electronically only.</param>
/// <param name="ElectronicAndPaper">Sent or received electronically in parallel with paper.</param>
/// <param name="PaperOnly">Paper only.</param>
public sealed record TransmissionRateRow(RegisterBook Book, RateDimension Dimension, string Key, int Total, int ElectronicOnly, int ElectronicAndPaper, int PaperOnly)
{
    /// <summary>Percentage of the group sent or received electronically (alone or with paper), rounded to 2 decimals.</summary>
    public decimal ElectronicRatePercent => Total == 0 ? 0m : Math.Round(100m * (ElectronicOnly + ElectronicAndPaper) / Total, 2, MidpointRounding.AwayFromZero);

    /// <summary>Percentage of the group sent or received electronically only, rounded to 2 decimals.</summary>
    public decimal ElectronicOnlyRatePercent => Total == 0 ? 0m : Math.Round(100m * ElectronicOnly / Total, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The six-monthly report on electronic sending and receiving (báo cáo định kỳ 6 tháng): for outgoing and incoming
/// documents, counts and electronic rates in total and by form, type and method. Voided numbers are not counted;
/// outgoing documents count by document date, incoming ones by arrival date.
/// </summary>
/// <param name="Period">The period.</param>
/// <param name="Rows">The rows: per book, the total, then by form, type and method.</param>
public sealed record SemiannualReport(ReportPeriod Period, IReadOnlyList<TransmissionRateRow> Rows)
{
    /// <summary>Unit-less column headers of <see cref="ToTable"/>.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["Sổ", "Nhóm", "Giá trị", "Tổng số", "Chỉ điện tử", "Điện tử và giấy", "Chỉ giấy", "Tỷ lệ điện tử (%)", "Tỷ lệ chỉ điện tử (%)"];

    /// <summary>Computes the report from the register entries.</summary>
    /// <param name="period">The period.</param>
    /// <param name="outgoing">Outgoing entries (any year; filtered by the period).</param>
    /// <param name="incoming">Incoming entries (any year; filtered by the period).</param>
    /// <returns>The report.</returns>
    public static SemiannualReport Compute(ReportPeriod period, IEnumerable<OutgoingRegisterEntry> outgoing, IEnumerable<IncomingRegisterEntry> incoming)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        ArgumentNullException.ThrowIfNull(incoming);
        period = period.Validate();
        var sent = outgoing
            .Where(e => e.Status != RegisterEntryStatus.Voided && period.Contains(e.Date))
            .Select(e => (e.Form, Type: e.TypeName ?? TypeOf(e.TypeAbbreviation), e.Method))
            .ToList();
        var received = incoming
            .Where(e => e.Status != RegisterEntryStatus.Voided && period.Contains(e.ArrivalDate))
            .Select(e => (e.Form, Type: e.TypeName ?? "(không ghi loại)", e.Method))
            .ToList();
        var rows = new List<TransmissionRateRow>();
        rows.AddRange(RowsFor(RegisterBook.Outgoing, sent));
        rows.AddRange(RowsFor(RegisterBook.Incoming, received));
        return new SemiannualReport(period, rows);
    }

    /// <summary>The report as a table for CSV or XLSX.</summary>
    /// <returns>The table.</returns>
    public ReportTable ToTable()
    {
        var title = Period.Half is { } half
            ? $"BÁO CÁO TỶ LỆ GỬI, NHẬN VĂN BẢN ĐIỆN TỬ – 6 THÁNG {(half == 1 ? "ĐẦU" : "CUỐI")} NĂM {Period.Year}"
            : $"BÁO CÁO TỶ LỆ GỬI, NHẬN VĂN BẢN ĐIỆN TỬ – NĂM {Period.Year}";
        var rows = Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Book == RegisterBook.Outgoing ? "Văn bản đi" : "Văn bản đến", DimensionName(r.Dimension), r.Key, r.Total, r.ElectronicOnly,
            r.ElectronicAndPaper, r.PaperOnly, r.ElectronicRatePercent, r.ElectronicOnlyRatePercent,
        ]).ToList();
        return new ReportTable(title, Headers, rows);
    }

    internal static string TypeOf(string? abbreviation)
        => Numbering.OutgoingNotation.IsOfficialLetter(abbreviation) ? "Công văn" : abbreviation!.Trim();

    private static string DimensionName(RateDimension dimension) => dimension switch
    {
        RateDimension.Form => "Hình thức",
        RateDimension.Type => "Loại văn bản",
        RateDimension.Method => "Phương thức",
        _ => "Tổng",
    };

    private static string FormName(TransmissionForm form) => form switch
    {
        TransmissionForm.Electronic => "Điện tử",
        TransmissionForm.Paper => "Giấy",
        _ => "Điện tử và giấy",
    };

    private static IEnumerable<TransmissionRateRow> RowsFor(RegisterBook book, List<(TransmissionForm Form, string Type, string? Method)> items)
    {
        yield return Row(book, RateDimension.Total, "Tổng", items);
        foreach (var group in items.GroupBy(i => i.Form).OrderBy(g => g.Key))
        {
            yield return Row(book, RateDimension.Form, FormName(group.Key), group);
        }

        foreach (var group in items.GroupBy(i => i.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return Row(book, RateDimension.Type, group.Key, group);
        }

        foreach (var group in items.GroupBy(i => i.Method ?? "(không ghi)", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return Row(book, RateDimension.Method, group.Key, group);
        }
    }

    private static TransmissionRateRow Row(RegisterBook book, RateDimension dimension, string key, IEnumerable<(TransmissionForm Form, string Type, string? Method)> items)
    {
        int electronic = 0, both = 0, paper = 0;
        foreach (var item in items)
        {
            switch (item.Form)
            {
                case TransmissionForm.Electronic: electronic++; break;
                case TransmissionForm.Paper: paper++; break;
                default: both++; break;
            }
        }

        return new TransmissionRateRow(book, dimension, key, electronic + both + paper, electronic, both, paper);
    }
}
