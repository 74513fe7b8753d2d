using EDoc.HubEmulator;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Interchange.TestSender;
using Microsoft.Extensions.DependencyInjection;

namespace EDoc.Interchange.Tests.Hub;

public sealed class VxpHubTransportTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private HubEmulator.HubEmulator _hub = null!;

    public async Task InitializeAsync() => _hub = await HubEmulator.HubEmulator.StartAsync(TestAgencies.EmulatorOptions(_temp.File("hub")));

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Delete();
    }

    [Fact]
    public async Task SendAsync_ThenReceiverListsAndGets_ReturnsSameBytes()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB);
        byte[] package = FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], FakeEdXml.DocumentId(TestAgencies.A, 1), ("a.pdf", [1, 2, 3]));

        var sent = await a.Transport.SendAsync(new HubOutgoingMessage { Content = package, Kind = HubMessageKind.Edoc, From = TestAgencies.A });
        var listed = await b.Transport.ListReceivedAsync(HubMessageKind.Edoc);
        byte[] fetched = await b.Transport.GetPackageAsync(Assert.Single(listed).HubMessageId);

        Assert.False(string.IsNullOrEmpty(sent.HubMessageId));
        Assert.Equal(TestAgencies.A, listed[0].From);
        Assert.Equal([TestAgencies.B], listed[0].To);
        Assert.Equal(package, fetched);
    }

    [Fact]
    public async Task UpdateStatusAsync_Done_RemovesFromListAndShowsInSenderList()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB);
        var sent = await a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(2), Kind = HubMessageKind.Edoc, From = TestAgencies.A, To = [TestAgencies.B] });
        var message = Assert.Single(await b.Transport.ListReceivedAsync(HubMessageKind.Edoc));

        await b.Transport.UpdateStatusAsync(message.HubMessageId, HubDeliveryStatus.Fail, "gói tin không hợp lệ");

        Assert.Empty(await b.Transport.ListReceivedAsync(HubMessageKind.Edoc));
        var report = Assert.Single(await a.Transport.ListSentAsync(HubMessageKind.Edoc, sent.HubMessageId));
        Assert.Equal("fail", report.ReceiveStatus);
        Assert.Equal("gói tin không hợp lệ", report.ReceiveStatusDescription);
        Assert.Equal(message.HubMessageId, report.ReceiverHubMessageId);
    }

    [Fact]
    public async Task SendAsync_SameIdempotencyKeyTwice_HubStoresOneMessage()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        var message = new HubOutgoingMessage { Content = Doc(3), Kind = HubMessageKind.Edoc, From = TestAgencies.A, IdempotencyKey = "k-3" };

        var first = await a.Transport.SendAsync(message);
        var second = await a.Transport.SendAsync(message);

        Assert.Equal(first.HubMessageId, second.HubMessageId);
        Assert.Single(_hub.GetMessages(TestAgencies.B));
    }

    [Fact]
    public async Task SendAsync_WrongSecret_ThrowsNonTransient401WithoutSecretInMessage()
    {
        await using var a = Node(TestAgencies.A, "wrong-secret-value");

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(4), Kind = HubMessageKind.Edoc, From = TestAgencies.A }));

        Assert.Equal(401, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.DoesNotContain("wrong-secret-value", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _hub.Statistics.AuthenticationFailures);
    }

    [Fact]
    public async Task SendAsync_FromOtherThanSystemId_ThrowsHubRefusal()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(5), Kind = HubMessageKind.Edoc, From = TestAgencies.B }));

        Assert.Equal(200, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Equal("1", ex.HubErrorCode);
    }

    [Fact]
    public async Task ListReceivedAsync_ServerErrors_RetriedBecauseSafe()
    {
        _hub.FaultRate = 1;
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, kinds: HubFaultKinds.ServerError, retries: 2);

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => b.Transport.ListReceivedAsync(HubMessageKind.Edoc));

        Assert.True(ex.IsTransient);
        Assert.True(ex.StatusCode is 500 or 503);
        Assert.Equal(3, _hub.Statistics.Requests);
    }

    [Fact]
    public async Task SendAsync_ServerErrorsWithoutHubDeduplication_NotRetriedInsideThePipeline()
    {
        _hub.FaultRate = 1;
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA, kinds: HubFaultKinds.ServerError, retries: 2);

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(6), Kind = HubMessageKind.Edoc, From = TestAgencies.A }));

        Assert.True(ex.IsTransient);
        Assert.Equal(1, _hub.Statistics.Requests);
    }

    [Fact]
    public async Task SendAsync_ServerErrorsWithHubDeduplication_RetriedInsideThePipeline()
    {
        _hub.FaultRate = 1;
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA, kinds: HubFaultKinds.ServerError, retries: 2, hubDeduplicates: true);

        await Assert.ThrowsAsync<HubRequestFailedException>(() => a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(7), Kind = HubMessageKind.Edoc, From = TestAgencies.A, IdempotencyKey = "k7" }));

        Assert.Equal(3, _hub.Statistics.Requests);
        Assert.True(_hub.GetMessages(TestAgencies.B).Count <= 1);
    }

    [Fact]
    public async Task ListReceivedAsync_HubTooSlow_ThrowsTransientWithoutStatusCode()
    {
        _hub.FaultRate = 1;
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, kinds: HubFaultKinds.Timeout, retries: 0, attemptTimeoutMs: 300);

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => b.Transport.ListReceivedAsync(HubMessageKind.Edoc));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task ListReceivedAsync_ConnectionDropped_ThrowsTransient()
    {
        _hub.FaultRate = 1;
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, kinds: HubFaultKinds.DroppedConnection, retries: 0);

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => b.Transport.ListReceivedAsync(HubMessageKind.Edoc));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_TransientWithRetryAfterAndNotStored()
    {
        _hub.FaultRate = 1;
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA, kinds: HubFaultKinds.TooManyRequests, retries: 0);

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(10), Kind = HubMessageKind.Edoc, From = TestAgencies.A, IdempotencyKey = "k10" }));

        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Contains("retry after 1 s", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_hub.GetMessages(TestAgencies.B));
    }

    [Fact]
    public async Task SendAsync_RepeatedBeforeRetryAfter_CountedByTheHubAsEarlyRetry()
    {
        _hub.FaultRate = 1;
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA, kinds: HubFaultKinds.TooManyRequests, retries: 0);
        var message = new HubOutgoingMessage { Content = Doc(11), Kind = HubMessageKind.Edoc, From = TestAgencies.A, IdempotencyKey = "k11" };
        await Assert.ThrowsAsync<HubRequestFailedException>(() => a.Transport.SendAsync(message));
        _hub.FaultRate = 0;

        await a.Transport.SendAsync(message);

        Assert.Equal(1, _hub.Statistics.EarlyRetries);
        Assert.Single(_hub.GetMessages(TestAgencies.B));
    }

    [Fact]
    public async Task ListReceivedAsync_TooManyRequests_PipelineWaitsRetryAfterBeforeRetrying()
    {
        _hub.FaultRate = 1;
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, kinds: HubFaultKinds.TooManyRequests, retries: 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => b.Transport.ListReceivedAsync(HubMessageKind.Edoc));

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(2, _hub.Statistics.Requests);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task SendAsync_TruncatedAnswer_TransientAndTheHubStoredIt()
    {
        _hub.FaultRate = 1;
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA, kinds: HubFaultKinds.TruncatedBody, retries: 0);

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(12), Kind = HubMessageKind.Edoc, From = TestAgencies.A }));

        Assert.True(ex.IsTransient);
        Assert.Equal(1, _hub.Statistics.TruncatedBodies);
        Assert.Single(_hub.GetMessages(TestAgencies.B));
    }

    [Fact]
    public async Task GetPackageAsync_TruncatedAnswer_TransientNeverAPartialPackage()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA, kinds: HubFaultKinds.None);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, kinds: HubFaultKinds.TruncatedBody, retries: 0);
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(13), Kind = HubMessageKind.Edoc, From = TestAgencies.A });
        var listed = Assert.Single(await b.Transport.ListReceivedAsync(HubMessageKind.Edoc));
        _hub.FaultRate = 1;

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => b.Transport.GetPackageAsync(listed.HubMessageId));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public async Task UpdateStatusAsync_LostAcknowledgement_TransientButTheHubRecordedIt()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA, kinds: HubFaultKinds.None);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, kinds: HubFaultKinds.LostAcknowledgement, retries: 0);
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(14), Kind = HubMessageKind.Edoc, From = TestAgencies.A });
        var listed = Assert.Single(await b.Transport.ListReceivedAsync(HubMessageKind.Edoc));
        _hub.FaultRate = 1;

        var ex = await Assert.ThrowsAsync<HubRequestFailedException>(() => b.Transport.UpdateStatusAsync(listed.HubMessageId, HubDeliveryStatus.Done));

        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
        Assert.Equal(1, _hub.Statistics.LostAcknowledgements);
        Assert.Equal("done", Assert.Single(_hub.GetMessages(TestAgencies.B)).Status);
    }

    [Fact]
    public void RetryAfter_DeltaDateOrPast_TheWaitNeverNegative()
    {
        var now = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(7), VxpHubTransport.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
        Assert.Equal(TimeSpan.FromSeconds(30), VxpHubTransport.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.Equal(TimeSpan.Zero, VxpHubTransport.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(-30)), now));
        Assert.Null(VxpHubTransport.RetryAfter(null, now));
    }

    [Fact]
    public async Task SyncAsync_BothCodeSystems_StoresBothCodesPerAgency()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        var synchronizer = a.Services.GetRequiredService<AgencyDirectorySynchronizer>();

        int written = await synchronizer.SyncAsync();
        var byNewCode = await a.Store.FindAgencyAsync("G22");
        var byOldCode = await a.Store.FindAgencyAsync(TestAgencies.B);

        Assert.Equal(4, written);
        Assert.Equal(2, (await a.Store.ListAgenciesAsync()).Count);
        Assert.NotNull(byNewCode);
        Assert.Equal(byNewCode, byOldCode);
        Assert.Equal(TestAgencies.B, byNewCode.Code102);
        Assert.Equal("G22", byNewCode.CodeQd20);
        Assert.Equal("Văn phòng Chính phủ", byNewCode.Name);
    }

    [Fact]
    public async Task Transport_SuccessAndFailures_NeverLogsTheSecret()
    {
        var logger = new CollectingLogger();
        using var http = new HttpClient();
        var good = new VxpHubTransport(http, new VxpHubOptions { Endpoint = _hub.BaseAddress, SystemId = TestAgencies.A, Secret = TestAgencies.SecretA }, logger: logger);
        var bad = new VxpHubTransport(http, new VxpHubOptions { Endpoint = _hub.BaseAddress, SystemId = TestAgencies.A, Secret = "leaky-secret-123" }, logger: logger);

        await good.SendAsync(new HubOutgoingMessage { Content = Doc(8), Kind = HubMessageKind.Edoc, From = TestAgencies.A });
        await Assert.ThrowsAsync<HubRequestFailedException>(() => bad.ListReceivedAsync(HubMessageKind.Edoc));
        await Assert.ThrowsAsync<HubRequestFailedException>(() => good.SendAsync(new HubOutgoingMessage { Content = Doc(9), Kind = HubMessageKind.Edoc, From = TestAgencies.B }));

        Assert.True(logger.Messages.Count >= 3);
        Assert.DoesNotContain(logger.Messages, m => m.Contains(TestAgencies.SecretA, StringComparison.Ordinal) || m.Contains("leaky-secret-123", StringComparison.Ordinal));
    }

    private static byte[] Doc(int number) => FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], FakeEdXml.DocumentId(TestAgencies.A, number));

    private InterchangeNode Node(string systemId, string secret, HubFaultKinds kinds = HubFaultKinds.All, int retries = 3, bool hubDeduplicates = false, int attemptTimeoutMs = 5000)
    {
        SetFaultKinds(kinds);
        return new InterchangeNode(_hub.BaseAddress, systemId, secret, _temp.File(systemId + "-" + Guid.NewGuid().ToString("N") + ".db"), vxp: o =>
        {
            o.MaxRetryAttempts = retries;
            o.HubDeduplicatesSends = hubDeduplicates;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(attemptTimeoutMs);
        });
    }

    private void SetFaultKinds(HubFaultKinds kinds) => _hub.FaultKinds = kinds;

    private sealed class CollectingLogger : Microsoft.Extensions.Logging.ILogger<VxpHubTransport>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages)
            {
                Messages.Add(formatter(state, exception) + " " + exception);
            }
        }
    }
}
