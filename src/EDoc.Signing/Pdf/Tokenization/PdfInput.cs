using System.Buffers;

namespace EDoc.Signing.Pdf.Tokenization;

/// <summary>
/// Random access to a seekable PDF stream through one small pooled window; never reads the whole file.
/// Not thread-safe.
/// </summary>
internal sealed class PdfInput : IDisposable
{
    private const int WindowSize = 4096;
    private readonly Stream _stream;
    private readonly long _origin;
    private byte[]? _window;
    private long _windowStart;
    private int _windowLength;

    public PdfInput(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The PDF stream must be readable and seekable.", nameof(stream));
        }

        _stream = stream;
        _origin = 0;
        Length = stream.Length;
        _window = ArrayPool<byte>.Shared.Rent(WindowSize);
        _windowStart = -1;
    }

    /// <summary>The length of the PDF in bytes.</summary>
    public long Length { get; }

    /// <summary>The current read position.</summary>
    public long Position { get; set; }

    public bool AtEnd => Position >= Length;

    /// <summary>Returns the byte at the current position without consuming it, or -1 at the end.</summary>
    public int Peek()
    {
        long p = Position;
        if (p >= Length || p < 0)
        {
            return -1;
        }

        if (p < _windowStart || p >= _windowStart + _windowLength)
        {
            Fill(p);
        }

        return Window[(int)(p - _windowStart)];
    }

    /// <summary>Returns the byte at <paramref name="offset"/> or -1 outside the file; does not move the position.</summary>
    public int ByteAt(long offset)
    {
        long saved = Position;
        Position = offset;
        int b = Peek();
        Position = saved;
        return b;
    }

    /// <summary>Consumes and returns one byte, or -1 at the end.</summary>
    public int Read()
    {
        int b = Peek();
        if (b >= 0)
        {
            Position++;
        }

        return b;
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; returns the count read.</summary>
    public int ReadAt(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset >= Length)
        {
            return 0;
        }

        int total = 0;
        _stream.Position = _origin + offset;
        while (total < destination.Length)
        {
            int n = _stream.Read(destination[total..]);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    public void Dispose()
    {
        byte[]? w = _window;
        _window = null;
        if (w is not null)
        {
            ArrayPool<byte>.Shared.Return(w);
        }
    }

    private byte[] Window => _window ?? throw new ObjectDisposedException(nameof(PdfInput));

    private void Fill(long p)
    {
        byte[] w = Window;
        long start = p;
        _stream.Position = _origin + start;
        int total = 0;
        while (total < w.Length)
        {
            int n = _stream.Read(w, total, w.Length - total);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        _windowStart = start;
        _windowLength = total;
        if (total == 0)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(p), "unexpected end of the stream while reading.");
        }
    }
}
