using System.Text.Unicode;

namespace EDoc.Formats;

/// <summary>
/// The attachment format rule of NĐ 30/2020/NĐ-CP article 11: attachments are pdf, txt, rtf, doc, docx, odt, csv, xls,
/// xlsx, ods or jpeg/jpg, and the signed main document is PDF. The format is decided from the content (magic bytes;
/// OOXML and OpenDocument packages by their parts; doc and xls by the streams of the OLE directory), and the file
/// name's extension must name the same format: an .exe renamed .pdf or a ZIP renamed .docx is rejected with the reason.
/// </summary>
/// <remarks>
/// Only in-memory work: a ZIP container is opened with <see cref="System.IO.Compression.ZipArchive"/> to list its
/// entries, and only the small <c>mimetype</c> entry is decompressed. Limits: at most
/// <see cref="MaxZipEntries"/> ZIP entries and <see cref="MaxOleSectors"/> OLE directory sectors are inspected;
/// <see cref="TextSampleLength"/> bytes are checked for text; a non-seekable stream holding a container is buffered up
/// to <see cref="MaxBufferedLength"/> bytes.
/// </remarks>
public static class AttachmentFormatPolicy
{
    /// <summary>The rule name carried by <see cref="EDocPolicyException.Rule"/>: <c>attachment-format</c>.</summary>
    public const string RuleName = "attachment-format";

    /// <summary>The number of leading bytes checked to tell text from binary content: 64 KiB.</summary>
    public const int TextSampleLength = 64 * 1024;

    /// <summary>The largest number of ZIP entries inspected: 10 000.</summary>
    public const int MaxZipEntries = ContainerInspector.MaxZipEntries;

    /// <summary>The largest number of OLE sectors followed: 4 096.</summary>
    public const int MaxOleSectors = ContainerInspector.MaxOleSectors;

    /// <summary>The most bytes copied from a non-seekable stream to inspect a container: 256 MiB.</summary>
    public const long MaxBufferedLength = 256L * 1024 * 1024;

    private const string EmptyDescription = "empty";

    /// <summary>The allowed extensions, lower case with the dot.</summary>
    public static IReadOnlyList<string> AllowedExtensions { get; } =
        [".pdf", ".txt", ".rtf", ".doc", ".docx", ".odt", ".csv", ".xls", ".xlsx", ".ods", ".jpeg", ".jpg"];

    /// <summary>Whether article 11 allows the format.</summary>
    /// <param name="format">The format.</param>
    /// <returns><see langword="true"/> for pdf, txt, csv, rtf, doc, xls, docx, xlsx, odt, ods and jpeg.</returns>
    public static bool IsAllowed(AttachmentFormat format) => format is >= AttachmentFormat.Pdf and <= AttachmentFormat.Jpeg;

    /// <summary>The allowed format a file name's extension names (case-insensitive), or <see langword="null"/>.</summary>
    /// <param name="fileName">The file name or path.</param>
    /// <returns>The format, or <see langword="null"/> for a missing or not allowed extension.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is <see langword="null"/>.</exception>
    public static AttachmentFormat? GetFormatFromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Path.GetExtension(fileName.AsSpan()).ToString().ToUpperInvariant() switch
        {
            ".PDF" => AttachmentFormat.Pdf,
            ".TXT" => AttachmentFormat.PlainText,
            ".CSV" => AttachmentFormat.Csv,
            ".RTF" => AttachmentFormat.Rtf,
            ".DOC" => AttachmentFormat.Doc,
            ".XLS" => AttachmentFormat.Xls,
            ".DOCX" => AttachmentFormat.Docx,
            ".XLSX" => AttachmentFormat.Xlsx,
            ".ODT" => AttachmentFormat.Odt,
            ".ODS" => AttachmentFormat.Ods,
            ".JPG" or ".JPEG" => AttachmentFormat.Jpeg,
            _ => null,
        };
    }

    /// <summary>The media type of a format, for example <c>application/pdf</c>.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The media type; <c>application/octet-stream</c> when there is no specific one.</returns>
    public static string GetMediaType(AttachmentFormat format) => format switch
    {
        AttachmentFormat.Pdf => "application/pdf",
        AttachmentFormat.PlainText => "text/plain",
        AttachmentFormat.Csv => "text/csv",
        AttachmentFormat.Rtf => "application/rtf",
        AttachmentFormat.Doc => "application/msword",
        AttachmentFormat.Xls => "application/vnd.ms-excel",
        AttachmentFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        AttachmentFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        AttachmentFormat.Odt => "application/vnd.oasis.opendocument.text",
        AttachmentFormat.Ods => "application/vnd.oasis.opendocument.spreadsheet",
        AttachmentFormat.Jpeg => "image/jpeg",
        AttachmentFormat.Zip => "application/zip",
        AttachmentFormat.Png => "image/png",
        AttachmentFormat.Gif => "image/gif",
        _ => "application/octet-stream",
    };

    /// <summary>Decides the format of a file held in memory and whether it may be attached.</summary>
    /// <param name="content">The whole file (for ZIP and OLE containers the whole file is needed; for other formats the first bytes suffice).</param>
    /// <param name="fileName">The file name, whose extension must match the content.</param>
    /// <returns>The detected format and, when rejected, the reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is <see langword="null"/>.</exception>
    public static AttachmentFormatCheckResult Detect(ReadOnlySpan<byte> content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var kind = Sniff(content);
        if (kind is AttachmentFormat.Zip or AttachmentFormat.OleCompound)
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            return Decide(fileName, Inspect(kind, stream));
        }

        return Decide(fileName, Describe(kind, content, truncated: false));
    }

    /// <summary>Decides the format of a file read from a stream and whether it may be attached.</summary>
    /// <param name="content">
    /// The file, read from its current position. A seekable stream is returned to that position; a non-seekable stream
    /// is consumed (containers are buffered up to <see cref="MaxBufferedLength"/> bytes).
    /// </param>
    /// <param name="fileName">The file name, whose extension must match the content.</param>
    /// <returns>The detected format and, when rejected, the reason.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read.</exception>
    /// <exception cref="EDocLimitExceededException">A non-seekable container is larger than <see cref="MaxBufferedLength"/>.</exception>
    public static AttachmentFormatCheckResult Detect(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        if (!content.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(content));
        }

        var start = content.CanSeek ? content.Position : 0;
        try
        {
            var head = new byte[TextSampleLength];
            var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var kind = Sniff(head.AsSpan(0, read));
            if (kind is not (AttachmentFormat.Zip or AttachmentFormat.OleCompound))
            {
                return Decide(fileName, Describe(kind, head.AsSpan(0, read), truncated: read == head.Length));
            }

            if (content.CanSeek)
            {
                using var window = new SubStream(content, start);
                return Decide(fileName, Inspect(kind, window));
            }

            using var buffer = new MemoryStream();
            buffer.Write(head, 0, read);
            var chunk = new byte[81920];
            int n;
            while ((n = content.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > MaxBufferedLength)
                {
                    throw new EDocLimitExceededException("Attachment", fileName, nameof(MaxBufferedLength), MaxBufferedLength);
                }

                buffer.Write(chunk, 0, n);
            }

            buffer.Position = 0;
            return Decide(fileName, Inspect(kind, buffer));
        }
        finally
        {
            if (content.CanSeek)
            {
                content.Position = start;
            }
        }
    }

    /// <summary>Checks a file held in memory and throws when it may not be attached.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="fileName">The file name.</param>
    /// <returns>The result, which is allowed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocPolicyException">The file is rejected (rule <c>attachment-format</c>); the message gives the reason.</exception>
    public static AttachmentFormatCheckResult EnsureAllowed(ReadOnlySpan<byte> content, string fileName) => Ensure(Detect(content, fileName));

    /// <summary>Checks a file read from a stream and throws when it may not be attached.</summary>
    /// <param name="content">The file.</param>
    /// <param name="fileName">The file name.</param>
    /// <returns>The result, which is allowed.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="EDocPolicyException">The file is rejected (rule <c>attachment-format</c>).</exception>
    /// <exception cref="EDocLimitExceededException">A non-seekable container is too large to inspect.</exception>
    public static AttachmentFormatCheckResult EnsureAllowed(Stream content, string fileName) => Ensure(Detect(content, fileName));

    /// <summary>Checks that the signed main document is an allowed PDF file.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="fileName">The file name, which must end in .pdf.</param>
    /// <returns>The result, which is an allowed PDF.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocPolicyException">The file is not an allowed PDF (rule <c>attachment-format</c>).</exception>
    public static AttachmentFormatCheckResult EnsureMainDocumentIsPdf(ReadOnlySpan<byte> content, string fileName)
        => EnsurePdf(Ensure(Detect(content, fileName)));

    /// <summary>Checks that the signed main document is an allowed PDF file.</summary>
    /// <param name="content">The file.</param>
    /// <param name="fileName">The file name, which must end in .pdf.</param>
    /// <returns>The result, which is an allowed PDF.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="EDocPolicyException">The file is not an allowed PDF (rule <c>attachment-format</c>).</exception>
    public static AttachmentFormatCheckResult EnsureMainDocumentIsPdf(Stream content, string fileName)
        => EnsurePdf(Ensure(Detect(content, fileName)));

    private static AttachmentFormatCheckResult Ensure(AttachmentFormatCheckResult result)
        => result.IsAllowed ? result : throw new EDocPolicyException(RuleName, result.Reason!);

    private static AttachmentFormatCheckResult EnsurePdf(AttachmentFormatCheckResult result)
        => result.Format == AttachmentFormat.Pdf
            ? result
            : throw new EDocPolicyException(RuleName, $"'{InputText.Show(result.FileName, 200)}': the signed main document must be PDF, but the content is {Article(result.Format)}.");

    private static AttachmentFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return AttachmentFormat.Unknown;
        }

        if (head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return AttachmentFormat.Pdf;
        }

        if (head.StartsWith("{\\rtf"u8))
        {
            return AttachmentFormat.Rtf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return AttachmentFormat.Jpeg;
        }

        if (ContainerInspector.IsOle(head))
        {
            return AttachmentFormat.OleCompound;
        }

        if (ContainerInspector.IsZip(head))
        {
            return AttachmentFormat.Zip;
        }

        if (head.StartsWith("MZ"u8))
        {
            return AttachmentFormat.WindowsExecutable;
        }

        if (head.StartsWith("\u007FELF"u8))
        {
            return AttachmentFormat.LinuxExecutable;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return AttachmentFormat.Png;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return AttachmentFormat.Gif;
        }

        return AttachmentFormat.PlainText;
    }

    private static (AttachmentFormat Format, string Description, bool LimitHit) Inspect(AttachmentFormat kind, Stream stream)
        => kind == AttachmentFormat.Zip ? ContainerInspector.InspectZip(stream) : ContainerInspector.InspectOle(stream);

    private static (AttachmentFormat Format, string Description, bool LimitHit) Describe(AttachmentFormat kind, ReadOnlySpan<byte> head, bool truncated)
    {
        if (head.IsEmpty)
        {
            return (AttachmentFormat.Unknown, EmptyDescription, false);
        }

        if (kind == AttachmentFormat.PlainText)
        {
            var sample = head[..Math.Min(head.Length, TextSampleLength)];
            if (sample.Contains((byte)0))
            {
                return (AttachmentFormat.Unknown, "binary data of an unknown format (it contains NUL bytes)", false);
            }

            if (!IsUtf8(sample, truncated || head.Length > TextSampleLength))
            {
                return (AttachmentFormat.Unknown, "neither UTF-8 text nor a known binary format (legacy 8-bit text must be converted to Unicode, TCVN 6909:2001)", false);
            }
        }

        return (kind, Article(kind), false);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> sample, bool truncated)
    {
        if (Utf8.IsValid(sample))
        {
            return true;
        }

        // A sample cut in the middle of a multi-byte sequence is still text: drop an incomplete tail of up to 3 bytes.
        for (var cut = 1; truncated && cut <= 3 && cut < sample.Length; cut++)
        {
            if ((sample[^cut] & 0xC0) != 0x80)
            {
                return Utf8.IsValid(sample[..^cut]);
            }
        }

        return false;
    }

    private static AttachmentFormatCheckResult Decide(string fileName, (AttachmentFormat Format, string Description, bool LimitHit) content)
    {
        var byName = GetFormatFromFileName(fileName);
        var extension = Path.GetExtension(fileName);
        var shownExtension = string.IsNullOrEmpty(extension) ? "no extension" : $"the extension {InputText.Show(extension, 20)}";
        var shownName = InputText.Show(fileName, 200);
        var format = content.Format == AttachmentFormat.PlainText && byName == AttachmentFormat.Csv ? AttachmentFormat.Csv : content.Format;

        if (string.Equals(content.Description, EmptyDescription, StringComparison.Ordinal))
        {
            return new(fileName, format, byName, AttachmentRejection.Empty, $"'{shownName}' is empty.");
        }

        if (content.LimitHit)
        {
            return new(fileName, format, byName, AttachmentRejection.LimitExceeded, $"'{shownName}' was not accepted: the content is {content.Description}.");
        }

        if (!IsAllowed(format))
        {
            var (rejection, what) = format == AttachmentFormat.Unknown
                ? (AttachmentRejection.UnknownContent, "which is not a recognised format")
                : (AttachmentRejection.ContentNotAllowed, "which is not an allowed attachment format (NĐ 30/2020 art. 11)");
            return new(fileName, format, byName, rejection, $"'{shownName}' has {shownExtension} but the content is {content.Description}, {what}.");
        }

        if (byName is null)
        {
            return new(fileName, format, byName, AttachmentRejection.ExtensionNotAllowed,
                $"'{shownName}' has {shownExtension}; allowed are {string.Join(", ", AllowedExtensions)} (NĐ 30/2020 art. 11). The content is {content.Description}.");
        }

        if (byName != format)
        {
            return new(fileName, format, byName, AttachmentRejection.ExtensionMismatch,
                $"'{shownName}' has {shownExtension} but the content is {content.Description}; the extension must match the content.");
        }

        return new(fileName, format, byName, AttachmentRejection.None, null);
    }

    private static string Article(AttachmentFormat format) => format switch
    {
        AttachmentFormat.Pdf => "a PDF document",
        AttachmentFormat.PlainText => "plain UTF-8 text",
        AttachmentFormat.Csv => "plain UTF-8 text (csv)",
        AttachmentFormat.Rtf => "an RTF document",
        AttachmentFormat.Doc => "a Word 97-2003 document (doc)",
        AttachmentFormat.Xls => "an Excel 97-2003 workbook (xls)",
        AttachmentFormat.Docx => "a Word OOXML document (docx)",
        AttachmentFormat.Xlsx => "an Excel OOXML workbook (xlsx)",
        AttachmentFormat.Odt => "an OpenDocument text (odt)",
        AttachmentFormat.Ods => "an OpenDocument spreadsheet (ods)",
        AttachmentFormat.Jpeg => "a JPEG image",
        AttachmentFormat.Zip => "a ZIP archive",
        AttachmentFormat.OleCompound => "an OLE compound file",
        AttachmentFormat.OfficeOpenXmlOther => "an OOXML package",
        AttachmentFormat.OpenDocumentOther => "an OpenDocument package",
        AttachmentFormat.WindowsExecutable => "a Windows executable (MZ)",
        AttachmentFormat.LinuxExecutable => "a Linux executable (ELF)",
        AttachmentFormat.Png => "a PNG image",
        AttachmentFormat.Gif => "a GIF image",
        _ => "of an unknown format",
    };
}
