using System.Text;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Tokenization;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>Serializes PDF objects (ISO 32000-1 §7.3) into a <see cref="PdfByteBuffer"/>.</summary>
internal static class PdfObjectWriter
{
    /// <summary>
    /// Writes <paramref name="obj"/>. Streams nested inside other objects must have been made indirect by the caller;
    /// a top-level stream is written with its data (lazy file data must be supplied by <paramref name="streamData"/>).
    /// </summary>
    public static void Write(PdfByteBuffer output, PdfObject obj, Func<PdfStream, byte[]>? streamData = null)
    {
        switch (obj)
        {
            case PdfRawObject raw:
                output.Write(raw.Head);
                output.Fill(raw.FillByte, raw.FillLength);
                output.Write(raw.Tail);
                break;
            case PdfNull:
                output.WriteAscii("null");
                break;
            case PdfBoolean b:
                output.WriteAscii(b.Value ? "true" : "false");
                break;
            case PdfInteger i:
                output.WriteInteger(i.Value);
                break;
            case PdfReal r:
                output.WriteAscii(PdfObjectExtensions.FormatReal(r.Value));
                break;
            case PdfName n:
                WriteName(output, n.Value);
                break;
            case PdfString s:
                WriteString(output, s);
                break;
            case PdfReference reference:
                output.WriteInteger(reference.Number);
                output.WriteByte((byte)' ');
                output.WriteInteger(reference.Generation);
                output.WriteAscii(" R");
                break;
            case PdfArray a:
                output.WriteByte((byte)'[');
                for (int k = 0; k < a.Items.Count; k++)
                {
                    if (k > 0)
                    {
                        output.WriteByte((byte)' ');
                    }

                    Write(output, a.Items[k], null);
                }

                output.WriteByte((byte)']');
                break;
            case PdfStream st:
                byte[] data = st.Data ?? streamData?.Invoke(st) ?? throw new InvalidOperationException("Stream data is not available for writing.");
                var dict = new PdfDictionary(st);
                dict.Set("Length", new PdfInteger(data.Length));
                WriteDictionary(output, dict);
                output.WriteAscii("\nstream\n");
                output.Write(data);
                output.WriteAscii("\nendstream");
                break;
            case PdfDictionary d:
                WriteDictionary(output, d);
                break;
            default:
                throw new InvalidOperationException("Unknown PDF object type " + obj.GetType().Name + ".");
        }
    }

    public static void WriteName(PdfByteBuffer output, string name)
    {
        output.WriteByte((byte)'/');
        foreach (char c in name)
        {
            if (c > 0xFF)
            {
                // Names are byte strings; encode non-Latin-1 characters as UTF-8 escapes.
                foreach (byte u in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    WriteHexEscape(output, u);
                }
            }
            else if (c < 0x21 || c > 0x7E || c == '#' || PdfLexer.IsDelimiter(c))
            {
                WriteHexEscape(output, (byte)c);
            }
            else
            {
                output.WriteByte((byte)c);
            }
        }
    }

    public static void WriteString(PdfByteBuffer output, PdfString s)
    {
        if (s.IsHex)
        {
            output.WriteByte((byte)'<');
            output.WriteHex(s.Bytes);
            output.WriteByte((byte)'>');
            return;
        }

        output.WriteByte((byte)'(');
        foreach (byte b in s.Bytes)
        {
            switch (b)
            {
                case (byte)'(':
                case (byte)')':
                case (byte)'\\':
                    output.WriteByte((byte)'\\');
                    output.WriteByte(b);
                    break;
                case (byte)'\r':
                    output.WriteAscii("\\r");
                    break;
                case (byte)'\n':
                    output.WriteAscii("\\n");
                    break;
                default:
                    output.WriteByte(b);
                    break;
            }
        }

        output.WriteByte((byte)')');
    }

    public static string ToDebugString(PdfObject obj)
    {
        using var buffer = new PdfByteBuffer(256);
        if (obj is PdfStream s)
        {
            WriteDictionary(buffer, s);
            buffer.WriteAscii(" stream");
        }
        else
        {
            Write(buffer, obj, null);
        }

        return Encoding.Latin1.GetString(buffer.WrittenSpan);
    }

    internal static byte HexDigit(int v) => (byte)(v < 10 ? '0' + v : 'A' + v - 10);

    private static void WriteDictionary(PdfByteBuffer output, PdfDictionary d)
    {
        output.WriteAscii("<<");
        foreach (KeyValuePair<string, PdfObject> e in d.Entries)
        {
            WriteName(output, e.Key);
            if (e.Value is not (PdfName or PdfString or PdfArray or PdfDictionary))
            {
                output.WriteByte((byte)' ');
            }

            Write(output, e.Value, null);
        }

        output.WriteAscii(">>");
    }

    private static void WriteHexEscape(PdfByteBuffer output, byte b)
    {
        output.WriteByte((byte)'#');
        output.WriteByte(HexDigit(b >> 4));
        output.WriteByte(HexDigit(b & 0xF));
    }
}
