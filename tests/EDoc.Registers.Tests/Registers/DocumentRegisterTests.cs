using EDoc.Registers.Numbering;
using EDoc.Registers.Storage;
using EDoc.Registers.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Registers.Tests.Registers;

public sealed class DocumentRegisterTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void DueDateAfter_WithCalendar_SkipsNonWorkingDays()
    {
        var register = new DocumentRegister(RegisterStoreFactory.Create(directory.File("a.db")), new DocumentRegisterOptions { Calendar = new WeekdayCalendar() });

        var due = register.DueDateAfter(new DateOnly(2026, 11, 27), 1); // Friday + 1 working day

        Assert.Equal(new DateOnly(2026, 11, 30), due);
    }

    [Fact]
    public void DueDateAfter_NoCalendar_ThrowsInvalidOperation()
    {
        var register = new DocumentRegister(RegisterStoreFactory.Create(directory.File("a.db")));

        Assert.Throws<InvalidOperationException>(() => register.DueDateAfter(new DateOnly(2026, 11, 27), 1));
    }

    [Fact]
    public async Task Issue_NoDate_UsesTodayInVietnamAndItsYear()
    {
        await using var store = await RegisterStoreFactory.OpenAsync(directory.File("b.db"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero)); // 1 Jan 2027 00:30 in Vietnam
        var register = new DocumentRegister(store, timeProvider: clock);

        var entry = await register.IssueAsync(new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "UBND" });

        Assert.Equal((2027, 1, new DateOnly(2027, 1, 1)), (entry.Year, entry.Number, entry.Date));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.FromHours(7)), entry.RegisteredAt);
        Assert.Equal(1, await store.GetLastNumberAsync(new SequenceKey(RegisterBook.Outgoing, "default", "general"), 2027));
        Assert.Equal(0, await store.GetLastNumberAsync(new SequenceKey(RegisterBook.Outgoing, "default", "general"), 2026));
    }

    [Fact]
    public async Task Void_BlankReason_ThrowsArgumentException()
    {
        await using var store = await RegisterStoreFactory.OpenAsync(directory.File("c.db"));
        var register = new DocumentRegister(store);
        var entry = await register.IssueAsync(new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "UBND" });

        await Assert.ThrowsAsync<ArgumentException>(() => register.VoidAsync(RegisterBook.Outgoing, entry.Id, "clerk", " "));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => register.VoidAsync(RegisterBook.Outgoing, entry.Id, "", "reason"));
    }

    [Fact]
    public async Task Issue_Cancelled_ConsumesNoNumber()
    {
        await using var store = await RegisterStoreFactory.OpenAsync(directory.File("d.db"));
        var register = new DocumentRegister(store);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => register.IssueAsync(new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "UBND" }, cts.Token));
        var entry = await register.IssueAsync(new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "UBND" });

        Assert.Equal(1, entry.Number);
    }

    private sealed class WeekdayCalendar : IWorkingDayCalendar
    {
        public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        public DateOnly AddWorkingDays(DateOnly start, int days)
        {
            var day = start;
            while (days > 0)
            {
                day = day.AddDays(1);
                if (IsWorkingDay(day))
                {
                    days--;
                }
            }

            return day;
        }
    }
}
