namespace EDoc.Interchange.EdXml;

/// <summary>
/// Limits of <see cref="EdXmlReader"/> and <see cref="EdXmlExtractor"/> against hostile packages. Every limit throws
/// <see cref="EDocLimitExceededException"/> before the reader allocates or loops on behalf of the input.
/// </summary>
public sealed class EdXmlReaderOptions
{
    /// <summary>The largest <c>edXMLEnvelope</c> (header and manifest) in bytes; it is loaded into memory.</summary>
    /// <value>The default value is 4 MiB.</value>
    public long MaxHeaderBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>The largest text of an attachment's metadata element (name, description, content type) in bytes.</summary>
    /// <value>The default value is 64 KiB.</value>
    public long MaxAttachmentMetadataBytes { get; set; } = 64L * 1024;

    /// <summary>The largest number of attachments in a package.</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxAttachments { get; set; } = 1000;

    /// <summary>The largest decoded attachment in bytes. Attachments are streamed, so this bounds disk, not memory.</summary>
    /// <value>The default value is 1 GiB.</value>
    public long MaxAttachmentBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>The largest total of decoded attachment bytes in one package.</summary>
    /// <value>The default value is 4 GiB.</value>
    public long MaxTotalAttachmentBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>The largest total of bytes unzipped from one zipped attachment.</summary>
    /// <value>The default value is 1 GiB.</value>
    public long MaxUnzippedBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// The largest ratio of unzipped bytes to the zipped attachment's size; a zip bomb exceeds it long before it
    /// fills the disk. Counted on the bytes actually inflated, not on the sizes the archive claims.
    /// </summary>
    /// <value>The default value is 100.</value>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>The largest number of entries in a zipped attachment.</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxZipEntries { get; set; } = 1000;

    /// <summary>Validates the limits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHeaderBytes, 1024, nameof(MaxHeaderBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttachmentMetadataBytes, 256, nameof(MaxAttachmentMetadataBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxAttachments, nameof(MaxAttachments));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxAttachmentBytes, nameof(MaxAttachmentBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTotalAttachmentBytes, nameof(MaxTotalAttachmentBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxUnzippedBytes, nameof(MaxUnzippedBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCompressionRatio, 1, nameof(MaxCompressionRatio));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxZipEntries, nameof(MaxZipEntries));
    }

    internal EdXmlReaderOptions Clone() => (EdXmlReaderOptions)MemberwiseClone();
}

/// <summary>
/// Receives the decoded bytes of each attachment while a package is read, so that no attachment is held in memory
/// by the reader. <see cref="EdXmlMemoryAttachmentSink"/> keeps small attachments in memory;
/// <see cref="EdXmlExtractor"/> writes them to files.
/// </summary>
public interface IEdXmlAttachmentSink
{
    /// <summary>
    /// Called when an attachment's <c>ContentTransferEncoded</c> starts. The metadata read so far is set (most writers
    /// put it first, but the order is not guaranteed: use the final metadata given to <see cref="CloseAsync"/>).
    /// </summary>
    /// <param name="attachment">The attachment, with the metadata read so far.</param>
    /// <param name="index">The attachment's 0-based position.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stream to write the decoded bytes to, or <see langword="null"/> to discard them (they are still decoded and counted).</returns>
    ValueTask<Stream?> OpenAsync(EdXmlAttachment attachment, int index, CancellationToken cancellationToken);

    /// <summary>
    /// Called once for each stream <see cref="OpenAsync"/> returned: after the <c>Attachment</c> element ends
    /// (<paramref name="completed"/> is <see langword="true"/>, the metadata is final), or when reading fails
    /// (<see langword="false"/>). The sink disposes the stream.
    /// </summary>
    /// <param name="attachment">The attachment with its final metadata, length and ZIP detection.</param>
    /// <param name="index">The attachment's 0-based position.</param>
    /// <param name="content">The stream returned by <see cref="OpenAsync"/>.</param>
    /// <param name="completed">Whether the content was read completely.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the sink is done with the stream.</returns>
    ValueTask CloseAsync(EdXmlAttachment attachment, int index, Stream content, bool completed, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps each attachment in memory and sets <see cref="EdXmlAttachment.OpenContent"/>, so that the package can be
/// validated against its content or written again. For small packages only; bounded by
/// <see cref="EdXmlReaderOptions.MaxAttachmentBytes"/>.
/// </summary>
public sealed class EdXmlMemoryAttachmentSink : IEdXmlAttachmentSink
{
    /// <inheritdoc />
    public ValueTask<Stream?> OpenAsync(EdXmlAttachment attachment, int index, CancellationToken cancellationToken)
        => ValueTask.FromResult<Stream?>(new MemoryStream());

    /// <inheritdoc />
    public ValueTask CloseAsync(EdXmlAttachment attachment, int index, Stream content, bool completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(content);
        if (completed && content is MemoryStream memory)
        {
            var bytes = new ReadOnlyMemory<byte>(memory.GetBuffer(), 0, (int)memory.Length);
            attachment.OpenContent = _ => ValueTask.FromResult<Stream>(new Internal.ReadOnlyMemoryStream(bytes));
        }

        return content.DisposeAsync();
    }
}
