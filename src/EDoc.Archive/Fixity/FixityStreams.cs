using System.Buffers;
using System.Security.Cryptography;

namespace EDoc.Archive.Fixity;

/// <summary>Checksum algorithms used in archival packages.</summary>
public enum FixityAlgorithm
{
    /// <summary>SHA-256: METS <c>CHECKSUMTYPE="SHA-256"</c> (Thông tư 05/2025/TT-BNV, E-ARK CSIP).</summary>
    Sha256,

    /// <summary>SHA-512: the BagIt default (RFC 8493 §2.4).</summary>
    Sha512,
}

/// <summary>Streaming checksums (fixity) of archival files; data is read in chunks, never whole.</summary>
public static class FixityCalculator
{
    /// <summary>The size of the read buffer.</summary>
    public const int BufferSize = 128 * 1024;

    /// <summary>Computes a checksum of a stream from its current position to its end.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checksum in uppercase hexadecimal and the number of bytes read.</returns>
    public static async Task<(string Checksum, long Size)> ComputeAsync(Stream stream, FixityAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(algorithm == FixityAlgorithm.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexString(hash.GetHashAndReset()), size);
    }

    /// <summary>Compares two hexadecimal checksums ignoring case.</summary>
    /// <param name="a">One checksum.</param>
    /// <param name="b">The other.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool ChecksumEquals(string? a, string? b) => a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>A write-through stream that computes SHA-256 (and optionally SHA-512) and counts the bytes written.</summary>
internal sealed class HashingWriteStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash? _sha512;
    private readonly bool _leaveOpen;

    public HashingWriteStream(Stream inner, bool withSha512, bool leaveOpen = false)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        _sha512 = withSha512 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA512) : null;
    }

    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public string Sha256Hex() => Convert.ToHexString(_sha256.GetCurrentHash());

    public string? Sha512Hex() => _sha512 is null ? null : Convert.ToHexString(_sha512.GetCurrentHash());

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Append(buffer);
        _inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Append(buffer.Span);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
            _sha512?.Dispose();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _sha256.Dispose();
        _sha512?.Dispose();
        if (!_leaveOpen)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        _sha256.AppendData(data);
        _sha512?.AppendData(data);
        BytesWritten += data.Length;
    }
}
