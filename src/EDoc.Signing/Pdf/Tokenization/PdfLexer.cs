using System.Buffers;
using System.Globalization;
using System.Text;

namespace EDoc.Signing.Pdf.Tokenization;

/// <summary>One lexical token with its byte span in the file.</summary>
internal readonly record struct PdfToken(PdfTokenKind Kind, long Start, long End, long Integer = 0, double Real = 0, string? Text = null, byte[]? Bytes = null)
{
    public bool IsKeyword(string keyword) => Kind == PdfTokenKind.Keyword && string.Equals(Text, keyword, StringComparison.Ordinal);
}

/// <summary>Turns PDF bytes into tokens (ISO 32000-1 §7.2–7.3). Keeps up to two tokens of look-ahead.</summary>
internal sealed class PdfLexer
{
    private static readonly string[] KnownKeywords = ["obj", "endobj", "stream", "endstream", "R", "true", "false", "null", "xref", "trailer", "startxref", "n", "f"];
    private readonly PdfInput _input;
    private readonly int _maxStringLength;
    private readonly Stack<PdfToken> _pushback = new(2);
    private byte[] _scratch = new byte[64];

    public PdfLexer(PdfInput input, int maxStringLength)
    {
        _input = input;
        _maxStringLength = maxStringLength;
    }

    public PdfInput Input => _input;

    /// <summary>The position of the next unread byte (ignoring pushed-back tokens).</summary>
    public long Position
    {
        get => _pushback.Count > 0 ? _pushback.Peek().Start : _input.Position;
        set
        {
            _pushback.Clear();
            _input.Position = value;
        }
    }

    public static bool IsWhitespace(int b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(int b) => b is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';

    public static bool IsRegular(int b) => b >= 0 && !IsWhitespace(b) && !IsDelimiter(b);

    public void Push(PdfToken token) => _pushback.Push(token);

    public PdfToken Peek()
    {
        PdfToken t = Next();
        _pushback.Push(t);
        return t;
    }

    public void SkipWhitespaceAndComments()
    {
        while (true)
        {
            int b = _input.Peek();
            if (b < 0)
            {
                return;
            }

            if (IsWhitespace(b))
            {
                _input.Position++;
            }
            else if (b == '%')
            {
                while (b >= 0 && b != '\n' && b != '\r')
                {
                    _input.Position++;
                    b = _input.Peek();
                }
            }
            else
            {
                return;
            }
        }
    }

    public PdfToken Next()
    {
        if (_pushback.Count > 0)
        {
            return _pushback.Pop();
        }

        SkipWhitespaceAndComments();
        long start = _input.Position;
        int b = _input.Read();
        switch (b)
        {
            case -1:
                return new PdfToken(PdfTokenKind.EndOfFile, start, start);
            case '[':
                return new PdfToken(PdfTokenKind.ArrayStart, start, start + 1);
            case ']':
                return new PdfToken(PdfTokenKind.ArrayEnd, start, start + 1);
            case '{':
            case '}':
                return new PdfToken(PdfTokenKind.Keyword, start, start + 1, Text: b == '{' ? "{" : "}");
            case '<':
                if (_input.Peek() == '<')
                {
                    _input.Position++;
                    return new PdfToken(PdfTokenKind.DictionaryStart, start, start + 2);
                }

                return ReadHexString(start);
            case '>':
                if (_input.Peek() == '>')
                {
                    _input.Position++;
                    return new PdfToken(PdfTokenKind.DictionaryEnd, start, start + 2);
                }

                throw Error(start, "unexpected '>'.");
            case '(':
                return ReadLiteralString(start);
            case ')':
                throw Error(start, "unexpected ')'.");
            case '/':
                return ReadName(start);
            default:
                if (b is (>= '0' and <= '9') or '+' or '-' or '.')
                {
                    return ReadNumber(start, b);
                }

                return ReadKeyword(start, b);
        }
    }

    private PdfToken ReadNumber(long start, int first)
    {
        int len = 0;
        Append(ref len, (byte)first);
        while (IsRegular(_input.Peek()))
        {
            Append(ref len, (byte)_input.Read());
            if (len > 64)
            {
                throw Error(start, "number token too long.");
            }
        }

        ReadOnlySpan<byte> s = _scratch.AsSpan(0, len);
        long end = _input.Position;
        bool isReal = s.Contains((byte)'.');
        if (!isReal && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return new PdfToken(PdfTokenKind.Integer, start, end, Integer: l);
        }

        // Tolerate producer quirks such as "--5" or "5-".
        ReadOnlySpan<byte> t = s;
        while (t.Length > 1 && (t[0] == '-' || t[0] == '+') && (t[1] == '-' || t[1] == '+'))
        {
            t = t[1..];
        }

        if (double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double d))
        {
            return new PdfToken(PdfTokenKind.Real, start, end, Real: d);
        }

        if (s.Length == 1 || s.IndexOfAnyExcept("+-."u8) < 0)
        {
            // A lone sign or dot: viewers read it as zero.
            return new PdfToken(PdfTokenKind.Integer, start, end, Integer: 0);
        }

        throw Error(start, "malformed number.");
    }

    private PdfToken ReadKeyword(long start, int first)
    {
        int len = 0;
        Append(ref len, (byte)first);
        while (IsRegular(_input.Peek()))
        {
            Append(ref len, (byte)_input.Read());
            if (len > 256)
            {
                throw Error(start, "keyword token too long.");
            }
        }

        ReadOnlySpan<byte> s = _scratch.AsSpan(0, len);
        foreach (string k in KnownKeywords)
        {
            if (s.Length == k.Length && Ascii.Equals(s, k))
            {
                return new PdfToken(PdfTokenKind.Keyword, start, _input.Position, Text: k);
            }
        }

        return new PdfToken(PdfTokenKind.Keyword, start, _input.Position, Text: Encoding.Latin1.GetString(s));
    }

    private PdfToken ReadName(long start)
    {
        int len = 0;
        while (IsRegular(_input.Peek()))
        {
            int c = _input.Read();
            if (c == '#' && IsHex(_input.Peek()))
            {
                int h = HexValue(_input.Read());
                if (IsHex(_input.Peek()))
                {
                    h = (h << 4) | HexValue(_input.Read());
                }

                c = h;
            }

            Append(ref len, (byte)c);
            if (len > 32_768)
            {
                throw Error(start, "name token too long.");
            }
        }

        string text = PdfNameTable.Get(_scratch.AsSpan(0, len));
        return new PdfToken(PdfTokenKind.Name, start, _input.Position, Text: text);
    }

    private PdfToken ReadHexString(long start)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        int hi = -1;
        while (true)
        {
            int c = _input.Read();
            if (c < 0)
            {
                throw Error(start, "unterminated hex string.");
            }

            if (c == '>')
            {
                break;
            }

            if (IsWhitespace(c))
            {
                continue;
            }

            if (!IsHex(c))
            {
                throw Error(_input.Position - 1, "invalid character in a hex string.");
            }

            if (hi < 0)
            {
                hi = HexValue(c);
            }
            else
            {
                WriteByte(buffer, (byte)((hi << 4) | HexValue(c)), start);
                hi = -1;
            }
        }

        if (hi >= 0)
        {
            WriteByte(buffer, (byte)(hi << 4), start);
        }

        return new PdfToken(PdfTokenKind.HexString, start, _input.Position, Bytes: buffer.WrittenSpan.ToArray());
    }

    private PdfToken ReadLiteralString(long start)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        int depth = 1;
        while (true)
        {
            int c = _input.Read();
            if (c < 0)
            {
                throw Error(start, "unterminated literal string.");
            }

            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    break;
                }
            }
            else if (c == '\\')
            {
                int e = _input.Read();
                switch (e)
                {
                    case -1:
                        throw Error(start, "unterminated literal string.");
                    case 'n': c = '\n'; break;
                    case 'r': c = '\r'; break;
                    case 't': c = '\t'; break;
                    case 'b': c = '\b'; break;
                    case 'f': c = '\f'; break;
                    case '\r':
                        if (_input.Peek() == '\n')
                        {
                            _input.Position++;
                        }

                        continue;
                    case '\n':
                        continue;
                    default:
                        if (e is >= '0' and <= '7')
                        {
                            int v = e - '0';
                            for (int i = 0; i < 2 && _input.Peek() is >= '0' and <= '7'; i++)
                            {
                                v = (v * 8) + (_input.Read() - '0');
                            }

                            c = v & 0xFF;
                        }
                        else
                        {
                            c = e;
                        }

                        break;
                }

                WriteByte(buffer, (byte)c, start);
                continue;
            }
            else if (c == '\r')
            {
                if (_input.Peek() == '\n')
                {
                    _input.Position++;
                }

                c = '\n';
            }

            WriteByte(buffer, (byte)c, start);
        }

        return new PdfToken(PdfTokenKind.LiteralString, start, _input.Position, Bytes: buffer.WrittenSpan.ToArray());
    }

    private void WriteByte(ArrayBufferWriter<byte> buffer, byte value, long start)
    {
        if (buffer.WrittenCount >= _maxStringLength)
        {
            throw new EDocLimitExceededException("PDF", PdfFormatException.AtOffset(start), "MaxStringLength", _maxStringLength);
        }

        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private void Append(ref int len, byte value)
    {
        if (len == _scratch.Length)
        {
            Array.Resize(ref _scratch, _scratch.Length * 2);
        }

        _scratch[len++] = value;
    }

    internal static bool IsHex(int c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    internal static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static PdfFormatException Error(long offset, string message) => new(PdfFormatException.AtOffset(offset), message);
}
