using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace EDoc.Signing.Diagnostics;

/// <summary>
/// Names of the tracing source and meter of EDoc.Signing, for OpenTelemetry
/// (<c>AddSource(EDocSigningDiagnostics.ActivitySourceName)</c>, <c>AddMeter(EDocSigningDiagnostics.MeterName)</c>).
/// </summary>
public static class EDocSigningDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name.</summary>
    public const string ActivitySourceName = "EDoc.Signing";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string MeterName = "EDoc.Signing";

    /// <summary>The span around one <see cref="PdfSigner"/> signing.</summary>
    public const string SignActivityName = "PdfSigner.Sign";

    /// <summary>The histogram of signing durations in seconds (tags <c>edoc.signing.level</c>, <c>edoc.signing.outcome</c>).</summary>
    public const string SignDurationInstrument = "edoc.signing.sign.duration";

    private static readonly string? Version = typeof(EDocSigningDiagnostics).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Histogram<double> SignDuration = Meter.CreateHistogram<double>(
        SignDurationInstrument, unit: "s", description: "Duration of signing one PDF (all levels, including timestamp and revocation requests).");
}

/// <summary>Source-generated log messages of EDoc.Signing (event ids 1000–1999). Never logs keys, PINs or passwords.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Signing {SourceLength} bytes at level {Level} with certificate {Thumbprint} (field {FieldName}, /Contents capacity {Capacity}).")]
    public static partial void SigningStarted(ILogger logger, long sourceLength, PadesLevel level, string thumbprint, string? fieldName, int capacity);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Signed field {FieldName} at level {Level}: CMS {CmsSize} of {Capacity} bytes, output {OutputLength} bytes, in {ElapsedMs} ms.")]
    public static partial void SigningCompleted(ILogger logger, string fieldName, PadesLevel level, int cmsSize, int capacity, long outputLength, double elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Signing at level {Level} failed: {ErrorCode}.")]
    public static partial void SigningFailed(ILogger logger, PadesLevel level, string errorCode, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Signature timestamp added ({TokenSize} bytes).")]
    public static partial void TimestampAdded(ILogger logger, int tokenSize);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "DSS appended: {Certificates} certificates, {Ocsps} OCSP responses, {Crls} CRLs.")]
    public static partial void DssAppended(ILogger logger, int certificates, int ocsps, int crls);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Debug, Message = "Document timestamp added in field {FieldName}.")]
    public static partial void DocumentTimestampAdded(ILogger logger, string fieldName);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "Two-phase signature prepared in field {FieldName}; waiting for the remote signature.")]
    public static partial void TwoPhasePrepared(ILogger logger, string fieldName);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Information, Message = "Two-phase signature completed in field {FieldName} ({Kind}).")]
    public static partial void TwoPhaseCompleted(ILogger logger, string fieldName, string kind);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Batch finished: {Succeeded} signed, {Failed} failed of {Total}.")]
    public static partial void BatchCompleted(ILogger logger, int succeeded, int failed, int total);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning, Message = "Batch job {Index} ({Source}) failed.")]
    public static partial void BatchJobFailed(ILogger logger, int index, string source, Exception exception);
}
