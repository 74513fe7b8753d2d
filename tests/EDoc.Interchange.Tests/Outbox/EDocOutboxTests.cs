using EDoc.Interchange.Hub;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Scanning;
using EDoc.Interchange.Storage;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Interchange.TestSender;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Interchange.Tests.Outbox;

[Collection(ClamdCollectionDefinition.Name)]
public sealed class EDocOutboxTests(ClamdFixture clamd) : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EnqueueAsync_InfectedAttachment_RefusesAndStoresNothing()
    {
        clamd.EnsureStarted();
        var transport = new ScriptedTransport();
        var outbox = CreateOutbox(transport, new ClamAvScanner(clamd.Options));
        byte[] package = FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], FakeEdXml.DocumentId(TestAgencies.A, 1), ("to-trinh.pdf", [0x25, 0x50]), ("phu-luc.doc", ClamdFixture.Eicar));

        var ex = await Assert.ThrowsAsync<EDocPolicyException>(() => outbox.EnqueueAsync(package));

        Assert.Equal("malware", ex.Rule);
        Assert.Contains("phu-luc.doc", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new OutboxCounts(0, 0, 0, 0), await outbox.Store.CountOutboxAsync());
        Assert.Equal(0, await outbox.DeliverDueAsync());
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task EnqueueAsync_CleanAttachments_StoredAndDelivered()
    {
        clamd.EnsureStarted();
        var transport = new ScriptedTransport();
        var outbox = CreateOutbox(transport, new ClamAvScanner(clamd.Options));
        byte[] package = FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], FakeEdXml.DocumentId(TestAgencies.A, 2), ("to-trinh.pdf", [0x25, 0x50, 0x44, 0x46]));

        var item = await outbox.EnqueueAsync(package);
        int attempted = await outbox.DeliverDueAsync();

        Assert.Equal(1, attempted);
        var sent = Assert.Single(transport.Sent);
        Assert.Equal(package, sent.Content.ToArray());
        Assert.Equal(item.Id.ToString("N"), sent.IdempotencyKey);
        Assert.Equal([TestAgencies.B], sent.To);
        Assert.Equal(OutboxState.Sent, (await outbox.Store.FindOutboxItemAsync(item.Id))!.State);
    }

    [Fact]
    public async Task EnqueueAsync_InvalidPackage_ThrowsValidationWithPath()
    {
        var outbox = CreateOutbox(new ScriptedTransport(), null);

        var ex = await Assert.ThrowsAsync<EDocValidationException>(() => outbox.EnqueueAsync(FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], string.Empty)));

        Assert.Contains(ex.Problems, p => p.Path == "MessageHeader.DocumentId" && p.Code == "required");
    }

    [Fact]
    public async Task EnqueueAsync_TooLarge_ThrowsLimitExceeded()
    {
        var outbox = CreateOutbox(new ScriptedTransport(), null, maxBytes: 100);

        await Assert.ThrowsAsync<EDocLimitExceededException>(() => outbox.EnqueueAsync(new byte[101]));
    }

    [Fact]
    public void Constructor_NoScannerWhileRequired_Throws()
    {
        var options = new EDocInterchangeOptions { OrganId = TestAgencies.A };

        Assert.Throws<InvalidOperationException>(() => new EDocOutbox(new SqliteInterchangeStore(_temp.File("x.db")), new ScriptedTransport(), new FakeInspector(), null, options));
    }

    [Fact]
    public async Task DeliverDueAsync_TransientFailures_RetriedAfterBackoffThenSent()
    {
        var transport = new ScriptedTransport();
        transport.Failures.Enqueue(new HubRequestFailedException("sendEdoc", 503, true, "HTTP 503"));
        transport.Failures.Enqueue(new HubRequestFailedException("sendEdoc", null, true, "timed out"));
        var outbox = CreateOutbox(transport, null);
        var item = await outbox.EnqueueAsync(Doc(3));

        await outbox.DeliverDueAsync();
        var firstFailedAt = _time.GetUtcNow();
        var afterFirst = await outbox.Store.FindOutboxItemAsync(item.Id);
        Assert.Equal(0, await outbox.DeliverDueAsync());
        _time.Advance(TimeSpan.FromSeconds(3.1));
        await outbox.DeliverDueAsync();
        Assert.Equal(2, transport.Attempts);
        _time.Advance(TimeSpan.FromSeconds(6.1));
        await outbox.DeliverDueAsync();

        Assert.Equal(OutboxState.Pending, afterFirst!.State);
        Assert.Equal("Hub sendEdoc: HTTP 503", afterFirst.LastError);
        Assert.InRange(afterFirst.NextAttemptAt - firstFailedAt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var final = await outbox.Store.FindOutboxItemAsync(item.Id);
        Assert.Equal(OutboxState.Sent, final!.State);
        Assert.Equal(3, final.Attempts);
        Assert.Equal(3, transport.Attempts);
    }

    [Fact]
    public async Task DeliverDueAsync_PermanentRefusal_MarksFailed()
    {
        var transport = new ScriptedTransport();
        transport.Failures.Enqueue(new HubRequestFailedException("sendEdoc", 200, false, "Don vi nhan khong ton tai", "7"));
        var outbox = CreateOutbox(transport, null);
        var item = await outbox.EnqueueAsync(Doc(4));

        await outbox.DeliverDueAsync();

        var read = await outbox.Store.FindOutboxItemAsync(item.Id);
        Assert.Equal(OutboxState.Failed, read!.State);
        Assert.Contains("khong ton tai", read.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_SameItemIdTwice_OneItem()
    {
        var outbox = CreateOutbox(new ScriptedTransport(), null);
        var id = Guid.NewGuid();

        await outbox.EnqueueAsync(Doc(5), itemId: id);
        await outbox.EnqueueAsync(Doc(5), itemId: id);

        Assert.Equal(1, (await outbox.Store.CountOutboxAsync()).Pending);
    }

    [Fact]
    public async Task DeliveryService_ItemLeftSendingByCrash_RecoveredAndDeliveredOnStart()
    {
        var transport = new ScriptedTransport();
        var outbox = CreateOutbox(transport, null);
        var item = await outbox.EnqueueAsync(Doc(6));
        await outbox.Store.ClaimDueAsync(10, _time.GetUtcNow(), TimeSpan.FromHours(1)); // a process died while sending it
        var options = new EDocInterchangeOptions { OrganId = TestAgencies.A };
        options.Outbox.PollInterval = TimeSpan.FromMilliseconds(10);
        using var service = new OutboxDeliveryService(outbox, options);

        await service.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await outbox.Store.FindOutboxItemAsync(item.Id))!.State != OutboxState.Sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await service.StopAsync(CancellationToken.None);
        Assert.Equal(OutboxState.Sent, (await outbox.Store.FindOutboxItemAsync(item.Id))!.State);
        Assert.Equal(item.Id.ToString("N"), Assert.Single(transport.Sent).IdempotencyKey);
    }

    [Theory]
    [InlineData(1, 1000, 3000)]
    [InlineData(2, 2000, 6000)]
    [InlineData(30, 30000, 60000)]
    public void ComputeRetryDelay_Attempt_ExponentialWithJitterCapped(int attempts, int minMs, int maxMs)
    {
        var outbox = CreateOutbox(new ScriptedTransport(), null);

        for (int i = 0; i < 50; i++)
        {
            Assert.InRange(outbox.ComputeRetryDelay(attempts).TotalMilliseconds, minMs, maxMs);
        }
    }

    [Theory]
    [InlineData(1, 10, 10000, 10000)]
    [InlineData(30, 10, 30000, 60000)]
    [InlineData(30, 100, 100000, 100000)]
    [InlineData(1, 10 * 3600, 3600000, 3600000)]
    [InlineData(30, 0, 30000, 60000)]
    public void ComputeRetryDelay_HubRetryAfter_HonouredWhenLongerUpToOneHour(int attempts, int retryAfterSeconds, int minMs, int maxMs)
    {
        var outbox = CreateOutbox(new ScriptedTransport(), null);

        for (int i = 0; i < 50; i++)
        {
            Assert.InRange(outbox.ComputeRetryDelay(attempts, TimeSpan.FromSeconds(retryAfterSeconds)).TotalMilliseconds, minMs, maxMs);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Delete();
    }

    private static byte[] Doc(int number) => FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], FakeEdXml.DocumentId(TestAgencies.A, number));

    private EDocOutbox CreateOutbox(IHubTransport transport, IMalwareScanner? scanner, long maxBytes = 1024 * 1024)
    {
        var options = new EDocInterchangeOptions { OrganId = TestAgencies.A, RequireMalwareScanner = scanner is not null };
        options.Outbox.RetryBaseDelay = TimeSpan.FromSeconds(2);
        options.Outbox.RetryMaxDelay = TimeSpan.FromSeconds(60);
        options.Outbox.MaxPackageBytes = maxBytes;
        return new EDocOutbox(new SqliteInterchangeStore(_temp.File(Guid.NewGuid().ToString("N") + ".db")), transport, new FakeInspector(), scanner, options, _time);
    }
}

/// <summary>A transport that fails as scripted, then accepts.</summary>
internal sealed class ScriptedTransport : IHubTransport
{
    public Queue<Exception> Failures { get; } = new();

    public List<HubOutgoingMessage> Sent { get; } = [];

    public int Attempts { get; private set; }

    public Task<HubSendResult> SendAsync(HubOutgoingMessage message, CancellationToken cancellationToken = default)
    {
        lock (Sent)
        {
            Attempts++;
            if (Failures.TryDequeue(out var failure))
            {
                throw failure;
            }

            Sent.Add(message);
            return Task.FromResult(new HubSendResult("hub-" + Sent.Count));
        }
    }

    public Task<IReadOnlyList<HubReceivedMessage>> ListReceivedAsync(HubMessageKind kind, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<HubReceivedMessage>>([]);

    public Task<byte[]> GetPackageAsync(string hubMessageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task UpdateStatusAsync(string hubMessageId, HubDeliveryStatus status, string? reason = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<HubSentMessage>> ListSentAsync(HubMessageKind kind, string? hubMessageId = null, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<HubSentMessage>>([]);

    public Task<IReadOnlyList<HubAgency>> GetAgenciesAsync(HubAgencyCodeSystem codeSystem, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<HubAgency>>([]);
}
