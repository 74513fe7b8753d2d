using System.Buffers;
using System.Globalization;
using System.Text;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>A growable byte buffer rented from <see cref="ArrayPool{T}"/>; return it with <see cref="Dispose"/>.</summary>
internal sealed class PdfByteBuffer : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public PdfByteBuffer(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, initialCapacity));
    }

    public int Length => _length;

    public Span<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public void WriteByte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteAscii(string text)
    {
        Ensure(text.Length);
        _length += Encoding.ASCII.GetBytes(text, _buffer.AsSpan(_length));
    }

    public void WriteLatin1(string text)
    {
        Ensure(text.Length);
        _length += Encoding.Latin1.GetBytes(text, _buffer.AsSpan(_length));
    }

    public void WriteInteger(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Writes <paramref name="bytes"/> as upper-case hexadecimal digits, two per byte.</summary>
    public void WriteHex(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length * 2);
        _ = Convert.TryToHexString(bytes, _buffer.AsSpan(_length, bytes.Length * 2), out int written);
        _length += written;
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public void Fill(byte value, int count)
    {
        Ensure(count);
        _buffer.AsSpan(_length, count).Fill(value);
        _length += count;
    }

    public void Dispose()
    {
        byte[] b = _buffer;
        _buffer = [];
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + extra));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
