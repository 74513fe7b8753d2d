using EDoc.Formats;
using EDoc.Interchange.EdXml.Internal;
using EDoc.Validation;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// The article 11 format policy of NĐ 30/2020/NĐ-CP (<see cref="AttachmentFormatPolicy"/>) as an
/// <see cref="IEdXmlAttachmentFormatInspector"/>: the format is decided from the content (magic bytes, the parts of
/// OOXML and OpenDocument packages, the streams of OLE files) and the name's extension must name the same allowed
/// format, so an .exe renamed .pdf is refused with the reason. It is the default inspector of
/// <see cref="EdXmlWriter"/> (packing refuses such an attachment) and of <see cref="EdXmlValidator"/> (validation on
/// receipt reports it at the attachment's path); replace it through the options, or set them to
/// <see langword="null"/> to skip the check.
/// </summary>
/// <remarks>
/// Problems are reported at the attachment's path with the codes <c>attachment.format.empty</c>,
/// <c>.unknown-content</c>, <c>.content-not-allowed</c>, <c>.extension-not-allowed</c>, <c>.extension-mismatch</c>,
/// <c>.limit-exceeded</c> (errors); <c>attachment.format.unchecked</c> (a warning, when the content was not kept and
/// only the extension could be checked) and <c>attachment.format.zipped</c> (a warning: the attachment is a ZIP
/// archive used as transport compression, whose entries are not inspected here). Only the first bytes of a plain file
/// are read; ZIP and OLE containers are inspected within the limits of <see cref="AttachmentFormatPolicy"/>.
/// </remarks>
public sealed class EdXmlAttachmentFormatInspector : IEdXmlAttachmentFormatInspector
{
    /// <summary>The shared instance (the inspector has no state).</summary>
    public static EdXmlAttachmentFormatInspector Default { get; } = new();

    /// <inheritdoc />
    public ValueTask InspectAsync(EdXmlAttachment attachment, Stream? content, string path, ValidationProblemCollector problems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        cancellationToken.ThrowIfCancellationRequested();
        var name = attachment.AttachmentName;
        if (string.IsNullOrWhiteSpace(name))
        {
            // The validator reports the missing name; nothing to match the content against.
            return ValueTask.CompletedTask;
        }

        if (attachment.IsZipped)
        {
            problems.Warning(
                path,
                "attachment.format.zipped",
                $"'{EdXmlText.Excerpt(name)}' is a ZIP archive (transport compression); the formats of its entries are not checked here (NĐ 30/2020 art. 11).",
                $"Tệp '{EdXmlText.Excerpt(name)}' là tệp nén ZIP; định dạng các tệp bên trong chưa được kiểm tra (Điều 11 NĐ 30/2020).");
            return ValueTask.CompletedTask;
        }

        if (content is null)
        {
            if (AttachmentFormatPolicy.GetFormatFromFileName(name) is null)
            {
                problems.Error(
                    path,
                    "attachment.format.extension-not-allowed",
                    $"'{EdXmlText.Excerpt(name)}' does not have an allowed extension ({string.Join(", ", AttachmentFormatPolicy.AllowedExtensions)}; NĐ 30/2020 art. 11).",
                    $"Tệp '{EdXmlText.Excerpt(name)}' không có định dạng được phép ({string.Join(", ", AttachmentFormatPolicy.AllowedExtensions)}; Điều 11 NĐ 30/2020).");
            }
            else
            {
                problems.Warning(
                    path,
                    "attachment.format.unchecked",
                    $"The content of '{EdXmlText.Excerpt(name)}' was not kept, so only its extension was checked.",
                    $"Không giữ nội dung tệp '{EdXmlText.Excerpt(name)}' nên chỉ kiểm tra phần mở rộng.");
            }

            return ValueTask.CompletedTask;
        }

        AttachmentFormatCheckResult result;
        try
        {
            result = AttachmentFormatPolicy.Detect(content, name);
        }
        catch (EDocLimitExceededException ex)
        {
            problems.Error(path, "attachment.format.limit-exceeded", ex.Message, $"Không kiểm tra được định dạng tệp '{EdXmlText.Excerpt(name)}': vượt giới hạn.");
            return ValueTask.CompletedTask;
        }

        if (!result.IsAllowed)
        {
            problems.Error(path, Code(result.Rejection), result.Reason ?? "The attachment format is not allowed.", MessageVi(result, name));
        }

        return ValueTask.CompletedTask;
    }

    internal static string Code(AttachmentRejection rejection) => rejection switch
    {
        AttachmentRejection.Empty => "attachment.format.empty",
        AttachmentRejection.UnknownContent => "attachment.format.unknown-content",
        AttachmentRejection.ContentNotAllowed => "attachment.format.content-not-allowed",
        AttachmentRejection.ExtensionNotAllowed => "attachment.format.extension-not-allowed",
        AttachmentRejection.ExtensionMismatch => "attachment.format.extension-mismatch",
        AttachmentRejection.LimitExceeded => "attachment.format.limit-exceeded",
        _ => "attachment.format",
    };

    private static string MessageVi(AttachmentFormatCheckResult result, string name)
    {
        var file = EdXmlText.Excerpt(name);
        return result.Rejection switch
        {
            AttachmentRejection.Empty => $"Tệp '{file}' rỗng.",
            AttachmentRejection.UnknownContent => $"Nội dung tệp '{file}' không thuộc định dạng nào được nhận biết (Điều 11 NĐ 30/2020).",
            AttachmentRejection.ContentNotAllowed => $"Nội dung tệp '{file}' là định dạng không được phép gửi kèm (Điều 11 NĐ 30/2020).",
            AttachmentRejection.ExtensionNotAllowed => $"Tệp '{file}' không có phần mở rộng được phép ({string.Join(", ", AttachmentFormatPolicy.AllowedExtensions)}; Điều 11 NĐ 30/2020).",
            AttachmentRejection.ExtensionMismatch => $"Phần mở rộng của tệp '{file}' không khớp với nội dung ({result.Format}).",
            AttachmentRejection.LimitExceeded => $"Không kiểm tra được định dạng tệp '{file}': vượt giới hạn kiểm tra.",
            _ => $"Định dạng tệp '{file}' không được phép.",
        };
    }
}
