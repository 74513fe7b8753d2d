using EDoc.Documents;
using EDoc.Registers.Numbering;
using EDoc.Registers.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Registers.Tests.Storage;

/// <summary>
/// The contract every <see cref="IRegisterStore"/> passes, run against SQLite and PostgreSQL. Each test works in its
/// own register and issuer so tests sharing a database stay independent.
/// </summary>
public abstract class RegisterStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon2026 = new(2026, 3, 2, 5, 0, 0, TimeSpan.Zero); // 12:00 in Vietnam

    private readonly List<IRegisterStore> stores = [];

    protected RegisterStoreContractTests()
    {
        var scope = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        RegisterId = "R" + scope;
        Issuer = "UB" + scope;
    }

    /// <summary>The register of this test.</summary>
    protected string RegisterId { get; }

    /// <summary>The issuer abbreviation of this test (unique, so notations do not collide across tests).</summary>
    protected string Issuer { get; }

    protected FakeTimeProvider Clock { get; } = new(Noon2026);

    /// <summary>Creates a store over the test database (not yet migrated).</summary>
    protected abstract IRegisterStore CreateStore();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Issue_FirstOfYear_IsZeroPaddedOne()
    {
        var register = NewRegister();

        var entry = await register.IssueAsync(Request("QĐ"));

        Assert.Equal(1, entry.Number);
        Assert.Equal("01", entry.NumberText);
        Assert.Equal($"01/QĐ-{Issuer}", entry.Notation);
        Assert.Equal(2026, entry.Year);
        Assert.Equal(new DateOnly(2026, 3, 2), entry.Date);
    }

    [Fact]
    public async Task Issue_TwelveInARow_NumbersOneToTwelveWithPadding()
    {
        var register = NewRegister();

        var entries = new List<OutgoingRegisterEntry>();
        for (var i = 0; i < 12; i++)
        {
            entries.Add(await register.IssueAsync(Request(i % 2 == 0 ? "QĐ" : "TB")));
        }

        Assert.Equal(Enumerable.Range(1, 12), entries.Select(e => e.Number));
        Assert.Equal($"09/QĐ-{Issuer}", entries[8].Notation);
        Assert.Equal($"10/TB-{Issuer}", entries[9].Notation);
        var listed = await register.Store.ListOutgoingAsync(2026, RegisterId);
        Assert.Equal(Enumerable.Range(1, 12), listed.Select(e => e.Number));
    }

    [Fact]
    public async Task Issue_SeparateSequences_EachStartsAtOne()
    {
        var register = NewRegister();

        var general1 = await register.IssueAsync(Request("QĐ"));
        var general2 = await register.IssueAsync(Request("CV") with { UnitAbbreviation = "VP" });
        var nq1 = await register.IssueAsync(Request("NQ") with { Category = DocumentCategory.LegalNormative });
        var qdLegal1 = await register.IssueAsync(Request("QĐ") with { Category = DocumentCategory.LegalNormative });
        var nq2 = await register.IssueAsync(Request("NQ") with { Category = DocumentCategory.LegalNormative });
        var secret1 = await register.IssueAsync(Request("BC") with { Secrecy = Secrecy.Confidential });
        var copy1 = await register.IssueAsync(Request("SY"));
        var copy2 = await register.IssueAsync(Request("TrS"));
        var copy3 = await register.IssueAsync(Request("SL"));
        var advisory1 = await register.IssueAsync(Request("TB") with { AdvisoryBody = "HĐTĐ" });
        var general3 = await register.IssueAsync(Request("KH"));

        Assert.Equal([1, 2, 3], new[] { general1, general2, general3 }.Select(e => e.Number));
        Assert.Equal($"02/{Issuer}-VP", general2.Notation);
        Assert.Equal([1, 2], new[] { nq1, nq2 }.Select(e => e.Number));
        Assert.Equal($"02/2026/NQ-{Issuer}", nq2.Notation);
        Assert.Equal(1, qdLegal1.Number);
        Assert.Equal($"01/2026/QĐ-{Issuer}", qdLegal1.Notation);
        Assert.Equal("legal:QĐ", qdLegal1.Sequence);
        Assert.Equal(1, secret1.Number);
        Assert.Equal("secret", secret1.Sequence);
        Assert.Equal([1, 2, 3], new[] { copy1, copy2, copy3 }.Select(e => e.Number));
        Assert.Equal($"03/SL-{Issuer}", copy3.Notation);
        Assert.Equal(1, advisory1.Number);
        Assert.Equal("advisory:HĐTĐ", advisory1.Sequence);
        Assert.Equal("01/TB-HĐTĐ", advisory1.Notation);
    }

    [Fact]
    public async Task Issue_SecretWithDefaultQualifier_NotationDistinctFromGeneralSequence()
    {
        var register = NewRegister();
        var general = await register.IssueAsync(Request("QĐ"));

        var secret = await register.IssueAsync(Request("QĐ") with { Secrecy = Secrecy.TopSecret });
        var secretLetter = await register.IssueAsync(Request("CV") with { Secrecy = Secrecy.Confidential, UnitAbbreviation = "VP" });

        Assert.Equal($"01/QĐ-{Issuer}", general.Notation);
        Assert.Equal((1, "secret", $"01/QĐ-{Issuer}-M"), (secret.Number, secret.Sequence, secret.Notation));
        Assert.Equal($"02/{Issuer}-VP-M", secretLetter.Notation);
        Assert.Equal(Secrecy.TopSecret, secret.Secrecy);
    }

    [Fact]
    public async Task Issue_SecretWithConfiguredQualifier_UsesIt()
    {
        var options = new DocumentRegisterOptions { DefaultRegisterId = RegisterId };
        options.Numbering.SecretNotationQualifier = "MẬT";
        var register = new DocumentRegister(Track(CreateStore()), options, Clock);

        var secret = await register.IssueAsync(Request("TB") with { Secrecy = Secrecy.Confidential });

        Assert.Equal($"01/TB-{Issuer}-MẬT", secret.Notation);
    }

    [Fact]
    public async Task Issue_DuplicateNotation_ThrowsConflictAndConsumesNoNumber()
    {
        var options = new DocumentRegisterOptions { DefaultRegisterId = RegisterId };
        options.Numbering.SecretNotationQualifier = null;
        var register = new DocumentRegister(Track(CreateStore()), options, Clock);
        await register.IssueAsync(Request("QĐ"));
        var secretKey = register.GetSequenceKey(Request("QĐ") with { Secrecy = Secrecy.Confidential });

        // The secret sequence starts at 01 too, so "01/QĐ-{issuer}" would repeat in the same year.
        var ex = await Assert.ThrowsAsync<RegisterConflictException>(() => register.IssueAsync(Request("QĐ") with { Secrecy = Secrecy.Confidential }));

        Assert.Equal("duplicate-notation", ex.Conflict);
        Assert.IsAssignableFrom<EDocException>(ex);
        Assert.Equal(0, await register.Store.GetLastNumberAsync(secretKey, 2026));
        var next = await register.IssueAsync(Request("BC") with { Secrecy = Secrecy.Confidential });
        Assert.Equal(1, next.Number);
        Assert.Equal(1, await register.Store.GetLastNumberAsync(secretKey, 2026));
    }

    [Fact]
    public async Task Issue_YearRolloverInVietnamTime_RestartsAtOne()
    {
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 59, 59, TimeSpan.Zero)); // 23:59:59 on 31 Dec in Vietnam
        var register = NewRegister();
        var last2026A = await register.IssueAsync(Request("QĐ") with { Date = null });
        var last2026B = await register.IssueAsync(Request("QĐ") with { Date = null });

        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero)); // 00:30 on 1 Jan 2027 in Vietnam
        var first2027 = await register.IssueAsync(Request("QĐ") with { Date = null });

        Assert.Equal((2026, 2, new DateOnly(2026, 12, 31)), (last2026B.Year, last2026B.Number, last2026B.Date));
        Assert.Equal(1, last2026A.Number);
        Assert.Equal((2027, 1, new DateOnly(2027, 1, 1)), (first2027.Year, first2027.Number, first2027.Date));
        Assert.Equal($"01/QĐ-{Issuer}", first2027.Notation);
        Assert.Single(await register.Store.ListOutgoingAsync(2027, RegisterId));
    }

    [Fact]
    public async Task Void_IsRecordedAndListed_NumberNotReused()
    {
        var register = NewRegister();
        var first = await register.IssueAsync(Request("QĐ"));
        Clock.Advance(TimeSpan.FromHours(1));

        var change = await register.VoidAsync(RegisterBook.Outgoing, first.Id, "Nguyễn Văn Thư", "Văn bản không ban hành");
        var second = await register.IssueAsync(Request("QĐ"));

        Assert.Equal(2, second.Number);
        var listed = await register.Store.ListOutgoingAsync(2026, RegisterId);
        Assert.Equal(2, listed.Count);
        var voided = listed.Single(e => e.Number == 1);
        Assert.Equal(RegisterEntryStatus.Voided, voided.Status);
        Assert.Equal("Nguyễn Văn Thư", voided.StatusChangedBy);
        Assert.Equal("Văn bản không ban hành", voided.StatusReason);
        Assert.Equal(Clock.GetUtcNow(), voided.StatusChangedAt!.Value.ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(RegisterEntryStatus.Active, listed.Single(e => e.Number == 2).Status);
        var history = await register.Store.GetStatusHistoryAsync(RegisterBook.Outgoing, first.Id);
        Assert.Equal(change with { At = history[0].At }, history[0]);
        Assert.Single(history);
    }

    [Fact]
    public async Task Void_Twice_ThrowsConflict()
    {
        var register = NewRegister();
        var entry = await register.IssueAsync(Request("QĐ"));
        await register.VoidAsync(RegisterBook.Outgoing, entry.Id, "clerk", "sai sót");

        var ex = await Assert.ThrowsAsync<RegisterConflictException>(() => register.RecallAsync(RegisterBook.Outgoing, entry.Id, "clerk", "thu hồi"));

        Assert.Equal("status", ex.Conflict);
        Assert.Single(await register.Store.GetStatusHistoryAsync(RegisterBook.Outgoing, entry.Id));
    }

    [Fact]
    public async Task Recall_Incoming_IsRecorded()
    {
        var register = NewRegister();
        var entry = await register.ReceiveAsync(Incoming("12/QĐ-BNV"));

        await register.RecallAsync(RegisterBook.Incoming, entry.Id, "Trần Thị Lan", "Cơ quan gửi thu hồi");

        var listed = Assert.Single(await register.Store.ListIncomingAsync(2026, RegisterId));
        Assert.Equal(RegisterEntryStatus.Recalled, listed.Status);
        Assert.Equal("Cơ quan gửi thu hồi", listed.StatusReason);
        var history = Assert.Single(await register.Store.GetStatusHistoryAsync(RegisterBook.Incoming, entry.Id));
        Assert.Equal(RegisterEntryStatus.Recalled, history.Status);
        Assert.Equal("Trần Thị Lan", history.Actor);
    }

    [Fact]
    public async Task Receive_PaperAndElectronic_ShareOneArrivalSequencePerYear()
    {
        var register = NewRegister();

        var a = await register.ReceiveAsync(Incoming("01/QĐ-BNV") with { Form = TransmissionForm.Paper });
        var b = await register.ReceiveAsync(Incoming("02/QĐ-BNV") with { Form = TransmissionForm.Electronic });
        var c = await register.ReceiveAsync(Incoming("03/QĐ-BNV") with { ArrivedAt = new DateTimeOffset(2026, 12, 31, 17, 1, 0, TimeSpan.Zero) });

        Assert.Equal([1, 2], new[] { a.ArrivalNumber, b.ArrivalNumber });
        Assert.Equal("02", b.ArrivalNumberText);
        Assert.Equal((2027, 1), (c.Year, c.ArrivalNumber));
        Assert.Equal(new DateOnly(2027, 1, 1), c.ArrivalDate);
    }

    [Fact]
    public async Task Receive_SameDocumentTwice_ThrowsConflictAndConsumesNoNumber()
    {
        var register = NewRegister();
        await register.ReceiveAsync(Incoming("15/QĐ-BNV"));

        var ex = await Assert.ThrowsAsync<RegisterConflictException>(() => register.ReceiveAsync(Incoming("15/QĐ-BNV")));
        var next = await register.ReceiveAsync(Incoming("16/QĐ-BNV"));

        Assert.Equal("duplicate-incoming", ex.Conflict);
        Assert.Equal(2, next.ArrivalNumber);
    }

    [Fact]
    public async Task UpdateFollowUp_RoundTripsDeadlineProgressReply()
    {
        var register = NewRegister();
        var entry = await register.ReceiveAsync(Incoming("20/UBND-VX"));

        var updated = await register.UpdateFollowUpAsync(entry.Id, new FollowUpUpdate
        {
            RecipientUnit = "Phòng Nội vụ",
            DueDate = new DateOnly(2026, 3, 9),
            Progress = "Đang xử lý",
        });
        var done = await register.UpdateFollowUpAsync(entry.Id, new FollowUpUpdate { ReplyNotation = "35/UBND-NV", HandledDate = new DateOnly(2026, 3, 6) });

        Assert.Equal("Phòng Nội vụ", updated.RecipientUnit);
        Assert.Equal(new DateOnly(2026, 3, 9), done.DueDate);
        Assert.Equal("Đang xử lý", done.Progress);
        Assert.Equal("35/UBND-NV", done.ReplyNotation);
        Assert.Equal(new DateOnly(2026, 3, 6), done.HandledDate);
        await Assert.ThrowsAsync<RegisterConflictException>(() => register.UpdateFollowUpAsync(long.MaxValue, new FollowUpUpdate { Progress = "x" }));
    }

    [Fact]
    public async Task Issue_AllColumns_RoundTripWithVietnameseTextInNfc()
    {
        var register = NewRegister();
        var decomposed = "Quyết định về việc ban hành Quy chế".Normalize(System.Text.NormalizationForm.FormD);

        var entry = await register.IssueAsync(Request("QĐ") with
        {
            TypeName = "Quyết định",
            Subject = decomposed,
            Signer = "Lê Văn Hùng",
            Recipients = "Như Điều 3; Lưu: VT, NV.",
            FileCopyHolder = "Văn thư",
            CopyCount = 7,
            TransferDate = new DateOnly(2026, 3, 3),
            Notes = "Ghi chú",
            Urgency = Urgency.VeryUrgent,
            Secrecy = Secrecy.Secret,
            Form = TransmissionForm.ElectronicAndPaper,
            Method = "Trục liên thông",
            DueDate = new DateOnly(2026, 3, 20),
            UnitAbbreviation = "NV",
        });
        var listed = Assert.Single(await register.Store.ListOutgoingAsync(2026, RegisterId));

        Assert.Equal(entry, listed);
        Assert.Equal("Quyết định về việc ban hành Quy chế", listed.Subject);
        Assert.Equal($"01/QĐ-{Issuer}-NV-M", listed.Notation);
        Assert.Equal((7, Urgency.VeryUrgent, Secrecy.Secret, TransmissionForm.ElectronicAndPaper), (listed.CopyCount!.Value, listed.Urgency, listed.Secrecy, listed.Form));
        Assert.Equal(new DateOnly(2026, 3, 20), listed.DueDate);
        Assert.Equal(TimeSpan.FromHours(7), listed.RegisteredAt.Offset);
    }

    [Fact]
    public async Task Issue_ConcurrentTasks_NoGapNoDuplicate()
    {
        var register = NewRegister();

        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var numbers = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                numbers.Add((await register.IssueAsync(Request("QĐ"))).Number);
            }

            return numbers;
        }));
        var all = (await Task.WhenAll(tasks)).SelectMany(n => n).Order().ToList();

        Assert.Equal(Enumerable.Range(1, 160), all);
        Assert.Equal(Enumerable.Range(1, 160), (await register.Store.ListOutgoingAsync(2026, RegisterId)).Select(e => e.Number).Order());
    }

    [Fact]
    public async Task Migrate_Twice_IsIdempotentAtLatestVersion()
    {
        var store = Track(CreateStore());

        await store.MigrateAsync();
        await store.MigrateAsync();
        var second = Track(CreateStore());
        await second.MigrateAsync();

        Assert.Equal(2, await store.GetSchemaVersionAsync());
        Assert.Equal(2, await second.GetSchemaVersionAsync());
    }

    [Fact]
    public async Task Issue_InvalidAbbreviation_ThrowsArgumentExceptionAndConsumesNothing()
    {
        var register = NewRegister();

        await Assert.ThrowsAsync<ArgumentException>(() => register.IssueAsync(Request("QĐ") with { IssuerAbbreviation = "UB ND" }));
        await Assert.ThrowsAsync<ArgumentException>(() => register.IssueAsync(Request("Q/Đ")));
        var entry = await register.IssueAsync(Request("QĐ"));

        Assert.Equal(1, entry.Number);
    }

    protected DocumentRegister NewRegister()
    {
        var options = new DocumentRegisterOptions { DefaultRegisterId = RegisterId };
        return new DocumentRegister(Track(CreateStore()), options, Clock);
    }

    protected OutgoingIssueRequest Request(string type) => new()
    {
        TypeAbbreviation = type,
        IssuerAbbreviation = Issuer,
        Date = new DateOnly(2026, 3, 2),
        Subject = "Về việc kiểm thử sổ đăng ký",
    };

    protected static IncomingReceiveRequest Incoming(string number) => new()
    {
        SenderCode = "000.00.00.H41",
        SenderName = "Bộ Nội vụ",
        DocumentNumber = number,
        DocumentDate = new DateOnly(2026, 2, 27),
        TypeName = "Quyết định",
        Subject = "Về việc tiếp nhận văn bản",
    };

    private IRegisterStore Track(IRegisterStore store)
    {
        stores.Add(store);
        return store;
    }
}
