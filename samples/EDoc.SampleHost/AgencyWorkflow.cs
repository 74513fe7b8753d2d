using System.Text.Json;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;
using EDoc.Cli.Demo;
using EDoc.Documents;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Integration;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Storage;
using EDoc.Numbering;
using EDoc.Registers;
using EDoc.Signing;
using EDoc.Signing.Appearance;
using EDoc.Signing.Signers;
using EDoc.Signing.Verification;
using EDoc.Time;
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
    private readonly DemoScenario _scenario = new();
    private readonly SampleHostOptions _options = options.Value;
    private readonly SignatureImage _signatureImage = SignatureImage.Load(DemoArtwork.SignaturePng(), ImagePreparationOptions.Signer);
    private readonly SignatureImage _sealImage = SignatureImage.Load(DemoArtwork.SealPng(), ImagePreparationOptions.Seal);

    private string DocumentsRoot => Path.GetFullPath(Path.Combine(_options.DataDirectory, "documents"));

    /// <summary>The verifier (trusting the development CA).</summary>
    public PdfSignatureVerifier Verifier { get; } = verifier;

    /// <summary>Drafts the embedded Quyết định (urgency stamp when urgent, empty number and date fields).</summary>
    public async Task<DocumentRecord> CreateDraftAsync(Urgency urgency, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var dir = Directory.CreateDirectory(Path.Combine(DocumentsRoot, id)).FullName;
        string draft = Path.Combine(dir, "0-draft.pdf");
        DraftLayout layout = DemoDocuments.WriteDecision(draft, _scenario);
        string current = draft;
        if (urgency != Urgency.Normal)
        {
            string stamped = Path.Combine(dir, "1-stamped.pdf");
            var level = urgency == Urgency.Urgent ? UrgencyLevel.Khan : urgency == Urgency.VeryUrgent ? UrgencyLevel.ThuongKhan : UrgencyLevel.HoaToc;
            await TransformAsync(current, stamped, (i, o) => UrgencyStampWriter.StampAsync(i, o, level, new UrgencyStampOptions { Position = layout.UrgencyStamp }, ct));
            current = stamped;
        }

        string withFields = Path.Combine(dir, "2-draft-fields.pdf");
        await TransformAsync(current, withFields, (i, o) => IssuanceFields.AddFieldsAsync(
            i,
            o,
            [
                new IssuanceFieldDefinition(IssuanceFields.NumberFieldName, 0, layout.NumberField),
                new IssuanceFieldDefinition(IssuanceFields.DateFieldName, 0, layout.DateField),
            ],
            ct));
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
        await signer.SignFileAsync(PathOf(record), Path.Combine(DocumentsRoot, id, output), new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(pki.Signer),
            FieldName = "ChuKyLanhDao",
            Certification = PdfCertificationLevel.FormFillingAndSigning,
            Placement = record.SignerBox is { } box ? SignaturePlacement.AtRectangle(box) : null,
            Appearance = record.SignerBox is null ? null : new ImageSignatureAppearance(_signatureImage),
            Reason = "Ký ban hành",
            Location = _options.Agency.Place,
            SignerName = _scenario.SignerFullName,
        }, ct);
        LogStep(logger, "signed by the signer", id);
        return await SaveAsync(record with { State = DocumentState.SignedBySigner, CurrentPdf = output }, ct);
    });

    /// <summary>The clerk takes the next number from the outgoing register, fills number and date, and the agency signs with the red seal (36 mm) over the signature.</summary>
    public Task<DocumentRecord> IssueAsync(string id, CancellationToken ct) => UnderGateAsync(async () =>
    {
        var record = await LoadAsync(id, ct);
        Expect(record, DocumentState.SignedBySigner, "issue");
        var entry = await register.IssueAsync(new OutgoingIssueRequest
        {
            TypeAbbreviation = DocumentTypes.Decision.Abbreviation,
            TypeName = DocumentTypes.Decision.Name,
            DocumentType = DocumentTypes.Decision,
            IssuerAbbreviation = _options.Agency.Abbreviation,
            Date = VietnamTime.Today(time),
            Subject = record.Subject,
            Signer = _scenario.SignerFullName,
            Recipients = _options.Peer.Name,
            Urgency = record.Urgency,
            Method = "Trục liên thông văn bản",
        }, ct);
        string dir = Path.Combine(DocumentsRoot, id), filled = Path.Combine(dir, "4-numbered.pdf"), output = "5-issued.pdf";
        await TransformAsync(PathOf(record), filled, (i, o) => IssuanceFields.FillAsync(
            i,
            o,
            new Dictionary<string, string>
            {
                [IssuanceFields.NumberFieldName] = "Số: " + entry.Notation,
                [IssuanceFields.DateFieldName] = IssuanceFields.FormatDate(entry.Date, _options.Agency.Place),
            },
            cancellationToken: ct));
        await signer.SignFileAsync(filled, Path.Combine(dir, output), new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(pki.Agency),
            FieldName = "ChuKyCoQuan",
            Appearance = record.SignerBox is null ? null : new SealSignatureAppearance(_sealImage, 36),
            Reason = "Phát hành văn bản",
            Location = _options.Agency.Place,
        }, ct);
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
        string name = record.Notation!.Replace('/', '-') + ".pdf";
        var document = new ElectronicDocument
        {
            Notation = DocumentNotation.Parse(record.Notation, DocumentTypes.Decision),
            Type = DocumentTypes.Decision,
            IssueDate = record.IssueDate!.Value,
            IssuePlace = _options.Agency.Place,
            Subject = record.Subject,
            Urgency = record.Urgency,
            Sender = EDoc.Agencies.Agency.Create(_options.Agency.Code, _options.Agency.Name),
            Recipients = [EDoc.Agencies.Agency.Create(_options.Peer.Code, _options.Peer.Name)],
            Signer = new SignerInfo { Competence = _scenario.SignerCompetence, Position = "Chủ tịch", FullName = _scenario.SignerFullName },
            PageCount = report.PageCount,
            Attachments = [new Attachment { Name = name, ContentId = "vanban", ContentType = "application/pdf", Size = new FileInfo(pdf).Length, IsMainDocument = true, Description = record.Subject }],
        };
        var package = new EdXmlDocumentMapper(new EdXmlDocumentMapperOptions { TimeProvider = time })
            .ToPackage(document, (_, _) => ValueTask.FromResult<Stream>(File.OpenRead(pdf)));
        string unsigned = Path.Combine(dir, "6-document.unsigned.edxml"), edxml = Path.Combine(dir, "7-document.edxml");
        await new EdXmlWriter().WriteToFileAsync(package, unsigned, ct);
        await new EdXmlSigner().SignFileAsync(unsigned, edxml, pki.Agency, ct);
        var queued = await outbox.EnqueueAsync(await File.ReadAllBytesAsync(edxml, ct), HubMessageKind.Edoc, cancellationToken: ct);
        await outbox.DeliverDueAsync(ct);
        var item = await outbox.Store.FindOutboxItemAsync(queued.Id, ct);
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

        var mapper = new EdXmlDocumentMapper(new EdXmlDocumentMapperOptions { TimeProvider = time });
        var read = (EdocPackage)await new EdXmlReader().ReadAsync(new MemoryStream(item.Package, writable: false), new EdXmlMemoryAttachmentSink(), ct);
        if (!mapper.TryToDocument(read, out var document, out var problems))
        {
            throw new EDocValidationException("received document", problems.Problems);
        }

        var entry = await register.ReceiveAsync(new IncomingReceiveRequest
        {
            SenderCode = document.Sender.Code?.Value ?? item.From ?? string.Empty,
            SenderName = document.Sender.Name,
            DocumentNumber = document.Notation.ToString(),
            DocumentDate = document.IssueDate,
            TypeName = document.Type.Name,
            Subject = document.Subject,
            ArrivedAt = item.ReceivedAt,
            Urgency = document.Urgency,
            Method = "Trục liên thông văn bản",
        }, ct);
        var status = await new EdXmlStatusPackageFactory().CreateAsync(
            new StatusPackageRequest(
                new PackageMetadata { Kind = HubMessageKind.Edoc, From = item.From ?? string.Empty, To = item.To, DocumentId = item.DocumentId ?? string.Empty },
                item.Package,
                "03",
                $"Đã tiếp nhận, vào sổ văn bản đến số {entry.ArrivalNumberText}",
                _options.Agency.Code,
                time.GetUtcNow()),
            ct);
        await outbox.EnqueueAsync(status, HubMessageKind.Status, cancellationToken: ct);
        await outbox.DeliverDueAsync(ct);
        return entry;
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
        int slash = notation.IndexOf('/', StringComparison.Ordinal);
        var content = new ArchivePackageContent
        {
            Dossier = new DossierMetadata
            {
                FileCode = new FileCode(_options.Agency.Code, date.Year, "01.VP"),
                Title = $"Hồ sơ văn bản đi năm {date.Year}",
                Maintenance = "01",
                Mode = "01",
                Language = ["01"],
                StartDate = date,
                EndDate = date,
                NumberOfPaper = 0,
                ConfidenceLevel = "01",
                RiskRecovery = false,
                Creator = _options.Agency.Name,
            },
            Documents =
            [
                ArchiveDocumentContent.FromFile(
                    new DocumentMetadata
                    {
                        Ordinal = 1,
                        DocId = $"{_options.Agency.Code}-{date.Year}-{record.OutgoingEntryId:D6}",
                        Maintenance = "01",
                        TypeName = "02",
                        CodeNumber = notation[..slash],
                        CodeNotation = notation[(slash + 1)..],
                        IssuedDate = date,
                        OrganName = _options.Agency.Name,
                        Subject = record.Subject,
                        Language = ["01"],
                        NumberOfPage = 1,
                        Mode = "01",
                        ConfidenceLevel = "01",
                        RiskRecovery = false,
                        Process = true,
                        SignerPosition = "Chủ tịch",
                        SignerFullName = _scenario.SignerFullName,
                    },
                    PathOf(record),
                    notation.Replace('/', '-') + ".pdf"),
            ],
        };
        string zip = Path.Combine(DocumentsRoot, id, "8-sip.zip");
        var written = await archiveWriter.WriteZipAsync(content, zip, ct);
        return (written, await archiveVerifier.VerifyAsync(zip, ct));
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

    private static async Task TransformAsync(string source, string output, Func<Stream, Stream, Task> action)
    {
        string temp = output + ".tmp";
        await using (var input = File.OpenRead(source))
        await using (var destination = File.Create(temp))
        {
            await action(input, destination);
        }

        File.Move(temp, output, overwrite: true);
    }
}
