using System.IO.Compression;

namespace EDoc.Archive.Packages;

/// <summary>Where a package is written: a ZIP file or a folder; both commit atomically.</summary>
internal interface IPackageSink : IAsyncDisposable
{
    Stream OpenWrite(string relativePath, DateTimeOffset modified, CompressionLevel level);

    void CreateDirectory(string relativePath, DateTimeOffset modified);

    Task<string> CommitAsync(CancellationToken cancellationToken);
}

internal sealed class ZipPackageSink : IPackageSink
{
    private const int UnixFileMode = 0x81A4; // regular file, 0644
    private const int UnixDirectoryMode = 0x41ED; // directory, 0755
    private readonly string _target;
    private readonly string _temp;
    private readonly string _root;
    private FileStream? _file;
    private Stream? _output;
    private ZipArchive? _zip;
    private bool _committed;

    /// <param name="zipPath">The ZIP file to write.</param>
    /// <param name="rootFolder">The one folder the ZIP unpacks to.</param>
    /// <param name="intercept">A test seam wrapping the temporary file (e.g. a full disk); the wrapper owns the file.</param>
    public ZipPackageSink(string zipPath, string rootFolder, Func<Stream, Stream>? intercept = null)
    {
        _target = Path.GetFullPath(zipPath);
        var dir = Path.GetDirectoryName(_target) ?? ".";
        Directory.CreateDirectory(dir);
        _temp = Path.Combine(dir, $".{Path.GetFileName(_target)}.{Guid.NewGuid():N}.tmp");
        _root = rootFolder;
        _file = new FileStream(_temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.None);
        _output = intercept?.Invoke(_file) ?? _file;
        _zip = new ZipArchive(_output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: System.Text.Encoding.UTF8);
        var rootEntry = _zip.CreateEntry(_root + "/");
        rootEntry.ExternalAttributes = (UnixDirectoryMode << 16) | 0x10;
    }

    public Stream OpenWrite(string relativePath, DateTimeOffset modified, CompressionLevel level)
    {
        var entry = _zip!.CreateEntry($"{_root}/{relativePath}", level);
        entry.LastWriteTime = modified.ToLocalTime();
        entry.ExternalAttributes = UnixFileMode << 16;
        return entry.Open();
    }

    public void CreateDirectory(string relativePath, DateTimeOffset modified)
    {
        var entry = _zip!.CreateEntry($"{_root}/{relativePath.TrimEnd('/')}/");
        entry.LastWriteTime = modified.ToLocalTime();
        entry.ExternalAttributes = (UnixDirectoryMode << 16) | 0x10;
    }

    public async Task<string> CommitAsync(CancellationToken cancellationToken)
    {
        _zip!.Dispose();
        _zip = null;
        await _output!.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file!.Flush(flushToDisk: true);
        await _output.DisposeAsync().ConfigureAwait(false);
        _output = null;
        _file = null;
        File.Move(_temp, _target, overwrite: true);
        _committed = true;
        return _target;
    }

    public async ValueTask DisposeAsync()
    {
        if (_committed)
        {
            return;
        }

        // A failed package: release everything and remove the temporary file, even when closing fails again (a full
        // disk fails every flush); the exception that aborted the package is the one the caller sees.
        try
        {
            _zip?.Dispose();
        }
        catch (IOException)
        {
        }
        catch (InvalidDataException)
        {
        }
        catch (NotSupportedException)
        {
        }

        try
        {
            if (_output is not null)
            {
                await _output.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
        }
        finally
        {
            if (_file is not null)
            {
                await DisposeQuietlyAsync(_file).ConfigureAwait(false);
            }

            File.Delete(_temp);
        }
    }

    /// <summary>Closes a file whose last buffered bytes cannot be written (a full disk): the handle is released anyway.</summary>
    private static async ValueTask DisposeQuietlyAsync(FileStream file)
    {
        try
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // FileStream releases its handle even when the final flush fails.
        }
    }
}

internal sealed class FolderPackageSink : IPackageSink
{
    private readonly string _target;
    private readonly string _temp;
    private readonly Func<Stream, Stream>? _intercept;
    private bool _committed;

    /// <param name="parentDirectory">The folder that receives the package folder.</param>
    /// <param name="rootFolder">The package folder's name.</param>
    /// <param name="intercept">A test seam wrapping each file written (e.g. a full disk); the wrapper owns the file.</param>
    public FolderPackageSink(string parentDirectory, string rootFolder, Func<Stream, Stream>? intercept = null)
    {
        _intercept = intercept;
        var parent = Path.GetFullPath(parentDirectory);
        Directory.CreateDirectory(parent);
        _target = Path.Combine(parent, rootFolder);
        if (Directory.Exists(_target) || File.Exists(_target))
        {
            throw new IOException($"The package folder '{_target}' already exists.");
        }

        _temp = Path.Combine(parent, $".{rootFolder}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(_temp);
    }

    public Stream OpenWrite(string relativePath, DateTimeOffset modified, CompressionLevel level)
    {
        var path = Path.Combine(_temp, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new TimestampedFileStream(path, modified);
        return _intercept?.Invoke(file) ?? file;
    }

    public void CreateDirectory(string relativePath, DateTimeOffset modified)
        => Directory.CreateDirectory(Path.Combine(_temp, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    public Task<string> CommitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.Move(_temp, _target);
        _committed = true;
        return Task.FromResult(_target);
    }

    public ValueTask DisposeAsync()
    {
        if (!_committed && Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private sealed class TimestampedFileStream(string path, DateTimeOffset modified)
        : FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous)
    {
        private readonly string _path = path;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                File.SetLastWriteTimeUtc(_path, modified.UtcDateTime);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync().ConfigureAwait(false);
            File.SetLastWriteTimeUtc(_path, modified.UtcDateTime);
        }
    }
}
