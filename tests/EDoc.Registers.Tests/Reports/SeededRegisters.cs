using EDoc.Registers.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Registers.Tests.Reports;

/// <summary>
/// A small register seeded through <see cref="DocumentRegister"/>, whose report figures were computed by hand
/// (see the expected values in <see cref="ReportTests"/>).
/// </summary>
internal static class SeededRegisters
{
    public static async Task SeedAsync(IRegisterStore store)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 2, 0, 0, TimeSpan.Zero));
        var register = new DocumentRegister(store, timeProvider: clock);

        await Issue(register, "QĐ", "Quyết định", TransmissionForm.Electronic, "Trục liên thông", new DateOnly(2026, 1, 10));
        await Issue(register, "QĐ", "Quyết định", TransmissionForm.Paper, "Bưu chính", new DateOnly(2026, 2, 1));
        await Issue(register, "CV", null, TransmissionForm.ElectronicAndPaper, "Trục liên thông", new DateOnly(2026, 3, 5));
        await Issue(register, "TB", "Thông báo", TransmissionForm.Electronic, "Thư điện tử", new DateOnly(2026, 6, 30));
        await Issue(register, "TB", "Thông báo", TransmissionForm.Electronic, "Trục liên thông", new DateOnly(2026, 7, 1)); // second half
        var voided = await Issue(register, "QĐ", "Quyết định", TransmissionForm.Electronic, "Trục liên thông", new DateOnly(2026, 4, 1));
        await register.VoidAsync(RegisterBook.Outgoing, voided.Id, "Văn thư", "Không ban hành");

        await Receive(register, "a", new(2026, 1, 5), TransmissionForm.Electronic, "Công văn", "Trục liên thông", "Phòng Tài chính", new(2026, 1, 12), new(2026, 1, 10));
        await Receive(register, "b", new(2026, 2, 10), TransmissionForm.Paper, "Quyết định", "Bưu chính", "Phòng Tài chính", new(2026, 2, 15), new(2026, 2, 20));
        await Receive(register, "c", new(2026, 3, 1), TransmissionForm.Electronic, "Công văn", "Trục liên thông", "Phòng Tài chính", new(2026, 3, 5), null);
        await Receive(register, "d", new(2026, 4, 1), TransmissionForm.Electronic, "Công văn", "Trục liên thông", "Phòng Nội vụ", new(2026, 4, 10), new(2026, 4, 10));
        await Receive(register, "e", new(2026, 6, 20), TransmissionForm.ElectronicAndPaper, "Thông báo", "Trục liên thông", "Phòng Nội vụ", new(2026, 7, 5), null);
        await Receive(register, "f", new(2026, 5, 1), TransmissionForm.Electronic, "Công văn", null, "Phòng Nội vụ", null, null);
        var g = await Receive(register, "g", new(2026, 5, 2), TransmissionForm.Electronic, "Giấy mời", "Thư điện tử", "Phòng Nội vụ", new(2026, 5, 5), null);
        await register.RecallAsync(RegisterBook.Incoming, g.Id, "Văn thư", "Cơ quan gửi thu hồi");
        await Receive(register, "h", new(2026, 7, 2), TransmissionForm.Paper, "Công văn", "Bưu chính", "Phòng Tài chính", new(2026, 7, 3), null); // second half
    }

    private static Task<OutgoingRegisterEntry> Issue(DocumentRegister register, string type, string? typeName, TransmissionForm form, string method, DateOnly date)
        => register.IssueAsync(new OutgoingIssueRequest
        {
            TypeAbbreviation = type,
            TypeName = typeName,
            IssuerAbbreviation = "UBND",
            UnitAbbreviation = type == "CV" ? "VP" : null,
            Date = date,
            Subject = "Về việc triển khai văn bản điện tử",
            Signer = "Nguyễn Văn Thư",
            Form = form,
            Method = method,
        });

    private static async Task<IncomingRegisterEntry> Receive(DocumentRegister register, string id, DateOnly arrival, TransmissionForm form, string type,
        string? method, string unit, DateOnly? due, DateOnly? handled)
    {
        var entry = await register.ReceiveAsync(new IncomingReceiveRequest
        {
            SenderCode = "000.00.00.H41",
            SenderName = "Sở Nội vụ",
            DocumentNumber = $"{id}/SNV",
            DocumentDate = arrival.AddDays(-1),
            TypeName = type,
            Subject = "Về việc báo cáo định kỳ",
            ArrivedAt = new DateTimeOffset(arrival.ToDateTime(new TimeOnly(8, 30)), TimeSpan.FromHours(7)),
            Form = form,
            Method = method,
            RecipientUnit = unit,
            DueDate = due,
        });
        return handled is null ? entry : await register.UpdateFollowUpAsync(entry.Id, new FollowUpUpdate { HandledDate = handled, Progress = "Đã trả lời" });
    }
}
