using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace EDoc.Abstractions.Tests.Formats;

/// <summary>Builds real files of each format in memory.</summary>
internal static class TestFiles
{
    private const string ContentTypesDocx =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";

    private const string ContentTypesXlsx =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""";

    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Exe()
    {
        var bytes = new byte[256];
        "MZ"u8.CopyTo(bytes);
        bytes[0x3C] = 0x80;
        "This program cannot be run in DOS mode."u8.CopyTo(bytes.AsSpan(0x4E));
        "PE\0\0"u8.CopyTo(bytes.AsSpan(0x80));
        return bytes;
    }

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Rtf() => Encoding.ASCII.GetBytes(@"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times New Roman;}} \f0 V\u259?n b\u7843?n\par}");

    public static byte[] Png() => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];

    public static byte[] Utf8Text() => Encoding.UTF8.GetBytes("Ủy ban nhân dân tỉnh Nghệ An\nV/v triển khai Nghị định 30/2020/NĐ-CP\n");

    public static byte[] Csv() => Encoding.UTF8.GetBytes("Số,Ký hiệu,Trích yếu\n15,QĐ-BNV,Về việc bổ nhiệm\n");

    public static byte[] Docx(bool macros = false) => Zip(
        ("[Content_Types].xml", ContentTypesDocx),
        ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""),
        ("word/document.xml", """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Văn bản</w:t></w:r></w:p></w:body></w:document>"""),
        macros ? ("word/vbaProject.bin", "not really VBA") : default);

    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", ContentTypesXlsx),
        ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""),
        ("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>"""),
        ("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"""));

    public static byte[] Pptx() => Zip(
        ("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"""),
        ("ppt/presentation.xml", "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>"));

    public static byte[] OoxmlWithoutMainPart() => Zip(("[Content_Types].xml", ContentTypesDocx), ("docProps/core.xml", "<cp:coreProperties/>"));

    public static byte[] Odf(string mimetype) => Zip(
        ("mimetype", mimetype),
        ("content.xml", """<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>"""),
        ("META-INF/manifest.xml", $"""<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/></manifest:manifest>"""));

    public static byte[] PlainZip() => Zip(("readme.txt", "hello"), ("data/report.pdf", "%PDF-1.4"));

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                if (name is null)
                {
                    continue;
                }

                // ODF requires the mimetype entry first and stored (not compressed).
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var s = entry.Open();
                s.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A minimal OLE compound file (CFB v3, 512-byte sectors) with the named streams in its directory.</summary>
    /// <param name="reverseDirectoryChain">Put the directory sectors in reverse order so the FAT chain must be followed.</param>
    /// <param name="streamNames">The stream names, for example <c>WordDocument</c>.</param>
    public static byte[] Ole(bool reverseDirectoryChain, params string[] streamNames)
    {
        const int S = 512;
        const uint EndOfChain = 0xFFFFFFFE;
        var entries = new[] { "Root Entry" }.Concat(streamNames).ToArray();
        var dirSectors = (entries.Length + 3) / 4;
        var file = new byte[S * (2 + dirSectors)];
        var header = file.AsSpan(0, S);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        var order = Enumerable.Range(1, dirSectors).ToArray();
        if (reverseDirectoryChain)
        {
            Array.Reverse(order);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], (uint)order[0]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], EndOfChain);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + (4 * i))..], i == 0 ? 0u : 0xFFFFFFFF);
        }

        // Sector 0 is the FAT.
        var fat = file.AsSpan(S, S);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);
        for (var i = 0; i < order.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(order[i] * 4)..], i + 1 < order.Length ? (uint)order[i + 1] : EndOfChain);
        }

        for (var k = 0; k < entries.Length; k++)
        {
            var sector = order[k / 4];
            var entry = file.AsSpan((S * (sector + 1)) + (128 * (k % 4)), 128);
            var name = Encoding.Unicode.GetBytes(entries[k]);
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)(name.Length + 2));
            entry[0x42] = (byte)(k == 0 ? 5 : 2);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x44..], 0xFFFFFFFF);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x48..], 0xFFFFFFFF);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x4C..], k == 0 && entries.Length > 1 ? 1u : 0xFFFFFFFF);
        }

        return file;
    }
}

/// <summary>A stream that cannot seek, like a network stream.</summary>
internal sealed class NonSeekableStream(byte[] data) : Stream
{
    private readonly MemoryStream _inner = new(data);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
