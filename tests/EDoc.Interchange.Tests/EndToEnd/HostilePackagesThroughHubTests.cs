using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Storage;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Interchange.Tests.Integration;
using EDoc.Interchange.TestSender;

namespace EDoc.Interchange.Tests.EndToEnd;

/// <summary>
/// Hostile packages delivered through the hub emulator on 127.0.0.1 to an inbox with the real edXML engine: each is
/// refused (acknowledged <c>fail</c> with the reason, kept as rejected for audit), the sender gets status 02 when it
/// can be identified, and the polling inbox keeps working for the honest document sent after them.
/// </summary>
public sealed class HostilePackagesThroughHubTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Delete();
        return Task.CompletedTask;
    }

    public static TheoryData<string> Attacks => new() { "xxe", "billion-laughs", "external-dtd", "signature-wrapping", "zip-bomb", "not-xml" };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Inbox_HostilePackage_IsRefusedWithReasonAndTheNextDocumentStillArrives(string attack)
    {
        await using var hub = await HubEmulator.HubEmulator.StartAsync(TestAgencies.EmulatorOptions(_temp.File("hub")));
        await using var a = new InterchangeNode(hub.BaseAddress, TestAgencies.A, TestAgencies.SecretA, _temp.File("a.db"), fakeEdXml: false);
        await using var b = new InterchangeNode(hub.BaseAddress, TestAgencies.B, TestAgencies.SecretB, _temp.File("b.db"), fakeEdXml: false);
        byte[] hostile = attack switch
        {
            "signature-wrapping" => await HostilePackages.SignatureWrappingAsync(),
            "zip-bomb" => await HostilePackages.ZipBombAsync(),
            _ => HostilePackages.Xml(attack),
        };

        // The attacker bypasses its own outbox (which would refuse it) and posts raw bytes to the hub.
        var sent = await a.Transport.SendAsync(new HubOutgoingMessage { Content = hostile, Kind = HubMessageKind.Edoc, From = TestAgencies.A, To = [TestAgencies.B] });
        await a.Outbox.EnqueueAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], 1));
        await a.Outbox.DeliverDueAsync();

        // A hang guard only (bounded time); the pass normally takes well under a second.
        var summary = await b.Inbox.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, summary.Stored);
        Assert.Equal(1, summary.Rejected);
        Assert.Equal(0, summary.Deferred);
        var rejected = Assert.Single(await b.Store.ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Rejected, 10));
        Assert.False(string.IsNullOrEmpty(sent.HubMessageId));
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
        var atHub = hub.GetMessages(TestAgencies.B).Single(m => m.DocId == rejected.HubMessageId);
        Assert.Equal("fail", atHub.Status);
        Assert.Equal(rejected.Reason, atHub.StatusDescription);
        var accepted = Assert.Single(await b.Store.ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Accepted, 10));
        Assert.Equal(RealEdXml.DocumentId(TestAgencies.A, 1), accepted.DocumentId);

        // Readable but invalid packages (wrapping, zip bomb) name their sender: it is answered with status 02.
        var replies = (await b.Store.ListOutboxAsync(OutboxState.Pending, 10)).Where(o => o.Kind == HubMessageKind.Status).ToList();
        if (attack is "signature-wrapping" or "zip-bomb")
        {
            Assert.Contains(replies, r => r.StatusCode == "02" && RealEdXml.ReadStatus(r.Package).Status.StatusCode == global::EDoc.Interchange.Status.EdXmlStatusCode.Rejected);
            Assert.Contains(attack == "zip-bomb" ? "zip-bomb" : "signature", rejected.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("unreadable", rejected.Reason, StringComparison.Ordinal);
        }

        Assert.Contains(replies, r => r.StatusCode == "01" && r.DocumentId == RealEdXml.DocumentId(TestAgencies.A, 1));
    }
}
