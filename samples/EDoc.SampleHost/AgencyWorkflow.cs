using System.Text.Json;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;
using EDoc.Documents;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Storage;
using EDoc.Registers;
using EDoc.Samples.Workflow;
using EDoc.Signing;
using EDoc.Signing.Appearance;
using EDoc.Signing.Verification;
using Microsoft.Extensions.Options;

namespace EDoc.SampleHost;

/// <summary>Where a document of the host is in the workflow.</summary>
public enum DocumentState
{
    /// <summary>Drafted: urgency stamp and empty number/date fields, not signed.</summary>
    Draft,

    /// <summary>Signed by the signer (certification that still allows the clerk's fields and the agency's signature).</summary>
    SignedBySigner,

    /// <summary>Numbered and dated by the clerk and signed by the agency.</summary>
    Issued,

    /// <summary>Sent through the hub as a signed edXML package.</summary>
    Sent,
}

/// <summary>A document of the host (stored as <c>record.json</c> beside its PDFs).</summary>
public sealed record DocumentRecord
{
    /// <summary>The host's id of the document.</summary>
    public required string Id { get; init; }

    /// <summary>The state.</summary>
    public DocumentState State { get; init; }

    /// <summary>The subject (trích yếu).</summary>
    public required string Subject { get; init; }

    /// <summary>The urgency.</summary>
    public Urgency Urgency { get; init; }

    /// <summary>The number and notation once issued (<c>01/QĐ-UBND</c>).</summary>
    public string? Notation { get; init; }

    /// <summary>The issue date once issued.</summary>
    public DateOnly? IssueDate { get; init; }

    /// <summary>The outgoing register entry once issued.</summary>
    public long? OutgoingEntryId { get; init; }

    /// <summary>The edXML document id once sent (<c>{sender},{date},{number}/{notation}</c>).</summary>
    public string? EdXmlDocumentId { get; init; }

    /// <summary>Where the signer's signature image goes (between the signer's title and name).</summary>
    public PageRectangle? SignerBox { get; init; }

    /// <summary>The file name of the current PDF in the document's folder.</summary>
    public required string CurrentPdf { get; init; }
}

/// <summary>A workflow step that cannot be taken in the document's state (HTTP 409).</summary>
public sealed class WorkflowConflictException(string message) : Exception(message);

/// <summary>
/// The agency workflow behind the HTTP API, on the services the packages register: draft → signer signs → clerk
/// issues (number, date, agency signature) → send through the hub → statuses; inbox → incoming register → status 03;
/// dossier → archive package. One document at a time (a sample, not a document-management system).
/// </summary>
public sealed partial class AgencyWorkflow(
    IOptions<SampleHostOptions> options,
    DevelopmentPki pki,
    PdfSigner signer,
    PdfSignatureVerifier verifier,
    DocumentRegister register,
    EDocOutbox outbox,
    EDocInbox inbox,
    IInterchangeStore interchange,
    ArchivePackageWriter archiveWriter,
    ArchivePackageVerifier archiveVerifier,
    TimeProvider time,
    ILogger<AgencyWorkflow> logger) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SampleScenario _scenario = new();
    private readonly SampleHostOptions _options = options.Value;
    private readonly AgencyWorkflowSteps _steps = new(PartiesOf(options.Value), signer, time);

    private string DocumentsRoot => Path.GetFullPath(Path.Combine(_options.DataDirectory, "documents"));

    /// <summary>The verifier (trusting the development CA).</summary>
    public PdfSignatureVerifier Verifier { get; } = verifier;

    /// <summary>Drafts the embedded Quyết định (urgency stamp when urgent, empty number and date fields).</summary>
    public async Task<DocumentRecord> CreateDraftAsync(Urgency urgency, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var dir = Directory.CreateDirectory(Path.Combine(DocumentsRoot, id)).FullName;
        string draft = Path.Combine(dir, "0-draft.pdf");
        DraftLayout layout = SampleDocuments.WriteDecision(draft, _scenario);
        string current = draft;
        if (urgency != Urgency.Normal)
        {
            string stamped = Path.Combine(dir, "1-stamped.pdf");
            await AgencyWorkflowSteps.StampUrgencyAsync(current, stamped, urgency, layout, ct);
            current = stamped;
        }

        string withFields = Path.Combine(dir, "2-draft-fields.pdf");
        await AgencyWorkflowSteps.AddNumberAndDateFieldsAsync(current, withFields, layout, ct);
        var record = new DocumentRecord { Id = id, State = DocumentState.Draft, Subject = _scenario.Subject, Urgency = urgency, SignerBox = layout.SignerBox, CurrentPdf = Path.GetFileName(withFields) };
        await SaveAsync(record, ct);
        LogStep(logger, "draft", id);
        return record;
    }

    /// <summary>The signer certifies the draft with the blue signature image (DocMDP P=2: the clerk's fields and the agency's signature stay allowed).</summary>
    public Task<DocumentRecord> SignAsync(string id, CancellationToken ct) => UnderGateAsync(async () =>
    {
        var record = await LoadAsync(id, ct);
        Expect(record, DocumentState.Draft, "sign");
        string output = "3-signed.pdf";
        await _steps.SignAsSignerAsync(PathOf(record), Path.Combine(DocumentsRoot, id, output), pki.Signer, record.SignerBox, ct);
        LogStep(logger, "signed by the signer", id);
        return await SaveAsync(record with { State = DocumentState.SignedBySigner, CurrentPdf = output }, ct);
    });

    /// <summary>The clerk takes the next number from the outgoing register, fills number and date, and the agency signs with the red seal (36 mm) over the signature.</summary>
    public Task<DocumentRecord> IssueAsync(string id, CancellationToken ct) => UnderGateAsync(async () =>
    {
        var record = await LoadAsync(id, ct);
        Expect(record, DocumentState.SignedBySigner, "issue");
        var entry = await _steps.TakeNumberAsync(register, record.Subject, record.Urgency, ct);
        string dir = Path.Combine(DocumentsRoot, id), filled = Path.Combine(dir, "4-numbered.pdf"), output = "5-issued.pdf";
        await _steps.FillNumberAndDateAsync(PathOf(record), filled, entry, ct);
        await _steps.SignAsAgencyAsync(filled, Path.Combine(dir, output), pki.Agency, withSeal: record.SignerBox is not null, ct);
        LogStep(logger, "issued", id);
        return await SaveAsync(record with { State = DocumentState.Issued, Notation = entry.Notation, IssueDate = entry.Date, OutgoingEntryId = entry.Id, CurrentPdf = output }, ct);
    });

    /// <summary>Verifies the signatures of the document's current PDF against the development CA.</summary>
    public async Task<PdfVerificationReport> VerifyAsync(string id, CancellationToken ct)
        => await Verifier.VerifyFileAsync(PathOf(await LoadAsync(id, ct)), ct);

    /// <summary>Packs the issued document as an edXML package signed by the agency, and sends it through the outbox.</summary>
    public Task<(DocumentRecord Record, OutboxItem? Item)> SendAsync(string id, CancellationToken ct) => UnderGateAsync(async () =>
    {
        var record = await LoadAsync(id, ct);
        Expect(record, DocumentState.Issued, "send");
        string pdf = PathOf(record), dir = Path.Combine(DocumentsRoot, id);
        var report = await Verifier.VerifyFileAsync(pdf, ct);
        string name = AgencyWorkflowSteps.FileNameOf(record.Notation!);
        var document = _steps.DescribeDocument(record.Notation!, record.IssueDate!.Value, record.Subject, record.Urgency, report.PageCount,
            [AgencyWorkflowSteps.PdfAttachment("vanban", name, pdf, record.Subject, isMainDocument: true)]);
        string edxml = Path.Combine(dir, "7-document.edxml");
        await _steps.WriteSignedEdXmlAsync(document, new Dictionary<string, string>(StringComparer.Ordinal) { ["vanban"] = pdf }, Path.Combine(dir, "6-document.unsigned.edxml"), edxml, pki.Agency, ct);
        var (queued, item) = await AgencyWorkflowSteps.SendAsync(outbox, edxml, ct);
        LogStep(logger, "sent", id);
        var saved = await SaveAsync(record with { State = DocumentState.Sent, EdXmlDocumentId = queued.DocumentId }, ct);
        return (saved, item);
    });

    /// <summary>Receives what the hub holds for the agency (documents and statuses) and delivers the automatic replies (status 01).</summary>
    public async Task<InboxReceiveSummary> ReceiveAsync(CancellationToken ct)
    {
        var summary = await inbox.ReceiveAsync(ct);
        await outbox.DeliverDueAsync(ct);
        return summary;
    }

    /// <summary>The inbox: documents or statuses received.</summary>
    public Task<IReadOnlyList<InboxItem>> ListInboxAsync(HubMessageKind? kind, CancellationToken ct) => interchange.ListInboundAsync(kind, null, 200, ct);

    /// <summary>The statuses received for a sent document.</summary>
    public async Task<IReadOnlyList<InboxItem>> StatusesAsync(string id, CancellationToken ct)
    {
        var record = await LoadAsync(id, ct);
        var statuses = await interchange.ListInboundAsync(HubMessageKind.Status, null, 200, ct);
        return statuses.Where(s => record.EdXmlDocumentId is not null && s.DocumentId == record.EdXmlDocumentId).ToList();
    }

    /// <summary>Registers a received document in the incoming register (số đến) and answers status 03 (đã tiếp nhận).</summary>
    public Task<IncomingRegisterEntry> RegisterIncomingAsync(string hubMessageId, CancellationToken ct) => UnderGateAsync(async () =>
    {
        var item = await interchange.FindInboundAsync(hubMessageId, ct)
            ?? throw new KeyNotFoundException($"inbox item '{hubMessageId}' does not exist.");
        if (item.Kind != HubMessageKind.Edoc || item.Disposition != InboxDisposition.Accepted)
        {
            throw new WorkflowConflictException($"inbox item '{hubMessageId}' is a {item.Kind} ({item.Disposition}), not an accepted document.");
        }

        return await _steps.RegisterAndAcknowledgeAsync(register, outbox, item, _options.Agency.Code, cancellationToken: ct);
    });

    /// <summary>Archives the issued document as a dossier SIP (with its signature evidence) and verifies the package.</summary>
    public Task<(ArchivePackageResult Package, ArchiveVerificationReport Report)> ArchiveAsync(string id, CancellationToken ct) => UnderGateAsync(async () =>
    {
        var record = await LoadAsync(id, ct);
        if (record.State is DocumentState.Draft or DocumentState.SignedBySigner)
        {
            throw new WorkflowConflictException($"document '{id}' is {record.State}: only issued documents are archived.");
        }

        var date = record.IssueDate!.Value;
        string notation = record.Notation!;
        var content = AgencyWorkflowSteps.Dossier(_steps.Parties.Sender, "01.VP", $"Hồ sơ văn bản đi năm {date.Year}", date,
        [
            _steps.ArchiveDocument(1, $"{_options.Agency.Code}-{date.Year}-{record.OutgoingEntryId:D6}", notation, date, record.Subject, isMainDocument: true, PathOf(record), AgencyWorkflowSteps.FileNameOf(notation)),
        ]);
        return await AgencyWorkflowSteps.ArchiveAsync(archiveWriter, archiveVerifier, content, Path.Combine(DocumentsRoot, id, "8-sip.zip"), ct);
    });

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Document {Id}: {Step}.")]
    private static partial void LogStep(ILogger logger, string step, string id);

    /// <summary>The document's record.</summary>
    public async Task<DocumentRecord> LoadAsync(string id, CancellationToken ct)
    {
        if (id.Length is 0 or > 64 || !id.All(char.IsAsciiLetterOrDigit))
        {
            throw new KeyNotFoundException($"document '{id}' does not exist.");
        }

        string path = Path.Combine(DocumentsRoot, id, "record.json");
        if (!File.Exists(path))
        {
            throw new KeyNotFoundException($"document '{id}' does not exist.");
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<DocumentRecord>(stream, Json, ct) ?? throw new KeyNotFoundException($"document '{id}' is empty.");
    }

    /// <summary>The path of the document's current PDF.</summary>
    public string PathOf(DocumentRecord record) => Path.Combine(DocumentsRoot, record.Id, record.CurrentPdf);

    private static void Expect(DocumentRecord record, DocumentState state, string step)
    {
        if (record.State != state)
        {
            throw new WorkflowConflictException($"document '{record.Id}' is {record.State}; '{step}' needs {state}.");
        }
    }

    private async Task<T> UnderGateAsync<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<DocumentRecord> SaveAsync(DocumentRecord record, CancellationToken ct)
    {
        string path = Path.Combine(DocumentsRoot, record.Id, "record.json"), temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(record, Json), ct);
        File.Move(temp, path, overwrite: true);
        return record;
    }

    private static WorkflowParties PartiesOf(SampleHostOptions o) => new SampleScenario().Parties with
    {
        Sender = EDoc.Agencies.Agency.Create(o.Agency.Code, o.Agency.Name),
        SenderAbbreviation = o.Agency.Abbreviation,
        Place = o.Agency.Place,
        Recipient = EDoc.Agencies.Agency.Create(o.Peer.Code, o.Peer.Name),
        Method = "Trục liên thông văn bản",
    };
}
