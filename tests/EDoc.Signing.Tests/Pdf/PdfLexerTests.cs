using System.Text;
using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Tokenization;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Tests.Pdf;

public sealed class PdfLexerTests
{
    private static PdfObject Parse(string text)
    {
        using var input = new PdfInput(new MemoryStream(Encoding.Latin1.GetBytes(text)));
        var lexer = new PdfLexer(input, 1 << 20);
        return new PdfObjectParser(lexer, PdfReaderOptions.Default).ParseObject();
    }

    private static string Write(PdfObject obj)
    {
        using var buffer = new PdfByteBuffer();
        PdfObjectWriter.Write(buffer, obj);
        return Encoding.Latin1.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("escapes", @"(a\(b\)c\\d\n\101\0532)", "a(b)c\\d\nA+2")]
    [InlineData("line continuation", "(ab\\\r\ncd)", "abcd")]
    [InlineData("nested parentheses", "(x(y)z)", "x(y)z")]
    [InlineData("CRLF normalised", "(a\r\nb)", "a\nb")]
    public void ParseObject_LiteralString_DecodesEscapes(string description, string pdf, string expected)
    {
        Assert.NotNull(description);
        var s = Assert.IsType<PdfString>(Parse(pdf));

        Assert.Equal(expected, Encoding.Latin1.GetString(s.Bytes));
        Assert.False(s.IsHex);
    }

    [Theory]
    [InlineData("<48 65 6c6C6f>", "48656C6C6F")]
    [InlineData("<901FA>", "901FA0")]
    [InlineData("<>", "")]
    public void ParseObject_HexString_DecodesAndPadsOddDigit(string pdf, string expectedHex)
    {
        var s = Assert.IsType<PdfString>(Parse(pdf));

        Assert.Equal(expectedHex, Convert.ToHexString(s.Bytes));
        Assert.Equal(0, s.SourceStart);
        Assert.Equal(pdf.Length, s.SourceEnd);
    }

    [Fact]
    public void ParseObject_NameWithHexEscape_DecodesAndWritesBack()
    {
        var n = Assert.IsType<PdfName>(Parse("/A#20B#23"));

        Assert.Equal("A B#", n.Value);
        Assert.Equal("/A#20B#23", Write(n));
    }

    [Fact]
    public void ParseObject_DictionaryWithReferencesAndNumbers_RoundTrips()
    {
        PdfObject o = Parse("<</Type/Page/Parent 3 0 R/MediaBox[0 0 595.5 -842]/Rotate -90/Flag true/Null null/Kids[1 2 R 4 0 R 5]>>");

        var d = Assert.IsType<PdfDictionary>(o);
        Assert.Equal(new PdfReference(3, 0), d.Get("Parent"));
        Assert.Null(d.Get("Null"));
        var kids = Assert.IsType<PdfArray>(d.Get("Kids"));
        Assert.Equal(3, kids.Count);
        Assert.Equal(new PdfReference(1, 2), kids[0]);
        Assert.Equal(5, Assert.IsType<PdfInteger>(kids[2]).Value);
        Assert.Equal("<</Type/Page/Parent 3 0 R/MediaBox[0 0 595.5 -842]/Rotate -90/Flag true/Kids[1 2 R 4 0 R 5]>>", Write(d));
    }

    [Fact]
    public void FromText_Vietnamese_UsesUtf16WithBomAndRoundTrips()
    {
        PdfString s = PdfString.FromText("Ký số văn bản");

        Assert.Equal([0xFE, 0xFF], s.Bytes.AsSpan(0, 2).ToArray());
        Assert.Equal("Ký số văn bản", s.ToText());
        Assert.Equal("Ký số văn bản", Assert.IsType<PdfString>(Parse(Write(s))).ToText());
    }

    [Theory]
    [InlineData("unterminated string", "(abc")]
    [InlineData("bad hex digit", "<4G>")]
    [InlineData("unterminated array", "[1 2")]
    [InlineData("non-name key", "<<1 2>>")]
    [InlineData("stray keyword", "endobj")]
    public void ParseObject_Malformed_ThrowsPdfFormatException(string description, string pdf)
    {
        Assert.NotNull(description);
        PdfFormatException ex = Assert.Throws<PdfFormatException>(() => Parse(pdf));

        Assert.StartsWith("offset ", ex.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_StringLongerThanLimit_ThrowsLimitExceeded()
    {
        using var input = new PdfInput(new MemoryStream(Encoding.Latin1.GetBytes("(" + new string('x', 200) + ")")));
        var parser = new PdfObjectParser(new PdfLexer(input, 100), PdfReaderOptions.Default);

        EDocLimitExceededException ex = Assert.Throws<EDocLimitExceededException>(() => parser.ParseObject());

        Assert.Equal("MaxStringLength", ex.LimitName);
    }
}
