using System.IO.Compression;
using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Tests.Pdf;

public sealed class PdfFiltersTests
{
    public static TheoryData<string, byte[]> CorruptFlateData => new()
    {
        // zlib header 78 BB sets FDICT: .NET throws its internal ZLibException (an IOException), not InvalidDataException.
        { "zlib header asking for a preset dictionary", [0x78, 0xBB, 0x00, 0x00, 0x00, 0x01, 0x63, 0x00, 0x00] },
        { "invalid deflate block type after a good header", [0x78, 0x9C, 0xFF, 0xFF, 0xFF] },
    };

    [Theory]
    [MemberData(nameof(CorruptFlateData))]
    public void Inflate_CorruptData_ThrowsPdfFormatExceptionNamingTheStream(string what, byte[] data)
    {
        var ex = Assert.Throws<PdfFormatException>(() => PdfFilters.Inflate(data, 1 << 20, "object 12"));

        Assert.Equal("object 12", ex.Location);
        Assert.Contains("Flate", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.InnerException is InvalidDataException or IOException, what);
    }

    [Fact]
    public void Inflate_RawDeflateWithoutZlibHeader_Decoded()
    {
        var raw = new MemoryStream();
        using (var deflate = new DeflateStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write("BT /F1 12 Tf (Quyet dinh) Tj ET"u8);
        }

        Assert.Equal("BT /F1 12 Tf (Quyet dinh) Tj ET"u8.ToArray(), PdfFilters.Inflate(raw.ToArray(), 1 << 20, "object 12"));
    }
}
