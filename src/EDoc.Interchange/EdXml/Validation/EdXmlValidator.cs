using System.Text.RegularExpressions;
using EDoc.Interchange.EdXml.Internal;
using EDoc.Interchange.Status;
using EDoc.Validation;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// Counts the pages of a PDF (EDoc.Signing implements it). Used to check <see cref="EdXmlOtherInfo.PageAmount"/>
/// against the real document, as the clerk must (NĐ 30/2020 article 8.2).
/// </summary>
public interface IPdfPageCounter
{
    /// <summary>Counts the pages of a PDF.</summary>
    /// <param name="pdf">The PDF bytes; the counter may read it to the end and does not dispose it.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The number of pages.</returns>
    /// <exception cref="EDocFormatException">The content is not a readable PDF.</exception>
    ValueTask<int> CountPagesAsync(Stream pdf, CancellationToken cancellationToken = default);
}

/// <summary>
/// Checks an attachment's format against a policy (article 11 of NĐ 30/2020: PDF for the document, the formats
/// allowed for appendixes). <see cref="EdXmlAttachmentFormatInspector"/> implements it with EDoc.Abstractions'
/// <see cref="EDoc.Formats.AttachmentFormatPolicy"/> and is the default of <see cref="EdXmlValidator"/> and
/// <see cref="EdXmlWriter"/>; supply another implementation for a stricter or looser policy.
/// </summary>
public interface IEdXmlAttachmentFormatInspector
{
    /// <summary>Inspects one attachment and reports problems.</summary>
    /// <param name="attachment">The attachment metadata.</param>
    /// <param name="content">The content, or <see langword="null"/> when the package was read without keeping it.</param>
    /// <param name="path">The attachment's path for problems, for example <c>AttachmentEncoded.Attachment[0]</c>.</param>
    /// <param name="problems">Where to report.</param>
    /// <param name="cancellationToken">Cancels the inspection.</param>
    /// <returns>A task that completes when the inspection is done.</returns>
    ValueTask InspectAsync(EdXmlAttachment attachment, Stream? content, string path, ValidationProblemCollector problems, CancellationToken cancellationToken = default);
}

/// <summary>Options of <see cref="EdXmlValidator"/>.</summary>
public sealed class EdXmlValidatorOptions
{
    /// <summary>The clock for "not in the future" checks (in Vietnam time).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Counts PDF pages to check <c>PageAmount</c>; <see langword="null"/> skips the check.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IPdfPageCounter? PdfPageCounter { get; set; }

    /// <summary>
    /// Checks attachment formats in <see cref="EdXmlValidator.ValidateAsync"/> (NĐ 30/2020 article 11);
    /// <see langword="null"/> skips the check.
    /// </summary>
    /// <value>The default value is <see cref="EdXmlAttachmentFormatInspector.Default"/> (the article 11 policy, decided from the content).</value>
    public IEdXmlAttachmentFormatInspector? FormatInspector { get; set; } = EdXmlAttachmentFormatInspector.Default;
}

/// <summary>
/// Validates edXML packages and returns every problem with its path (for example
/// <c>MessageHeader.To[1].OrganId</c>): required elements, lengths, agency-code format (a warning only, since test
/// codes deviate), dates, code lists, status codes, and the manifest against the attachments. The asynchronous
/// overload also checks attachment content (PDF page count, format policy) when the content was kept.
/// </summary>
public sealed partial class EdXmlValidator
{
    private readonly TimeProvider _timeProvider;
    private readonly IPdfPageCounter? _pageCounter;
    private readonly IEdXmlAttachmentFormatInspector? _formatInspector;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    public EdXmlValidator(EdXmlValidatorOptions? options = null)
    {
        options ??= new EdXmlValidatorOptions();
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _pageCounter = options.PdfPageCounter;
        _formatInspector = options.FormatInspector;
    }

    /// <summary>Whether a text has the QCVN 102:2016 agency-code form <c>NNN.NN.NN.Xnn</c>.</summary>
    /// <param name="organId">The text.</param>
    /// <returns><see langword="true"/> when it matches <c>^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$</c>.</returns>
    public static bool IsWellFormedAgencyCode(string? organId) => organId is not null && AgencyCodeRegex().IsMatch(organId);

    /// <summary>Validates the structure and values of a package (no attachment content is read).</summary>
    /// <param name="package">The package.</param>
    /// <returns>Every problem found.</returns>
    public ValidationResult Validate(EdXmlPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var problems = new ValidationProblemCollector();
        ValidateCore(package, problems);
        return problems.ToResult();
    }

    /// <summary>
    /// Validates a package, including its attachments' content when it was kept (<see cref="EdXmlAttachment.OpenContent"/>):
    /// <c>PageAmount</c> against the PDF page count, and the format policy.
    /// </summary>
    /// <param name="package">The package.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>Every problem found.</returns>
    public async Task<ValidationResult> ValidateAsync(EdXmlPackage package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        var problems = new ValidationProblemCollector();
        ValidateCore(package, problems);
        if (package is EdocPackage edoc)
        {
            await ValidateContentAsync(edoc, problems, cancellationToken).ConfigureAwait(false);
        }

        return problems.ToResult();
    }

    private void ValidateCore(EdXmlPackage package, ValidationProblemCollector problems)
    {
        problems.AddRange(package.ReadProblems);
        switch (package)
        {
            case EdocPackage edoc:
                ValidateHeader(edoc.MessageHeader, package.ReadProblems, problems);
                ValidateAttachments(edoc, problems);
                break;
            case StatusPackage status:
                ValidateStatus(status.Status, package.ReadProblems, problems);
                break;
        }

        if (package.TraceHeaderList is { } trace)
        {
            ValidateTrace(trace, problems);
        }
    }

    private void ValidateHeader(EdXmlMessageHeader h, IList<ValidationProblem> read, ValidationProblemCollector p)
    {
        const string P = "MessageHeader";
        if (h.From is null)
        {
            p.Required(P + ".From", null);
        }
        else
        {
            ValidateOrganization(h.From, P + ".From", p);
        }

        if (h.To.Count == 0)
        {
            p.Error(P + ".To", "required", "At least one recipient (To) is required.", "Cần ít nhất một cơ quan nhận (To).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < h.To.Count; i++)
        {
            ValidateOrganization(h.To[i], $"{P}.To[{i}]", p);
            if (h.To[i].OrganId is { } id && !seen.Add(id.Trim()))
            {
                p.Error($"{P}.To[{i}].OrganId", "duplicate", $"The recipient {id} is listed twice.", $"Cơ quan nhận {id} bị lặp.");
            }
        }

        if (h.DocumentId is { } documentId)
        {
            if (h.From?.OrganId is { } fromId && !string.Equals(documentId.OrganId, fromId, StringComparison.Ordinal))
            {
                p.Warning(P + ".DocumentId", "mismatch", $"DocumentId names the issuer {documentId.OrganId}, but From is {fromId}.", $"Mã văn bản ghi cơ quan ban hành {documentId.OrganId} nhưng cơ quan gửi là {fromId}.");
            }

            if (h.PromulgationInfo?.PromulgationDate is { } issued && issued != documentId.Date)
            {
                p.Warning(P + ".DocumentId", "mismatch", "The date in DocumentId differs from PromulgationDate.", "Ngày trong mã văn bản khác ngày ban hành.");
            }

            if (h.Code is { CodeNumber: { } number, CodeNotation: { } notation }
                && (!string.Equals(number.Trim(), documentId.Number, StringComparison.Ordinal) || !string.Equals(notation.Trim(), documentId.Notation, StringComparison.Ordinal)))
            {
                p.Warning(P + ".DocumentId", "mismatch", "The number/notation in DocumentId differs from Code.", "Số/ký hiệu trong mã văn bản khác trường Code.");
            }
        }
        else if (!HasReadProblem(read, P + ".DocumentId"))
        {
            p.Required(P + ".DocumentId", null);
        }

        if (h.Code is null)
        {
            p.Required(P + ".Code.CodeNumber", null);
            p.Required(P + ".Code.CodeNotation", null);
        }
        else
        {
            if (p.Required(P + ".Code.CodeNumber", h.Code.CodeNumber))
            {
                p.MaxLength(P + ".Code.CodeNumber", h.Code.CodeNumber, 11);
            }

            if (p.Required(P + ".Code.CodeNotation", h.Code.CodeNotation))
            {
                p.MaxLength(P + ".Code.CodeNotation", h.Code.CodeNotation, 30);
            }
        }

        if (h.PromulgationInfo is { } info)
        {
            p.MaxLength(P + ".PromulgationInfo.Place", info.Place, 50);
            if (info.PromulgationDate is { } date && date > EDoc.Time.VietnamTime.Today(_timeProvider))
            {
                p.Error(P + ".PromulgationInfo.PromulgationDate", "future", $"The issue date {EdXmlDates.FormatDate(date)} is in the future.", $"Ngày ban hành {EdXmlDates.FormatDate(date)} ở tương lai.");
            }
            else if (info.PromulgationDate is null && !HasReadProblem(read, P + ".PromulgationInfo.PromulgationDate"))
            {
                p.Required(P + ".PromulgationInfo.PromulgationDate", null);
            }
        }
        else
        {
            p.Required(P + ".PromulgationInfo.PromulgationDate", null);
        }

        if (h.DocumentType is { } type)
        {
            if (type.Type is { } t && t is not (1 or 2))
            {
                p.Error(P + ".DocumentType.Type", "code", $"DocumentType/Type is {t}; only 1 and 2 are allowed.", $"Loại văn bản (Type) là {t}; chỉ chấp nhận 1 hoặc 2.");
            }
            else if (type.Type is null && !HasReadProblem(read, P + ".DocumentType.Type"))
            {
                p.Required(P + ".DocumentType.Type", null);
            }

            p.MaxLength(P + ".DocumentType.TypeName", type.TypeName, 100);
        }

        if (p.Required(P + ".Subject", h.Subject))
        {
            p.MaxLength(P + ".Subject", h.Subject, 500);
        }

        p.MaxLength(P + ".Content", h.Content, 500);
        if (h.ToPlaces is { } places)
        {
            for (var i = 0; i < places.Count; i++)
            {
                p.MaxLength($"{P}.ToPlaces.Place[{i}]", places[i], 150);
            }
        }

        if (h.OtherInfo is { } other)
        {
            if (other.Priority is { } priority && priority is < 0 or > 4)
            {
                p.Error(P + ".OtherInfo.Priority", "code", $"Priority is {priority}; it must be 0–4.", $"Độ khẩn là {priority}; phải từ 0 đến 4.");
            }

            p.MaxLength(P + ".OtherInfo.SphereOfPromulgation", other.SphereOfPromulgation, 100);
            p.MaxLength(P + ".OtherInfo.TyperNotation", other.TyperNotation, 10);
            if (other.PromulgationAmount is < 0)
            {
                p.Error(P + ".OtherInfo.PromulgationAmount", "range", "PromulgationAmount must not be negative.", "Số bản phát hành không được âm.");
            }

            if (other.PageAmount is < 0)
            {
                p.Error(P + ".OtherInfo.PageAmount", "range", "PageAmount must not be negative.", "Số trang không được âm.");
            }
        }

        for (var i = 0; i < h.ResponseFor.Count; i++)
        {
            ValidateAgencyCode(h.ResponseFor[i].OrganId, $"{P}.ResponseFor[{i}].OrganId", p);
        }
    }

    private static void ValidateOrganization(EdXmlOrganization o, string path, ValidationProblemCollector p)
    {
        if (p.Required(path + ".OrganId", o.OrganId))
        {
            ValidateAgencyCode(o.OrganId, path + ".OrganId", p);
        }

        p.MaxLength(path + ".OrganName", o.OrganName, 200);
        p.MaxLength(path + ".OrganAdd", o.OrganAdd, 500);
        p.MaxLength(path + ".Email", o.Email, 100);
        p.MaxLength(path + ".Telephone", o.Telephone, 20);
        p.MaxLength(path + ".Fax", o.Fax, 20);
    }

    private static void ValidateAgencyCode(string? organId, string path, ValidationProblemCollector p)
    {
        if (organId is not null && !IsWellFormedAgencyCode(organId))
        {
            p.Warning(path, "agency-code.format", $"'{EdXmlText.Excerpt(organId)}' does not have the agency-code form NNN.NN.NN.Xnn.", $"'{EdXmlText.Excerpt(organId)}' không đúng dạng mã định danh NNN.NN.NN.Xnn.");
        }
    }

    private void ValidateStatus(EdXmlStatus s, IList<ValidationProblem> read, ValidationProblemCollector p)
    {
        const string P = "Status";
        if (s.StatusCode is { } code)
        {
            if (!EdXmlStatusCodes.IsKnown(code))
            {
                p.Error(P + ".StatusCode", "code", $"Status code {EdXmlStatusCodes.ToWire(code)} is not one of 01–06, 13, 15, 16.", $"Mã trạng thái {EdXmlStatusCodes.ToWire(code)} không thuộc 01–06, 13, 15, 16.");
            }
        }
        else if (!HasReadProblem(read, P + ".StatusCode"))
        {
            p.Required(P + ".StatusCode", null);
        }

        if (s.ResponseFor is null)
        {
            p.Required(P + ".ResponseFor.Code", null);
            p.Required(P + ".ResponseFor.DocumentId", null);
        }
        else
        {
            p.Required(P + ".ResponseFor.Code", s.ResponseFor.Code);
            if (s.ResponseFor.DocumentId is null && !HasReadProblem(read, P + ".ResponseFor.DocumentId"))
            {
                p.Required(P + ".ResponseFor.DocumentId", null);
            }

            ValidateAgencyCode(s.ResponseFor.OrganId, P + ".ResponseFor.OrganId", p);
        }

        if (s.From is null)
        {
            p.Required(P + ".From.OrganId", null);
        }
        else
        {
            ValidateOrganization(s.From, P + ".From", p);
        }

        if (s.Timestamp is { } ts && ts > EDoc.Time.VietnamTime.Now(_timeProvider).DateTime.AddMinutes(10))
        {
            p.Warning(P + ".Timestamp", "future", "The status timestamp is in the future.", "Thời điểm trạng thái ở tương lai.");
        }
    }

    private static void ValidateTrace(EdXmlTraceHeaderList t, ValidationProblemCollector p)
    {
        const string P = "TraceHeaderList";
        for (var i = 0; i < t.TraceHeaders.Count; i++)
        {
            ValidateAgencyCode(t.TraceHeaders[i].OrganId, $"{P}.TraceHeader[{i}].OrganId", p);
        }

        if (t.Business is not { } b)
        {
            return;
        }

        const string B = P + ".Bussiness";
        if (b.BusinessDocType is { } type)
        {
            if (type is < EdXmlBusinessDocType.New or > EdXmlBusinessDocType.Replace)
            {
                p.Error(B + ".BussinessDocType", "code", $"BussinessDocType is {(int)type}; it must be 0–3.", $"BussinessDocType là {(int)type}; phải từ 0 đến 3.");
            }
            else if (type != EdXmlBusinessDocType.New && b.DocumentId is null)
            {
                p.Error(B + ".DocumentId", "required", "A revocation, update or replacement must name the targeted DocumentId.", "Thu hồi, cập nhật hoặc thay thế phải ghi mã văn bản bị tác động.");
            }

            if (type == EdXmlBusinessDocType.Replace && (b.ReplacementInfoList is null || b.ReplacementInfoList.Count == 0))
            {
                p.Warning(B + ".ReplacementInfoList", "required", "A replacement should list the replaced documents.", "Văn bản thay thế nên liệt kê văn bản bị thay thế.");
            }
        }

        if (b.Paper is { } paper && paper is not (0 or 1))
        {
            p.Error(B + ".Paper", "code", $"Paper is {paper}; it must be 0 or 1.", $"Paper là {paper}; phải là 0 hoặc 1.");
        }

        if (b.BusinessDocumentInfo?.ReceiverList is { } receivers)
        {
            for (var i = 0; i < receivers.Count; i++)
            {
                var path = $"{B}.BussinessDocumentInfo.ReceiverList.Receiver[{i}]";
                if (receivers[i].ReceiverType is { } rt && rt is not (0 or 1))
                {
                    p.Error(path + ".ReceiverType", "code", $"ReceiverType is {rt}; it must be 0 (removed) or 1 (added).", $"ReceiverType là {rt}; phải là 0 (bỏ) hoặc 1 (thêm).");
                }

                if (p.Required(path + ".OrganId", receivers[i].OrganId))
                {
                    ValidateAgencyCode(receivers[i].OrganId, path + ".OrganId", p);
                }
            }
        }
    }

    private static void ValidateAttachments(EdocPackage package, ValidationProblemCollector p)
    {
        var references = package.Manifest?.References ?? [];
        var attachmentIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < package.Attachments.Count; i++)
        {
            var a = package.Attachments[i];
            var path = $"AttachmentEncoded.Attachment[{i}]";
            if (p.Required(path + ".ContentId", a.ContentId) && !attachmentIds.TryAdd(a.ContentId!, i))
            {
                p.Error(path + ".ContentId", "duplicate", $"The content id '{a.ContentId}' is used twice.", $"Mã nội dung '{a.ContentId}' bị lặp.");
            }

            if (p.Required(path + ".AttachmentName", a.AttachmentName))
            {
                p.MaxLength(path + ".AttachmentName", a.AttachmentName, 500);
            }

            if (string.IsNullOrWhiteSpace(a.ContentType))
            {
                p.Warning(path + ".ContentType", "required", "The attachment has no content type.", "Tệp đính kèm không có kiểu nội dung.");
            }
        }

        var referenceIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < references.Count; i++)
        {
            var r = references[i];
            var path = $"edXMLManifest.Reference[{i}]";
            if (!p.Required(path + ".ContentId", r.ContentId))
            {
                continue;
            }

            if (!referenceIds.Add(r.ContentId!))
            {
                p.Error(path + ".ContentId", "duplicate", $"The manifest lists '{r.ContentId}' twice.", $"Bảng kê liệt kê '{r.ContentId}' hai lần.");
            }
            else if (!attachmentIds.ContainsKey(r.ContentId!))
            {
                p.Error(path + ".ContentId", "manifest.missing-attachment", $"The manifest references '{r.ContentId}', but no attachment has that content id.", $"Bảng kê tham chiếu '{r.ContentId}' nhưng không có tệp đính kèm tương ứng.");
            }

            p.MaxLength(path + ".AttachmentName", r.AttachmentName, 500);
        }

        foreach (var (id, index) in attachmentIds)
        {
            if (!referenceIds.Contains(id))
            {
                p.Error($"AttachmentEncoded.Attachment[{index}].ContentId", "manifest.unlisted-attachment", $"The attachment '{id}' is not listed in the manifest.", $"Tệp đính kèm '{id}' không có trong bảng kê.");
            }
        }
    }

    private async Task ValidateContentAsync(EdocPackage package, ValidationProblemCollector p, CancellationToken cancellationToken)
    {
        var pageCounts = new List<int>();
        for (var i = 0; i < package.Attachments.Count; i++)
        {
            var a = package.Attachments[i];
            var path = $"AttachmentEncoded.Attachment[{i}]";
            if (_formatInspector is not null)
            {
                if (a.OpenContent is null)
                {
                    await _formatInspector.InspectAsync(a, null, path, p, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var content = await a.OpenContent(cancellationToken).ConfigureAwait(false);
                    await using (content.ConfigureAwait(false))
                    {
                        await _formatInspector.InspectAsync(a, content, path, p, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (_pageCounter is not null && a.OpenContent is not null && EdXmlContentTypes.IsPdf(a))
            {
                var content = await a.OpenContent(cancellationToken).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    try
                    {
                        pageCounts.Add(await _pageCounter.CountPagesAsync(content, cancellationToken).ConfigureAwait(false));
                    }
                    catch (EDocFormatException ex)
                    {
                        p.Error(path, "pdf.unreadable", $"The PDF cannot be read: {ex.Reason}", "Không đọc được tệp PDF.");
                    }
                }
            }
        }

        // PageAmount is the page count of the document (văn bản): the first PDF, or all PDFs together when the
        // sender counted appendixes too. Either reading is accepted.
        if (_pageCounter is not null && package.MessageHeader.OtherInfo?.PageAmount is { } declared && pageCounts.Count > 0
            && declared != pageCounts[0] && declared != pageCounts.Sum())
        {
            p.Error(
                "MessageHeader.OtherInfo.PageAmount",
                "page-amount.mismatch",
                $"PageAmount is {declared}, but the PDF has {pageCounts[0]} page(s){(pageCounts.Count > 1 ? $" ({pageCounts.Sum()} in all PDFs)" : string.Empty)}.",
                $"Số trang khai báo là {declared} nhưng tệp PDF có {pageCounts[0]} trang.");
        }
    }

    private static bool HasReadProblem(IList<ValidationProblem> read, string path)
        => read.Any(r => string.Equals(r.Path, path, StringComparison.Ordinal));

    [GeneratedRegex(@"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AgencyCodeRegex();
}
