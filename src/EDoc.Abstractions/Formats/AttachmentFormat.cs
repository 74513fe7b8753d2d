namespace EDoc.Formats;

/// <summary>
/// A file format as decided from the content. The first group are the formats NĐ 30/2020/NĐ-CP article 11 allows
/// for attachments; the rest are recognised only to explain a rejection.
/// </summary>
public enum AttachmentFormat
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>PDF (<c>%PDF-</c>): allowed, and the only format for the signed main document.</summary>
    Pdf = 1,

    /// <summary>Plain text, <c>.txt</c> (UTF-8 or ASCII, no NUL byte): allowed.</summary>
    PlainText = 2,

    /// <summary>Comma-separated values, <c>.csv</c> (plain text content): allowed.</summary>
    Csv = 3,

    /// <summary>Rich Text Format (<c>{\rtf</c>): allowed.</summary>
    Rtf = 4,

    /// <summary>Word 97–2003 (OLE compound file with a <c>WordDocument</c> stream): allowed.</summary>
    Doc = 5,

    /// <summary>Excel 97–2003 (OLE compound file with a <c>Workbook</c> or <c>Book</c> stream): allowed.</summary>
    Xls = 6,

    /// <summary>Word OOXML (ZIP with <c>[Content_Types].xml</c> and <c>word/document.xml</c>): allowed.</summary>
    Docx = 7,

    /// <summary>Excel OOXML (ZIP with <c>[Content_Types].xml</c> and <c>xl/workbook.xml</c>): allowed.</summary>
    Xlsx = 8,

    /// <summary>OpenDocument text (<c>mimetype</c> = <c>application/vnd.oasis.opendocument.text</c>): allowed.</summary>
    Odt = 9,

    /// <summary>OpenDocument spreadsheet (<c>mimetype</c> = <c>application/vnd.oasis.opendocument.spreadsheet</c>): allowed.</summary>
    Ods = 10,

    /// <summary>JPEG image (<c>FF D8 FF</c>): allowed.</summary>
    Jpeg = 11,

    /// <summary>A ZIP archive that is neither OOXML nor OpenDocument: not allowed.</summary>
    Zip = 100,

    /// <summary>Another OLE compound file (PowerPoint 97–2003, an encrypted Office file, an installer …): not allowed.</summary>
    OleCompound = 101,

    /// <summary>Another OOXML package (PowerPoint …), or a macro-enabled one (<c>vbaProject.bin</c>): not allowed.</summary>
    OfficeOpenXmlOther = 102,

    /// <summary>Another OpenDocument package (presentation, drawing …): not allowed.</summary>
    OpenDocumentOther = 103,

    /// <summary>A Windows executable (<c>MZ</c>): not allowed.</summary>
    WindowsExecutable = 104,

    /// <summary>A Linux executable (ELF): not allowed.</summary>
    LinuxExecutable = 105,

    /// <summary>A PNG image: not allowed.</summary>
    Png = 106,

    /// <summary>A GIF image: not allowed.</summary>
    Gif = 107,
}

/// <summary>Why an attachment was rejected.</summary>
public enum AttachmentRejection
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The file is empty.</summary>
    Empty = 1,

    /// <summary>The content was not recognised as any format.</summary>
    UnknownContent = 2,

    /// <summary>The content is a recognised format that article 11 does not allow (an executable, a ZIP …).</summary>
    ContentNotAllowed = 3,

    /// <summary>The file name has no extension or one that is not allowed.</summary>
    ExtensionNotAllowed = 4,

    /// <summary>The extension names an allowed format but the content is another one (an .exe renamed .pdf).</summary>
    ExtensionMismatch = 5,

    /// <summary>A container (ZIP, OLE) exceeded an inspection limit.</summary>
    LimitExceeded = 6,
}

/// <summary>The outcome of <see cref="AttachmentFormatPolicy.Detect(ReadOnlySpan{byte}, string)"/>.</summary>
/// <param name="FileName">The file name that was checked.</param>
/// <param name="Format">The format of the content (for text, <see cref="AttachmentFormat.Csv"/> when named .csv).</param>
/// <param name="ExtensionFormat">The allowed format the extension names, or <see langword="null"/>.</param>
/// <param name="Rejection">Why the file is rejected, or <see cref="AttachmentRejection.None"/>.</param>
/// <param name="Reason">The reason in English, naming the file, the extension and what the content is; <see langword="null"/> when allowed.</param>
public sealed record AttachmentFormatCheckResult(
    string FileName,
    AttachmentFormat Format,
    AttachmentFormat? ExtensionFormat,
    AttachmentRejection Rejection,
    string? Reason)
{
    /// <summary>Whether the attachment may be sent.</summary>
    public bool IsAllowed => Rejection == AttachmentRejection.None;

    /// <summary>The media type of <see cref="Format"/>, for example <c>application/pdf</c>.</summary>
    public string MediaType => AttachmentFormatPolicy.GetMediaType(Format);
}
