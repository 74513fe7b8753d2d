using Microsoft.Extensions.Logging;

namespace EDoc.Interchange.Diagnostics;

/// <summary>The log messages of EDoc.Interchange (event ids 2000–2999). Never content, keys or secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Debug, "Hub accepted a package of {Length} bytes as message {HubMessageId}.")]
    public static partial void HubMessageSent(ILogger logger, string hubMessageId, int length);

    [LoggerMessage(2001, LogLevel.Warning, "Hub request {Operation} failed (HTTP {StatusCode}): {Reason}.")]
    public static partial void HubRequestFailed(ILogger logger, string operation, int? statusCode, string? reason);

    [LoggerMessage(2002, LogLevel.Warning, "Hub refused {Operation} with error code {HubErrorCode}.")]
    public static partial void HubRequestRefused(ILogger logger, string operation, string? hubErrorCode);

    [LoggerMessage(2100, LogLevel.Information, "Outbox item {ItemId} enqueued (document {DocumentId}).")]
    public static partial void OutboxEnqueued(ILogger logger, Guid itemId, string? documentId);

    [LoggerMessage(2101, LogLevel.Information, "Outbox item {ItemId} delivered as hub message {HubMessageId}.")]
    public static partial void OutboxDelivered(ILogger logger, Guid itemId, string hubMessageId);

    [LoggerMessage(2102, LogLevel.Warning, "Outbox item {ItemId} attempt {Attempt} failed; retrying in {Delay}: {Reason}")]
    public static partial void OutboxRetryScheduled(ILogger logger, Guid itemId, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(2103, LogLevel.Error, "Outbox item {ItemId} failed permanently: {Reason}")]
    public static partial void OutboxFailed(ILogger logger, Guid itemId, string reason);

    [LoggerMessage(2104, LogLevel.Warning, "Outbox refused document {DocumentId}: attachment {AttachmentName} is infected ({Signature}).")]
    public static partial void OutboxRefusedInfected(ILogger logger, string? documentId, string attachmentName, string? signature);

    [LoggerMessage(2105, LogLevel.Information, "Outbox recovered {Count} item(s) left in the sending state by a previous process.")]
    public static partial void OutboxRecovered(ILogger logger, int count);

    [LoggerMessage(2106, LogLevel.Error, "Outbox delivery loop failed; retrying after {Delay}.")]
    public static partial void OutboxLoopFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(2200, LogLevel.Information, "Inbox stored hub message {HubMessageId} (document {DocumentId}).")]
    public static partial void InboxStored(ILogger logger, string hubMessageId, string? documentId);

    [LoggerMessage(2201, LogLevel.Information, "Inbox saw hub message {HubMessageId} again (duplicate delivery); stored once.")]
    public static partial void InboxDuplicate(ILogger logger, string hubMessageId);

    [LoggerMessage(2202, LogLevel.Warning, "Inbox quarantined hub message {HubMessageId}: attachment {AttachmentName} is infected ({Signature}).")]
    public static partial void InboxQuarantined(ILogger logger, string hubMessageId, string attachmentName, string? signature);

    [LoggerMessage(2203, LogLevel.Warning, "Inbox rejected hub message {HubMessageId}: {Reason}")]
    public static partial void InboxRejected(ILogger logger, string hubMessageId, string reason);

    [LoggerMessage(2204, LogLevel.Warning, "Inbox could not process hub message {HubMessageId} now; it stays at the hub: {Reason}")]
    public static partial void InboxDeferred(ILogger logger, string hubMessageId, string reason);

    [LoggerMessage(2205, LogLevel.Error, "Inbox polling failed; retrying after {Delay}.")]
    public static partial void InboxLoopFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(2300, LogLevel.Warning, "Malware scan of {Name} could not be completed: {Reason}")]
    public static partial void ScanFailed(ILogger logger, string name, string reason);
}
