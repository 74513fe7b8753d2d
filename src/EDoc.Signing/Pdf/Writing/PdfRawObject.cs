using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>Pre-serialized object bytes written verbatim (used for the signature dictionary whose placeholders are patched later).</summary>
internal sealed class PdfRawObject(byte[] bytes) : PdfObject
{
    public byte[] Bytes { get; } = bytes;
}
