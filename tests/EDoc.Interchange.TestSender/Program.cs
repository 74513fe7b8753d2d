using System.Globalization;
using EDoc.Interchange;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.TestSender;
using Microsoft.Extensions.DependencyInjection;

// Usage: TestSender --hub URL --system-id CODE --secret S --to CODE --db PATH --count N
// Enqueues N documents with deterministic item ids (enqueuing again is harmless), recovers items a killed run left in
// the sending state, then delivers until the outbox is empty, printing "SENT <count>" as it goes and "DONE" at the end.
var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
{
    values[args[i]] = args[i + 1];
}

string hub = values["--hub"], systemId = values["--system-id"], secret = values["--secret"], to = values["--to"], db = values["--db"];
int count = int.Parse(values["--count"], CultureInfo.InvariantCulture);

var services = new ServiceCollection();
services.AddEDocInterchange(o =>
{
    o.RequireMalwareScanner = false;
    o.Outbox.MaxConcurrency = 4;
    o.Outbox.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
    o.Outbox.RetryMaxDelay = TimeSpan.FromMilliseconds(300);
})
    .AddVxpHub(o =>
    {
        o.Endpoint = new Uri(hub);
        o.SystemId = systemId;
        o.Secret = secret;
        o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        o.TotalTimeout = TimeSpan.FromSeconds(5);
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        o.CircuitBreakerFailureRatio = 0.95;
        o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
    })
    .UseSqliteStore(db);

// The real edXML engine: EdXmlPackageInspector and EdXmlStatusPackageFactory are the defaults of AddEDocInterchange.
await using var provider = services.BuildServiceProvider();
var outbox = provider.GetRequiredService<EDocOutbox>();
await outbox.RecoverInFlightAsync();
for (int i = 0; i < count; i++)
{
    var id = new Guid(i, 0x4544, 0x4f43, 0, 0, 0, 0, 0, 0, 0, 1);
    await outbox.EnqueueAsync(RealEdXml.Document(systemId, [to], i + 1), itemId: id);
}

Console.WriteLine("ENQUEUED");
while (true)
{
    await outbox.DeliverDueAsync();
    var counts = await outbox.Store.CountOutboxAsync();
    Console.WriteLine($"SENT {counts.Sent}");
    if (counts.Pending == 0 && counts.Sending == 0)
    {
        break;
    }

    await Task.Delay(20);
}

Console.WriteLine("DONE");
return 0;
