using EDoc.Interchange.Hub;
using EDoc.Interchange.Storage;
using EDoc.Interchange.Tests.Infrastructure;

namespace EDoc.Interchange.Tests.Storage;

/// <summary>The behaviour every <see cref="IInterchangeStore"/> must have; run against SQLite and PostgreSQL.</summary>
public abstract class InterchangeStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    protected abstract IInterchangeStore CreateStore();

    [Fact]
    public async Task EnqueueAsync_SameIdTwice_StoresOneItem()
    {
        var store = CreateStore();
        var item = Item();

        Assert.True(await store.EnqueueAsync(item));
        Assert.False(await store.EnqueueAsync(item));

        Assert.Equal(new OutboxCounts(1, 0, 0, 0), await store.CountOutboxAsync());
        var read = await store.FindOutboxItemAsync(item.Id);
        Assert.NotNull(read);
        Assert.Equal(item.Package, read.Package);
        Assert.Equal(item.To, read.To);
        Assert.Equal(item.DocumentId, read.DocumentId);
        Assert.Equal(T0, read.CreatedAt);
    }

    [Fact]
    public async Task ClaimDueAsync_DueItem_MovesToSendingOnceUntilLeaseExpires()
    {
        var store = CreateStore();
        var item = Item();
        await store.EnqueueAsync(item);

        var first = await store.ClaimDueAsync(10, T0, TimeSpan.FromMinutes(1));
        var again = await store.ClaimDueAsync(10, T0.AddSeconds(30), TimeSpan.FromMinutes(1));
        var afterLease = await store.ClaimDueAsync(10, T0.AddMinutes(2), TimeSpan.FromMinutes(1));

        Assert.Equal(OutboxState.Sending, Assert.Single(first).State);
        Assert.Equal(1, first[0].Attempts);
        Assert.Empty(again);
        Assert.Equal(2, Assert.Single(afterLease).Attempts);
    }

    [Fact]
    public async Task ClaimDueAsync_NotYetDue_ClaimsNothing()
    {
        var store = CreateStore();
        await store.EnqueueAsync(Item(next: T0.AddMinutes(5)));

        Assert.Empty(await store.ClaimDueAsync(10, T0, TimeSpan.FromMinutes(1)));
        Assert.Single(await store.ClaimDueAsync(10, T0.AddMinutes(5), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task MarkRetryAsync_SendingItem_PendingAgainAtNextAttempt()
    {
        var store = CreateStore();
        var item = Item();
        await store.EnqueueAsync(item);
        await store.ClaimDueAsync(1, T0, TimeSpan.FromMinutes(1));

        await store.MarkRetryAsync(item.Id, T0.AddSeconds(10), "HTTP 503");

        var read = await store.FindOutboxItemAsync(item.Id);
        Assert.Equal(OutboxState.Pending, read!.State);
        Assert.Equal("HTTP 503", read.LastError);
        Assert.Empty(await store.ClaimDueAsync(1, T0.AddSeconds(9), TimeSpan.FromMinutes(1)));
        Assert.Single(await store.ClaimDueAsync(1, T0.AddSeconds(10), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task RecoverInFlightAsync_SendingItems_BackToPending()
    {
        var store = CreateStore();
        await store.EnqueueAsync(Item());
        await store.EnqueueAsync(Item());
        await store.ClaimDueAsync(10, T0, TimeSpan.FromHours(1));

        int recovered = await store.RecoverInFlightAsync(T0.AddSeconds(1));

        Assert.Equal(2, recovered);
        Assert.Equal(2, (await store.ClaimDueAsync(10, T0.AddSeconds(1), TimeSpan.FromHours(1))).Count);
    }

    [Fact]
    public async Task MarkSentAsync_SendingItem_SentWithHubId()
    {
        var store = CreateStore();
        var item = Item();
        await store.EnqueueAsync(item);
        await store.ClaimDueAsync(1, T0, TimeSpan.FromMinutes(1));

        await store.MarkSentAsync(item.Id, "hub-42", T0.AddSeconds(1));

        var read = await store.FindOutboxItemAsync(item.Id);
        Assert.Equal(OutboxState.Sent, read!.State);
        Assert.Equal("hub-42", read.HubMessageId);
        Assert.Equal(T0.AddSeconds(1), read.SentAt);
        Assert.Empty(await store.ClaimDueAsync(1, T0.AddHours(1), TimeSpan.FromMinutes(1)));
        Assert.Equal(new OutboxCounts(0, 0, 1, 0), await store.CountOutboxAsync());
    }

    [Fact]
    public async Task MarkFailedAsync_ThenRequeue_PendingAgain()
    {
        var store = CreateStore();
        var item = Item();
        await store.EnqueueAsync(item);
        await store.ClaimDueAsync(1, T0, TimeSpan.FromMinutes(1));

        await store.MarkFailedAsync(item.Id, "ErrorCode 7");
        var failed = await store.ListOutboxAsync(OutboxState.Failed, 10);
        bool requeued = await store.RequeueAsync(item.Id, T0.AddMinutes(1));

        Assert.Equal("ErrorCode 7", Assert.Single(failed).LastError);
        Assert.True(requeued);
        Assert.Single(await store.ClaimDueAsync(1, T0.AddMinutes(1), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task StoreInboundAsync_NewPackage_StoresItAndItsReplyTogether()
    {
        var store = CreateStore();
        var reply = Item(kind: HubMessageKind.Status);

        var outcome = await store.StoreInboundAsync(Inbound("h1", "sha-1"), reply);

        Assert.Equal(InboxStoreOutcome.Stored, outcome);
        var stored = await store.FindInboundAsync("h1");
        Assert.NotNull(stored);
        Assert.Equal([1, 2, 3], stored.Package);
        Assert.Equal("000.00.00.H41,2026/11/24,1/UBND-VX", stored.DocumentId);
        Assert.NotNull(await store.FindOutboxItemAsync(reply.Id));
    }

    [Fact]
    public async Task StoreInboundAsync_SameHubIdAgain_DuplicateAndNoSecondReply()
    {
        var store = CreateStore();
        await store.StoreInboundAsync(Inbound("h1", "sha-1"), Item(kind: HubMessageKind.Status));

        var outcome = await store.StoreInboundAsync(Inbound("h1", "sha-1"), Item(kind: HubMessageKind.Status));

        Assert.Equal(InboxStoreOutcome.Duplicate, outcome);
        Assert.Equal(1, (await store.CountOutboxAsync()).Pending);
    }

    [Fact]
    public async Task StoreInboundAsync_SameSenderDocumentAndContentUnderNewHubId_Duplicate()
    {
        var store = CreateStore();
        await store.StoreInboundAsync(Inbound("h1", "sha-1"), null);

        var duplicate = await store.StoreInboundAsync(Inbound("h2", "sha-1"), Item(kind: HubMessageKind.Status));
        var changed = await store.StoreInboundAsync(Inbound("h3", "sha-2"), null);

        Assert.Equal(InboxStoreOutcome.Duplicate, duplicate);
        Assert.Equal(InboxStoreOutcome.Stored, changed);
        Assert.Null(await store.FindInboundAsync("h2"));
        Assert.Equal(0, (await store.CountOutboxAsync()).Pending);
        Assert.Equal(2, (await store.ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Accepted, 10)).Count);
    }

    [Fact]
    public async Task StoreInboundAsync_StatusTwiceWithOtherBytes_DuplicateBySenderDocumentAndCode()
    {
        var store = CreateStore();
        await store.StoreInboundAsync(Inbound("s1", "sha-a", HubMessageKind.Status, "01"), null);

        var again = await store.StoreInboundAsync(Inbound("s2", "sha-b", HubMessageKind.Status, "01"), null);
        var next = await store.StoreInboundAsync(Inbound("s3", "sha-c", HubMessageKind.Status, "03"), null);

        Assert.Equal(InboxStoreOutcome.Duplicate, again);
        Assert.Equal(InboxStoreOutcome.Stored, next);
    }

    [Fact]
    public async Task MarkAcknowledgedAsync_StoredItem_Acknowledged()
    {
        var store = CreateStore();
        await store.StoreInboundAsync(Inbound("h1", "sha-1"), null);

        await store.MarkAcknowledgedAsync("h1");

        Assert.True((await store.FindInboundAsync("h1"))!.Acknowledged);
    }

    [Fact]
    public async Task UpsertAgenciesAsync_BothListings_MergedByQcvn102Code()
    {
        var store = CreateStore();

        await store.UpsertAgenciesAsync([new AgencyDirectoryEntry("000.00.00.G22", null, "Văn phòng Chính phủ", null, "vpcp@example.vn", false, T0)]);
        await store.UpsertAgenciesAsync([new AgencyDirectoryEntry("000.00.00.G22", "G22", "Văn phòng Chính phủ", null, null, false, T0.AddDays(1)), new AgencyDirectoryEntry(null, "G99", "Mới", null, null, false, T0)]);

        var all = await store.ListAgenciesAsync();
        var vpcp = await store.FindAgencyAsync("G22");
        Assert.Equal(2, all.Count);
        Assert.NotNull(vpcp);
        Assert.Equal("000.00.00.G22", vpcp.Code102);
        Assert.Equal("vpcp@example.vn", vpcp.Email);
        Assert.Equal(T0.AddDays(1), vpcp.SyncedAt);
        Assert.Equal("Mới", (await store.FindAgencyAsync("G99"))!.Name);
        Assert.Null(await store.FindAgencyAsync("000.00.00.H99"));
    }

    [Fact]
    public async Task ClaimDueAsync_ConcurrentClaimers_EachItemClaimedOnce()
    {
        var store = CreateStore();
        for (int i = 0; i < 40; i++)
        {
            await store.EnqueueAsync(Item());
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.ClaimDueAsync(15, T0, TimeSpan.FromMinutes(1))));

        var ids = claims.SelectMany(c => c).Select(i => i.Id).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
    }

    private static OutboxItem Item(HubMessageKind kind = HubMessageKind.Edoc, DateTimeOffset? next = null) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        From = "000.00.00.H41",
        To = ["000.00.00.G22"],
        DocumentId = "000.00.00.H41,2026/11/24,1/UBND-VX",
        StatusCode = kind == HubMessageKind.Status ? "01" : null,
        Package = [9, 8, 7],
        CreatedAt = T0,
        NextAttemptAt = next ?? T0,
    };

    private static InboxItem Inbound(string hubId, string sha, HubMessageKind kind = HubMessageKind.Edoc, string? code = null) => new()
    {
        HubMessageId = hubId,
        Kind = kind,
        From = "000.00.00.H41",
        To = ["000.00.00.G22"],
        DocumentId = "000.00.00.H41,2026/11/24,1/UBND-VX",
        StatusCode = code,
        ContentSha256 = sha,
        Package = [1, 2, 3],
        ReceivedAt = T0,
    };
}

public sealed class SqliteInterchangeStoreTests : InterchangeStoreContractTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    protected override IInterchangeStore CreateStore() => new SqliteInterchangeStore(_temp.File(Guid.NewGuid().ToString("N") + ".db"));

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWalJournal()
    {
        var store = new SqliteInterchangeStore(_temp.File("wal.db"));

        await store.InitializeAsync();

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + store.DatabasePath);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Delete();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresInterchangeStoreTests(PostgresFixture fixture) : InterchangeStoreContractTests, IAsyncLifetime
{
    private readonly List<PostgresInterchangeStore> _stores = [];

    protected override IInterchangeStore CreateStore()
    {
        var store = new PostgresInterchangeStore(fixture.EnsureStarted());
        _stores.Add(store);
        return store;
    }

    public async Task InitializeAsync()
    {
        // Each test starts from empty tables.
        string connectionString = fixture.EnsureStarted();
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("DROP TABLE IF EXISTS edoc_outbox, edoc_inbox, edoc_agencies", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
