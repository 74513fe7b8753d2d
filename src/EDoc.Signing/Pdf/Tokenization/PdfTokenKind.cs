namespace EDoc.Signing.Pdf.Tokenization;

/// <summary>The kinds of lexical tokens of PDF syntax (ISO 32000-1 §7.2).</summary>
internal enum PdfTokenKind
{
    EndOfFile,
    Integer,
    Real,
    Name,
    LiteralString,
    HexString,
    ArrayStart,
    ArrayEnd,
    DictionaryStart,
    DictionaryEnd,
    Keyword,
}
