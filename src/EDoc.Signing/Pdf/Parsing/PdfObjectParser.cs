using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Tokenization;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>Builds PDF objects from tokens with bounded nesting (ISO 32000-1 §7.3).</summary>
internal sealed class PdfObjectParser
{
    private readonly PdfLexer _lexer;
    private readonly PdfReaderOptions _options;

    public PdfObjectParser(PdfLexer lexer, PdfReaderOptions options)
    {
        _lexer = lexer;
        _options = options;
    }

    public PdfLexer Lexer => _lexer;

    /// <summary>Parses one direct object (references are returned unresolved).</summary>
    public PdfObject ParseObject() => Parse(0);

    private PdfObject Parse(int depth)
    {
        if (depth > _options.MaxDepth)
        {
            throw new EDocLimitExceededException("PDF", PdfFormatException.AtOffset(_lexer.Position), "MaxDepth", _options.MaxDepth);
        }

        PdfToken t = _lexer.Next();
        switch (t.Kind)
        {
            case PdfTokenKind.Integer:
                return ParseIntegerOrReference(t);
            case PdfTokenKind.Real:
                return new PdfReal(t.Real);
            case PdfTokenKind.Name:
                return new PdfName(t.Text!);
            case PdfTokenKind.LiteralString:
                return new PdfString(t.Bytes!, false) { SourceStart = t.Start, SourceEnd = t.End };
            case PdfTokenKind.HexString:
                return new PdfString(t.Bytes!, true) { SourceStart = t.Start, SourceEnd = t.End };
            case PdfTokenKind.ArrayStart:
                return ParseArray(depth, t.Start);
            case PdfTokenKind.DictionaryStart:
                return ParseDictionary(depth, t.Start);
            case PdfTokenKind.Keyword:
                switch (t.Text)
                {
                    case "true":
                        return PdfBoolean.True;
                    case "false":
                        return PdfBoolean.False;
                    case "null":
                        return PdfNull.Instance;
                    default:
                        throw new PdfFormatException(PdfFormatException.AtOffset(t.Start), $"unexpected keyword '{Shorten(t.Text)}' where an object was expected.");
                }

            case PdfTokenKind.EndOfFile:
                throw new PdfFormatException(PdfFormatException.AtOffset(t.Start), "unexpected end of file where an object was expected.");
            default:
                throw new PdfFormatException(PdfFormatException.AtOffset(t.Start), $"unexpected token {t.Kind} where an object was expected.");
        }
    }

    private PdfObject ParseIntegerOrReference(PdfToken first)
    {
        PdfToken second = _lexer.Next();
        if (second.Kind == PdfTokenKind.Integer)
        {
            PdfToken third = _lexer.Next();
            if (third.IsKeyword("R") && first.Integer is >= 0 and <= int.MaxValue && second.Integer is >= 0 and <= 65535)
            {
                return new PdfReference((int)first.Integer, (int)second.Integer);
            }

            _lexer.Push(third);
        }

        _lexer.Push(second);
        return new PdfInteger(first.Integer);
    }

    private PdfArray ParseArray(int depth, long start)
    {
        var array = new PdfArray();
        while (true)
        {
            PdfToken t = _lexer.Peek();
            if (t.Kind == PdfTokenKind.ArrayEnd)
            {
                _lexer.Next();
                return array;
            }

            if (t.Kind == PdfTokenKind.EndOfFile)
            {
                throw new PdfFormatException(PdfFormatException.AtOffset(start), "unterminated array.");
            }

            if (array.Count >= _options.MaxCollectionCount)
            {
                throw new EDocLimitExceededException("PDF", PdfFormatException.AtOffset(start), "MaxCollectionCount", _options.MaxCollectionCount);
            }

            array.Add(Parse(depth + 1));
        }
    }

    private PdfDictionary ParseDictionary(int depth, long start)
    {
        var dict = new PdfDictionary();
        while (true)
        {
            PdfToken t = _lexer.Next();
            if (t.Kind == PdfTokenKind.DictionaryEnd)
            {
                return dict;
            }

            if (t.Kind == PdfTokenKind.EndOfFile)
            {
                throw new PdfFormatException(PdfFormatException.AtOffset(start), "unterminated dictionary.");
            }

            if (t.Kind != PdfTokenKind.Name)
            {
                throw new PdfFormatException(PdfFormatException.AtOffset(t.Start), "a dictionary key must be a name.");
            }

            if (dict.Count >= _options.MaxCollectionCount)
            {
                throw new EDocLimitExceededException("PDF", PdfFormatException.AtOffset(start), "MaxCollectionCount", _options.MaxCollectionCount);
            }

            PdfToken next = _lexer.Peek();
            if (next.Kind == PdfTokenKind.DictionaryEnd)
            {
                dict.Set(t.Text!, PdfNull.Instance);
                continue;
            }

            PdfObject value = Parse(depth + 1);
            if (value is not PdfNull)
            {
                dict.Set(t.Text!, value);
            }
        }
    }

    private static string Shorten(string? s) => s is null ? string.Empty : s.Length > 20 ? s[..20] + "…" : s;
}
