using EDoc.Documents;
using EDoc.Registers.Calendar;
using EDoc.Registers.Deadlines;
using EDoc.Registers.Reports;
using EDoc.Registers.Storage;
using EDoc.Registers.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Registers.Tests.Reports;

public sealed class OverdueMonitorTests : IDisposable
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    // Tuesday 10 March 2026, 10:00 in Vietnam.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 10, 0, 0, Vn));
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task ListOverdue_RecordedAndUrgentDeadlines_ListsOnlyOpenOverdue()
    {
        var (store, _) = await SeedAsync();
        var monitor = new OverdueMonitor(store, Calculator(), timeProvider: clock);

        var items = await monitor.ListOverdueAsync();

        Assert.Equal(["A", "B"], items.Select(i => i.Entry.Subject));
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 17, 0, 0, Vn), items[0].DueAt);
        Assert.Equal(3, items[0].WorkingDaysOverdue); // Fri 6, Mon 9, Tue 10
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 8, 30, 0, Vn), items[1].DueAt); // Hỏa tốc: arrival + 30 min
        Assert.Equal(1, items[1].WorkingDaysOverdue);
    }

    [Fact]
    public async Task ListOverdueByUnitAndPerson_Default_GroupsByColumn7AndHandler()
    {
        var (store, _) = await SeedAsync();
        var monitor = new OverdueMonitor(store, Calculator(), timeProvider: clock);

        var byUnit = await monitor.ListOverdueByUnitAsync();
        var byPerson = await monitor.ListOverdueByPersonAsync();

        Assert.Equal([("Phòng KT", 2)], byUnit.Select(g => (g.Key, g.Count)));
        Assert.Equal([("Nguyễn Văn An", 1), ("Trần Thị Bình", 1)], byPerson.Select(g => (g.Key, g.Count)));
    }

    [Fact]
    public async Task ListOverdue_DefaultHandlingDays_ComputesDueInWorkingDays()
    {
        var (store, _) = await SeedAsync();
        var four = new OverdueMonitor(store, Calculator(), new OverdueMonitorOptions { DefaultHandlingWorkingDays = 4 }, clock);
        var five = new OverdueMonitor(store, Calculator(), new OverdueMonitorOptions { DefaultHandlingWorkingDays = 5 }, clock);

        var mine = await four.ListOverdueForPersonAsync("  nguyễn văn an ");

        // C arrived Tue 3 March: 4 working days → Mon 9 March 17:00 (overdue); 5 → Tue 10 March 17:00 (not yet).
        Assert.Equal(["A", "C"], mine.Select(i => i.Entry.Subject));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 0, 0, Vn), mine[1].DueAt);
        Assert.DoesNotContain(await five.ListOverdueAsync(), i => i.Entry.Subject == "C");
    }

    [Fact]
    public async Task ReportAsync_ComputedDueDates_FlagsUnitsOverHalf()
    {
        var (store, _) = await SeedAsync();
        var monitor = new OverdueMonitor(store, Calculator(), new OverdueMonitorOptions { DefaultHandlingWorkingDays = 4 }, clock);

        var report = await monitor.ReportAsync(new ReportPeriod(2026, 1), new DateOnly(2026, 3, 10));

        var hc = Assert.Single(report.Units, u => u.Unit == "Phòng HC");
        var kt = Assert.Single(report.Units, u => u.Unit == "Phòng KT");
        Assert.Equal((0, 0, 1, 0), (hc.OnTime, hc.HandledLate, hc.OverdueOpen, hc.NotYetDue));
        Assert.Equal((1, 0, 2, 1), (kt.OnTime, kt.HandledLate, kt.OverdueOpen, kt.NotYetDue));
        Assert.Equal(["Phòng HC", "Phòng KT"], report.FlaggedUnits.Select(u => u.Unit));
    }

    [Fact]
    public void Constructor_BadOptions_Throws()
    {
        var store = RegisterStoreFactory.Create(directory.File("x.db"));

        Assert.Throws<ArgumentOutOfRangeException>(() => new OverdueMonitor(store, Calculator(), new OverdueMonitorOptions { DefaultHandlingWorkingDays = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OverdueMonitor(store, Calculator(), new OverdueMonitorOptions { LookbackYears = 11 }));
    }

    private DeadlineCalculator Calculator() => new(WorkingDayCalendar.Default, clock);

    private async Task<(IRegisterStore Store, DocumentRegister Register)> SeedAsync()
    {
        var store = await RegisterStoreFactory.OpenAsync(directory.File("overdue.db"));
        var register = new DocumentRegister(store, null, clock);
        await Receive("A", new(2026, 3, 2, 9, 0, 0, Vn), "Phòng KT", "Nguyễn Văn An", new DateOnly(2026, 3, 5));
        await Receive("B", new(2026, 3, 9, 8, 0, 0, Vn), "Phòng KT", "Trần Thị Bình", null, Urgency.Flash);
        await Receive("C", new(2026, 3, 3, 9, 0, 0, Vn), "Phòng HC", "Nguyễn Văn An", null);
        var d = await Receive("D", new(2026, 3, 2, 9, 0, 0, Vn), "Phòng KT", "Trần Thị Bình", new DateOnly(2026, 3, 5));
        await Receive("E", new(2026, 3, 9, 9, 0, 0, Vn), "Phòng KT", null, new DateOnly(2026, 3, 12));
        await register.UpdateFollowUpAsync(d.Id, new FollowUpUpdate { HandledDate = new DateOnly(2026, 3, 4) });
        return (store, register);

        Task<IncomingRegisterEntry> Receive(string subject, DateTimeOffset arrived, string unit, string? handler, DateOnly? due, Urgency urgency = Urgency.Normal)
            => register.ReceiveAsync(new IncomingReceiveRequest
            {
                SenderCode = "000.00.00.H01",
                DocumentNumber = $"{subject}/UBND",
                DocumentDate = DateOnly.FromDateTime(arrived.DateTime),
                Subject = subject,
                ArrivedAt = arrived,
                RecipientUnit = unit,
                Handler = handler,
                DueDate = due,
                Urgency = urgency,
            });
    }
}
