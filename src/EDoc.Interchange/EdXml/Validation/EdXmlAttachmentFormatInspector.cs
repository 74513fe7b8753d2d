using System.IO.Compression;
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
/// <c>.limit-exceeded</c>, <c>.zip-unreadable</c> (errors); <c>attachment.format.unchecked</c> (a warning, when the
/// content was not kept and only the extension could be checked) and <c>attachment.format.zipped</c> (a warning: a
/// ZIP archive used as transport compression whose content was not kept). The files inside a zipped attachment
/// (<see cref="EdXmlAttachment.IsZipped"/>) are checked one by one, at <c>{path}.ZipEntry[i]</c>, within
/// <see cref="MaxZipEntries"/> and <see cref="MaxZipEntryBytes"/>. Only the first bytes of a plain file are read; ZIP
/// and OLE containers are inspected within the limits of <see cref="AttachmentFormatPolicy"/>.
/// </remarks>
public sealed class EdXmlAttachmentFormatInspector : IEdXmlAttachmentFormatInspector
{
    /// <summary>The most files of a zipped attachment that are inspected: 1,000.</summary>
    public const int MaxZipEntries = 1_000;

    /// <summary>The largest container (docx, xls …) inside a zipped attachment that is inspected: 32 MiB.</summary>
    public const long MaxZipEntryBytes = 32L * 1024 * 1024;

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
            if (content is { CanSeek: true })
            {
                InspectZipEntries(content, name, path, problems, cancellationToken);
            }
            else
            {
                problems.Warning(
                    path,
                    "attachment.format.zipped",
                    $"'{EdXmlText.Excerpt(name)}' is a ZIP archive (transport compression) whose content was not kept; the formats of its entries are not checked (NĐ 30/2020 art. 11).",
                    $"Tệp '{EdXmlText.Excerpt(name)}' là tệp nén ZIP không được giữ nội dung; chưa kiểm tra định dạng các tệp bên trong (Điều 11 NĐ 30/2020).");
            }

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

    /// <summary>
    /// Checks each file of a zipped attachment (the VNPT libraries zip every file for transport): at most
    /// <see cref="MaxZipEntries"/> entries; a plain file by its first bytes, a container (docx, xls …) whole when it is
    /// at most <see cref="MaxZipEntryBytes"/> bytes. Reading is capped by those limits, whatever the entry headers claim.
    /// </summary>
    private static void InspectZipEntries(Stream content, string name, string path, ValidationProblemCollector problems, CancellationToken cancellationToken)
    {
        var start = content.Position;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (files.Count > MaxZipEntries)
            {
                problems.Error(path, "attachment.format.limit-exceeded", $"'{EdXmlText.Excerpt(name)}' holds {files.Count} files; at most {MaxZipEntries} are inspected.", $"Tệp nén '{EdXmlText.Excerpt(name)}' chứa {files.Count} tệp; chỉ kiểm tra tối đa {MaxZipEntries}.");
                return;
            }

            for (var i = 0; i < files.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var entry = files[i];
                var entryPath = $"{path}.ZipEntry[{i}]";
                var head = ReadCapped(entry, 8);
                var isContainer = head.Length >= 4 && ((head[0] == (byte)'P' && head[1] == (byte)'K') || (head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0));
                AttachmentFormatCheckResult result;
                if (isContainer)
                {
                    if (entry.Length > MaxZipEntryBytes)
                    {
                        problems.Error(entryPath, "attachment.format.limit-exceeded", $"'{EdXmlText.Excerpt(entry.FullName)}' in '{EdXmlText.Excerpt(name)}' is a container of {entry.Length} bytes; at most {MaxZipEntryBytes} are inspected.", $"Tệp '{EdXmlText.Excerpt(entry.FullName)}' trong '{EdXmlText.Excerpt(name)}' quá lớn để kiểm tra định dạng.");
                        continue;
                    }

                    result = AttachmentFormatPolicy.Detect(ReadCapped(entry, (int)MaxZipEntryBytes), entry.Name);
                }
                else
                {
                    // Not a container: the policy reads only the first bytes of the (non-seekable) entry stream.
                    using var stream = entry.Open();
                    result = AttachmentFormatPolicy.Detect(stream, entry.Name);
                }

                if (!result.IsAllowed)
                {
                    problems.Error(entryPath, Code(result.Rejection), $"In the zipped attachment '{EdXmlText.Excerpt(name)}': {result.Reason}", "Trong tệp nén: " + MessageVi(result, entry.FullName));
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
        {
            problems.Error(path, "attachment.format.zip-unreadable", $"'{EdXmlText.Excerpt(name)}' looks like a ZIP archive but cannot be read: {ex.Message}", $"Không đọc được tệp nén '{EdXmlText.Excerpt(name)}'.");
        }
        finally
        {
            content.Position = start;
        }
    }

    private static byte[] ReadCapped(ZipArchiveEntry entry, int max)
    {
        using var stream = entry.Open();
        var buffer = new byte[(int)Math.Min(max, Math.Max(0, entry.Length))];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? buffer : buffer[..read];
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
