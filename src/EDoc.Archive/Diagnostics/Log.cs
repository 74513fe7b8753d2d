using Microsoft.Extensions.Logging;

namespace EDoc.Archive.Diagnostics;

/// <summary>EDoc.Archive log messages; event ids 4000–4999 (4000 packaging, 4100 verification, 4200 export).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Packing a {Kind} as a {Target} with {Documents} documents")]
    public static partial void PackStarted(ILogger logger, string kind, string target, int documents);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Packed {Kind} {PackageId}: {Files} files, {Bytes} bytes, in {ElapsedMs} ms")]
    public static partial void PackCompleted(ILogger logger, string kind, string packageId, int files, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Packing {Kind} failed after {ElapsedMs} ms")]
    public static partial void PackFailed(ILogger logger, Exception exception, string kind, long elapsedMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Signature evidence for {FileName}: {Outcome}")]
    public static partial void EvidenceTaken(ILogger logger, string fileName, string outcome);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Verified package {PackageId}: valid={IsValid}, intact={IsIntact}, {Problems} problems, {Files} files, in {ElapsedMs} ms")]
    public static partial void VerifyCompleted(ILogger logger, string? packageId, bool isValid, bool isIntact, int problems, int files, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Package verification refused the input: {Error} at {Location}")]
    public static partial void VerifyRefused(ILogger logger, Exception exception, string error, string? location);
}
