using System.Security.Cryptography;
using EDoc.Interchange.EdXml;

namespace EDoc.Interchange.Tests.EdXml;

/// <summary>
/// Packing and unpacking stream the attachments: the bytes allocated while packing and unpacking a 64 MiB
/// attachment stay far below its size (a DOM or a Base64 string would allocate several times the size).
/// </summary>
[Collection(nameof(StreamingTestGroup))]
public sealed class EdXmlStreamingTests : IDisposable
{
    private const long Size = 64L * 1024 * 1024;
    private const long Budget = 8L * 1024 * 1024;
    private readonly string _directory = TestPackages.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task PackAndUnpack_64MiBAttachment_AllocatesFarLessThanTheAttachment()
    {
        var packagePath = Path.Combine(_directory, "big.edxml");
        var package = TestPackages.Minimal(EdXmlAttachment.FromStream("big.pdf", _ => ValueTask.FromResult<Stream>(new PseudoRandomStream(Size))));
        var writer = TestPackages.UncheckedWriter();
        var reader = new EdXmlReader();

        // Warm up both paths so that JIT and first-use allocations are not counted.
        await writer.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("w.pdf", new byte[1000])), Stream.Null);
        await reader.ReadAsync(new MemoryStream(await TestPackages.WriteAsync(TestPackages.Minimal(EdXmlAttachment.FromBytes("w.pdf", new byte[1000])))), new HashingSink());

        var beforePack = GC.GetTotalAllocatedBytes(precise: true);
        await writer.WriteToFileAsync(package, packagePath);
        var packAllocated = GC.GetTotalAllocatedBytes(precise: true) - beforePack;

        var sink = new HashingSink();
        var beforeUnpack = GC.GetTotalAllocatedBytes(precise: true);
        await using (var file = new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
        {
            await reader.ReadAsync(file, sink);
        }

        var unpackAllocated = GC.GetTotalAllocatedBytes(precise: true) - beforeUnpack;

        Assert.True(new FileInfo(packagePath).Length > Size * 4 / 3, "the package holds the Base64 of the whole attachment");
        Assert.Equal(Size, sink.Length);
        Assert.Equal(PseudoRandomStream.Sha256(Size), sink.Hash);
        Assert.True(packAllocated < Budget, $"packing allocated {packAllocated:N0} bytes");
        Assert.True(unpackAllocated < Budget, $"unpacking allocated {unpackAllocated:N0} bytes");
    }

    /// <summary>Deterministic pseudo-random bytes generated on the fly (nothing held in memory).</summary>
    private sealed class PseudoRandomStream(long length) : Stream
    {
        private long _position;
        private uint _state = 2463534242;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public static byte[] Sha256(long length)
        {
            using var stream = new PseudoRandomStream(length);
            return SHA256.HashData(stream);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                _state ^= _state << 13;
                _state ^= _state >> 17;
                _state ^= _state << 5;
                buffer[i] = (byte)_state;
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Hashes and counts an attachment without keeping it.</summary>
    private sealed class HashingSink : IEdXmlAttachmentSink
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Length { get; private set; }

        public byte[] Hash { get; private set; } = [];

        public ValueTask<Stream?> OpenAsync(EdXmlAttachment attachment, int index, CancellationToken cancellationToken)
            => ValueTask.FromResult<Stream?>(new HashStream(this));

        public ValueTask CloseAsync(EdXmlAttachment attachment, int index, Stream content, bool completed, CancellationToken cancellationToken)
        {
            Hash = _hash.GetHashAndReset();
            return ValueTask.CompletedTask;
        }

        private sealed class HashStream(HashingSink owner) : Stream
        {
            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => owner.Length;

            public override long Position
            {
                get => owner.Length;
                set => throw new NotSupportedException();
            }

            public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                owner._hash.AppendData(buffer);
                owner.Length += buffer.Length;
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Write(buffer.Span);
                return ValueTask.CompletedTask;
            }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}

/// <summary>Runs the allocation-measuring test alone, so other tests' allocations do not count.</summary>
[CollectionDefinition(nameof(StreamingTestGroup), DisableParallelization = true)]
public sealed class StreamingTestGroup
{
}
