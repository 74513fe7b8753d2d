namespace EDoc.SampleHost;

/// <summary>
/// The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> names to
/// subscribe to with OpenTelemetry (<c>AddSource(...)</c>, <c>AddMeter(...)</c>): one per package, the same name for both.
/// </summary>
public static class SampleHostTelemetry
{
    /// <summary>The names: EDoc.Signing, EDoc.Interchange, EDoc.Registers, EDoc.Archive.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        EDoc.Signing.Diagnostics.EDocSigningDiagnostics.ActivitySourceName,
        EDoc.Interchange.Diagnostics.InterchangeDiagnostics.Name,
        EDoc.Registers.Diagnostics.RegistersDiagnostics.ActivitySourceName,
        EDoc.Archive.Diagnostics.ArchiveDiagnostics.ActivitySourceName,
    ];
}
