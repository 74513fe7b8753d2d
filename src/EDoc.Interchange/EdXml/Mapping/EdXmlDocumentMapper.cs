using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Formats;
using EDoc.Interchange.EdXml.Internal;
using EDoc.Numbering;
using EDoc.Policies;
using EDoc.Time;
using EDoc.Validation;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// Maps an <see cref="ElectronicDocument"/> (EDoc.Abstractions) to an edoc package (QCVN 102:2016) and back.
/// </summary>
/// <remarks>
/// <para>Field by field:</para>
/// <list type="table">
/// <item><term>Notation</term><description><c>Code/CodeNumber</c> (zero-padded below 10, <c>08</c>) and <c>Code/CodeNotation</c>
/// (<c>QĐ-UBND</c>, <c>2018/QĐ-UBND</c>); with the sender's code and the issue date also <c>DocumentId</c>
/// <c>{OrganId},{yyyy/MM/dd},{number}/{notation}</c>. Read back with the document type as a hint.</description></item>
/// <item><term>IssueDate, IssuePlace</term><description><c>PromulgationInfo/PromulgationDate</c>, <c>/Place</c>.</description></item>
/// <item><term>Type</term><description><c>DocumentType/Type</c> (2 for a legal normative type, 1 otherwise) and <c>TypeName</c>;
/// read back from the catalog by name within the category of <c>Type</c>.</description></item>
/// <item><term>Subject, Summary, Signer, DueDate</term><description><c>Subject</c>, <c>Content</c>, <c>SignerInfo</c>, <c>DueDate</c>.</description></item>
/// <item><term>Urgency, PageCount, CopyCount</term><description><c>OtherInfo/Priority</c> (0–4), <c>/PageAmount</c>, <c>/PromulgationAmount</c>.</description></item>
/// <item><term>Sender, Recipients</term><description><c>From</c>, <c>To</c> (<c>OrganId</c> = the QCVN 102 code; name, parent, address,
/// e-mail, telephone, fax, web site); the recipients' names also become <c>ToPlaces</c>.</description></item>
/// <item><term>Attachments</term><description>The manifest references and the <c>AttachmentEncoded</c> entries (metadata; the content
/// comes from the stream factory given to <see cref="ToPackage"/>, and on reading from the sink).</description></item>
/// <item><term>SentAt</term><description>The sender's <c>TraceHeader/Timestamp</c> (Vietnam time, to the second); the
/// package is a new document (<c>Bussiness</c> 0, no paper copy).</description></item>
/// </list>
/// <para>
/// edXML has no element for the language, notes, received time, the main-document flag, leaders' directions, the
/// processing history, the catalog code of the type and the QĐ 20/2020 electronic identifier of an agency. With
/// <see cref="EdXmlDocumentMapperOptions.WriteExtensions"/> they are written as extension elements in
/// <see cref="ExtensionNamespace"/> (<c>EDocDocument</c> in <c>MessageHeader</c>, <c>ElectronicIdentifier</c> in
/// <c>From</c>/<c>To</c>), so that document → package → document is the identity for documents that pass
/// <see cref="ElectronicDocumentValidator"/>. Without the extension (packages from other systems), the main document
/// is the first PDF attachment, the sent time comes from the trace, and the other fields are empty.
/// </para>
/// <para>Secrecy is never mapped: secret documents are refused (<see cref="ElectronicTransmissionPolicy"/>).</para>
/// </remarks>
public sealed class EdXmlDocumentMapper
{
    /// <summary>The namespace of the SDK's extension elements: <c>urn:edoc-sdk:edxml-extension:1</c>.</summary>
    public const string ExtensionNamespace = "urn:edoc-sdk:edxml-extension:1";

    /// <summary>The extension element written in <c>MessageHeader</c>: <c>EDocDocument</c>.</summary>
    public const string ExtensionElementName = "EDocDocument";

    private const string NewDocumentReason = "Văn bản điện tử mới";
    private static readonly XNamespace X = ExtensionNamespace;

    private readonly TimeProvider _timeProvider;
    private readonly DocumentTypeCatalog _catalog;
    private readonly bool _writeExtensions;
    private readonly EdXmlStaffInfo? _staffInfo;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>. Copied: later changes have no effect.</param>
    public EdXmlDocumentMapper(EdXmlDocumentMapperOptions? options = null)
    {
        options ??= new EdXmlDocumentMapperOptions();
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _catalog = options.DocumentTypes ?? DocumentTypeCatalog.Default;
        _writeExtensions = options.WriteExtensions;
        _staffInfo = options.StaffInfo is { } staff ? CopyStaff(staff) : null;
    }

    /// <summary>Maps a document to a new edoc package (<c>Bussiness</c> 0, a new document) ready to be written.</summary>
    /// <param name="document">The document; it must pass <see cref="ElectronicDocumentValidator"/> and not be secret.</param>
    /// <param name="openContent">
    /// Opens the content of an attachment (called by <see cref="EdXmlWriter"/>, which disposes the stream); when
    /// <see langword="null"/>, set <see cref="EdXmlAttachment.OpenContent"/> on <see cref="EdocPackage.Attachments"/> before writing.
    /// </param>
    /// <returns>The package.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocPolicyException">The document is secret (rule <c>secret-document</c>): it must not be sent electronically.</exception>
    /// <exception cref="EDocValidationException">The document is invalid; every problem is listed.</exception>
    public EdocPackage ToPackage(ElectronicDocument document, Func<Attachment, CancellationToken, ValueTask<Stream>>? openContent = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ElectronicTransmissionPolicy.EnsureMaySendElectronically(document);
        ElectronicDocumentValidator.EnsureValid(document, _timeProvider);

        var from = ToOrganization(document.Sender);
        var header = new EdXmlMessageHeader
        {
            From = from,
            DocumentId = new EdXmlDocumentId(from.OrganId!, document.IssueDate, document.Notation.CodeNumber, document.Notation.CodeNotation),
            Code = new EdXmlCode { CodeNumber = document.Notation.CodeNumber, CodeNotation = document.Notation.CodeNotation },
            PromulgationInfo = new EdXmlPromulgationInfo { Place = document.IssuePlace, PromulgationDate = document.IssueDate },
            DocumentType = new EdXmlDocumentType
            {
                Type = document.Type.Category == DocumentTypeCategory.LegalNormative ? 2 : 1,
                TypeName = document.Type.Name,
            },
            Subject = document.Subject,
            Content = document.Summary,
            SignerInfo = document.Signer is { } signer
                ? new EdXmlSignerInfo { Competence = signer.Competence, Position = signer.Position, FullName = signer.FullName }
                : null,
            DueDate = document.DueDate,
            ToPlaces = document.Recipients.Select(r => r.Name).ToList(),
            OtherInfo = new EdXmlOtherInfo
            {
                Priority = document.Urgency.ToEdXmlCode(),
                PromulgationAmount = document.CopyCount,
                PageAmount = document.PageCount,
            },
        };
        foreach (var recipient in document.Recipients)
        {
            header.To.Add(ToOrganization(recipient));
        }

        var sent = VietnamTime.ToVietnamTime(document.SentAt ?? _timeProvider.GetUtcNow()).DateTime;
        var package = new EdocPackage
        {
            MessageHeader = header,
            TraceHeaderList = new EdXmlTraceHeaderList
            {
                TraceHeaders = { new EdXmlTraceHeader { OrganId = from.OrganId, Timestamp = new DateTime(sent.Ticks - (sent.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified) } },
                Business = new EdXmlBusiness
                {
                    BusinessDocType = EdXmlBusinessDocType.New,
                    BusinessDocReason = NewDocumentReason,
                    Paper = 0,
                    StaffInfo = _staffInfo is null ? null : CopyStaff(_staffInfo),
                },
            },
        };

        foreach (var a in document.Attachments)
        {
            var attachment = a;
            package.AddAttachment(new EdXmlAttachment
            {
                ContentId = attachment.ContentId,
                AttachmentName = attachment.Name,
                ContentType = attachment.ContentType ?? EdXmlContentTypes.FromFileName(attachment.Name),
                Description = attachment.Description,
                Length = attachment.Size > 0 ? attachment.Size : null,
                OpenContent = openContent is null ? null : ct => openContent(attachment, ct),
            });
        }

        if (_writeExtensions)
        {
            header.UnknownElements.Add(WriteExtension(document));
        }

        return package;
    }

    /// <summary>Maps a received edoc package to a document, tolerating what other systems write.</summary>
    /// <param name="package">The package.</param>
    /// <returns>The document (metadata only: attachment content stays with the package or its sink).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocValidationException">
    /// A required value is missing or cannot be read (sender, number and notation, type, issue date, subject, an
    /// attachment's name or content id); every problem is listed with its edXML path.
    /// </exception>
    public ElectronicDocument ToDocument(EdocPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (TryToDocument(package, out var document, out var result))
        {
            return document;
        }

        throw new EDocValidationException("edXML MessageHeader", result.Problems);
    }

    /// <summary>Tries to map a received edoc package to a document.</summary>
    /// <param name="package">The package.</param>
    /// <param name="document">The document when the method returns <see langword="true"/>.</param>
    /// <param name="result">
    /// Every problem found, with its edXML path: errors when the document cannot be built, warnings for what was
    /// guessed (an unknown type name, a notation that does not match the type, a QĐ 20 code in <c>OrganId</c> …).
    /// </param>
    /// <returns>Whether the document could be built.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is <see langword="null"/>.</exception>
    public bool TryToDocument(EdocPackage package, [NotNullWhen(true)] out ElectronicDocument? document, out ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(package);
        const string P = "MessageHeader";
        var c = new ValidationProblemCollector();
        var h = package.MessageHeader ?? new EdXmlMessageHeader();
        var ext = h.UnknownElements.FirstOrDefault(e => e.Name == X + ExtensionElementName);

        Agency? sender = null;
        if (h.From is null)
        {
            c.Required(P + ".From", null);
        }
        else
        {
            sender = ToAgency(h.From, P + ".From", c);
        }

        var recipients = new List<Agency>();
        for (var i = 0; i < h.To.Count; i++)
        {
            if (ToAgency(h.To[i], $"{P}.To[{i}]", c) is { } recipient)
            {
                recipients.Add(recipient);
            }
        }

        var number = NullIfBlank(h.Code?.CodeNumber) ?? h.DocumentId?.Number;
        var notationText = NullIfBlank(h.Code?.CodeNotation) ?? h.DocumentId?.Notation;
        var code = number is null || notationText is null ? null : $"{number.Trim()}/{notationText.Trim()}";
        if (code is null)
        {
            c.Required(P + ".Code.CodeNumber", number);
            c.Required(P + ".Code.CodeNotation", notationText);
        }

        var type = ResolveType(h.DocumentType, ext, code, c);
        var notation = ParseNotation(code, type, c);

        var issueDate = h.PromulgationInfo?.PromulgationDate ?? h.DocumentId?.Date;
        if (issueDate is null)
        {
            c.Required(P + ".PromulgationInfo.PromulgationDate", null);
        }

        c.Required(P + ".Subject", h.Subject);

        var urgency = Urgency.Normal;
        if (h.OtherInfo?.Priority is { } priority && !UrgencySecrecyExtensions.TryFromEdXmlCode(priority, out urgency))
        {
            c.Error(P + ".OtherInfo.Priority", "code", $"Priority is {priority}; it must be 0–4.", $"Độ khẩn là {priority}; phải từ 0 đến 4.");
        }

        SignerInfo? signer = null;
        if (h.SignerInfo is { } s)
        {
            if (string.IsNullOrWhiteSpace(s.FullName))
            {
                c.Warning(P + ".SignerInfo.FullName", "required", "SignerInfo has no FullName; the signer is left out.", "Thông tin người ký thiếu họ tên; bỏ qua người ký.");
            }
            else
            {
                signer = new SignerInfo { Competence = s.Competence, Position = s.Position, FullName = s.FullName };
            }
        }

        var attachments = ToAttachments(package, ext, c);
        var extension = ReadExtension(ext, c);
        var sentAt = ext is not null ? extension.SentAt : SentFromTrace(package.TraceHeaderList, h.From?.OrganId);

        result = c.ToResult();
        if (!result.IsValid || sender is null || notation is null || type is null || issueDate is null || h.Subject is null)
        {
            document = null;
            return false;
        }

        document = new ElectronicDocument
        {
            Notation = notation,
            Type = type,
            IssueDate = issueDate.Value,
            IssuePlace = h.PromulgationInfo?.Place,
            Subject = h.Subject,
            Summary = h.Content,
            Urgency = urgency,
            Secrecy = Secrecy.None,
            Sender = sender,
            Recipients = recipients,
            Attachments = attachments,
            SentAt = sentAt,
            ReceivedAt = extension.ReceivedAt,
            Signer = signer,
            PageCount = h.OtherInfo?.PageAmount,
            CopyCount = h.OtherInfo?.PromulgationAmount,
            DueDate = h.DueDate,
            Language = extension.Language,
            Notes = extension.Notes,
            Directions = extension.Directions,
            History = extension.History,
        };
        return true;
    }

    private EdXmlOrganization ToOrganization(Agency agency)
    {
        var organization = new EdXmlOrganization
        {
            OrganId = agency.Code?.Value,
            OrganizationInCharge = agency.ParentName,
            OrganName = agency.Name,
            OrganAdd = agency.Address,
            Email = agency.Email,
            Telephone = agency.Telephone,
            Fax = agency.Fax,
            Website = agency.Website,
        };
        if (_writeExtensions && agency.ElectronicIdentifier is { } identifier)
        {
            organization.UnknownElements.Add(new XElement(X + "ElectronicIdentifier", identifier.Value));
        }

        return organization;
    }

    private static Agency? ToAgency(EdXmlOrganization o, string path, ValidationProblemCollector c)
    {
        AgencyCode? code = null;
        ElectronicAgencyIdentifier? identifier = null;
        var id = NullIfBlank(o.OrganId);
        if (id is null)
        {
            c.Required(path + ".OrganId", null);
            return null;
        }

        if (!AgencyCode.TryParse(id, AgencyCodeParseMode.Lenient, out code))
        {
            if (ElectronicAgencyIdentifier.TryParse(id.Trim(), out identifier))
            {
                c.Warning(path + ".OrganId", "agency-code.qd20", $"OrganId '{EdXmlText.Excerpt(id)}' is a QĐ 20/2020 electronic identifier, not a QCVN 102 code.", $"OrganId '{EdXmlText.Excerpt(id)}' là mã định danh điện tử theo QĐ 20/2020, không phải mã QCVN 102.");
            }
            else
            {
                c.Error(path + ".OrganId", "agency-code.format", $"'{EdXmlText.Excerpt(id)}' is not an agency code (NNN.NN.NN.Xnn).", $"'{EdXmlText.Excerpt(id)}' không phải mã định danh (NNN.NN.NN.Xnn).");
                return null;
            }
        }

        foreach (var e in o.UnknownElements.Where(e => e.Name == X + "ElectronicIdentifier"))
        {
            if (ElectronicAgencyIdentifier.TryParse(e.Value.Trim(), out var parsed))
            {
                identifier ??= parsed;
            }
            else
            {
                c.Warning(path + ".ElectronicIdentifier", "agency-code.format", $"'{EdXmlText.Excerpt(e.Value)}' is not a QĐ 20/2020 electronic identifier; ignored.", $"'{EdXmlText.Excerpt(e.Value)}' không phải mã định danh điện tử QĐ 20/2020; bỏ qua.");
            }
        }

        return new Agency
        {
            Name = NullIfBlank(o.OrganName) ?? id,
            Code = code,
            ElectronicIdentifier = identifier,
            ParentName = o.OrganizationInCharge,
            Address = o.OrganAdd,
            Email = o.Email,
            Telephone = o.Telephone,
            Fax = o.Fax,
            Website = o.Website,
        };
    }

    private DocumentType? ResolveType(EdXmlDocumentType? t, XElement? ext, string? code, ValidationProblemCollector c)
    {
        const string P = "MessageHeader.DocumentType";
        var name = NullIfBlank(t?.TypeName)?.Trim();
        if (ext?.Element(X + "DocumentType") is { } saved
            && NullIfBlank((string?)saved.Attribute("code")) is { } savedCode
            && Enum.TryParse<DocumentTypeCategory>((string?)saved.Attribute("category"), ignoreCase: false, out var savedCategory)
            && Enum.IsDefined(savedCategory))
        {
            var savedName = name ?? (_catalog.TryGetByCode(savedCode, out var known) ? known.Name : savedCode);
            return new DocumentType(savedCode, savedName, NullIfBlank((string?)saved.Attribute("abbreviation")), savedCategory);
        }

        if (t?.Type is { } typeCode && typeCode is not (1 or 2))
        {
            c.Warning(P + ".Type", "code", $"DocumentType/Type is {typeCode}; only 1 and 2 are defined.", $"Loại văn bản (Type) là {typeCode}; chỉ có 1 hoặc 2.");
        }

        DocumentTypeCategory[] categories = t?.Type switch
        {
            2 => [DocumentTypeCategory.LegalNormative],
            1 => [DocumentTypeCategory.Administrative, DocumentTypeCategory.Copy, DocumentTypeCategory.Specialized],
            _ => [DocumentTypeCategory.Administrative, DocumentTypeCategory.LegalNormative, DocumentTypeCategory.Copy, DocumentTypeCategory.Specialized],
        };
        if (name is not null)
        {
            foreach (var category in categories)
            {
                if (_catalog.TryGetByName(name, category, out var found))
                {
                    return found;
                }
            }

            var fallback = t?.Type == 2 ? DocumentTypeCategory.LegalNormative : DocumentTypeCategory.Administrative;
            c.Warning(P + ".TypeName", "document-type.unknown", $"The type name '{EdXmlText.Excerpt(name)}' is not in the catalog; it is kept as a type without abbreviation.", $"Tên loại '{EdXmlText.Excerpt(name)}' không có trong danh mục; giữ nguyên, không có chữ viết tắt.");
            return new DocumentType(name, name, null, fallback);
        }

        // No type name: infer from the notation's type abbreviation (15/QĐ-BNV), else a công văn.
        if (code is not null && DocumentNotation.TryParse(code, null, _catalog, out var plain) && plain.TypeAbbreviation is { } abbreviation)
        {
            foreach (var category in categories)
            {
                if (_catalog.TryGetByAbbreviation(abbreviation, category, out var found))
                {
                    c.Warning(P + ".TypeName", "document-type.inferred", $"No TypeName; the type {found.Name} was inferred from the notation.", $"Thiếu tên loại; suy ra {found.Name} từ ký hiệu.");
                    return found;
                }
            }
        }

        if (t?.Type == 2)
        {
            c.Required(P + ".TypeName", null);
            return null;
        }

        c.Warning(P + ".TypeName", "document-type.inferred", "No TypeName; the document is taken as a Công văn.", "Thiếu tên loại; coi là Công văn.");
        return EDoc.Documents.DocumentTypes.OfficialLetter;
    }

    private DocumentNotation? ParseNotation(string? code, DocumentType? type, ValidationProblemCollector c)
    {
        if (code is null)
        {
            return null;
        }

        if (type is not null && DocumentNotation.TryParse(code, type, _catalog, out var typed))
        {
            return typed;
        }

        if (DocumentNotation.TryParse(code, null, _catalog, out var plain))
        {
            if (type is not null)
            {
                c.Warning("MessageHeader.Code.CodeNotation", "notation.type-mismatch", $"The notation '{EdXmlText.Excerpt(code)}' does not follow the rules of a {type.Name}.", $"Ký hiệu '{EdXmlText.Excerpt(code)}' không theo quy tắc của {type.Name}.");
            }

            return plain;
        }

        try
        {
            DocumentNotation.Parse(code, null, _catalog);
        }
        catch (EDocFormatException ex)
        {
            c.Error("MessageHeader.Code", "notation", ex.Message, $"Số, ký hiệu '{EdXmlText.Excerpt(code)}' không hợp lệ.");
        }

        return null;
    }

    private static List<Attachment> ToAttachments(EdocPackage package, XElement? ext, ValidationProblemCollector c)
    {
        var references = package.Manifest?.References ?? [];
        var byId = new Dictionary<string, EdXmlManifestReference>(StringComparer.Ordinal);
        foreach (var r in references)
        {
            if (r.ContentId is { } rid)
            {
                byId.TryAdd(rid, r);
            }
        }

        var entries = package.Attachments.Count > 0
            ? package.Attachments.Select((a, i) => (Path: $"AttachmentEncoded.Attachment[{i}]", a.ContentId, a.AttachmentName, a.ContentType, a.Description, a.Length))
            : references.Select((r, i) => (Path: $"edXMLManifest.Reference[{i}]", r.ContentId, r.AttachmentName, r.ContentType, r.Description, Length: (long?)null));

        HashSet<string>? mains = null;
        if (ext?.Element(X + "MainDocuments") is { } savedMains)
        {
            mains = new HashSet<string>(savedMains.Elements(X + "ContentId").Select(e => e.Value), StringComparer.Ordinal);
        }

        var list = new List<Attachment>();
        var mainFound = false;
        foreach (var (path, contentId, attachmentName, contentType, description, length) in entries)
        {
            var reference = contentId is not null && byId.TryGetValue(contentId, out var r) ? r : null;
            var name = NullIfBlank(attachmentName) ?? NullIfBlank(reference?.AttachmentName);
            var id = NullIfBlank(contentId);
            if (!c.Required(path + ".AttachmentName", name) | !c.Required(path + ".ContentId", id))
            {
                continue;
            }

            var type = contentType ?? reference?.ContentType;
            bool isMain;
            if (mains is not null)
            {
                isMain = mains.Contains(id!);
            }
            else
            {
                isMain = !mainFound && (AttachmentFormatPolicy.GetFormatFromFileName(name!) == AttachmentFormat.Pdf
                    || string.Equals(type, "application/pdf", StringComparison.OrdinalIgnoreCase));
                mainFound |= isMain;
            }

            list.Add(new Attachment
            {
                Name = name!,
                ContentId = id!,
                ContentType = type,
                Description = description ?? reference?.Description,
                Size = length ?? 0,
                IsMainDocument = isMain,
            });
        }

        return list;
    }

    private static DateTimeOffset? SentFromTrace(EdXmlTraceHeaderList? trace, string? fromId)
    {
        var hop = trace?.TraceHeaders.FirstOrDefault(t => t.Timestamp is not null && string.Equals(t.OrganId?.Trim(), fromId?.Trim(), StringComparison.Ordinal));
        return hop?.Timestamp is { } ts ? new DateTimeOffset(DateTime.SpecifyKind(ts, DateTimeKind.Unspecified), VietnamTime.Offset) : null;
    }

    private static XElement WriteExtension(ElectronicDocument d)
    {
        var ext = new XElement(
            X + ExtensionElementName,
            new XAttribute(XNamespace.Xmlns + "edoc", ExtensionNamespace),
            new XElement(
                X + "DocumentType",
                new XAttribute("code", d.Type.Code),
                d.Type.Abbreviation is null ? null : new XAttribute("abbreviation", d.Type.Abbreviation),
                new XAttribute("category", d.Type.Category.ToString())));
        Add(ext, "Language", d.Language);
        Add(ext, "Notes", d.Notes);
        Add(ext, "SentAt", d.SentAt is { } sent ? FormatTime(sent) : null);
        Add(ext, "ReceivedAt", d.ReceivedAt is { } received ? FormatTime(received) : null);
        ext.Add(new XElement(X + "MainDocuments", d.Attachments.Where(a => a.IsMainDocument).Select(a => new XElement(X + "ContentId", a.ContentId))));
        if (d.Directions.Count > 0)
        {
            ext.Add(new XElement(X + "Directions", d.Directions.Select(direction =>
            {
                var e = new XElement(X + "Direction");
                Add(e, "Leader", direction.Leader);
                Add(e, "GivenAt", FormatTime(direction.GivenAt));
                Add(e, "Text", direction.Text);
                Add(e, "Deadline", direction.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                foreach (var assignee in direction.AssignedTo)
                {
                    Add(e, "AssignedTo", assignee);
                }

                return e;
            })));
        }

        if (d.History.Count > 0)
        {
            ext.Add(new XElement(X + "History", d.History.Select(step =>
            {
                var e = new XElement(X + "Step");
                Add(e, "Actor", step.Actor);
                Add(e, "At", FormatTime(step.At));
                Add(e, "Action", Enum.IsDefined(step.Action) ? step.Action.ToString() : ((int)step.Action).ToString(CultureInfo.InvariantCulture));
                Add(e, "Note", step.Note);
                return e;
            })));
        }

        return ext;
    }

    private static Extension ReadExtension(XElement? ext, ValidationProblemCollector c)
    {
        if (ext is null)
        {
            return new Extension(null, null, null, null, [], []);
        }

        const string P = "MessageHeader." + ExtensionElementName;
        var directions = new List<LeaderDirection>();
        var i = 0;
        foreach (var e in ext.Element(X + "Directions")?.Elements(X + "Direction") ?? [])
        {
            var path = $"{P}.Directions[{i++}]";
            var given = Time(e.Element(X + "GivenAt"), path + ".GivenAt", c);
            var leader = (string?)e.Element(X + "Leader");
            var text = (string?)e.Element(X + "Text");
            DateOnly? deadline = null;
            if (e.Element(X + "Deadline") is { } d)
            {
                if (DateOnly.TryParseExact(d.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    deadline = parsed;
                }
                else
                {
                    Bad(c, path + ".Deadline");
                }
            }

            if (given is null || leader is null || text is null)
            {
                Bad(c, path);
                continue;
            }

            directions.Add(new LeaderDirection
            {
                Leader = leader,
                GivenAt = given.Value,
                Text = text,
                Deadline = deadline,
                AssignedTo = e.Elements(X + "AssignedTo").Select(a => a.Value).ToList(),
            });
        }

        var history = new List<ProcessingStep>();
        i = 0;
        foreach (var e in ext.Element(X + "History")?.Elements(X + "Step") ?? [])
        {
            var path = $"{P}.History[{i++}]";
            var at = Time(e.Element(X + "At"), path + ".At", c);
            var actor = (string?)e.Element(X + "Actor");
            if (at is null || actor is null || !Enum.TryParse<ProcessingAction>((string?)e.Element(X + "Action"), ignoreCase: false, out var action))
            {
                Bad(c, path);
                continue;
            }

            history.Add(new ProcessingStep { Actor = actor, At = at.Value, Action = action, Note = (string?)e.Element(X + "Note") });
        }

        return new Extension(
            (string?)ext.Element(X + "Language"),
            (string?)ext.Element(X + "Notes"),
            Time(ext.Element(X + "SentAt"), P + ".SentAt", c),
            Time(ext.Element(X + "ReceivedAt"), P + ".ReceivedAt", c),
            directions,
            history);
    }

    private static DateTimeOffset? Time(XElement? e, string path, ValidationProblemCollector c)
    {
        if (e is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(e.Value.Trim(), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            return value;
        }

        Bad(c, path);
        return null;
    }

    private static void Bad(ValidationProblemCollector c, string path)
        => c.Warning(path, "extension.unreadable", $"The SDK extension value at {path} cannot be read; it is left out.", $"Không đọc được giá trị mở rộng tại {path}; bỏ qua.");

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static void Add(XElement parent, string name, string? value)
    {
        if (value is not null)
        {
            parent.Add(new XElement(X + name, value));
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static EdXmlStaffInfo CopyStaff(EdXmlStaffInfo staff) => new()
    {
        Department = staff.Department,
        Staff = staff.Staff,
        Mobile = staff.Mobile,
        Email = staff.Email,
        UnknownElements = staff.UnknownElements.Select(e => new XElement(e)).ToList(),
    };

    private sealed record Extension(
        string? Language,
        string? Notes,
        DateTimeOffset? SentAt,
        DateTimeOffset? ReceivedAt,
        IReadOnlyList<LeaderDirection> Directions,
        IReadOnlyList<ProcessingStep> History);
}
