using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EDoc.Archive.Diagnostics;

/// <summary>The names of the tracing source and meter of EDoc.Archive, for OpenTelemetry registration.</summary>
public static class ArchiveDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>: <c>EDoc.Archive</c>.</summary>
    public const string ActivitySourceName = "EDoc.Archive";

    /// <summary>The name of the meter: <c>EDoc.Archive</c>.</summary>
    public const string MeterName = "EDoc.Archive";

    /// <summary>The histogram of packaging durations in seconds, tagged <c>edoc.archive.kind</c> and <c>edoc.archive.outcome</c>.</summary>
    public const string PackDurationName = "edoc.archive.pack.duration";

    /// <summary>The histogram of verification durations in seconds, tagged <c>edoc.archive.outcome</c>.</summary>
    public const string VerifyDurationName = "edoc.archive.verify.duration";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, typeof(ArchiveDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(MeterName, typeof(ArchiveDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<double> PackDuration = Meter.CreateHistogram<double>(PackDurationName, "s", "Time to write an archival package (SIP/AIP).");

    internal static readonly Histogram<double> VerifyDuration = Meter.CreateHistogram<double>(VerifyDurationName, "s", "Time to verify an archival package.");

    internal static KeyValuePair<string, object?> Outcome(string outcome) => new("edoc.archive.outcome", outcome);

    internal static KeyValuePair<string, object?> Kind(object? kind) => new("edoc.archive.kind", kind?.ToString());
}
