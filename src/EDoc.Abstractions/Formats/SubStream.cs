namespace EDoc.Formats;

/// <summary>A read-only, seekable view of a stream from a start offset to its end; does not own the inner stream.</summary>
internal sealed class SubStream(Stream inner, long start) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length - start;

    public override long Position
    {
        get => inner.Position - start;
        set => inner.Position = start + value;
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => origin switch
    {
        SeekOrigin.Begin => inner.Seek(start + offset, SeekOrigin.Begin) - start,
        SeekOrigin.Current => inner.Seek(offset, SeekOrigin.Current) - start,
        _ => inner.Seek(offset, SeekOrigin.End) - start,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
