using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace EDoc.Formats;

/// <summary>Looks inside ZIP (OOXML, OpenDocument) and OLE compound containers, within fixed limits.</summary>
internal static class ContainerInspector
{
    internal const int MaxZipEntries = 10_000;
    internal const int MaxMimetypeLength = 256;
    internal const int MaxOleSectors = 4_096;

    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    internal static bool IsOle(ReadOnlySpan<byte> head) => head.StartsWith(OleSignature);

    internal static bool IsZip(ReadOnlySpan<byte> head)
        => head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));

    /// <summary>Decides the format of a ZIP container from its entries; reads only the small <c>mimetype</c> entry.</summary>
    internal static (AttachmentFormat Format, string Description, bool LimitHit) InspectZip(Stream stream)
    {
        // Read the declared entry count before ZipArchive materialises the whole central directory.
        var declared = DeclaredZipEntryCount(stream);
        if (declared > MaxZipEntries)
        {
            return (AttachmentFormat.Zip, $"a ZIP archive with {declared} entries (more than the {MaxZipEntries} inspected)", true);
        }

        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = zip.Entries;
            if (entries.Count > MaxZipEntries)
            {
                return (AttachmentFormat.Zip, $"a ZIP archive with {entries.Count} entries (more than the {MaxZipEntries} inspected)", true);
            }

            var mimetype = zip.GetEntry("mimetype");
            if (mimetype is not null)
            {
                var type = ReadSmallEntry(mimetype);
                switch (type)
                {
                    case "application/vnd.oasis.opendocument.text":
                        return (AttachmentFormat.Odt, "an OpenDocument text (odt)", false);
                    case "application/vnd.oasis.opendocument.spreadsheet":
                        return (AttachmentFormat.Ods, "an OpenDocument spreadsheet (ods)", false);
                    case not null when type.StartsWith("application/vnd.oasis.opendocument.", StringComparison.Ordinal):
                        return (AttachmentFormat.OpenDocumentOther, $"an OpenDocument package of type {type}", false);
                }
            }

            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return (AttachmentFormat.Zip, "a ZIP archive that is neither an OOXML nor an OpenDocument package (no [Content_Types].xml, no mimetype)", false);
            }

            var macros = entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase));
            var kind = zip.GetEntry("word/document.xml") is not null ? AttachmentFormat.Docx
                : zip.GetEntry("xl/workbook.xml") is not null ? AttachmentFormat.Xlsx
                : AttachmentFormat.OfficeOpenXmlOther;
            if (macros)
            {
                return (AttachmentFormat.OfficeOpenXmlOther, "a macro-enabled OOXML package (it contains vbaProject.bin)", false);
            }

            return kind switch
            {
                AttachmentFormat.Docx => (kind, "a Word OOXML document (docx)", false),
                AttachmentFormat.Xlsx => (kind, "an Excel OOXML workbook (xlsx)", false),
                _ => (kind, zip.GetEntry("ppt/presentation.xml") is not null
                    ? "a PowerPoint OOXML presentation (pptx)"
                    : "an OOXML package without word/document.xml or xl/workbook.xml", false),
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
        {
            return (AttachmentFormat.Unknown, "a damaged or truncated ZIP archive", false);
        }
    }

    /// <summary>Decides the format of an OLE compound file from the stream names in its directory.</summary>
    internal static (AttachmentFormat Format, string Description, bool LimitHit) InspectOle(Stream stream)
    {
        Span<byte> header = stackalloc byte[512];
        if (!ReadAt(stream, 0, header))
        {
            return (AttachmentFormat.OleCompound, "a truncated OLE compound file", false);
        }

        var shift = BinaryPrimitives.ReadUInt16LittleEndian(header[0x1E..]);
        if (shift is not (9 or 12))
        {
            return (AttachmentFormat.OleCompound, "an OLE compound file with an invalid sector size", false);
        }

        var sectorSize = 1 << shift;
        var difat = new List<uint>();
        for (var i = 0; i < 109; i++)
        {
            difat.Add(BinaryPrimitives.ReadUInt32LittleEndian(header[(0x4C + (4 * i))..]));
        }

        var sector = new byte[sectorSize];
        var nextDifat = BinaryPrimitives.ReadUInt32LittleEndian(header[0x44..]);
        for (var n = 0; nextDifat < 0xFFFFFFFA && n < MaxOleSectors; n++)
        {
            if (!ReadSector(stream, nextDifat, sector))
            {
                break;
            }

            for (var i = 0; i < (sectorSize / 4) - 1; i++)
            {
                difat.Add(BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(4 * i)));
            }

            nextDifat = BinaryPrimitives.ReadUInt32LittleEndian(sector.AsSpan(sectorSize - 4));
        }

        var names = new List<string>();
        var dirSector = BinaryPrimitives.ReadUInt32LittleEndian(header[0x30..]);
        var fat = new byte[sectorSize];
        var visited = 0;
        while (dirSector < 0xFFFFFFFA)
        {
            if (++visited > MaxOleSectors)
            {
                return (AttachmentFormat.OleCompound, $"an OLE compound file whose directory is longer than {MaxOleSectors} sectors", true);
            }

            if (!ReadSector(stream, dirSector, sector))
            {
                break;
            }

            for (var offset = 0; offset + 128 <= sectorSize; offset += 128)
            {
                var entry = sector.AsSpan(offset, 128);
                var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x40..]);
                if (entry[0x42] == 2 && nameLength is >= 2 and <= 64)
                {
                    names.Add(Encoding.Unicode.GetString(entry[..(nameLength - 2)]));
                }
            }

            // Next directory sector: FAT[dirSector].
            var perSector = (uint)(sectorSize / 4);
            var fatIndex = (int)(dirSector / perSector);
            if (fatIndex >= difat.Count || !ReadSector(stream, difat[fatIndex], fat))
            {
                break;
            }

            dirSector = BinaryPrimitives.ReadUInt32LittleEndian(fat.AsSpan((int)(dirSector % perSector) * 4));
        }

        if (names.Contains("WordDocument"))
        {
            return (AttachmentFormat.Doc, "a Word 97-2003 document (doc)", false);
        }

        if (names.Contains("Workbook") || names.Contains("Book"))
        {
            return (AttachmentFormat.Xls, "an Excel 97-2003 workbook (xls)", false);
        }

        if (names.Contains("EncryptedPackage"))
        {
            return (AttachmentFormat.OleCompound, "an encrypted (password-protected) Office file", false);
        }

        if (names.Contains("PowerPoint Document"))
        {
            return (AttachmentFormat.OleCompound, "a PowerPoint 97-2003 presentation (ppt)", false);
        }

        return (AttachmentFormat.OleCompound, names.Count == 0
            ? "an OLE compound file whose directory could not be read"
            : "an OLE compound file that is neither a Word nor an Excel document", false);

        bool ReadSector(Stream s, uint id, byte[] buffer) => id < 0xFFFFFFFA && ReadAt(s, ((long)id + 1) << shift, buffer);
    }

    /// <summary>
    /// The total entry count declared by the end-of-central-directory record (ZIP64 aware), or -1 when the record is
    /// not found (ZipArchive then reports the damage).
    /// </summary>
    internal static long DeclaredZipEntryCount(Stream stream)
    {
        var tailLength = (int)Math.Min(stream.Length, 22 + ushort.MaxValue);
        var tail = new byte[tailLength];
        if (!ReadAt(stream, stream.Length - tailLength, tail))
        {
            return -1;
        }

        var eocd = tail.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        if (eocd < 0 || eocd + 22 > tail.Length)
        {
            return -1;
        }

        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(eocd + 10));
        if (count == ushort.MaxValue && eocd >= 20 && tail.AsSpan(eocd - 20).StartsWith("PK\u0006\u0007"u8))
        {
            // ZIP64: the locator points at the ZIP64 end-of-central-directory record (total entries at offset 32).
            var record = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(eocd - 20 + 8));
            Span<byte> zip64 = stackalloc byte[56];
            if (record >= 0 && ReadAt(stream, record, zip64) && zip64.StartsWith("PK\u0006\u0006"u8))
            {
                var total = BinaryPrimitives.ReadUInt64LittleEndian(zip64[32..]);
                count = total > long.MaxValue ? long.MaxValue : (long)total;
            }
        }

        return count;
    }

    private static bool ReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset + buffer.Length > stream.Length)
        {
            return false;
        }

        stream.Position = offset;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;
    }

    private static string? ReadSmallEntry(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxMimetypeLength)
        {
            return null;
        }

        using var s = entry.Open();
        var buffer = new byte[MaxMimetypeLength + 1];
        var read = s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read > MaxMimetypeLength ? null : Encoding.ASCII.GetString(buffer, 0, read).Trim();
    }
}
