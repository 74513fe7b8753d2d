using EDoc.HubEmulator;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Storage;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Interchange.TestSender;
using Microsoft.Extensions.DependencyInjection;

namespace EDoc.Interchange.Tests.Inbox;

[Collection(ClamdCollectionDefinition.Name)]
public sealed class EDocInboxTests(ClamdFixture clamd) : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private HubEmulator.HubEmulator _hub = null!;

    public async Task InitializeAsync() => _hub = await HubEmulator.HubEmulator.StartAsync(TestAgencies.EmulatorOptions(_temp.File("hub")));

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Delete();
    }

    [Fact]
    public async Task ReceiveAsync_InfectedAttachment_QuarantinesAcksFailAndRepliesStatus02()
    {
        clamd.EnsureStarted();
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, scan: true);
        string documentId = FakeEdXml.DocumentId(TestAgencies.A, 1);
        byte[] package = FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], documentId, ("phu-luc.doc", ClamdFixture.Eicar));
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = package, Kind = HubMessageKind.Edoc, From = TestAgencies.A });

        var summary = await b.Inbox.ReceiveAsync();

        Assert.Equal(1, summary.Quarantined);
        Assert.Empty(await b.Store.ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Accepted, 10));
        var quarantined = Assert.Single(await b.Store.ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Quarantined, 10));
        Assert.Contains("Test.EICAR", quarantined.Reason, StringComparison.Ordinal);
        var atHub = Assert.Single(_hub.GetMessages(TestAgencies.B));
        Assert.Equal("fail", atHub.Status);
        Assert.Contains("malware", atHub.StatusDescription, StringComparison.Ordinal);
        var reply = Assert.Single(await b.Store.ListOutboxAsync(OutboxState.Pending, 10));
        Assert.Equal("02", reply.StatusCode);
        Assert.Equal([TestAgencies.A], reply.To);

        Assert.True(await b.Outbox.DrainAsync(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20)));
        await a.Inbox.ReceiveAsync();
        var status = Assert.Single(await a.Store.ListInboundAsync(HubMessageKind.Status, null, 10));
        Assert.Equal("02", status.StatusCode);
        Assert.Equal(documentId, status.DocumentId);
        Assert.Equal(TestAgencies.B, status.From);
    }

    [Fact]
    public async Task ReceiveAsync_CleanDocument_StoresAcksDoneAndRepliesStatus01()
    {
        clamd.EnsureStarted();
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB, scan: true);
        byte[] package = FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], FakeEdXml.DocumentId(TestAgencies.A, 2), ("to-trinh.pdf", [0x25, 0x50, 0x44, 0x46]));
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = package, Kind = HubMessageKind.Edoc, From = TestAgencies.A });

        var summary = await b.Inbox.ReceiveAsync();

        Assert.Equal(new InboxReceiveSummary(1, 1, 0, 0, 0, 0), summary);
        var stored = Assert.Single(await b.Store.ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Accepted, 10));
        Assert.Equal(package, stored.Package);
        Assert.True(stored.Acknowledged);
        Assert.Equal("done", Assert.Single(_hub.GetMessages(TestAgencies.B)).Status);
        Assert.Equal("01", Assert.Single(await b.Store.ListOutboxAsync(OutboxState.Pending, 10)).StatusCode);
    }

    [Fact]
    public async Task ReceiveAsync_HubDeliversTwice_StoredOnceBothAcknowledgedOneReply()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB);
        _hub.FaultKinds = HubFaultKinds.DuplicateDelivery;
        _hub.FaultRate = 1;
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(3), Kind = HubMessageKind.Edoc, From = TestAgencies.A });
        _hub.FaultRate = 0;

        var summary = await b.Inbox.ReceiveAsync();

        Assert.Equal(2, _hub.GetMessages(TestAgencies.B).Count);
        Assert.Equal(1, summary.Stored);
        Assert.Equal(1, summary.Duplicates);
        Assert.Single(await b.Store.ListInboundAsync(HubMessageKind.Edoc, null, 10));
        Assert.All(_hub.GetMessages(TestAgencies.B), m => Assert.Equal("done", m.Status));
        Assert.Single(await b.Store.ListOutboxAsync(null, 10));
    }

    [Fact]
    public async Task ReceiveAsync_InvalidAndUnreadablePackages_RejectedWithFailAcknowledgement()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB);
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], string.Empty), Kind = HubMessageKind.Edoc, From = TestAgencies.A });
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = "not xml"u8.ToArray(), Kind = HubMessageKind.Edoc, From = TestAgencies.A, To = [TestAgencies.B] });

        var summary = await b.Inbox.ReceiveAsync();

        Assert.Equal(2, summary.Rejected);
        var rejected = await b.Store.ListInboundAsync(null, InboxDisposition.Rejected, 10);
        Assert.Equal(2, rejected.Count);
        Assert.Contains(rejected, r => r.Reason!.Contains("MessageHeader.DocumentId", StringComparison.Ordinal));
        Assert.Contains(rejected, r => r.Reason!.StartsWith("unreadable package", StringComparison.Ordinal));
        Assert.All(_hub.GetMessages(TestAgencies.B), m => Assert.Equal("fail", m.Status));
        Assert.Equal(1, (await b.Store.CountOutboxAsync()).Pending); // status 02 for the readable one only
    }

    [Fact]
    public async Task ProcessAsync_AcknowledgementLost_NextPassAcknowledgesWithoutStoringTwice()
    {
        await using var a = Node(TestAgencies.A, TestAgencies.SecretA);
        await using var b = Node(TestAgencies.B, TestAgencies.SecretB);
        await a.Transport.SendAsync(new HubOutgoingMessage { Content = Doc(4), Kind = HubMessageKind.Edoc, From = TestAgencies.A });
        var flaky = new AckLosingTransport(b.Transport);
        var inbox = new EDocInbox(b.Store, flaky, new FakeInspector(), new FakeStatusFactory(), null, null, new EDocInterchangeOptions { OrganId = TestAgencies.B, RequireMalwareScanner = false });

        var first = await inbox.ReceiveAsync();
        var second = await inbox.ReceiveAsync();
        var third = await inbox.ReceiveAsync();

        Assert.Equal(1, first.Deferred);
        Assert.Equal(1, second.Duplicates);
        Assert.Equal(0, third.Listed);
        Assert.Single(await b.Store.ListInboundAsync(HubMessageKind.Edoc, null, 10));
        Assert.Single(await b.Store.ListOutboxAsync(null, 10));
        Assert.Equal("done", Assert.Single(_hub.GetMessages(TestAgencies.B)).Status);
    }

    [Fact]
    public void Constructor_NoOrganId_Throws()
    {
        var options = new EDocInterchangeOptions { RequireMalwareScanner = false };

        Assert.Throws<InvalidOperationException>(() => new EDocInbox(new SqliteInterchangeStore(_temp.File("x.db")), new ScriptedNoopTransport(), new FakeInspector(), new FakeStatusFactory(), null, null, options));
    }

    private static byte[] Doc(int number) => FakeEdXml.Document(TestAgencies.A, [TestAgencies.B], FakeEdXml.DocumentId(TestAgencies.A, number));

    private InterchangeNode Node(string systemId, string secret, bool scan = false)
        => new(
            _hub.BaseAddress,
            systemId,
            secret,
            _temp.File(systemId + "-" + Guid.NewGuid().ToString("N") + ".db"),
            configure: scan ? b => b.AddClamAvScanner(o => { o.Port = clamd.Port; }) : null,
            options: o => o.RequireMalwareScanner = scan);

    private sealed class AckLosingTransport(IHubTransport inner) : IHubTransport
    {
        private int _acks;

        public Task<HubSendResult> SendAsync(HubOutgoingMessage message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

        public Task<IReadOnlyList<HubReceivedMessage>> ListReceivedAsync(HubMessageKind kind, CancellationToken cancellationToken = default) => inner.ListReceivedAsync(kind, cancellationToken);

        public Task<byte[]> GetPackageAsync(string hubMessageId, CancellationToken cancellationToken = default) => inner.GetPackageAsync(hubMessageId, cancellationToken);

        public Task UpdateStatusAsync(string hubMessageId, HubDeliveryStatus status, string? reason = null, CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref _acks) == 1
                ? throw new HubRequestFailedException("updateStatus", null, true, "the connection dropped.")
                : inner.UpdateStatusAsync(hubMessageId, status, reason, cancellationToken);

        public Task<IReadOnlyList<HubSentMessage>> ListSentAsync(HubMessageKind kind, string? hubMessageId = null, CancellationToken cancellationToken = default) => inner.ListSentAsync(kind, hubMessageId, cancellationToken);

        public Task<IReadOnlyList<HubAgency>> GetAgenciesAsync(HubAgencyCodeSystem codeSystem, CancellationToken cancellationToken = default) => inner.GetAgenciesAsync(codeSystem, cancellationToken);
    }

    private sealed class ScriptedNoopTransport : IHubTransport
    {
        public Task<HubSendResult> SendAsync(HubOutgoingMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<HubReceivedMessage>> ListReceivedAsync(HubMessageKind kind, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]> GetPackageAsync(string hubMessageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UpdateStatusAsync(string hubMessageId, HubDeliveryStatus status, string? reason = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<HubSentMessage>> ListSentAsync(HubMessageKind kind, string? hubMessageId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<HubAgency>> GetAgenciesAsync(HubAgencyCodeSystem codeSystem, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
