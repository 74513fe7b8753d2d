using System.Security.Cryptography.X509Certificates;
using EDoc.Agencies;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;
using EDoc.Documents;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Integration;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Storage;
using EDoc.Numbering;
using EDoc.Registers;
using EDoc.Signing;
using EDoc.Signing.Appearance;
using EDoc.Signing.Signers;
using EDoc.Time;

namespace EDoc.Samples.Workflow;

/// <summary>
/// The steps of the agency workflow on the EDoc packages, written once for <c>edoc demo</c> and the sample host:
/// draft (urgency stamp, empty number and date fields) → the signer certifies → the clerk takes the number from the
/// outgoing register (sổ văn bản đi) and fills number and date → the agency signs with its seal → a signed edXML
/// package goes through the outbox → the recipient registers it as incoming (sổ văn bản đến) and answers status 03 →
/// the dossier is archived and verified. Each file step reads one PDF and writes another (atomically, temp + rename);
/// the caller names the files and decides the order.
/// </summary>
public sealed class AgencyWorkflowSteps
{
    /// <summary>The signature field of the signer (chữ ký của người có thẩm quyền).</summary>
    public const string SignerFieldName = "ChuKyLanhDao";

    /// <summary>The signature field of the agency (chữ ký số của cơ quan, tổ chức: the seal).</summary>
    public const string AgencyFieldName = "ChuKyCoQuan";

    /// <summary>The seal's real diameter: 36 mm, a typical round seal of a provincial agency.</summary>
    public const double SealDiameterMillimetres = 36;

    private readonly PdfSigner _signer;
    private readonly TimeProvider _time;
    private readonly Lazy<SignatureImage> _signatureImage = new(() => SignatureImage.Load(SampleArtwork.SignaturePng(), ImagePreparationOptions.Signer));
    private readonly Lazy<SignatureImage> _sealImage = new(() => SignatureImage.Load(SampleArtwork.SealPng(), ImagePreparationOptions.Seal));

    /// <summary>Creates the steps for the given parties.</summary>
    /// <param name="parties">Who takes part.</param>
    /// <param name="signer">The PDF signer.</param>
    /// <param name="timeProvider">The clock (issue dates, edXML times, status times).</param>
    public AgencyWorkflowSteps(WorkflowParties parties, PdfSigner signer, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Parties = parties;
        _signer = signer;
        _time = timeProvider;
    }

    /// <summary>Who takes part.</summary>
    public WorkflowParties Parties { get; }

    /// <summary>The file name of a document in packages and archives: the notation with '/' as '-' (<c>01-QĐ-UBND.pdf</c>).</summary>
    /// <param name="notation">The number and notation, <c>01/QĐ-UBND</c>.</param>
    /// <param name="suffix">Appended before <c>.pdf</c>, for example <c>-PhuLuc</c>.</param>
    /// <returns>The file name.</returns>
    public static string FileNameOf(string notation, string? suffix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(notation);
        return notation.Replace('/', '-') + suffix + ".pdf";
    }

    /// <summary>Stamps the urgency (độ khẩn: KHẨN, THƯỢNG KHẨN, HỎA TỐC) where the draft's layout puts it, before any signature.</summary>
    /// <param name="source">The draft PDF.</param>
    /// <param name="output">The stamped PDF.</param>
    /// <param name="urgency">The urgency; not <see cref="Urgency.Normal"/>.</param>
    /// <param name="layout">The draft's layout.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the output is written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="urgency"/> is <see cref="Urgency.Normal"/> (nothing to stamp).</exception>
    public static Task StampUrgencyAsync(string source, string output, Urgency urgency, DraftLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var level = urgency switch
        {
            Urgency.Urgent => UrgencyLevel.Khan,
            Urgency.VeryUrgent => UrgencyLevel.ThuongKhan,
            Urgency.Flash => UrgencyLevel.HoaToc,
            _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, "only an urgent document carries an urgency stamp."),
        };
        return TransformAsync(source, output, (i, o) => UrgencyStampWriter.StampAsync(i, o, level, new UrgencyStampOptions { Position = layout.UrgencyStamp }, cancellationToken));
    }

    /// <summary>Adds the empty number (ô 3) and date (ô 4) fields the clerk fills after the signer has signed.</summary>
    /// <param name="source">The draft PDF.</param>
    /// <param name="output">The PDF with the fields.</param>
    /// <param name="layout">The draft's layout.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the output is written.</returns>
    public static Task AddNumberAndDateFieldsAsync(string source, string output, DraftLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return TransformAsync(source, output, (i, o) => IssuanceFields.AddFieldsAsync(
            i,
            o,
            [
                new IssuanceFieldDefinition(IssuanceFields.NumberFieldName, 0, layout.NumberField),
                new IssuanceFieldDefinition(IssuanceFields.DateFieldName, 0, layout.DateField),
            ],
            cancellationToken));
    }

    /// <summary>
    /// The signer certifies the draft (DocMDP P=2: the clerk's fields and the agency's signature stay allowed), with the
    /// blue signature image between title and name.
    /// </summary>
    /// <param name="source">The draft with its fields.</param>
    /// <param name="output">The signed PDF.</param>
    /// <param name="certificate">The signer's certificate with its private key.</param>
    /// <param name="signerBox">The space for the signature image; <see langword="null"/> signs without a visible appearance.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the output is written.</returns>
    public Task SignAsSignerAsync(string source, string output, X509Certificate2 certificate, PageRectangle? signerBox, CancellationToken cancellationToken = default)
        => _signer.SignFileAsync(source, output, new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(certificate),
            FieldName = SignerFieldName,
            Certification = PdfCertificationLevel.FormFillingAndSigning,
            Placement = signerBox is { } box ? SignaturePlacement.AtRectangle(box) : null,
            Appearance = signerBox is null ? null : new ImageSignatureAppearance(_signatureImage.Value),
            Reason = "Ký ban hành",
            Location = Parties.Place,
            SignerName = Parties.Signer.FullName,
        }, cancellationToken);

    /// <summary>The clerk takes the next number of a Quyết định from the outgoing register (sổ văn bản đi), dated today (Vietnam time).</summary>
    /// <param name="register">The register.</param>
    /// <param name="subject">The abstract (trích yếu).</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The register entry: number, notation and date.</returns>
    public Task<OutgoingRegisterEntry> TakeNumberAsync(DocumentRegister register, string subject, Urgency urgency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(register);
        return register.IssueAsync(new OutgoingIssueRequest
        {
            TypeAbbreviation = DocumentTypes.Decision.Abbreviation,
            TypeName = DocumentTypes.Decision.Name,
            DocumentType = DocumentTypes.Decision,
            IssuerAbbreviation = Parties.SenderAbbreviation,
            Date = VietnamTime.Today(_time),
            Subject = subject,
            Signer = Parties.Signer.FullName,
            Recipients = Parties.Recipient.Name,
            Urgency = urgency,
            Method = Parties.Method,
        }, cancellationToken);
    }

    /// <summary>The clerk fills the number (<c>Số: 01/QĐ-UBND</c>) and the place and date (<c>Nghệ An, ngày … tháng … năm …</c>) fields.</summary>
    /// <param name="source">The PDF signed by the signer.</param>
    /// <param name="output">The numbered PDF.</param>
    /// <param name="entry">The outgoing register entry.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the output is written.</returns>
    public Task FillNumberAndDateAsync(string source, string output, OutgoingRegisterEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return TransformAsync(source, output, (i, o) => IssuanceFields.FillAsync(
            i,
            o,
            new Dictionary<string, string>
            {
                [IssuanceFields.NumberFieldName] = "Số: " + entry.Notation,
                [IssuanceFields.DateFieldName] = IssuanceFields.FormatDate(entry.Date, Parties.Place),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>The agency signs the numbered document, the red seal at real size (<see cref="SealDiameterMillimetres"/>) over the left third of the signature.</summary>
    /// <param name="source">The numbered PDF.</param>
    /// <param name="output">The issued PDF.</param>
    /// <param name="certificate">The agency's certificate with its private key.</param>
    /// <param name="withSeal">Whether the seal is drawn; <see langword="false"/> signs without a visible appearance.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the output is written.</returns>
    public Task SignAsAgencyAsync(string source, string output, X509Certificate2 certificate, bool withSeal, CancellationToken cancellationToken = default)
        => _signer.SignFileAsync(source, output, new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(certificate),
            FieldName = AgencyFieldName,
            Appearance = withSeal ? new SealSignatureAppearance(_sealImage.Value, SealDiameterMillimetres) : null,
            Reason = "Phát hành văn bản",
            Location = Parties.Place,
        }, cancellationToken);

    /// <summary>The agency signs an attachment (phụ lục) of an issued document: a text block top right with the document's number and the signing time.</summary>
    /// <param name="source">The attachment's PDF.</param>
    /// <param name="output">The signed attachment.</param>
    /// <param name="certificate">The agency's certificate with its private key.</param>
    /// <param name="notation">The number and notation of the document it belongs to.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the output is written.</returns>
    public Task SignAttachmentAsync(string source, string output, X509Certificate2 certificate, string notation, CancellationToken cancellationToken = default)
        => _signer.SignFileAsync(source, output, new PdfSignatureRequest
        {
            Key = new X509CertificateSigningKey(certificate),
            FieldName = AgencyFieldName,
            Appearance = TextBlockSignatureAppearance.ForAttachment(notation, Parties.Sender.Name),
            Reason = $"Phụ lục kèm theo văn bản số {notation}",
            Location = Parties.Place,
        }, cancellationToken);

    /// <summary>A PDF attachment of the edXML package, sized from its file.</summary>
    /// <param name="contentId">The content id that names it in the package (<c>vanban</c>, <c>phuluc</c>).</param>
    /// <param name="name">The file name (see <see cref="FileNameOf"/>).</param>
    /// <param name="path">The PDF.</param>
    /// <param name="description">The description.</param>
    /// <param name="isMainDocument">Whether it is the document itself rather than an annex.</param>
    /// <returns>The attachment.</returns>
    public static Attachment PdfAttachment(string contentId, string name, string path, string description, bool isMainDocument = false)
        => new() { Name = name, ContentId = contentId, ContentType = "application/pdf", Size = new FileInfo(path).Length, IsMainDocument = isMainDocument, Description = description };

    /// <summary>The issued Quyết định as an electronic document from <see cref="Parties"/>'s sender to its recipient.</summary>
    /// <param name="notation">The number and notation.</param>
    /// <param name="issueDate">The issue date.</param>
    /// <param name="subject">The abstract (trích yếu).</param>
    /// <param name="urgency">The urgency.</param>
    /// <param name="pageCount">The main PDF's page count (PageAmount), when known.</param>
    /// <param name="attachments">The attachments, the main document first.</param>
    /// <returns>The document.</returns>
    public ElectronicDocument DescribeDocument(string notation, DateOnly issueDate, string subject, Urgency urgency, int? pageCount, IReadOnlyList<Attachment> attachments)
        => new()
        {
            Notation = DocumentNotation.Parse(notation, DocumentTypes.Decision),
            Type = DocumentTypes.Decision,
            IssueDate = issueDate,
            IssuePlace = Parties.Place,
            Subject = subject,
            Urgency = urgency,
            Sender = Parties.Sender,
            Recipients = [Parties.Recipient],
            Signer = Parties.Signer,
            PageCount = pageCount,
            Attachments = attachments,
        };

    /// <summary>Writes the document as an edXML package (unsigned first), then XML-signs it with the agency's certificate.</summary>
    /// <param name="document">The document.</param>
    /// <param name="pathsByContentId">The file of every attachment, by its content id.</param>
    /// <param name="unsignedPath">The unsigned package to write.</param>
    /// <param name="signedPath">The signed package to write.</param>
    /// <param name="agency">The agency's certificate with its private key.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the signed package is written.</returns>
    public async Task WriteSignedEdXmlAsync(ElectronicDocument document, IReadOnlyDictionary<string, string> pathsByContentId, string unsignedPath, string signedPath, X509Certificate2 agency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pathsByContentId);
        var package = new EdXmlDocumentMapper(new EdXmlDocumentMapperOptions { TimeProvider = _time })
            .ToPackage(document, (a, _) => ValueTask.FromResult<Stream>(File.OpenRead(pathsByContentId[a.ContentId])));
        await new EdXmlWriter().WriteToFileAsync(package, unsignedPath, cancellationToken).ConfigureAwait(false);
        await new EdXmlSigner().SignFileAsync(unsignedPath, signedPath, agency, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues the signed edXML package in the outbox and delivers what is due.</summary>
    /// <param name="outbox">The sender's outbox.</param>
    /// <param name="edxmlPath">The signed package.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The queued item (its DocumentId) and the item as it stands after the delivery attempt.</returns>
    public static async Task<(OutboxItem Queued, OutboxItem? Delivered)> SendAsync(EDocOutbox outbox, string edxmlPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        byte[] package = await File.ReadAllBytesAsync(edxmlPath, cancellationToken).ConfigureAwait(false);
        var queued = await outbox.EnqueueAsync(package, HubMessageKind.Edoc, cancellationToken: cancellationToken).ConfigureAwait(false);
        await outbox.DeliverDueAsync(cancellationToken).ConfigureAwait(false);
        return (queued, await outbox.Store.FindOutboxItemAsync(queued.Id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The recipient registers a received document in its incoming register (số đến) and answers status 03 (đã tiếp
    /// nhận, with the arrival number) through its outbox.
    /// </summary>
    /// <param name="register">The recipient's register.</param>
    /// <param name="outbox">The recipient's outbox.</param>
    /// <param name="item">The accepted document in the recipient's inbox.</param>
    /// <param name="receiverCode">The recipient's agency code (the status's sender).</param>
    /// <param name="recipientUnit">The unit that receives it (đơn vị nhận), when known.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The incoming register entry.</returns>
    /// <exception cref="EDocValidationException">The package does not map to a document.</exception>
    public async Task<IncomingRegisterEntry> RegisterAndAcknowledgeAsync(DocumentRegister register, EDocOutbox outbox, InboxItem item, string receiverCode, string? recipientUnit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(item);
        var mapper = new EdXmlDocumentMapper(new EdXmlDocumentMapperOptions { TimeProvider = _time });
        var read = (EdocPackage)await new EdXmlReader().ReadAsync(new MemoryStream(item.Package, writable: false), new EdXmlMemoryAttachmentSink(), cancellationToken).ConfigureAwait(false);
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
            RecipientUnit = recipientUnit,
            Urgency = document.Urgency,
            Method = Parties.Method,
        }, cancellationToken).ConfigureAwait(false);
        var status = await new EdXmlStatusPackageFactory().CreateAsync(
            new StatusPackageRequest(
                new PackageMetadata { Kind = HubMessageKind.Edoc, From = item.From ?? string.Empty, To = item.To, DocumentId = item.DocumentId ?? string.Empty },
                item.Package,
                "03",
                $"Đã tiếp nhận, vào sổ văn bản đến số {entry.ArrivalNumberText}",
                receiverCode,
                _time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        await outbox.EnqueueAsync(status, HubMessageKind.Status, cancellationToken: cancellationToken).ConfigureAwait(false);
        await outbox.DeliverDueAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>An issued document of <see cref="Parties"/>'s sender as a record of an archive dossier (TT 05/2025 metadata).</summary>
    /// <param name="ordinal">The order in the dossier, from 1.</param>
    /// <param name="docId">The document's identifier in the dossier.</param>
    /// <param name="notation">The number and notation.</param>
    /// <param name="issueDate">The issue date.</param>
    /// <param name="subject">The abstract (trích yếu).</param>
    /// <param name="isMainDocument">The document itself (type 02 Quyết định, with its signer) rather than an annex (type 32).</param>
    /// <param name="path">The signed PDF.</param>
    /// <param name="fileName">Its name in the package.</param>
    /// <returns>The archive record.</returns>
    public ArchiveDocumentContent ArchiveDocument(int ordinal, string docId, string notation, DateOnly issueDate, string subject, bool isMainDocument, string path, string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(notation);
        int slash = notation.IndexOf('/', StringComparison.Ordinal);
        return ArchiveDocumentContent.FromFile(
            new DocumentMetadata
            {
                Ordinal = ordinal,
                DocId = docId,
                Maintenance = "01",
                TypeName = isMainDocument ? "02" : "32",
                CodeNumber = slash < 0 ? notation : notation[..slash],
                CodeNotation = slash < 0 ? null : notation[(slash + 1)..],
                IssuedDate = issueDate,
                OrganName = Parties.Sender.Name,
                Subject = subject,
                Language = ["01"],
                NumberOfPage = 1,
                Mode = "01",
                ConfidenceLevel = "01",
                RiskRecovery = false,
                Process = true,
                SignerPosition = isMainDocument ? Parties.Signer.Position : null,
                SignerFullName = isMainDocument ? Parties.Signer.FullName : null,
            },
            path,
            fileName);
    }

    /// <summary>A dossier (hồ sơ) of one day's documents, kept permanently (maintenance 01).</summary>
    /// <param name="creator">The agency that forms the dossier.</param>
    /// <param name="fileNotation">The dossier's notation in the agency's file list, <c>01.VP</c>.</param>
    /// <param name="title">The dossier's title.</param>
    /// <param name="date">The date of its documents.</param>
    /// <param name="documents">Its documents (see <see cref="ArchiveDocument"/>).</param>
    /// <returns>The package content.</returns>
    public static ArchivePackageContent Dossier(Agency creator, string fileNotation, string title, DateOnly date, IReadOnlyList<ArchiveDocumentContent> documents)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var code = creator.Code ?? throw new ArgumentException($"agency '{creator.Name}' has no code (mã định danh).", nameof(creator));
        return new ArchivePackageContent
        {
            Dossier = new DossierMetadata
            {
                FileCode = new FileCode(code.Value, date.Year, fileNotation),
                Title = title,
                Maintenance = "01",
                Mode = "01",
                Language = ["01"],
                StartDate = date,
                EndDate = date,
                NumberOfPaper = 0,
                ConfidenceLevel = "01",
                RiskRecovery = false,
                Creator = creator.Name,
            },
            Documents = documents,
        };
    }

    /// <summary>Writes the dossier as an archive package (zip, with the writer's signature evidence) and verifies it.</summary>
    /// <param name="writer">The archive package writer.</param>
    /// <param name="verifier">The archive package verifier.</param>
    /// <param name="content">The dossier.</param>
    /// <param name="zipPath">The package to write.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>What was written and the verification report.</returns>
    public static async Task<(ArchivePackageResult Package, ArchiveVerificationReport Report)> ArchiveAsync(ArchivePackageWriter writer, ArchivePackageVerifier verifier, ArchivePackageContent content, string zipPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(verifier);
        var written = await writer.WriteZipAsync(content, zipPath, cancellationToken).ConfigureAwait(false);
        return (written, await verifier.VerifyAsync(zipPath, cancellationToken).ConfigureAwait(false));
    }

    private static async Task TransformAsync(string source, string output, Func<Stream, Stream, Task> action)
    {
        string temp = output + ".tmp";
        await using (var input = File.OpenRead(source))
        await using (var written = File.Create(temp))
        {
            await action(input, written).ConfigureAwait(false);
        }

        File.Move(temp, output, overwrite: true);
    }
}
