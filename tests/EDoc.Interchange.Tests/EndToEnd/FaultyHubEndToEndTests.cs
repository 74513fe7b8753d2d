using System.Diagnostics;
using EDoc.HubEmulator;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Storage;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Interchange.TestSender;
using Xunit.Abstractions;

namespace EDoc.Interchange.Tests.EndToEnd;

/// <summary>
/// The acceptance runs of issues 4 and 7: documents through the hub emulator on 127.0.0.1 with 30 % injected faults of
/// every kind (connection reset, 5xx, 429 with Retry-After, slow answer past the client timeout, truncated body,
/// duplicate delivery, lost acknowledgement) reach the receiver exactly once and every one is answered with status 01;
/// a sender killed mid-send loses nothing. <c>scripts/soak.sh</c> runs the soak at 5,000 documents.
/// </summary>
public sealed class FaultyHubEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Delete();
        return Task.CompletedTask;
    }

    /// <summary>The soak size: <c>EDOC_SOAK_COUNT</c> (<c>scripts/soak.sh</c> runs 5,000), 300 in the suite.</summary>
    internal static int SoakCount
        => int.TryParse(Environment.GetEnvironmentVariable("EDOC_SOAK_COUNT"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 300;

    [Fact]
    public async Task Soak_ThirtyPercentFaultsOfEveryKind_NoneLostNoneStoredTwiceEachAnsweredWithStatus01()
    {
        int count = SoakCount;
        var hubOptions = TestAgencies.EmulatorOptions(_temp.File("hub"));
        hubOptions.FaultRate = 0.30;
        hubOptions.FaultKinds = HubFaultKinds.All;
        hubOptions.TimeoutFaultDelay = TimeSpan.FromMilliseconds(700);
        hubOptions.RetryAfter = TimeSpan.FromSeconds(1);
        hubOptions.Seed = 20261124;
        await using var hub = await HubEmulator.HubEmulator.StartAsync(hubOptions);
        Action<VxpHubOptions> shortTimeouts = o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(400);
            o.TotalTimeout = TimeSpan.FromSeconds(4);
        };
        await using var a = new InterchangeNode(hub.BaseAddress, TestAgencies.A, TestAgencies.SecretA, _temp.File("a.db"), vxp: shortTimeouts, fakeEdXml: false);
        await using var b = new InterchangeNode(hub.BaseAddress, TestAgencies.B, TestAgencies.SecretB, _temp.File("b.db"), vxp: shortTimeouts, fakeEdXml: false);
        await a.StartOutboxDeliveryAsync();
        await b.StartOutboxDeliveryAsync();
        var documentIds = Enumerable.Range(1, count).Select(i => RealEdXml.DocumentId(TestAgencies.A, i)).ToList();
        var watch = Stopwatch.StartNew();

        for (int i = 1; i <= count; i++)
        {
            await a.Outbox.EnqueueAsync(RealEdXml.Document(TestAgencies.A, [TestAgencies.B], i));
        }

        output.WriteLine($"enqueued {count} in {watch.Elapsed}");
        var deadline = DateTime.UtcNow.AddMinutes(4) + TimeSpan.FromMilliseconds(150.0 * count);
        int receivedByB = 0, statusesAtA = 0;
        while (DateTime.UtcNow < deadline)
        {
            await ReceiveIgnoringHubFaults(b);
            await ReceiveIgnoringHubFaults(a);
            receivedByB = (await b.Store.ListInboundAsync(HubMessageKind.Edoc, null, 10 * count)).Count;
            statusesAtA = (await a.Store.ListInboundAsync(HubMessageKind.Status, null, 10 * count)).Count;
            var outA = await a.Store.CountOutboxAsync();
            var outB = await b.Store.CountOutboxAsync();
            if (receivedByB == count && statusesAtA == count && outA.Pending + outA.Sending == 0 && outB.Pending + outB.Sending == 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        var atB = await b.Store.ListInboundAsync(HubMessageKind.Edoc, null, 10 * count);
        var atA = await a.Store.ListInboundAsync(HubMessageKind.Status, null, 10 * count);
        var atHub = hub.GetMessages(TestAgencies.B);
        int distinctAtB = atB.Select(i => i.DocumentId).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine($"SOAK count={count} elapsed={watch.Elapsed:c} lost={count - documentIds.Intersect(atB.Select(i => i.DocumentId!), StringComparer.Ordinal).Count()} storedTwice={atB.Count - distinctAtB} statuses={atA.Count} hubCopiesForB={atHub.Count} hubSendsForB={atHub.Select(m => m.SenderDocId).Distinct(StringComparer.Ordinal).Count()}");
        output.WriteLine($"SOAK hub: {hub.Statistics}");
        long requests = hub.Statistics.Requests;
        double expectedPerKind = requests * 0.30 / 7;

        // Every kind of fault really happened, in proportion (the DuplicateDelivery counter only counts effective duplicates).
        foreach (var (kind, injected) in hub.Statistics.FaultsByKind())
        {
            double floor = kind == HubFaultKinds.DuplicateDelivery ? expectedPerKind / 10 : expectedPerKind / 2;
            Assert.True(injected >= floor, $"{kind}: {injected} injected of {requests} requests; expected at least {floor:0}");
        }

        Assert.True(hub.GetMessages(TestAgencies.B).Count > count, "the hub delivered some documents more than once");
        Assert.Equal(0, hub.Statistics.EarlyRetries);

        // The hub stored each send once (the retries carried the outbox's idempotency key).
        Assert.Equal(count, atHub.Select(m => m.SenderDocId).Distinct(StringComparer.Ordinal).Count());

        // B stored every document exactly once, all accepted.
        Assert.Equal(count, atB.Count);
        Assert.All(atB, i => Assert.Equal(InboxDisposition.Accepted, i.Disposition));
        Assert.Equal(documentIds.Order(StringComparer.Ordinal), atB.Select(i => i.DocumentId!).Order(StringComparer.Ordinal));

        // A got status 01 for each document, once.
        Assert.Equal(count, atA.Count);
        Assert.All(atA, s => Assert.Equal("01", s.StatusCode));
        Assert.All(atA, s => Assert.Equal(TestAgencies.B, s.From));
        Assert.Equal(documentIds.Order(StringComparer.Ordinal), atA.Select(s => s.DocumentId!).Order(StringComparer.Ordinal));

        // The status packages are real edXML: the reader parses each one as 01 from B answering A's document.
        var parsed = atA.Select(s => RealEdXml.ReadStatus(s.Package)).ToList();
        Assert.All(parsed, p => Assert.Equal(global::EDoc.Interchange.Status.EdXmlStatusCode.Arrived, p.Status.StatusCode));
        Assert.All(parsed, p => Assert.Equal(TestAgencies.B, p.Status.From?.OrganId));
        Assert.All(parsed, p => Assert.Equal(TestAgencies.A, p.Status.ResponseFor?.OrganId));
        Assert.Equal(documentIds.Order(StringComparer.Ordinal), parsed.Select(p => p.Status.ResponseFor!.DocumentId!.ToString()).Order(StringComparer.Ordinal));

        // B's stored documents are real edXML too, with their PDF.
        var first = await new global::EDoc.Interchange.EdXml.EdXmlReader().ReadAsync(new MemoryStream(atB[0].Package));
        Assert.Single(Assert.IsType<global::EDoc.Interchange.EdXml.EdocPackage>(first).Attachments);

        // Nothing left behind or failed in either outbox.
        Assert.Equal(new OutboxCounts(0, 0, count, 0), await a.Store.CountOutboxAsync());
        Assert.Equal(new OutboxCounts(0, 0, count, 0), await b.Store.CountOutboxAsync());
    }

    [Fact]
    public async Task Sender_KilledMidSend_RestartDeliversEverythingOnce()
    {
        const int count = 150;
        var hubOptions = TestAgencies.EmulatorOptions(_temp.File("hub"));
        hubOptions.FaultRate = 0.2;
        hubOptions.FaultKinds = HubFaultKinds.ServerError | HubFaultKinds.DroppedConnection | HubFaultKinds.Timeout;
        hubOptions.TimeoutFaultDelay = TimeSpan.FromMilliseconds(800);
        hubOptions.Latency = TimeSpan.FromMilliseconds(5);
        await using var hub = await HubEmulator.HubEmulator.StartAsync(hubOptions);
        string db = _temp.File("sender.db");

        // First run: killed once some documents reached the hub.
        using (var first = StartSender(hub.BaseAddress, db, count))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (hub.GetMessages(TestAgencies.B).Count < 30 && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(20);
            }

            Assert.False(first.HasExited, "the sender finished before it could be killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        int beforeRestart = hub.GetMessages(TestAgencies.B).Count;
        output.WriteLine($"killed after {beforeRestart} of {count} reached the hub");
        Assert.InRange(beforeRestart, 30, count - 1);

        // Second run: recovers the in-flight items and finishes.
        using (var second = StartSender(hub.BaseAddress, db, count))
        {
            string stdout = await second.StandardOutput.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.True(second.ExitCode == 0, "sender exit code " + second.ExitCode + ": " + await second.StandardError.ReadToEndAsync());
            Assert.EndsWith("DONE", stdout.TrimEnd(), StringComparison.Ordinal);
        }

        // The hub holds each document once: retries carried the same idempotency key.
        var atHub = hub.GetMessages(TestAgencies.B);
        Assert.Equal(count, atHub.Count);
        Assert.Equal(count, atHub.Select(m => m.SenderDocId).Distinct().Count());

        // And the receiver gets every document once.
        hub.FaultRate = 0;
        await using var b = new InterchangeNode(hub.BaseAddress, TestAgencies.B, TestAgencies.SecretB, _temp.File("b.db"), fakeEdXml: false);
        await b.Inbox.ReceiveAsync();
        var received = await b.Store.ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Accepted, 10 * count);
        Assert.Equal(
            Enumerable.Range(1, count).Select(i => RealEdXml.DocumentId(TestAgencies.A, i)).Order(StringComparer.Ordinal),
            received.Select(r => r.DocumentId!).Order(StringComparer.Ordinal));
        var sender = new SqliteInterchangeStore(db);
        Assert.Equal(new OutboxCounts(0, 0, count, 0), await sender.CountOutboxAsync());
    }

    private static async Task ReceiveIgnoringHubFaults(InterchangeNode node)
    {
        try
        {
            await node.Inbox.ReceiveAsync();
        }
        catch (HubRequestFailedException)
        {
            // The listing itself hit a fault; the next pass lists again.
        }
    }

    private static Process StartSender(Uri hub, string db, int count)
    {
        string testDirectory = AppContext.BaseDirectory;
        string helperDirectory = testDirectory.Replace("EDoc.Interchange.Tests", "EDoc.Interchange.TestSender", StringComparison.Ordinal);
        string dll = Path.Combine(Directory.Exists(helperDirectory) ? helperDirectory : testDirectory, "EDoc.Interchange.TestSender.dll");
        Assert.True(File.Exists(dll), "test helper not built: " + dll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { dll, "--hub", hub.ToString(), "--system-id", TestAgencies.A, "--secret", TestAgencies.SecretA, "--to", TestAgencies.B, "--db", db, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }
}
