namespace EDoc.Interchange.EdXml;

/// <summary>
/// Keeps each attachment in a temporary file and sets <see cref="EdXmlAttachment.OpenContent"/> to read it back, so
/// that a package of any size can be validated against its content (article 11 formats, page count) or written
/// again while memory stays flat. Dispose the sink to delete the files.
/// </summary>
/// <remarks>
/// The files live in a new private directory under <see cref="Path.GetTempPath"/> (or the directory given), named by
/// position (<c>0.bin</c>, <c>1.bin</c> …), never by the untrusted attachment name. Not thread-safe: one sink per read.
/// </remarks>
public sealed class EdXmlTempFileAttachmentSink : IEdXmlAttachmentSink, IAsyncDisposable, IDisposable
{
    private readonly string _directory;
    private bool _disposed;

    /// <summary>Initializes a new instance in a new directory under <paramref name="parentDirectory"/>.</summary>
    /// <param name="parentDirectory">Where to create the private directory; the system temporary directory when <see langword="null"/>.</param>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public EdXmlTempFileAttachmentSink(string? parentDirectory = null)
    {
        if (parentDirectory is null)
        {
            _directory = Directory.CreateTempSubdirectory("edoc-edxml-").FullName;
        }
        else
        {
            _directory = Path.Combine(Path.GetFullPath(parentDirectory), "edoc-edxml-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
        }
    }

    /// <summary>The private directory holding the files.</summary>
    public string DirectoryPath => _directory;

    /// <inheritdoc />
    public ValueTask<Stream?> OpenAsync(EdXmlAttachment attachment, int index, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var path = PathOf(index);
        return ValueTask.FromResult<Stream?>(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous));
    }

    /// <inheritdoc />
    public async ValueTask CloseAsync(EdXmlAttachment attachment, int index, Stream content, bool completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(content);
        await content.DisposeAsync().ConfigureAwait(false);
        var path = PathOf(index);
        if (!completed)
        {
            File.Delete(path);
            return;
        }

        attachment.OpenContent = _ => ValueTask.FromResult<Stream>(new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan));
    }

    /// <summary>Deletes the files and their directory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Deletes the files and their directory.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private string PathOf(int index) => Path.Combine(_directory, index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".bin");
}
