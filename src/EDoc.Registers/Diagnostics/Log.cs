using Microsoft.Extensions.Logging;

namespace EDoc.Registers.Diagnostics;

/// <summary>The log messages of EDoc.Registers (event ids 3000–3999). Never subjects, signers or the content of documents.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Debug, "Issued outgoing number {Number} of sequence {Sequence} ({Year}) in register {RegisterId} in {ElapsedMilliseconds:0.0} ms.")]
    public static partial void OutgoingIssued(ILogger logger, int number, string sequence, int year, string registerId, double elapsedMilliseconds);

    [LoggerMessage(3001, LogLevel.Warning, "Issuing in sequence {Sequence} ({Year}) of register {RegisterId} was refused ({Conflict}); no number was consumed.")]
    public static partial void IssueRefused(ILogger logger, string sequence, int year, string registerId, string conflict);

    [LoggerMessage(3002, LogLevel.Error, "Issuing in sequence {Sequence} ({Year}) of register {RegisterId} failed in the {Provider} store; no number was consumed.")]
    public static partial void IssueFailed(ILogger logger, Exception exception, string sequence, int year, string registerId, string provider);

    [LoggerMessage(3010, LogLevel.Debug, "Registered incoming arrival number {ArrivalNumber} ({Year}) in register {RegisterId} in {ElapsedMilliseconds:0.0} ms.")]
    public static partial void IncomingReceived(ILogger logger, int arrivalNumber, int year, string registerId, double elapsedMilliseconds);

    [LoggerMessage(3011, LogLevel.Warning, "Registering an incoming document in register {RegisterId} was refused ({Conflict}); no arrival number was consumed.")]
    public static partial void ReceiveRefused(ILogger logger, string registerId, string conflict);

    [LoggerMessage(3012, LogLevel.Error, "Registering an incoming document in register {RegisterId} failed in the {Provider} store; no arrival number was consumed.")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string registerId, string provider);

    [LoggerMessage(3020, LogLevel.Information, "{Book} entry {EntryId} was marked {Status}.")]
    public static partial void StatusChanged(ILogger logger, RegisterBook book, long entryId, RegisterEntryStatus status);

    [LoggerMessage(3100, LogLevel.Information, "Loaded {Count} government schedule adjustment(s) from {File}.")]
    public static partial void ScheduleLoaded(ILogger logger, int count, string file);
}
