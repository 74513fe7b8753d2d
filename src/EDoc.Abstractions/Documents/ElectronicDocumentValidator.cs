using EDoc.Agencies;
using EDoc.Formats;
using EDoc.Numbering;
using EDoc.Time;
using EDoc.Validation;

namespace EDoc.Documents;

/// <summary>
/// Checks an <see cref="ElectronicDocument"/> against NĐ 30/2020/NĐ-CP: required fields, the field lengths of Annex VI
/// (<see cref="DocumentFieldLimits"/>, counted after NFC normalization), notation rules (<see cref="NotationRules"/>),
/// agency codes, dates and attachment names. Every problem is returned at once, each with a path such as
/// <c>Recipients[1].Code</c>, a code, and English and Vietnamese messages.
/// </summary>
public static class ElectronicDocumentValidator
{
    /// <summary>Validates a document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="timeProvider">When given, issue dates and sent times in the future (Vietnam time) are errors.</param>
    /// <returns>Every problem found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    public static ValidationResult Validate(ElectronicDocument document, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var c = new ValidationProblemCollector();

        CheckIdentity(c, document, timeProvider);
        Text(c, "IssuePlace", document.IssuePlace, DocumentFieldLimits.IssuePlace);
        Text(c, "Subject", document.Subject, DocumentFieldLimits.Subject, required: true);
        Text(c, "Summary", document.Summary, DocumentFieldLimits.Summary);
        Text(c, "Language", document.Language, DocumentFieldLimits.Language);
        Text(c, "Notes", document.Notes, DocumentFieldLimits.Description);
        CheckDefined(c, "Urgency", document.Urgency);
        CheckDefined(c, "Secrecy", document.Secrecy);
        CheckRange(c, "PageCount", document.PageCount, DocumentFieldLimits.MaxPageAmount);
        CheckRange(c, "CopyCount", document.CopyCount, DocumentFieldLimits.MaxIssuedAmount);

        if (document.Signer is { } signer)
        {
            Text(c, "Signer.FullName", signer.FullName, DocumentFieldLimits.SignerFullName, required: true);

            Text(c, "Signer.Position", signer.Position, DocumentFieldLimits.SignerPosition);
            Text(c, "Signer.Competence", signer.Competence, DocumentFieldLimits.SignerPosition);
        }

        if (document.Sender is null)
        {
            Required(c, "Sender");
        }
        else
        {
            CheckAgency(c, "Sender", document.Sender);
        }

        CheckRecipients(c, document.Recipients);
        CheckAttachments(c, document.Attachments);
        CheckTimes(c, document, timeProvider);
        CheckDirections(c, document.Directions);
        CheckHistory(c, document.History);
        return c.ToResult();
    }

    /// <summary>Validates a document and throws when it has errors.</summary>
    /// <param name="document">The document.</param>
    /// <param name="timeProvider">When given, future dates are errors.</param>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocValidationException">The document has at least one error; every problem is listed.</exception>
    public static void EnsureValid(ElectronicDocument document, TimeProvider? timeProvider = null)
        => Validate(document, timeProvider).ThrowIfInvalid(nameof(ElectronicDocument));

    private static void CheckIdentity(ValidationProblemCollector c, ElectronicDocument d, TimeProvider? timeProvider)
    {
        if (d.Type is null)
        {
            Required(c, "Type");
        }
        else
        {
            Text(c, "Type.Name", d.Type.Name, DocumentFieldLimits.TypeName, required: true);
        }

        if (d.Notation is null)
        {
            Required(c, "Notation");
        }
        else if (d.Type is not null)
        {
            NotationRules.Check(c, "Notation", d.Notation, d.Type, d.IssueDate);
        }
        else
        {
            Text(c, "Notation.CodeNotation", d.Notation.CodeNotation, DocumentFieldLimits.CodeNotation);
        }

        CheckDate(c, "IssueDate", d.IssueDate);
        if (timeProvider is not null && d.IssueDate > VietnamTime.Today(timeProvider))
        {
            c.Error(
                "IssueDate",
                "date.future",
                $"The issue date {d.IssueDate:yyyy-MM-dd} is in the future.",
                $"Ngày ban hành {d.IssueDate:dd/MM/yyyy} ở tương lai.");
        }
    }

    private static void CheckRecipients(ValidationProblemCollector c, IReadOnlyList<Agency>? recipients)
    {
        if (recipients is null || recipients.Count == 0)
        {
            c.Error("Recipients", "required", "At least one recipient is required.", "Phải có ít nhất một nơi nhận.");
            return;
        }

        var seen = new HashSet<AgencyCode>();
        for (var i = 0; i < recipients.Count; i++)
        {
            var path = $"Recipients[{i}]";
            var recipient = recipients[i];
            if (recipient is null)
            {
                Required(c, path);
                continue;
            }

            CheckAgency(c, path, recipient);
            if (recipient.Code is { } code && !seen.Add(code))
            {
                c.Error(
                    path + ".Code",
                    "duplicate",
                    $"The recipient {code} appears more than once.",
                    $"Nơi nhận {code} bị lặp.");
            }
        }
    }

    private static void CheckAgency(ValidationProblemCollector c, string path, Agency agency)
    {
        if (agency.Code is null)
        {
            c.Error(path + ".Code", "required", $"{path}.Code (mã định danh) is required.", $"Trường {path}.Code (mã định danh) là bắt buộc.");
        }
        else if (!agency.Code.IsStandard)
        {
            c.Warning(
                path + ".Code",
                "agency-code.nonstandard",
                $"The agency code '{agency.Code}' does not have the standard form NNN.NN.NN.Xnn (QCVN 102:2016).",
                $"Mã định danh '{agency.Code}' không đúng định dạng NNN.NN.NN.Xnn (QCVN 102:2016).");
        }

        Text(c, path + ".Name", agency.Name, DocumentFieldLimits.OrganName, required: true);

        Text(c, path + ".ParentName", agency.ParentName, DocumentFieldLimits.OrganName);
        Text(c, path + ".Address", agency.Address, DocumentFieldLimits.OrganAddress);
        Text(c, path + ".Email", agency.Email, DocumentFieldLimits.Email);
        Text(c, path + ".Website", agency.Website, DocumentFieldLimits.Email);
        Text(c, path + ".Telephone", agency.Telephone, DocumentFieldLimits.Telephone);
        Text(c, path + ".Fax", agency.Fax, DocumentFieldLimits.Telephone);
    }

    private static void CheckAttachments(ValidationProblemCollector c, IReadOnlyList<Attachment>? attachments)
    {
        if (attachments is null || attachments.Count == 0)
        {
            c.Warning("Attachments", "attachments.none", "The document has no attached file.", "Văn bản không có tệp đính kèm.");
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var mainCount = 0;
        for (var i = 0; i < attachments.Count; i++)
        {
            var path = $"Attachments[{i}]";
            var a = attachments[i];
            if (a is null)
            {
                Required(c, path);
                continue;
            }

            if (Text(c, path + ".Name", a.Name, DocumentFieldLimits.AttachmentName, required: true))
            {
                var format = AttachmentFormatPolicy.GetFormatFromFileName(a.Name);
                if (format is null)
                {
                    c.Error(
                        path + ".Name",
                        "attachment.format",
                        $"'{InputText.Show(a.Name, 100)}' does not have an allowed extension ({string.Join(", ", AttachmentFormatPolicy.AllowedExtensions)}; NĐ 30/2020 art. 11).",
                        $"Tệp '{InputText.Show(a.Name, 100)}' không có định dạng được phép ({string.Join(", ", AttachmentFormatPolicy.AllowedExtensions)}; Điều 11 NĐ 30/2020).");
                }
                else if (a.IsMainDocument && format != AttachmentFormat.Pdf)
                {
                    c.Error(
                        path + ".Name",
                        "attachment.main-not-pdf",
                        $"The main document '{InputText.Show(a.Name, 100)}' must be a PDF file.",
                        $"Văn bản chính '{InputText.Show(a.Name, 100)}' phải là tệp PDF.");
                }
            }

            if (c.Required(path + ".ContentId", a.ContentId) && !ids.Add(a.ContentId))
            {
                c.Error(path + ".ContentId", "duplicate", $"The content id '{InputText.Show(a.ContentId, 100)}' is used twice.", $"Mã nội dung '{InputText.Show(a.ContentId, 100)}' bị lặp.");
            }

            if (a.Size < 0)
            {
                c.Error(path + ".Size", "range", "The size must be 0 or more.", "Kích thước tệp phải lớn hơn hoặc bằng 0.");
            }

            mainCount += a.IsMainDocument ? 1 : 0;
        }

        if (mainCount > 1)
        {
            c.Error("Attachments", "attachment.main-duplicate", "Only one attachment can be the main document.", "Chỉ một tệp được là văn bản chính.");
        }
    }

    private static void CheckTimes(ValidationProblemCollector c, ElectronicDocument d, TimeProvider? timeProvider)
    {
        if (d.SentAt is { } sent)
        {
            CheckDate(c, "SentAt", DateOnly.FromDateTime(VietnamTime.ToVietnamTime(sent).DateTime));
            if (DateOnly.FromDateTime(VietnamTime.ToVietnamTime(sent).DateTime) < d.IssueDate)
            {
                c.Error("SentAt", "date.order", "The document is sent before its issue date.", "Thời gian gửi trước ngày ban hành.");
            }

            if (timeProvider is not null && sent > timeProvider.GetUtcNow())
            {
                c.Error("SentAt", "date.future", "The sent time is in the future.", "Thời gian gửi ở tương lai.");
            }
        }

        if (d.ReceivedAt is { } received)
        {
            CheckDate(c, "ReceivedAt", DateOnly.FromDateTime(VietnamTime.ToVietnamTime(received).DateTime));
            if (d.SentAt is { } s && received < s)
            {
                c.Error("ReceivedAt", "date.order", "The document is received before it was sent.", "Thời gian nhận trước thời gian gửi.");
            }
        }

        if (d.DueDate is { } due)
        {
            CheckDate(c, "DueDate", due);
            if (due < d.IssueDate)
            {
                c.Error("DueDate", "date.order", "The due date is before the issue date.", "Hạn xử lý trước ngày ban hành.");
            }
        }
    }

    private static void CheckDirections(ValidationProblemCollector c, IReadOnlyList<LeaderDirection>? directions)
    {
        for (var i = 0; directions is not null && i < directions.Count; i++)
        {
            var path = $"Directions[{i}]";
            if (directions[i] is not { } d)
            {
                Required(c, path);
                continue;
            }

            Text(c, path + ".Leader", d.Leader, int.MaxValue, required: true);
            Text(c, path + ".Text", d.Text, int.MaxValue, required: true);
            var given = DateOnly.FromDateTime(VietnamTime.ToVietnamTime(d.GivenAt).DateTime);
            CheckDate(c, path + ".GivenAt", given);
            if (d.Deadline is { } deadline && deadline < given)
            {
                c.Error(path + ".Deadline", "date.order", "The deadline is before the direction was given.", "Hạn xử lý trước thời điểm chỉ đạo.");
            }
        }
    }

    private static void CheckHistory(ValidationProblemCollector c, IReadOnlyList<ProcessingStep>? history)
    {
        DateTimeOffset? previous = null;
        for (var i = 0; history is not null && i < history.Count; i++)
        {
            var path = $"History[{i}]";
            if (history[i] is not { } step)
            {
                Required(c, path);
                continue;
            }

            Text(c, path + ".Actor", step.Actor, int.MaxValue, required: true);
            Text(c, path + ".Note", step.Note, int.MaxValue);
            CheckDefined(c, path + ".Action", step.Action);
            CheckDate(c, path + ".At", DateOnly.FromDateTime(VietnamTime.ToVietnamTime(step.At).DateTime));
            if (previous is { } p && step.At < p)
            {
                c.Warning(path + ".At", "date.order", "The history is not in chronological order.", "Quá trình xử lý không theo thứ tự thời gian.");
            }

            previous = step.At;
        }
    }

    private static void CheckDate(ValidationProblemCollector c, string path, DateOnly date)
    {
        if (date < DocumentFieldLimits.MinDate)
        {
            c.Error(
                path,
                "date.range",
                $"{path} ({date:yyyy-MM-dd}) is before {DocumentFieldLimits.MinDate:yyyy-MM-dd}.",
                $"{path} ({date:dd/MM/yyyy}) trước ngày {DocumentFieldLimits.MinDate:dd/MM/yyyy}.");
        }
    }

    private static void CheckRange(ValidationProblemCollector c, string path, int? value, int max)
    {
        if (value is { } v && (v < 0 || v > max))
        {
            c.Error(path, "range", $"{path} is {v}; it must be between 0 and {max}.", $"{path} là {v}; phải từ 0 đến {max}.");
        }
    }

    private static void CheckDefined<TEnum>(ValidationProblemCollector c, string path, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            c.Error(path, "range", $"{path} has the undefined value {value}.", $"{path} có giá trị không hợp lệ {value}.");
        }
    }

    private static void Required(ValidationProblemCollector c, string path) => c.Required(path, null);

    /// <summary>Checks a text field: present when required, well-formed UTF-16, at most <paramref name="max"/> characters after NFC.</summary>
    private static bool Text(ValidationProblemCollector c, string path, string? value, int max, bool required = false)
    {
        if (required && !c.Required(path, value))
        {
            return false;
        }

        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]) && !(i + 1 < value.Length && char.IsSurrogatePair(value[i], value[++i])))
            {
                c.Error(path, "text.invalid", $"{path} is not valid Unicode (unpaired surrogate at index {i}).", $"{path} chứa ký tự Unicode không hợp lệ (vị trí {i}).");
                return false;
            }
        }

        return c.MaxLength(path, value, max);
    }
}
