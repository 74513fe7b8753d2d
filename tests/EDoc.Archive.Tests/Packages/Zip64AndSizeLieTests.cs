using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Packages;

/// <summary>
/// ZIP64 archives (written by Debian <c>zip -fz</c>) and data-descriptor archives (.NET on a non-seekable stream) are read, and an entry whose
/// central-directory size lies is refused with a typed error after reading at most the declared bytes.
/// A real &gt; 4 GiB entry is not written here (minutes of I/O on the shared machine); the ZIP64 records are what the
/// reader must handle and these archives carry them.
/// </summary>
[Collection("Memory")]
public class Zip64AndSizeLieTests
{
    private const uint Zip64EndOfCentralDirectorySignature = 0x06064b50;
    private const uint CentralDirectorySignature = 0x02014b50;

    [Fact]
    public async Task Verify_Zip64ArchiveFromDebianZip_IsValid()
    {
        // Arrange: the package as a folder, zipped by Info-ZIP with forced ZIP64 records.
        using var tmp = new TempDir();
        var folder = await TestPackages.Writer().WriteFolderAsync(TestPackages.DefaultContent(tmp["src"]), Directory.CreateDirectory(tmp["out"]).FullName);
        var zip = tmp["zip64.zip"];
        var name = Path.GetFileName(folder.OutputPath);
        var (exit, output) = RunIn(tmp["out"], "zip", "-q", "-r", "-fz", zip, name);
        Assert.True(exit == 0, "zip -fz failed: " + output);
        Assert.True(HasZip64EndRecord(File.ReadAllBytes(zip)), "zip -fz did not write a ZIP64 end-of-central-directory record");

        // Act
        var report = await new ArchivePackageVerifier().VerifyAsync(zip);

        // Assert
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Contains(report.Files, f => f.Path == "representations/rep1/data/Quyết định tuyển dụng.pdf");
    }

    [Fact]
    public async Task Verify_ArchiveFromNonSeekableStream_IsValid()
    {
        // Arrange: copy a package into a ZIP written through a forward-only stream; .NET then writes data descriptors
        // (sizes unknown when the local headers are written). .NET 10 writes no ZIP64 records here (checked).
        using var tmp = new TempDir();
        var original = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var rewritten = tmp["streamed.zip"];
        using (var source = ZipFile.OpenRead(original.OutputPath))
        using (var file = File.Create(rewritten))
        using (var forwardOnly = new ForwardOnlyStream(file))
        using (var target = new ZipArchive(forwardOnly, ZipArchiveMode.Create))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                copy.LastWriteTime = entry.LastWriteTime;
                if (!entry.FullName.EndsWith('/'))
                {
                    using var input = entry.Open();
                    using var output = copy.Open();
                    await input.CopyToAsync(output);
                }
            }
        }

        var bytes = File.ReadAllBytes(rewritten);
        Assert.True(HasDataDescriptorFlag(bytes), "the streamed ZIP has no entry with a data descriptor");

        // Act
        var report = await new ArchivePackageVerifier().VerifyAsync(rewritten);

        // Assert
        Assert.True(report.IsValid, string.Join("\n", report.Problems));
    }

    [Fact]
    public async Task Verify_EntryLargerThanDeclaredSize_TypedErrorAndBoundedMemory()
    {
        // Arrange: a 16 MiB incompressible document whose central-directory size is edited down to 1,000 bytes.
        using var tmp = new TempDir();
        var payload = new byte[16 << 20];
        new Random(4000).NextBytes(payload);
        var content = TestPackages.Content(tmp["src"], ("Văn bản lớn.pdf", payload));
        var result = await TestPackages.Writer().WriteZipAsync(content, tmp["p.zip"]);
        var zipBytes = File.ReadAllBytes(result.OutputPath);
        var entryName = EditDeclaredSize(zipBytes, "representations/rep1/data/Văn bản lớn.pdf", 1_000);
        File.WriteAllBytes(result.OutputPath, zipBytes);
        zipBytes = [];
        payload = [];
        GC.Collect();

        // Act
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier().VerifyAsync(result.OutputPath));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Assert: typed, names the entry, and the 16 MiB were never read into memory.
        Assert.Equal(ArchivePackageFormatError.ZipBomb, ex.Error);
        Assert.IsAssignableFrom<EDocFormatException>(ex);
        Assert.EndsWith(entryName.Split('/', 2)[1], ex.Location, StringComparison.Ordinal);
        Assert.True(allocated < 4 << 20, $"verification allocated {allocated:N0} bytes for a 16 MiB entry declared as 1,000 bytes");
    }

    [Fact]
    public async Task Verify_EntryDeclaredLargerThanLimitByEditedCentralDirectory_RefusedBeforeReading()
    {
        // Arrange: the central directory claims a 3 GiB entry; the limit is 1 GiB.
        using var tmp = new TempDir();
        var result = await TestPackages.Writer().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var zipBytes = File.ReadAllBytes(result.OutputPath);
        var entryName = EditDeclaredSize(zipBytes, "representations/rep1/data/Tờ trình số 02.pdf", 3u << 30);
        File.WriteAllBytes(result.OutputPath, zipBytes);
        var options = new ArchivePackageVerifierOptions { ReadOptions = new ArchivePackageReadOptions { MaxEntrySize = 1L << 30 } };

        // Act
        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => new ArchivePackageVerifier(options).VerifyAsync(result.OutputPath));

        // Assert
        Assert.Equal(ArchivePackageFormatError.ZipBomb, ex.Error);
        Assert.Equal(entryName, ex.Location);
    }

    /// <summary>Sets the uncompressed size of one central-directory record; returns the entry's full name.</summary>
    private static string EditDeclaredSize(byte[] zip, string pathInPackage, uint size)
    {
        var eocd = zip.Length - 22;
        while (eocd >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd)) != 0x06054b50)
        {
            eocd--;
        }

        Assert.True(eocd >= 0, "no end-of-central-directory record");
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(eocd + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(eocd + 16));
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(CentralDirectorySignature, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(offset)));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(offset + 32));
            var name = System.Text.Encoding.UTF8.GetString(zip, offset + 46, nameLength);
            if (name.EndsWith("/" + pathInPackage, StringComparison.Ordinal))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(offset + 24), size);
                return name;
            }

            offset += 46 + nameLength + extraLength + commentLength;
        }

        Assert.Fail($"no central-directory record for {pathInPackage}");
        return string.Empty;
    }

    private static bool HasZip64EndRecord(byte[] zip)
    {
        for (var i = zip.Length - 22; i >= Math.Max(0, zip.Length - (1 << 16) - 100); i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == Zip64EndOfCentralDirectorySignature)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDataDescriptorFlag(byte[] zip)
    {
        // A local file header (PK\3\4) with general-purpose bit 3: sizes follow the data.
        for (var i = 0; i + 30 < zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == 0x04034b50 && (BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 6)) & 0x8) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static (int Exit, string Output) RunIn(string directory, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"The tool '{file}' is missing ({ex.Message}); install Debian package 'zip' (see scripts/test-tools.sh).");
            throw;
        }
    }

    /// <summary>A write-only stream that cannot seek, like a network or pipe destination.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        private long _position;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _position += count;
        }
    }
}
