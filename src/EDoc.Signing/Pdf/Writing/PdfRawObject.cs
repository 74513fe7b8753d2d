using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>
/// Pre-serialized object bytes written verbatim: <see cref="Head"/>, then <see cref="FillLength"/> copies of
/// <see cref="FillByte"/>, then <see cref="Tail"/>. Used for the signature dictionary, whose /ByteRange and
/// /Contents placeholders are patched later; the zero-filled /Contents is never materialized twice.
/// </summary>
internal sealed class PdfRawObject : PdfObject
{
    /// <summary>An object written as <paramref name="head"/>, <paramref name="fillLength"/> × <paramref name="fillByte"/>, <paramref name="tail"/>.</summary>
    public PdfRawObject(byte[] head, byte fillByte, int fillLength, byte[] tail)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(tail);
        ArgumentOutOfRangeException.ThrowIfNegative(fillLength);
        Head = head;
        FillByte = fillByte;
        FillLength = fillLength;
        Tail = tail;
    }

    /// <summary>The bytes before the fill.</summary>
    public byte[] Head { get; }

    /// <summary>The repeated byte.</summary>
    public byte FillByte { get; }

    /// <summary>How many times <see cref="FillByte"/> is written.</summary>
    public int FillLength { get; }

    /// <summary>The bytes after the fill.</summary>
    public byte[] Tail { get; }
}
