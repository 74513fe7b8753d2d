namespace EDoc.Tests.Support;

/// <summary>
/// Counts the bytes written through the streams of one run; once the budget is spent the disk is "full". Shared by
/// every stream of the run, like a real volume.
/// </summary>
internal sealed class DiskBudget(long bytes)
{
    private long _remaining = bytes;

    /// <summary>Whether a write was refused.</summary>
    public bool Full { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public long Written { get; private set; }

    /// <summary>How many streams were wrapped.</summary>
    public int StreamsOpened { get; private set; }

    /// <summary>The wrapper to hand to a <c>WriteInterceptor</c> seam.</summary>
    public Stream Wrap(Stream inner)
    {
        StreamsOpened++;
        return new DiskFullStream(inner, this);
    }

    /// <summary>Takes up to <paramref name="count"/> bytes from the budget; returns how many fit.</summary>
    internal int Take(int count)
    {
        lock (this)
        {
            int granted = (int)Math.Min(count, Math.Max(0, _remaining));
            _remaining -= granted;
            Written += granted;
            if (granted < count)
            {
                Full = true;
            }

            return granted;
        }
    }
}

/// <summary>
/// A stream over a file that behaves like a full disk (ENOSPC) once its <see cref="DiskBudget"/> is spent: the bytes
/// that fit are written, then the write throws <see cref="IOException"/> "No space left on device"; later writes, flushes
/// and the close throw too (as a FileStream with unflushed bytes does), after releasing the inner stream.
/// </summary>
internal sealed class DiskFullStream(Stream inner, DiskBudget budget) : Stream
{
    /// <summary>The errno of ENOSPC, as .NET reports it on Linux.</summary>
    public const int ENOSPC = 28;

    private bool _failed;
    private bool _disposed;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public static IOException NoSpace() => new("No space left on device", ENOSPC);

    public override void Flush()
    {
        ThrowIfFailed();
        inner.Flush();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        ThrowIfFailed();
        inner.SetLength(value);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfFailed();
        int granted = budget.Take(buffer.Length);
        inner.Write(buffer[..granted]);
        if (granted < buffer.Length)
        {
            _failed = true;
            throw NoSpace();
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfFailed();
        int granted = budget.Take(buffer.Length);
        await inner.WriteAsync(buffer[..granted], cancellationToken);
        if (granted < buffer.Length)
        {
            _failed = true;
            throw NoSpace();
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                inner.Dispose();
                ThrowIfFailed();
            }
        }
        finally
        {
            base.Dispose(disposing);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failed)
        {
            throw NoSpace();
        }
    }
}
