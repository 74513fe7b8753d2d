namespace EDoc.Signing.Pdf;

/// <summary>
/// A PDF that cannot be read: a broken cross-reference, a truncated object, a missing trailer and so on.
/// <see cref="EDocFormatException.Location"/> names the byte offset (<c>offset 1234</c>) or object (<c>object 12 0</c>).
/// </summary>
public class PdfFormatException : EDocFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="location">Where in the PDF the problem is, for example <c>offset 1234</c> or <c>object 12 0</c>.</param>
    /// <param name="message">What is wrong, in English.</param>
    /// <param name="innerException">A low-level exception that caused this one, if any.</param>
    public PdfFormatException(string? location, string message, Exception? innerException = null)
        : base("PDF", location, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "pdf.format";

    internal static string AtOffset(long offset) => "offset " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string AtObject(int number, int generation)
        => "object " + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// An encrypted PDF (the trailer has <c>/Encrypt</c>). EDoc does not sign or verify encrypted PDFs: ask the sender
/// for an unencrypted file (tài liệu bị mã hóa).
/// </summary>
public sealed class PdfEncryptedException : PdfFormatException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="location">Where the encryption dictionary was found, if known.</param>
    public PdfEncryptedException(string? location)
        : base(location, "the PDF is encrypted (/Encrypt in the trailer); encrypted PDFs cannot be signed or verified.")
    {
    }

    /// <inheritdoc />
    public override string ErrorCode => "pdf.encrypted";
}
