using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace EDoc.Archive.Packages;

/// <summary>Limits applied when reading an untrusted package (ZIP or folder).</summary>
public sealed class ArchivePackageReadOptions
{
    /// <summary>The largest number of entries.</summary>
    /// <value>The default value is 1,000,000.</value>
    public int MaxEntries { get; set; } = 1_000_000;

    /// <summary>The largest uncompressed size of one entry, in bytes.</summary>
    /// <value>The default value is 64 GiB.</value>
    public long MaxEntrySize { get; set; } = 64L << 30;

    /// <summary>The largest uncompressed size of the whole package, in bytes.</summary>
    /// <value>The default value is 1 TiB.</value>
    public long MaxTotalSize { get; set; } = 1L << 40;

    /// <summary>The largest compression ratio (uncompressed / compressed) of an entry larger than 1 MiB (zip bomb guard).</summary>
    /// <value>The default value is 200.</value>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>The largest size of an XML metadata file (METS, descriptive, PREMIS) that is parsed, in bytes.</summary>
    /// <value>The default value is 256 MiB.</value>
    public long MaxXmlSize { get; set; } = 256L << 20;
}

/// <summary>A file in a package, relative to the package root folder.</summary>
/// <param name="Path">The NFC path with <c>/</c> separators.</param>
/// <param name="RawPath">The path as stored (may be NFD).</param>
/// <param name="Size">The size in bytes (declared size for ZIP entries).</param>
internal sealed record PackageEntry(string Path, string RawPath, long Size);

/// <summary>Read access to a package: a ZIP file or a folder.</summary>
internal abstract class PackageSource : IDisposable
{
    protected PackageSource(ArchivePackageReadOptions options) => Options = options;

    public ArchivePackageReadOptions Options { get; }

    /// <summary>The name of the package root folder.</summary>
    public abstract string RootFolderName { get; }

    /// <summary>Files by NFC path relative to the root folder.</summary>
    public Dictionary<string, PackageEntry> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Directories (NFC, relative to the root folder, no trailing slash), including implied ones.</summary>
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);

    public static PackageSource Open(string path, ArchivePackageReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new ArchivePackageReadOptions();
        if (Directory.Exists(path))
        {
            return new FolderPackageSource(path, options);
        }

        if (File.Exists(path))
        {
            return new ZipPackageSource(path, options);
        }

        throw new FileNotFoundException($"The package '{path}' does not exist.", path);
    }

    public abstract Stream OpenRead(PackageEntry entry);

    public XDocument LoadXml(PackageEntry entry)
    {
        if (entry.Size > Options.MaxXmlSize)
        {
            throw new EDocLimitExceededException("ArchivePackage", entry.Path, nameof(ArchivePackageReadOptions.MaxXmlSize), Options.MaxXmlSize, entry.Size);
        }

        using var stream = OpenRead(entry);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = Options.MaxXmlSize,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, entry.Path, $"the XML is malformed: {ex.Message}", ex);
        }
    }

    public abstract void Dispose();

    protected void Add(string rawRelative, long size, bool isDirectory, string? location = null)
    {
        location ??= rawRelative;
        if (Files.Count + Directories.Count >= Options.MaxEntries)
        {
            throw new ArchivePackageFormatException(ArchivePackageFormatError.TooManyEntries, location, $"the package has more than {Options.MaxEntries} entries.");
        }

        var raw = rawRelative.Replace('\\', '/').TrimEnd('/');
        if (raw.Length == 0)
        {
            return;
        }

        if (ArchiveFileNames.GetPathProblem(raw) is { } problem)
        {
            throw new ArchivePackageFormatException(problem.Error, location, problem.Reason + ".");
        }

        var nfc = ArchiveFileNames.Normalize(raw);
        if (isDirectory)
        {
            Directories.Add(nfc);
        }
        else
        {
            if (Files.TryGetValue(nfc, out var existing) || Directories.Contains(nfc))
            {
                var why = existing is not null && existing.RawPath != raw ? "two entries differ only by Unicode normalisation (NFC/NFD)" : "the entry is present twice";
                throw new ArchivePackageFormatException(ArchivePackageFormatError.DuplicateName, location, why + ".");
            }

            Files[nfc] = new PackageEntry(nfc, raw, size);
        }

        var slash = nfc.LastIndexOf('/');
        while (slash > 0)
        {
            Directories.Add(nfc[..slash]);
            slash = nfc.LastIndexOf('/', slash - 1);
        }
    }

    protected void CheckDistinctFolding()
    {
        ArchiveFileNames.EnsureDistinct(Files.Values.Select(f => f.RawPath).Concat(Directories.Where(d => !Files.ContainsKey(d))));
    }
}

internal sealed class ZipPackageSource : PackageSource
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);

    public ZipPackageSource(string path, ArchivePackageReadOptions options)
        : base(options)
    {
        try
        {
            _zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, path, $"not a readable ZIP file: {ex.Message}", ex);
        }

        try
        {
            string? root = null;
            long total = 0;
            long compressedTotal = 0;
            long zipLength = new FileInfo(path).Length;
            foreach (var entry in _zip.Entries)
            {
                // Entries whose compressed data overlap (a non-recursive zip bomb, Fifield 2019) need more compressed
                // bytes in total than the file has.
                compressedTotal += entry.CompressedLength;
                if (compressedTotal > zipLength)
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.ZipBomb, entry.FullName, "the entries share compressed data (overlapping entries, a zip bomb).");
                }

                var name = entry.FullName.Replace('\\', '/');
                if (name.Length == 0 || name[0] == '/' || (name.Length > 1 && name[1] == ':') )
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.AbsolutePath, entry.FullName, "the entry name is absolute.");
                }

                if (name.Split('/').Any(s => s == ".."))
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.PathTraversal, entry.FullName, "the entry name climbs out of the package (..).");
                }

                var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
                if (unixMode == 0xA000)
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.SymbolicLink, entry.FullName, "the entry is a symbolic link.");
                }

                if (entry.Length > options.MaxEntrySize)
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.ZipBomb, entry.FullName, $"the entry expands to {entry.Length} bytes, more than the limit {options.MaxEntrySize}.");
                }

                if (entry.Length > (1 << 20) && (entry.CompressedLength == 0 || entry.Length / Math.Max(1, entry.CompressedLength) > options.MaxCompressionRatio))
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.ZipBomb, entry.FullName, $"the entry's compression ratio exceeds {options.MaxCompressionRatio}.");
                }

                total += entry.Length;
                if (total > options.MaxTotalSize)
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.ZipBomb, entry.FullName, $"the package expands to more than {options.MaxTotalSize} bytes.");
                }

                var isDir = name.EndsWith('/');
                var trimmed = name.TrimEnd('/');
                var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
                var first = ArchiveFileNames.Normalize(slash < 0 ? trimmed : trimmed[..slash]);
                if ((slash < 0 && !isDir) || (root is not null && root != first))
                {
                    throw new ArchivePackageFormatException(ArchivePackageFormatError.NotSingleRootFolder, entry.FullName, "the ZIP does not unpack to a single root folder (CSIPSTR1, CSIPSTR3).");
                }

                root = first;
                if (slash < 0)
                {
                    continue;
                }

                var relative = trimmed[(slash + 1)..];
                Add(relative, entry.Length, isDir, entry.FullName);
                if (!isDir)
                {
                    _entries[ArchiveFileNames.Normalize(relative)] = entry;
                }
            }

            RootFolderName = root ?? throw new ArchivePackageFormatException(ArchivePackageFormatError.NotSingleRootFolder, path, "the ZIP is empty.");
            CheckDistinctFolding();
        }
        catch (InvalidDataException ex)
        {
            // The central directory is enumerated lazily: a corrupt one surfaces here, not in OpenRead.
            _zip.Dispose();
            throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, path, $"the ZIP central directory is corrupt: {ex.Message}", ex);
        }
        catch
        {
            _zip.Dispose();
            throw;
        }
    }

    public override string RootFolderName { get; }

    public override Stream OpenRead(PackageEntry entry)
    {
        var zipEntry = _entries[entry.Path];
        try
        {
            return new BoundedReadStream(zipEntry.Open(), zipEntry.Length, entry.Path);
        }
        catch (InvalidDataException ex)
        {
            throw new ArchivePackageFormatException(ArchivePackageFormatError.Malformed, entry.Path, $"the entry cannot be read: {ex.Message}", ex);
        }
    }

    public override void Dispose() => _zip.Dispose();
}

internal sealed class FolderPackageSource : PackageSource
{
    private readonly string _root;

    public FolderPackageSource(string path, ArchivePackageReadOptions options)
        : base(options)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(Path.Combine(full, "METS.xml")) && !File.Exists(Path.Combine(full, "bagit.txt")))
        {
            var subs = Directory.GetDirectories(full);
            if (subs.Length == 1 && Directory.GetFiles(full).Length == 0)
            {
                full = subs[0];
            }
        }

        _root = full;
        RootFolderName = ArchiveFileNames.Normalize(Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)));
        Walk(new DirectoryInfo(full), string.Empty);
        CheckDistinctFolding();
    }

    public override string RootFolderName { get; }

    public override Stream OpenRead(PackageEntry entry)
        => new FileStream(Path.Combine(_root, entry.RawPath.Replace('/', Path.DirectorySeparatorChar)), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public override void Dispose()
    {
    }

    private void Walk(DirectoryInfo dir, string prefix)
    {
        foreach (var info in dir.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            var relative = prefix + info.Name;
            if (info.LinkTarget is not null)
            {
                throw new ArchivePackageFormatException(ArchivePackageFormatError.SymbolicLink, relative, "the package contains a symbolic link.");
            }

            if (info is DirectoryInfo sub)
            {
                Add(relative, 0, isDirectory: true);
                Walk(sub, relative + "/");
            }
            else if (info is FileInfo file)
            {
                Add(relative, file.Length, isDirectory: false);
            }
        }
    }
}

/// <summary>Reads at most the declared number of bytes; more means the entry lied about its size (zip bomb).</summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string path) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => limit;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }

        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }

        return Count(n);
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Corrupt entry data. ZIP entries are stored, raw deflate or Deflate64, and System.IO.Compression reports every
    /// corruption of those as <see cref="InvalidDataException"/>: its internal ZLibException (an
    /// <see cref="IOException"/>) comes only from zlib failures that raw deflate data cannot cause (a preset-dictionary
    /// request exists only in zlib-wrapped streams, otherwise out of memory or an inconsistent stream). Any other
    /// <see cref="IOException"/> here is the disk failing, not the package, and is left to propagate.
    /// </summary>
    private ArchivePackageFormatException Corrupt(InvalidDataException ex)
        => new(ArchivePackageFormatError.Malformed, path, $"the entry cannot be read after {_read} bytes: {ex.Message}", ex);

    private int Count(int n)
    {
        _read += n;
        return _read > limit
            ? throw new ArchivePackageFormatException(ArchivePackageFormatError.ZipBomb, path, $"the entry expands beyond its declared size ({limit} bytes).")
            : n;
    }
}
