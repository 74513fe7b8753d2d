using EDoc.Registers.Reports;
using EDoc.Registers.Storage;
using EDoc.Registers.Tests.TestSupport;

namespace EDoc.Registers.Tests.Reports;

public sealed class ReportTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory directory = new();
    private IRegisterStore store = null!;

    public async Task InitializeAsync()
    {
        store = await RegisterStoreFactory.OpenAsync(directory.File("reports.db"));
        await SeededRegisters.SeedAsync(store);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Semiannual_FirstHalf_MatchesHandComputedFigures()
    {
        var report = await RegisterReports.SemiannualAsync(store, new ReportPeriod(2026, 1));

        // Outgoing, 1 Jan – 30 Jun, voided number excluded: 4 documents; E-only 2, both 1, paper 1.
        Assert.Equal(
            [
                Row(RegisterBook.Outgoing, RateDimension.Total, "Tổng", 4, 2, 1, 1),
                Row(RegisterBook.Outgoing, RateDimension.Form, "Điện tử", 2, 2, 0, 0),
                Row(RegisterBook.Outgoing, RateDimension.Form, "Giấy", 1, 0, 0, 1),
                Row(RegisterBook.Outgoing, RateDimension.Form, "Điện tử và giấy", 1, 0, 1, 0),
                Row(RegisterBook.Outgoing, RateDimension.Type, "Công văn", 1, 0, 1, 0),
                Row(RegisterBook.Outgoing, RateDimension.Type, "Quyết định", 2, 1, 0, 1),
                Row(RegisterBook.Outgoing, RateDimension.Type, "Thông báo", 1, 1, 0, 0),
                Row(RegisterBook.Outgoing, RateDimension.Method, "Bưu chính", 1, 0, 0, 1),
                Row(RegisterBook.Outgoing, RateDimension.Method, "Thư điện tử", 1, 1, 0, 0),
                Row(RegisterBook.Outgoing, RateDimension.Method, "Trục liên thông", 2, 1, 1, 0),
                Row(RegisterBook.Incoming, RateDimension.Total, "Tổng", 7, 5, 1, 1),
                Row(RegisterBook.Incoming, RateDimension.Form, "Điện tử", 5, 5, 0, 0),
                Row(RegisterBook.Incoming, RateDimension.Form, "Giấy", 1, 0, 0, 1),
                Row(RegisterBook.Incoming, RateDimension.Form, "Điện tử và giấy", 1, 0, 1, 0),
                Row(RegisterBook.Incoming, RateDimension.Type, "Công văn", 4, 4, 0, 0),
                Row(RegisterBook.Incoming, RateDimension.Type, "Giấy mời", 1, 1, 0, 0),
                Row(RegisterBook.Incoming, RateDimension.Type, "Quyết định", 1, 0, 0, 1),
                Row(RegisterBook.Incoming, RateDimension.Type, "Thông báo", 1, 0, 1, 0),
                Row(RegisterBook.Incoming, RateDimension.Method, "(không ghi)", 1, 1, 0, 0),
                Row(RegisterBook.Incoming, RateDimension.Method, "Bưu chính", 1, 0, 0, 1),
                Row(RegisterBook.Incoming, RateDimension.Method, "Thư điện tử", 1, 1, 0, 0),
                Row(RegisterBook.Incoming, RateDimension.Method, "Trục liên thông", 4, 3, 1, 0),
            ],
            report.Rows);
        Assert.Equal(75m, report.Rows[0].ElectronicRatePercent);       // (2 + 1) / 4
        Assert.Equal(50m, report.Rows[0].ElectronicOnlyRatePercent);   // 2 / 4
        Assert.Equal(85.71m, report.Rows[10].ElectronicRatePercent);   // 6 / 7
        Assert.Equal(71.43m, report.Rows[10].ElectronicOnlyRatePercent); // 5 / 7
        Assert.Equal(50m, report.Rows[5].ElectronicRatePercent);       // Quyết định: 1 / 2
    }

    [Fact]
    public async Task Semiannual_SecondHalf_CountsOnlyJulyToDecember()
    {
        var report = await RegisterReports.SemiannualAsync(store, new ReportPeriod(2026, 2));

        Assert.Equal(Row(RegisterBook.Outgoing, RateDimension.Total, "Tổng", 1, 1, 0, 0), report.Rows.First(r => r.Book == RegisterBook.Outgoing));
        Assert.Equal(Row(RegisterBook.Incoming, RateDimension.Total, "Tổng", 1, 0, 0, 1), report.Rows.First(r => r.Book == RegisterBook.Incoming));
        Assert.Equal(new DateOnly(2026, 7, 1), report.Period.Start);
        Assert.Equal(new DateOnly(2026, 12, 31), report.Period.End);
    }

    [Fact]
    public async Task Overdue_FirstHalf_MatchesHandComputedFiguresAndFlagsUnitsOverHalf()
    {
        var report = await RegisterReports.OverdueAsync(store, new ReportPeriod(2026, 1), new DateOnly(2026, 6, 30));

        // Nội vụ: d on time (handled on the due date), e not yet due, f has no deadline, g recalled.
        // Tài chính: a on time, b handled late, c open past its deadline.
        Assert.Equal(
            [new OverdueUnitRow("Phòng Nội vụ", 1, 0, 0, 1), new OverdueUnitRow("Phòng Tài chính", 1, 1, 1, 0)],
            report.Units);
        Assert.Equal(new OverdueUnitRow("Tổng", 2, 1, 1, 1), report.Total);
        Assert.Equal(66.67m, report.Units[1].OverdueRatePercent);
        Assert.Equal(0m, report.Units[0].OverdueRatePercent);
        Assert.Equal(50m, report.Total.OverdueRatePercent);
        Assert.False(report.Total.OverHalfOverdue); // exactly half is not "over 50%"
        Assert.Equal(["Phòng Tài chính"], report.FlaggedUnits.Select(u => u.Unit));
    }

    [Fact]
    public async Task Overdue_EarlierReportDate_OpenDocumentNotYetOverdue()
    {
        var report = await RegisterReports.OverdueAsync(store, new ReportPeriod(2026, 1), new DateOnly(2026, 3, 5));

        var finance = report.Units.Single(u => u.Unit == "Phòng Tài chính");
        Assert.Equal(new OverdueUnitRow("Phòng Tài chính", 1, 1, 0, 1), finance); // c is due on 5 March: not overdue that day
        Assert.Equal(50m, finance.OverdueRatePercent);
    }

    [Fact]
    public void Period_InvalidHalf_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SemiannualReport.Compute(new ReportPeriod(2026, 3), [], []));
    }

    private static TransmissionRateRow Row(RegisterBook book, RateDimension dimension, string key, int total, int electronic, int both, int paper)
        => new(book, dimension, key, total, electronic, both, paper);
}
