using System.Security.Cryptography;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>
/// A write-only pass-through that feeds every byte written to an <see cref="IncrementalHash"/> before forwarding it.
/// Used as the destination of <see cref="Stream.CopyToAsync(Stream, int, CancellationToken)"/> so that the source's
/// own copy loop (for a <see cref="MemoryStream"/>: one write straight from its buffer) drives hashing and copying
/// in one pass, without an intermediate buffer.
/// </summary>
internal sealed class HashingWriteStream(Stream output, IncrementalHash hash) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        output.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        hash.AppendData(buffer.Span);
        return output.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
