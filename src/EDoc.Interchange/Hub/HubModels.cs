namespace EDoc.Interchange.Hub;

/// <summary>What a hub message carries: a document package or a status package.</summary>
public enum HubMessageKind
{
    /// <summary>An edXML document package (gói tin văn bản điện tử; VXP <c>messagetype=edoc</c>).</summary>
    Edoc = 0,

    /// <summary>An edXML status package (gói tin trạng thái; VXP <c>messagetype=status</c>).</summary>
    Status = 1,
}

/// <summary>
/// The transport acknowledgement a receiver gives the hub for a message (VXP <c>updateStatus</c>). It is separate
/// from the edXML status messages (01 đã đến, 02 từ chối…) that travel back to the sender as packages.
/// </summary>
public enum HubDeliveryStatus
{
    /// <summary>The receiver is working on the message (<c>processing</c>).</summary>
    Processing = 0,

    /// <summary>The receiver stored the message (<c>done</c>); the hub stops listing it.</summary>
    Done = 1,

    /// <summary>The receiver refused the message (<c>fail</c>), with a reason.</summary>
    Fail = 2,
}

/// <summary>Which agency code system a directory listing uses.</summary>
public enum HubAgencyCodeSystem
{
    /// <summary>The identifiers of QCVN 102:2016 (mã định danh, e.g. <c>000.00.00.H41</c>); VXP <c>getAgenciesList</c>.</summary>
    Qcvn102 = 0,

    /// <summary>The electronic identifiers of QĐ 20/2020/QĐ-TTg; VXP <c>getAgenciesListQD20</c>.</summary>
    Qd20 = 1,
}

/// <summary>A package to send through a hub.</summary>
public sealed class HubOutgoingMessage
{
    /// <summary>The package bytes (an <c>.edxml</c> file), sent as they are.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>Whether the package is a document or a status package.</summary>
    public required HubMessageKind Kind { get; init; }

    /// <summary>The sender's agency code; most hubs require it to equal the account's system id.</summary>
    public required string From { get; init; }

    /// <summary>
    /// The receivers' agency codes, or empty to let the hub read them from the package (VXP treats <c>to</c> as
    /// optional).
    /// </summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>
    /// A key that stays the same for every attempt to send this package (the outbox uses its item id). Hubs that
    /// honour it accept a repeated send once; the others ignore it and the receiver de-duplicates.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>What the hub answered to a send.</summary>
/// <param name="HubMessageId">The hub's id of the message (VXP <c>DocId</c>); it is not the edXML DocumentId.</param>
public sealed record HubSendResult(string HubMessageId);

/// <summary>A message waiting for this account at the hub.</summary>
/// <param name="HubMessageId">The hub's id of the message, used to fetch and acknowledge it.</param>
/// <param name="Kind">Document or status package.</param>
/// <param name="From">The sender's agency code, as the hub reports it.</param>
/// <param name="To">The receivers' agency codes, as the hub reports them.</param>
/// <param name="Status">The hub's transport status of the message, as text.</param>
/// <param name="CreatedAt">When the hub received it, if reported.</param>
public sealed record HubReceivedMessage(
    string HubMessageId,
    HubMessageKind Kind,
    string? From,
    IReadOnlyList<string> To,
    string? Status,
    DateTimeOffset? CreatedAt);

/// <summary>A message this account sent, with its delivery state at the receiver.</summary>
/// <param name="SenderHubMessageId">The hub id returned to the sender.</param>
/// <param name="ReceiverHubMessageId">The hub id of the receiver's copy, if reported.</param>
/// <param name="From">The sender's agency code.</param>
/// <param name="To">The receiver's agency code.</param>
/// <param name="SendStatus">The hub's send status.</param>
/// <param name="ReceiveStatus">The receiver's acknowledgement (done, fail, processing…) or <see langword="null"/>.</param>
/// <param name="ReceiveStatusDescription">The reason the receiver gave, if any.</param>
/// <param name="SentAt">When the hub accepted it.</param>
/// <param name="ReceivedAt">When the receiver acknowledged it.</param>
public sealed record HubSentMessage(
    string SenderHubMessageId,
    string? ReceiverHubMessageId,
    string? From,
    string? To,
    string? SendStatus,
    string? ReceiveStatus,
    string? ReceiveStatusDescription,
    DateTimeOffset? SentAt,
    DateTimeOffset? ReceivedAt);

/// <summary>An agency in the hub's directory (danh mục đơn vị liên thông), with both code systems.</summary>
/// <param name="Code">The code in the listing's code system (QĐ 20 code for <see cref="HubAgencyCodeSystem.Qd20"/>).</param>
/// <param name="Code102">The QCVN 102:2016 identifier (mã định danh), when known.</param>
/// <param name="Name">The agency name.</param>
/// <param name="ParentCode">The parent agency's code, if any.</param>
/// <param name="Email">The contact e-mail, if any.</param>
/// <param name="IsDeleted">Whether the hub marks the agency as removed.</param>
public sealed record HubAgency(string Code, string? Code102, string Name, string? ParentCode, string? Email, bool IsDeleted);
