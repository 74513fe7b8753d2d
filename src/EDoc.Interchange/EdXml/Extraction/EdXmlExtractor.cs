using System.IO.Compression;
using System.Text;
using EDoc.Interchange.EdXml.Internal;

namespace EDoc.Interchange.EdXml;

/// <summary>What to do with an attachment or ZIP entry name that is a path.</summary>
public enum EdXmlUnsafeNamePolicy
{
    /// <summary>
    /// Refuse names with a <c>..</c> segment, an absolute or rooted path (<c>/abs</c>, <c>C:\x</c>, <c>\\server</c>)
    /// with <see cref="EdXmlUnsafeNameException"/>. Other separators are replaced by <c>_</c>.
    /// </summary>
    Reject = 0,

    /// <summary>Keep only the last path segment of such names (<c>C:\docs\a.pdf</c> becomes <c>a.pdf</c>).</summary>
    Sanitize = 1,
}

/// <summary>Options of <see cref="EdXmlExtractor"/>.</summary>
public sealed class EdXmlExtractionOptions
{
    /// <summary>The limits of the reader and of unzipping.</summary>
    /// <value>The default value is a new <see cref="EdXmlReaderOptions"/>.</value>
    public EdXmlReaderOptions ReaderOptions { get; set; } = new();

    /// <summary>What to do with names that are paths.</summary>
    /// <value>The default value is <see cref="EdXmlUnsafeNamePolicy.Reject"/>.</value>
    public EdXmlUnsafeNamePolicy UnsafeNames { get; set; } = EdXmlUnsafeNamePolicy.Reject;

    /// <summary>Whether zipped attachments are replaced by their entries (checked against zip bombs).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UnzipAttachments { get; set; } = true;
}

/// <summary>One file written by <see cref="EdXmlExtractor"/>.</summary>
/// <param name="AttachmentIndex">The 0-based attachment it came from.</param>
/// <param name="ContentId">The attachment's content id.</param>
/// <param name="OriginalName">The name as written in the package (or in the ZIP archive).</param>
/// <param name="Path">The full path of the file written.</param>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="FromZipEntry">Whether the file was unzipped from a zipped attachment.</param>
public sealed record EdXmlExtractedFile(int AttachmentIndex, string? ContentId, string? OriginalName, string Path, long Length, bool FromZipEntry);

/// <summary>The outcome of <see cref="EdXmlExtractor.ExtractAsync(Stream, string, CancellationToken)"/>.</summary>
/// <param name="Package">The package read.</param>
/// <param name="Files">The files written, in order.</param>
public sealed record EdXmlExtractionResult(EdXmlPackage Package, IReadOnlyList<EdXmlExtractedFile> Files);

/// <summary>
/// Extracts the attachments of an edoc package into a directory, streaming each to disk. Names are made safe
/// (NFC, no traversal, no absolute path, no reserved device name, no invalid character, bounded length), clashes
/// get a <c> (2)</c> suffix, zipped attachments are unzipped within the zip-bomb limits, and on any failure every
/// file written by the call is removed.
/// </summary>
public sealed class EdXmlExtractor
{
    private readonly EdXmlExtractionOptions _options;
    private readonly EdXmlReader _reader;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    public EdXmlExtractor(EdXmlExtractionOptions? options = null)
    {
        options ??= new EdXmlExtractionOptions();
        _options = new EdXmlExtractionOptions
        {
            ReaderOptions = (options.ReaderOptions ?? new EdXmlReaderOptions()).Clone(),
            UnsafeNames = options.UnsafeNames,
            UnzipAttachments = options.UnzipAttachments,
        };
        _reader = new EdXmlReader(_options.ReaderOptions);
    }

    /// <summary>Extracts the attachments of a package file.</summary>
    /// <param name="packagePath">The <c>.edxml</c> file.</param>
    /// <param name="directory">The output directory; created when missing.</param>
    /// <param name="cancellationToken">Cancels the extraction.</param>
    /// <returns>The package and the files written.</returns>
    public async Task<EdXmlExtractionResult> ExtractFileAsync(string packagePath, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        var stream = new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return await ExtractAsync(stream, directory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Extracts the attachments of a package.</summary>
    /// <param name="package">The package stream.</param>
    /// <param name="directory">The output directory; created when missing.</param>
    /// <param name="cancellationToken">Cancels the extraction.</param>
    /// <returns>The package and the files written.</returns>
    /// <exception cref="EdXmlFormatException">The package cannot be read, or a name is unsafe under <see cref="EdXmlUnsafeNamePolicy.Reject"/>.</exception>
    /// <exception cref="EDocLimitExceededException">A limit is exceeded (including a zip bomb).</exception>
    public async Task<EdXmlExtractionResult> ExtractAsync(Stream package, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
        var sink = new FileSink(this, root);
        try
        {
            var result = await _reader.ReadAsync(package, sink, cancellationToken).ConfigureAwait(false);
            return new EdXmlExtractionResult(result, sink.Files);
        }
        catch
        {
            sink.DeleteAll();
            throw;
        }
    }

    private sealed class FileSink(EdXmlExtractor owner, string root) : IEdXmlAttachmentSink
    {
        private readonly List<string> _temps = [];

        public List<EdXmlExtractedFile> Files { get; } = [];

        public ValueTask<Stream?> OpenAsync(EdXmlAttachment attachment, int index, CancellationToken cancellationToken)
        {
            var temp = Path.Combine(root, $".edxml-{Guid.NewGuid():N}.part");
            _temps.Add(temp);
            return ValueTask.FromResult<Stream?>(new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous));
        }

        public async ValueTask CloseAsync(EdXmlAttachment attachment, int index, Stream content, bool completed, CancellationToken cancellationToken)
        {
            var temp = ((FileStream)content).Name;
            await content.DisposeAsync().ConfigureAwait(false);
            if (!completed)
            {
                return;
            }

            var location = $"AttachmentEncoded.Attachment[{index}]";
            if (attachment.IsZipped && owner._options.UnzipAttachments)
            {
                await UnzipAsync(attachment, index, temp, location, cancellationToken).ConfigureAwait(false);
                File.Delete(temp);
                return;
            }

            var name = EdXmlFileNames.MakeSafe(attachment.AttachmentName, owner._options.UnsafeNames, location, $"attachment-{index + 1}");
            var target = EdXmlFileNames.Unique(root, name);
            File.Move(temp, target);
            Files.Add(new EdXmlExtractedFile(index, attachment.ContentId, attachment.AttachmentName, target, new FileInfo(target).Length, false));
        }

        public void DeleteAll()
        {
            foreach (var path in _temps.Concat(Files.Select(f => f.Path)))
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private async Task UnzipAsync(EdXmlAttachment attachment, int index, string zipPath, string location, CancellationToken cancellationToken)
        {
            var limits = owner._options.ReaderOptions;
            var zipLength = new FileInfo(zipPath).Length;
            var budget = Math.Min(limits.MaxUnzippedBytes, Math.Max(zipLength, 1) * (long)limits.MaxCompressionRatio);
            var budgetName = budget == limits.MaxUnzippedBytes ? "MaxUnzippedBytes" : "MaxCompressionRatio";
            var budgetLimit = budget == limits.MaxUnzippedBytes ? limits.MaxUnzippedBytes : limits.MaxCompressionRatio;
            var unzipped = 0L;
            try
            {
                using var archive = new ZipArchive(File.OpenRead(zipPath), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: Encoding.UTF8);
                if (archive.Entries.Count > limits.MaxZipEntries)
                {
                    throw new EDocLimitExceededException("edXML", location, "MaxZipEntries", limits.MaxZipEntries, archive.Entries.Count);
                }

                var buffer = new byte[81920];
                foreach (var entry in archive.Entries)
                {
                    if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                    {
                        continue;
                    }

                    var entryLocation = $"{location} zip entry '{EdXmlText.Excerpt(entry.FullName)}'";
                    if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                    {
                        throw new EdXmlFormatException("edXML", entryLocation, "the zip entry is a symbolic link; it is refused.");
                    }

                    var name = EdXmlFileNames.MakeSafe(entry.FullName, owner._options.UnsafeNames, entryLocation, $"attachment-{index + 1}-entry");
                    var target = EdXmlFileNames.Unique(root, name);
                    _temps.Add(target);
                    var source = entry.Open();
                    await using (source.ConfigureAwait(false))
                    {
                        var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                        await using (output.ConfigureAwait(false))
                        {
                            int n;
                            while ((n = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                            {
                                unzipped += n;
                                if (unzipped > budget)
                                {
                                    throw new EDocLimitExceededException("edXML", entryLocation, budgetName, budgetLimit, budgetName == "MaxCompressionRatio" ? unzipped / Math.Max(zipLength, 1) : unzipped);
                                }

                                await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }

                    Files.Add(new EdXmlExtractedFile(index, attachment.ContentId, entry.FullName, target, new FileInfo(target).Length, true));
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or NotSupportedException)
            {
                throw new EdXmlFormatException("edXML", location, "the zipped attachment is not a valid ZIP archive.", ex);
            }
        }
    }
}

/// <summary>Makes attachment names safe to use as file names.</summary>
public static class EdXmlFileNames
{
    private const int MaxUtf8Bytes = 240;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>
    /// Returns a safe file name for an untrusted attachment name: NFC, without directories, invalid or control
    /// characters, trailing dots or spaces, reserved device names (<c>CON</c>, <c>NUL</c>, <c>COM1</c> …), at most
    /// 240 UTF-8 bytes with the extension kept.
    /// </summary>
    /// <param name="name">The untrusted name.</param>
    /// <param name="policy">What to do when the name is a traversal, absolute or rooted path.</param>
    /// <param name="location">Where the name comes from, for the exception.</param>
    /// <param name="fallback">The name used when nothing usable is left.</param>
    /// <returns>A name without any directory part.</returns>
    /// <exception cref="EdXmlUnsafeNameException">The name is a path and <paramref name="policy"/> is <see cref="EdXmlUnsafeNamePolicy.Reject"/>.</exception>
    public static string MakeSafe(string? name, EdXmlUnsafeNamePolicy policy, string location, string fallback)
    {
        ArgumentException.ThrowIfNullOrEmpty(fallback);
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        var text = name.Normalize(NormalizationForm.FormC).Trim();
        var segments = text.Split('/', '\\');
        var rooted = text.StartsWith('/') || text.StartsWith('\\') || (text.Length >= 2 && text[1] == ':' && char.IsAsciiLetter(text[0]));
        var traversal = segments.Any(s => s.Trim() is "..");
        if (rooted || traversal)
        {
            if (policy == EdXmlUnsafeNamePolicy.Reject)
            {
                throw new EdXmlUnsafeNameException(location, EdXmlText.Excerpt(name, 200));
            }

            text = segments.LastOrDefault(s => s.Trim() is not ("" or "." or "..")) ?? string.Empty;
            if (text.Length >= 2 && text[1] == ':')
            {
                text = text[2..];
            }
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }

        var safe = builder.ToString().Trim().TrimEnd('.', ' ');
        if (safe.Length == 0 || safe.All(c => c == '.' || c == '_'))
        {
            return fallback;
        }

        var dot = safe.IndexOf('.', StringComparison.Ordinal);
        var stem = dot < 0 ? safe : safe[..dot];
        if (ReservedNames.Contains(stem.TrimEnd(' ')))
        {
            safe = "_" + safe;
        }

        return Truncate(safe);
    }

    /// <summary>A path in <paramref name="directory"/> for <paramref name="name"/> that does not exist yet (<c>a (2).pdf</c> …).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="name">A safe name.</param>
    /// <returns>The full path.</returns>
    internal static string Unique(string directory, string name)
    {
        var candidate = Path.Combine(directory, name);
        var full = Path.GetFullPath(candidate);
        if (!string.Equals(Path.GetDirectoryName(full), Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new EdXmlUnsafeNameException(directory, EdXmlText.Excerpt(name, 200));
        }

        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        for (var i = 2; File.Exists(full) || Directory.Exists(full); i++)
        {
            full = Path.Combine(directory, Truncate($"{stem} ({i}){extension}"));
        }

        return full;
    }

    private static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxUtf8Bytes)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 20)
        {
            extension = string.Empty;
        }

        var stem = name[..^extension.Length];
        while (stem.Length > 1 && Encoding.UTF8.GetByteCount(stem + extension) > MaxUtf8Bytes)
        {
            stem = stem[..^1];
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }

        return stem + extension;
    }
}
