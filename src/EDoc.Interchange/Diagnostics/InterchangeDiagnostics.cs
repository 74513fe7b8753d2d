using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EDoc.Interchange.Diagnostics;

/// <summary>The names of the tracing source and meter of EDoc.Interchange, for OpenTelemetry registration.</summary>
public static class InterchangeDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>: <c>EDoc.Interchange</c>.</summary>
    public const string Name = "EDoc.Interchange";

    internal static readonly ActivitySource ActivitySource = new(Name, typeof(InterchangeDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(InterchangeDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> OutboxDelivered = Meter.CreateCounter<long>("edoc.interchange.outbox.delivered", "{package}", "Packages the hub accepted.");

    internal static readonly Counter<long> OutboxAttemptsFailed = Meter.CreateCounter<long>("edoc.interchange.outbox.attempts_failed", "{attempt}", "Delivery attempts that failed.");

    internal static readonly Counter<long> InboxStored = Meter.CreateCounter<long>("edoc.interchange.inbox.stored", "{package}", "Received packages stored (first delivery).");

    internal static readonly Counter<long> InboxDuplicates = Meter.CreateCounter<long>("edoc.interchange.inbox.duplicates", "{package}", "Duplicate deliveries recognised and stored once.");
}
