using System.IO.Compression;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Packages;

public class HostileZipTests
{
    [Theory]
    [InlineData("pkg/../../evil.txt", ArchivePackageFormatError.PathTraversal)]
    [InlineData("/etc/evil.txt", ArchivePackageFormatError.AbsolutePath)]
    [InlineData("C:/evil.txt", ArchivePackageFormatError.AbsolutePath)]
    [InlineData("pkg/data/NUL.pdf", ArchivePackageFormatError.InvalidName)]
    [InlineData("other/METS.xml", ArchivePackageFormatError.NotSingleRootFolder)]
    [InlineData("loose.txt", ArchivePackageFormatError.NotSingleRootFolder)]
    public async Task Verify_HostileEntryName_TypedError(string entryName, ArchivePackageFormatError expected)
    {
        using var tmp = new TempDir();
        var zip = tmp["evil.zip"];
        WriteZip(zip, ("pkg/METS.xml", "<x/>"), (entryName, "boom"));

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(expected, ex.Error);
        Assert.IsAssignableFrom<EDocFormatException>(ex);
        Assert.Equal(entryName, ex.Location);
    }

    [Fact]
    public async Task Verify_SymlinkEntry_TypedError()
    {
        using var tmp = new TempDir();
        var zip = tmp["link.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Write(archive, "pkg/METS.xml", "<x/>");
            var link = archive.CreateEntry("pkg/passwd");
            link.ExternalAttributes = unchecked((int)0xA1FF0000u);
            using var w = new StreamWriter(link.Open());
            w.Write("/etc/passwd");
        }

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(ArchivePackageFormatError.SymbolicLink, ex.Error);
    }

    [Fact]
    public async Task Verify_HighCompressionRatio_ZipBomb()
    {
        using var tmp = new TempDir();
        var zip = tmp["bomb.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Write(archive, "pkg/METS.xml", "<x/>");
            using var w = archive.CreateEntry("pkg/zeros.bin", CompressionLevel.SmallestSize).Open();
            w.Write(new byte[32 << 20]);
        }

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(ArchivePackageFormatError.ZipBomb, ex.Error);
        Assert.Equal("archive.package.zip-bomb", ex.ErrorCode);
    }

    [Fact]
    public async Task Verify_OverlappingEntries_ZipBombRefusedInBoundedTime()
    {
        // A non-recursive zip bomb (Fifield 2019): 4,096 central-directory entries share one stored 1 MiB entry, so
        // each entry has a harmless compression ratio of 1 but the package claims 4 GiB from a 1 MiB file.
        using var tmp = new TempDir();
        var plain = tmp["plain.zip"];
        using (var archive = ZipFile.Open(plain, ZipArchiveMode.Create))
        {
            Write(archive, "pkg/METS.xml", "<x/>");
            using var w = archive.CreateEntry("pkg/data/a.bin", CompressionLevel.NoCompression).Open();
            w.Write(new byte[1 << 20]);
        }

        var zip = tmp["overlap.zip"];
        File.WriteAllBytes(zip, OverlapEntries(File.ReadAllBytes(plain), copies: 4096));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(ArchivePackageFormatError.ZipBomb, ex.Error);
        Assert.Contains("overlapping", ex.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), stopwatch.Elapsed.ToString());
    }

    /// <summary>Rewrites the central directory so the last entry is listed <paramref name="copies"/> times under new names.</summary>
    private static byte[] OverlapEntries(byte[] zip, int copies)
    {
        int eocd = zip.Length - 22;
        Assert.Equal(0x06054b50u, BitConverter.ToUInt32(zip, eocd));
        int cdOffset = (int)BitConverter.ToUInt32(zip, eocd + 16);
        var records = new List<byte[]>();
        for (int at = cdOffset; at < eocd;)
        {
            int length = 46 + BitConverter.ToUInt16(zip, at + 28) + BitConverter.ToUInt16(zip, at + 30) + BitConverter.ToUInt16(zip, at + 32);
            records.Add(zip[at..(at + length)]);
            at += length;
        }

        byte[] last = records[^1];
        records.RemoveAt(records.Count - 1);
        for (int i = 0; i < copies; i++)
        {
            byte[] name = System.Text.Encoding.ASCII.GetBytes($"pkg/data/a{i:D4}.bin");
            byte[] record = new byte[46 + name.Length];
            Array.Copy(last, record, 46);
            BitConverter.GetBytes((ushort)name.Length).CopyTo(record, 28);
            BitConverter.GetBytes((ushort)0).CopyTo(record, 30);
            BitConverter.GetBytes((ushort)0).CopyTo(record, 32);
            name.CopyTo(record, 46);
            records.Add(record);
        }

        using var output = new MemoryStream();
        output.Write(zip, 0, cdOffset);
        foreach (byte[] r in records)
        {
            output.Write(r);
        }

        int cdSize = (int)output.Length - cdOffset;
        byte[] end = zip[eocd..];
        BitConverter.GetBytes((ushort)records.Count).CopyTo(end, 8);
        BitConverter.GetBytes((ushort)records.Count).CopyTo(end, 10);
        BitConverter.GetBytes(cdSize).CopyTo(end, 12);
        BitConverter.GetBytes(cdOffset).CopyTo(end, 16);
        output.Write(end);
        return output.ToArray();
    }

    [Fact]
    public async Task Verify_TotalSizeOverLimit_ZipBomb()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var options = new ArchivePackageVerifierOptions { ReadOptions = new ArchivePackageReadOptions { MaxTotalSize = 1000 } };

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier(options).VerifyAsync(result.OutputPath));

        Assert.Equal(ArchivePackageFormatError.ZipBomb, ex.Error);
    }

    [Fact]
    public async Task Verify_TooManyEntries_TypedError()
    {
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var options = new ArchivePackageVerifierOptions { ReadOptions = new ArchivePackageReadOptions { MaxEntries = 3 } };

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier(options).VerifyAsync(result.OutputPath));

        Assert.Equal(ArchivePackageFormatError.TooManyEntries, ex.Error);
    }

    [Fact]
    public async Task Verify_NotAZip_TypedError()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["x.zip"], "this is not a zip");

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(tmp["x.zip"]));

        Assert.Equal(ArchivePackageFormatError.Malformed, ex.Error);
    }

    [Fact]
    public async Task Verify_FolderWithSymlink_TypedError()
    {
        using var tmp = new TempDir();
        var package = await Verification.TamperTests.Pack(tmp, bag: false);
        File.CreateSymbolicLink(Path.Combine(package.Path, "documentation", "link"), "/etc/passwd");

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(package.Path));

        Assert.Equal(ArchivePackageFormatError.SymbolicLink, ex.Error);
    }

    [Fact]
    public async Task Verify_MetsHrefTraversal_ReportedAsInvalidReference()
    {
        using var tmp = new TempDir();
        var package = await Verification.TamperTests.Pack(tmp, bag: false);
        var metsPath = Path.Combine(package.Path, "METS.xml");
        File.WriteAllText(metsPath, File.ReadAllText(metsPath).Replace("xlink:href=\"schemas/", "xlink:href=\"../../../etc/", StringComparison.Ordinal));

        var report = await new ArchivePackageVerifier().VerifyAsync(package.Path);

        Assert.Contains(report.Problems, p => p.Code == "mets.reference-invalid");
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task Verify_CorruptDeflateDataInEntry_MalformedNamingTheEntry()
    {
        using var tmp = new TempDir();
        var zip = tmp["corrupt.zip"];
        WriteZip(zip, ("pkg/METS.xml", "<x/>"), ("pkg/data.txt", string.Concat(Enumerable.Repeat("Quyết định số 08/2018/QĐ-UBND. ", 200))));

        // The first compressed byte of the entry becomes 0xFF: a final block of the reserved type 11.
        byte[] bytes = File.ReadAllBytes(zip);
        int header = bytes.AsSpan().IndexOf("pkg/data.txt"u8) - 30; // the local header comes before the central directory
        Assert.True(bytes.AsSpan(header).StartsWith("PK\u0003\u0004"u8));
        Assert.Equal(8, BitConverter.ToUInt16(bytes, header + 8));
        bytes[header + 30 + BitConverter.ToUInt16(bytes, header + 26) + BitConverter.ToUInt16(bytes, header + 28)] = 0xFF;
        File.WriteAllBytes(zip, bytes);

        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(zip));

        Assert.Equal(ArchivePackageFormatError.Malformed, ex.Error);
        Assert.Equal("data.txt", ex.Location);
        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    private static void WriteZip(string path, params (string Name, string Text)[] entries)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            Write(archive, name, text);
        }
    }

    private static void Write(ZipArchive archive, string name, string text)
    {
        using var w = new StreamWriter(archive.CreateEntry(name).Open());
        w.Write(text);
    }
}
