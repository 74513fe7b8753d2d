using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EDoc.Registers.Diagnostics;

/// <summary>The names of the tracing source and meter of EDoc.Registers, for OpenTelemetry registration.</summary>
/// <remarks>
/// Instruments: <c>edoc.registers.issue.duration</c> (histogram, seconds; tags <c>edoc.registers.book</c>
/// <c>outgoing|incoming</c>, <c>edoc.registers.outcome</c> <c>issued|conflict|error</c>, <c>db.system</c>
/// <c>sqlite|postgresql</c>) and <c>edoc.registers.issued</c> (counter of numbers issued). Activities:
/// <c>EDoc.Registers.Issue</c> and <c>EDoc.Registers.Receive</c>. No subject, name or notation of a secret document is
/// ever recorded.
/// </remarks>
public static class RegistersDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>: <c>EDoc.Registers</c>.</summary>
    public const string Name = "EDoc.Registers";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> (same as <see cref="Name"/>).</summary>
    public const string ActivitySourceName = Name;

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> (same as <see cref="Name"/>).</summary>
    public const string MeterName = Name;

    /// <summary>The histogram of the time to issue a number (take it, compose, insert, commit), in seconds.</summary>
    public const string IssueDurationInstrument = "edoc.registers.issue.duration";

    /// <summary>The counter of numbers issued (outgoing and arrival numbers).</summary>
    public const string IssuedInstrument = "edoc.registers.issued";

    internal static readonly ActivitySource ActivitySource = new(Name, typeof(RegistersDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(RegistersDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<double> IssueDuration = Meter.CreateHistogram<double>(
        IssueDurationInstrument, "s", "Time to issue a register number in one store transaction.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    internal static readonly Counter<long> Issued = Meter.CreateCounter<long>(IssuedInstrument, "{number}", "Register numbers issued.");
}
