using System.Buffers;
using System.Text;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Tokenization;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>
/// Reads the structure of a PDF from a seekable stream, starting at <c>startxref</c>: the chain of cross-reference
/// sections and revisions, and objects on demand. Never loads the whole file. Not thread-safe.
/// </summary>
internal sealed partial class PdfDocumentReader : IDisposable
{
    private const int ObjStmCacheSize = 4;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly PdfInput _input;
    private readonly PdfLexer _lexer;
    private readonly PdfObjectParser _parser;
    private readonly Dictionary<int, ObjectStreamData> _objStmCache = [];
    private readonly HashSet<int> _objStmLoading = [];
    private readonly List<PdfRevision> _revisions = [];
    private readonly PdfObjectView _latest;
    private readonly Dictionary<int, PdfObjectView> _views = [];
    private int _resolveDepth;

    private PdfDocumentReader(Stream stream, PdfReaderOptions options, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Options = options;
        _input = new PdfInput(stream);
        _lexer = new PdfLexer(_input, options.MaxStringLength);
        _parser = new PdfObjectParser(_lexer, options);
        Length = _input.Length;
        try
        {
            (Trailer, _latest, RootReference, Catalog) = Initialize();
        }
        catch
        {
            _input.Dispose();
            throw;
        }
    }

    /// <summary>The options the reader enforces.</summary>
    public PdfReaderOptions Options { get; }

    /// <summary>The length of the file in bytes.</summary>
    public long Length { get; }

    /// <summary>The revisions, oldest first; the last one is the current document.</summary>
    public IReadOnlyList<PdfRevision> Revisions => _revisions;

    /// <summary>The trailer of the newest revision (with /Root, /Info, /ID, /Size).</summary>
    public PdfDictionary Trailer { get; }

    /// <summary>The reference of the document catalog.</summary>
    public PdfReference RootReference { get; }

    /// <summary>The document catalog of the current revision.</summary>
    public PdfDictionary Catalog { get; }

    /// <summary>Whether the cross-reference had to be rebuilt by scanning the file.</summary>
    public bool WasRecovered { get; private set; }

    /// <summary>Why recovery was needed, when <see cref="WasRecovered"/>.</summary>
    public string? RecoveryReason { get; private set; }

    /// <summary>The merged cross-reference of the current revision.</summary>
    public IReadOnlyDictionary<int, PdfXrefEntry> Entries => _latest.Entries;

    /// <summary>The view of the current revision.</summary>
    public PdfObjectView Latest => _latest;

    /// <summary>One more than the highest object number in use (at least the trailer /Size).</summary>
    public int Size
    {
        get
        {
            long size = (Trailer.Get("Size") as PdfInteger)?.Value ?? 0;
            foreach (int n in _latest.Entries.Keys)
            {
                size = Math.Max(size, (long)n + 1);
            }

            return (int)Math.Min(size, int.MaxValue);
        }
    }

    /// <summary>Opens a PDF. The stream must be readable and seekable; it is read lazily and never modified.</summary>
    /// <exception cref="PdfFormatException">The PDF is malformed beyond recovery.</exception>
    /// <exception cref="PdfEncryptedException">The PDF is encrypted.</exception>
    /// <exception cref="EDocLimitExceededException">The PDF exceeds a limit of <paramref name="options"/>.</exception>
    public static PdfDocumentReader Open(Stream stream, PdfReaderOptions? options = null, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new PdfDocumentReader(stream, options ?? PdfReaderOptions.Default, leaveOpen);
    }

    /// <summary>Resolves a reference in the current revision; other objects are returned as they are.</summary>
    public PdfObject? Resolve(PdfObject? obj) => (_latest ?? throw new InvalidOperationException("The reader is not initialized.")).Resolve(obj);

    /// <summary>The view of the document as it was in revision <paramref name="index"/>.</summary>
    public PdfObjectView GetView(int index)
    {
        if (index == _revisions.Count - 1)
        {
            return _latest;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _revisions.Count);
        if (!_views.TryGetValue(index, out PdfObjectView? view))
        {
            var map = new Dictionary<int, PdfXrefEntry>();
            for (int r = index; r >= 0; r--)
            {
                foreach (PdfXrefSection s in _revisions[r].Sections)
                {
                    foreach (KeyValuePair<int, PdfXrefEntry> e in s.Entries)
                    {
                        map.TryAdd(e.Key, e.Value);
                    }
                }
            }

            view = new PdfObjectView(this, map, index);
            _views[index] = view;
        }

        return view;
    }

    /// <summary>Reads the raw (encoded) bytes of a stream from the file.</summary>
    public byte[] ReadRawStreamData(PdfStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Data is not null)
        {
            return stream.Data;
        }

        if (stream.DataLength > Options.MaxStreamLength)
        {
            throw new EDocLimitExceededException("PDF", PdfFormatException.AtOffset(stream.DataOffset), "MaxStreamLength", Options.MaxStreamLength, stream.DataLength);
        }

        byte[] data = new byte[stream.DataLength];
        if (_input.ReadAt(stream.DataOffset, data) != data.Length)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(stream.DataOffset), "stream data extends beyond the end of the file.");
        }

        return data;
    }

    /// <summary>Reads and decodes the data of a stream (FlateDecode with predictors).</summary>
    public byte[] ReadStreamData(PdfStream stream, PdfObjectView? view = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] raw = ReadRawStreamData(stream);
        view ??= _latest;
        Func<PdfObject?, PdfObject?> resolve = view is null ? static o => o : view.Resolve;
        return PdfFilters.Decode(raw, stream, resolve, Options.MaxStreamLength, PdfFormatException.AtOffset(stream.DataOffset));
    }

    /// <summary>Reads bytes of the file at an offset (for checks around signature /Contents).</summary>
    public int ReadAt(long offset, Span<byte> destination) => _input.ReadAt(offset, destination);

    public void Dispose()
    {
        _input.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    internal PdfObject LoadObject(int number, PdfXrefEntry entry, PdfObjectView view)
    {
        if (++_resolveDepth > Options.MaxDepth)
        {
            _resolveDepth--;
            throw new EDocLimitExceededException("PDF", PdfFormatException.AtObject(number, entry.Generation), "MaxDepth", Options.MaxDepth);
        }

        try
        {
            return entry.Type switch
            {
                PdfXrefEntryType.InFile => ParseInFile(number, entry, view),
                PdfXrefEntryType.InObjectStream => LoadFromObjectStream(number, (int)entry.Offset, entry.Generation, view),
                _ => PdfNull.Instance,
            };
        }
        finally
        {
            _resolveDepth--;
        }
    }

    private PdfObject ParseInFile(int number, PdfXrefEntry entry, PdfObjectView view)
    {
        try
        {
            return ParseIndirectAt(entry.Offset, number, view);
        }
        catch (PdfFormatException ex) when (ex.Reason.StartsWith("expected", StringComparison.Ordinal) || ex.Reason.Contains("outside the file", StringComparison.Ordinal))
        {
            long? repaired = FindObjectByScanning(number, ex.Message);
            if (repaired is null || repaired == entry.Offset)
            {
                throw;
            }

            return ParseIndirectAt(repaired.Value, number, view);
        }
    }

    private PdfObject ParseIndirectAt(long offset, int expectedNumber, PdfObjectView? view)
    {
        // Formatted only when an error is thrown: this runs for every object read.
        if (offset < 0 || offset >= Length)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), $"the cross-reference points object {expectedNumber} outside the file.");
        }

        _lexer.Position = offset;
        PdfToken num = _lexer.Next();
        PdfToken gen = _lexer.Next();
        PdfToken obj = _lexer.Next();
        if (num.Kind != PdfTokenKind.Integer || gen.Kind != PdfTokenKind.Integer || !obj.IsKeyword("obj"))
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), $"expected 'N G obj' for object {expectedNumber}.");
        }

        if (expectedNumber >= 0 && num.Integer != expectedNumber)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), $"expected object {expectedNumber} but found object {num.Integer}.");
        }

        PdfObject value = _parser.ParseObject();
        PdfToken after = _lexer.Next();
        if (!after.IsKeyword("stream"))
        {
            return value;
        }

        if (value is not PdfDictionary dict)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), "a stream must start with a dictionary.");
        }

        long dataStart = after.End;
        int b = _input.ByteAt(dataStart);
        if (b == '\r')
        {
            dataStart += _input.ByteAt(dataStart + 1) == '\n' ? 2 : 1;
        }
        else if (b == '\n')
        {
            dataStart++;
        }

        long length = -1;
        PdfObject? lengthObj = dict.Get("Length");
        if (lengthObj is PdfReference && view is not null)
        {
            try
            {
                lengthObj = view.Resolve(lengthObj);
            }
            catch (PdfFormatException)
            {
                lengthObj = null;
            }
        }

        if (lengthObj is PdfInteger li && li.Value >= 0 && dataStart + li.Value <= Length && EndstreamFollows(dataStart + li.Value))
        {
            length = li.Value;
        }
        else
        {
            length = FindEndstream(dataStart, offset);
        }

        return new PdfStream(dict, dataStart, length);
    }

    private bool EndstreamFollows(long position)
    {
        Span<byte> probe = stackalloc byte[32];
        int n = _input.ReadAt(position, probe);
        ReadOnlySpan<byte> s = probe[..n];
        int i = 0;
        while (i < s.Length && PdfLexer.IsWhitespace(s[i]))
        {
            i++;
        }

        return s[i..].StartsWith("endstream"u8);
    }

    private long FindEndstream(long dataStart, long objectOffset)
    {
        long limit = Math.Min(Length, dataStart + Options.MaxStreamLength + 16);
        long hit = Find("endstream"u8, dataStart, limit);
        if (hit < 0)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(objectOffset), "the stream has a wrong /Length and no 'endstream' keyword was found.");
        }

        long end = hit;
        if (end > dataStart && _input.ByteAt(end - 1) == '\n')
        {
            end--;
        }

        if (end > dataStart && _input.ByteAt(end - 1) == '\r')
        {
            end--;
        }

        return end - dataStart;
    }

    /// <summary>Finds <paramref name="pattern"/> in [from, to) scanning forward in pooled chunks; -1 if absent.</summary>
    private long Find(ReadOnlySpan<byte> pattern, long from, long to)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(65536);
        try
        {
            long pos = from;
            while (pos < to)
            {
                int want = (int)Math.Min(chunk.Length, to - pos);
                int n = _input.ReadAt(pos, chunk.AsSpan(0, want));
                if (n <= 0)
                {
                    return -1;
                }

                int idx = chunk.AsSpan(0, n).IndexOf(pattern);
                if (idx >= 0)
                {
                    return pos + idx;
                }

                if (pos + n >= to)
                {
                    return -1;
                }

                pos += n - pattern.Length + 1;
            }

            return -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private sealed class ObjectStreamData(byte[] data, int[] numbers, long[] offsets)
    {
        public byte[] Data { get; } = data;

        public int[] Numbers { get; } = numbers;

        public long[] Offsets { get; } = offsets;
    }

    private PdfObject LoadFromObjectStream(int number, int streamNumber, int index, PdfObjectView view)
    {
        string where = PdfFormatException.AtObject(number, 0);
        ObjectStreamData data = GetObjectStream(streamNumber, view, where);
        int i = index >= 0 && index < data.Numbers.Length && data.Numbers[index] == number ? index : Array.IndexOf(data.Numbers, number);
        if (i < 0)
        {
            throw new PdfFormatException(where, $"object {number} is not in object stream {streamNumber}.");
        }

        using var input = new PdfInput(new MemoryStream(data.Data, false));
        var lexer = new PdfLexer(input, Options.MaxStringLength) { Position = data.Offsets[i] };
        var parser = new PdfObjectParser(lexer, Options);
        PdfObject value = parser.ParseObject();
        return value;
    }

    private ObjectStreamData GetObjectStream(int streamNumber, PdfObjectView view, string where)
    {
        if (_objStmCache.TryGetValue(streamNumber, out ObjectStreamData? cached))
        {
            return cached;
        }

        if (!_objStmLoading.Add(streamNumber))
        {
            throw new PdfFormatException(where, $"object stream {streamNumber} refers to itself (object-stream loop).");
        }

        try
        {
            if (!view.Entries.TryGetValue(streamNumber, out PdfXrefEntry e) || e.Type != PdfXrefEntryType.InFile)
            {
                throw new PdfFormatException(where, $"object stream {streamNumber} is not a plain object in the file (object-stream loop or missing object).");
            }

            if (view.Resolve(new PdfReference(streamNumber, e.Generation)) is not PdfStream s || s.GetNameValue("Type") is not "ObjStm")
            {
                throw new PdfFormatException(PdfFormatException.AtObject(streamNumber, e.Generation), "expected an object stream (/Type /ObjStm).");
            }

            long n = (view.Resolve(s.Get("N")) as PdfInteger)?.Value ?? -1;
            long first = (view.Resolve(s.Get("First")) as PdfInteger)?.Value ?? -1;
            if (n < 0 || first < 0 || n > Options.MaxObjects)
            {
                throw new PdfFormatException(PdfFormatException.AtObject(streamNumber, e.Generation), "the object stream has an invalid /N or /First.");
            }

            byte[] decoded = ReadStreamData(s, view);
            if (first > decoded.Length)
            {
                throw new PdfFormatException(PdfFormatException.AtObject(streamNumber, e.Generation), "/First lies beyond the object stream data.");
            }

            var numbers = new int[n];
            var offsets = new long[n];
            using (var input = new PdfInput(new MemoryStream(decoded, 0, (int)first, false)))
            {
                var lexer = new PdfLexer(input, 64);
                for (int k = 0; k < n; k++)
                {
                    PdfToken a = lexer.Next();
                    PdfToken b = lexer.Next();
                    if (a.Kind != PdfTokenKind.Integer || b.Kind != PdfTokenKind.Integer || a.Integer < 0 || b.Integer < 0 || first + b.Integer > decoded.Length)
                    {
                        throw new PdfFormatException(PdfFormatException.AtObject(streamNumber, e.Generation), "the object stream header is malformed.");
                    }

                    numbers[k] = (int)Math.Min(a.Integer, int.MaxValue);
                    offsets[k] = first + b.Integer;
                }
            }

            var result = new ObjectStreamData(decoded, numbers, offsets);
            if (_objStmCache.Count >= ObjStmCacheSize)
            {
                _objStmCache.Clear();
            }

            _objStmCache[streamNumber] = result;
            return result;
        }
        finally
        {
            _objStmLoading.Remove(streamNumber);
        }
    }

    internal static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
