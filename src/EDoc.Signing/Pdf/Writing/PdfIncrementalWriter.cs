using System.Buffers;
using System.Security.Cryptography;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>The bytes of one incremental update, ready to be appended after the original file.</summary>
internal sealed class PdfAppendix : IDisposable
{
    public PdfAppendix(PdfByteBuffer bytes, bool needsLeadingNewline, long baseOffset, Dictionary<int, long> bodyOffsets)
    {
        Bytes = bytes;
        NeedsLeadingNewline = needsLeadingNewline;
        BaseOffset = baseOffset;
        BodyOffsets = bodyOffsets;
    }

    /// <summary>The appended bytes (after the optional newline that separates them from the original).</summary>
    public PdfByteBuffer Bytes { get; }

    /// <summary>Whether a newline must be written between the original bytes and <see cref="Bytes"/>.</summary>
    public bool NeedsLeadingNewline { get; }

    /// <summary>The absolute offset of <see cref="Bytes"/>[0] in the output.</summary>
    public long BaseOffset { get; }

    /// <summary>For each written object, the absolute offset of its value (just after <c>N G obj\n</c>).</summary>
    public Dictionary<int, long> BodyOffsets { get; }

    /// <summary>The length of the whole output.</summary>
    public long OutputLength => BaseOffset + Bytes.Length;

    public void Dispose() => Bytes.Dispose();
}

/// <summary>
/// Collects new and changed objects and serializes them as an incremental update (ISO 32000-1 §7.5.6): the original
/// bytes stay untouched, and the new cross-reference section is of the same kind as the last one.
/// </summary>
internal sealed class PdfIncrementalWriter
{
    private readonly PdfDocumentReader _reader;
    private readonly SortedDictionary<int, PdfObject> _objects = [];
    private int _next;

    public PdfIncrementalWriter(PdfDocumentReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.WasRecovered)
        {
            throw new PdfFormatException("cross-reference", "the PDF's cross-reference is damaged (" + reader.RecoveryReason + "); repair the file before adding an incremental update.");
        }

        _reader = reader;
        _next = reader.Size;
    }

    public PdfDocumentReader Reader => _reader;

    /// <summary>Adds a new object and returns its reference.</summary>
    public PdfReference Add(PdfObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (_next >= _reader.Options.MaxObjects)
        {
            throw new EDocLimitExceededException("PDF", null, "MaxObjects", _reader.Options.MaxObjects);
        }

        var r = new PdfReference(_next++, 0);
        _objects[r.Number] = obj;
        return r;
    }

    /// <summary>Replaces an existing object (same object number and generation) in the new revision.</summary>
    public void Update(PdfReference reference, PdfObject obj)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(obj);
        _objects[reference.Number] = obj;
    }

    /// <summary>Whether an object is part of the update.</summary>
    public bool Contains(int number) => _objects.ContainsKey(number);

    /// <summary>Serializes the update for appending after <paramref name="sourceLength"/> bytes of original whose last byte is <paramref name="lastSourceByte"/>.</summary>
    public PdfAppendix Build(long sourceLength, int lastSourceByte)
    {
        if (_reader.WasRecovered)
        {
            throw new PdfFormatException("cross-reference", "the PDF's cross-reference is damaged (" + _reader.RecoveryReason + "); repair the file before adding an incremental update.");
        }

        HoistNestedStreams();
        bool newline = lastSourceByte is not ('\n' or '\r');
        long baseOffset = sourceLength + (newline ? 1 : 0);
        var buffer = new PdfByteBuffer(8192);
        var bodies = new Dictionary<int, long>();
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        try
        {
            foreach (KeyValuePair<int, PdfObject> o in _objects)
            {
                int generation = _reader.Entries.TryGetValue(o.Key, out PdfXrefEntry e) && e.Type == PdfXrefEntryType.InFile ? e.Generation : 0;
                offsets[o.Key] = (baseOffset + buffer.Length, generation);
                buffer.WriteInteger(o.Key);
                buffer.WriteByte((byte)' ');
                buffer.WriteInteger(generation);
                buffer.WriteAscii(" obj\n");
                bodies[o.Key] = baseOffset + buffer.Length;
                PdfObjectWriter.Write(buffer, o.Value, _reader.ReadRawStreamData);
                buffer.WriteAscii("\nendobj\n");
            }

            PdfDictionary trailer = BuildTrailer();
            long xrefOffset = baseOffset + buffer.Length;
            if (_reader.Revisions[^1].UsesXrefStream)
            {
                WriteXrefStream(buffer, trailer, offsets, xrefOffset);
            }
            else
            {
                WriteXrefTable(buffer, trailer, offsets);
            }

            buffer.WriteAscii("startxref\n");
            buffer.WriteInteger(xrefOffset);
            buffer.WriteAscii("\n%%EOF\n");
            return new PdfAppendix(buffer, newline, baseOffset, bodies);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> from its start to <paramref name="output"/>, feeding <paramref name="hash"/>
    /// when given, through the source's own copy loop (pooled chunks; a memory stream writes its buffer directly).
    /// </summary>
    public static async Task CopySourceAsync(Stream source, Stream output, IncrementalHash? hash, CancellationToken cancellationToken)
    {
        source.Position = 0;
        if (hash is null)
        {
            await source.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var hashing = new HashingWriteStream(output, hash);
        await source.CopyToAsync(hashing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the last byte of a seekable stream (-1 when empty) without moving its position afterwards.</summary>
    public static int LastByte(Stream source)
    {
        if (source.Length == 0)
        {
            return -1;
        }

        long saved = source.Position;
        source.Position = source.Length - 1;
        int b = source.ReadByte();
        source.Position = saved;
        return b;
    }

    /// <summary>Writes the whole update: copies the source, then appends. For updates that need no patching (DSS).</summary>
    public async Task WriteAsync(Stream source, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        using PdfAppendix appendix = Build(source.Length, LastByte(source));
        await CopySourceAsync(source, output, null, cancellationToken).ConfigureAwait(false);
        if (appendix.NeedsLeadingNewline)
        {
            output.WriteByte((byte)'\n');
        }

        await output.WriteAsync(appendix.Bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private PdfDictionary BuildTrailer()
    {
        PdfDictionary old = _reader.Trailer;
        var t = new PdfDictionary();
        t.Set("Size", new PdfInteger(_next));
        t.Set("Root", _reader.RootReference);
        if (old.Get("Info") is PdfReference info)
        {
            t.Set("Info", info);
        }

        byte[] second = PdfFileIdentifier.Create();
        byte[] first = _reader.Resolve(old.Get("ID")) is PdfArray id && id.Count >= 1 && _reader.Resolve(id[0]) is PdfString s0 ? s0.Bytes : second;
        t.Set("ID", new PdfArray([new PdfString(first, true), new PdfString(second, true)]));
        t.Set("Prev", new PdfInteger(_reader.Revisions[^1].StartXref));
        return t;
    }

    private static void WriteXrefTable(PdfByteBuffer buffer, PdfDictionary trailer, SortedDictionary<int, (long Offset, int Generation)> offsets)
    {
        buffer.WriteAscii("xref\n");
        int[] numbers = [.. offsets.Keys];
        int i = 0;
        Span<byte> line = stackalloc byte[20];
        while (i < numbers.Length)
        {
            int j = i;
            while (j + 1 < numbers.Length && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            buffer.WriteInteger(numbers[i]);
            buffer.WriteByte((byte)' ');
            buffer.WriteInteger(j - i + 1);
            buffer.WriteByte((byte)'\n');
            for (int k = i; k <= j; k++)
            {
                (long off, int gen) = offsets[numbers[k]];
                FormatDigits(line[..10], off);
                line[10] = (byte)' ';
                FormatDigits(line.Slice(11, 5), gen);
                line[16] = (byte)' ';
                line[17] = (byte)'n';
                line[18] = (byte)'\r';
                line[19] = (byte)'\n';
                buffer.Write(line);
            }

            i = j + 1;
        }

        buffer.WriteAscii("trailer\n");
        PdfObjectWriter.Write(buffer, trailer);
        buffer.WriteByte((byte)'\n');
    }

    private void WriteXrefStream(PdfByteBuffer buffer, PdfDictionary trailer, SortedDictionary<int, (long Offset, int Generation)> offsets, long xrefOffset)
    {
        int xrefNumber = _next++;
        trailer.Set("Size", new PdfInteger(_next));
        offsets[xrefNumber] = (xrefOffset, 0);
        int offsetWidth = 1;
        while (offsetWidth < 8 && xrefOffset >= 1L << (8 * offsetWidth))
        {
            offsetWidth++;
        }

        int[] numbers = [.. offsets.Keys];
        int row = 1 + offsetWidth + 2;
        byte[] data = new byte[numbers.Length * row];
        var index = new PdfArray();
        int i = 0;
        int p = 0;
        while (i < numbers.Length)
        {
            int j = i;
            while (j + 1 < numbers.Length && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            index.Add(new PdfInteger(numbers[i]));
            index.Add(new PdfInteger(j - i + 1));
            for (int k = i; k <= j; k++)
            {
                (long off, int gen) = offsets[numbers[k]];
                data[p++] = 1;
                for (int b = offsetWidth - 1; b >= 0; b--)
                {
                    data[p++] = (byte)(off >> (8 * b));
                }

                data[p++] = (byte)(gen >> 8);
                data[p++] = (byte)gen;
            }

            i = j + 1;
        }

        var dict = new PdfDictionary();
        dict.Set("Type", new PdfName("XRef"));
        foreach (KeyValuePair<string, PdfObject> e in trailer.Entries)
        {
            dict.Set(e.Key, e.Value);
        }

        dict.Set("W", new PdfArray([new PdfInteger(1), new PdfInteger(offsetWidth), new PdfInteger(2)]));
        dict.Set("Index", index);
        buffer.WriteInteger(xrefNumber);
        buffer.WriteAscii(" 0 obj\n");
        PdfObjectWriter.Write(buffer, new PdfStream(dict, data));
        buffer.WriteAscii("\nendobj\n");
    }

    private static void FormatDigits(Span<byte> destination, long value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Turns in-memory streams nested inside new objects into indirect objects of their own.</summary>
    private void HoistNestedStreams()
    {
        var pending = new Queue<PdfObject>(_objects.Values);
        var seen = new HashSet<PdfObject>(ReferenceEqualityComparer.Instance);
        var hoisted = new Dictionary<PdfObject, PdfReference>(ReferenceEqualityComparer.Instance);
        PdfReference Hoist(PdfDictionary s)
        {
            if (!hoisted.TryGetValue(s, out PdfReference? r))
            {
                r = Add(s);
                hoisted[s] = r;
            }

            return r;
        }

        while (pending.Count > 0)
        {
            PdfObject o = pending.Dequeue();
            if (!seen.Add(o))
            {
                continue;
            }

            switch (o)
            {
                case PdfDictionary d:
                    foreach (KeyValuePair<string, PdfObject> e in d.Entries.ToArray())
                    {
                        if (e.Value is PdfStream or PdfIndirectDictionary)
                        {
                            var s = (PdfDictionary)e.Value;
                            d.Set(e.Key, Hoist(s));
                            pending.Enqueue(s);
                        }
                        else if (e.Value is PdfDictionary or PdfArray)
                        {
                            pending.Enqueue(e.Value);
                        }
                    }

                    break;
                case PdfArray a:
                    for (int i = 0; i < a.Count; i++)
                    {
                        if (a[i] is PdfStream or PdfIndirectDictionary)
                        {
                            var s = (PdfDictionary)a[i];
                            a.Items[i] = Hoist(s);
                            pending.Enqueue(s);
                        }
                        else if (a[i] is PdfDictionary or PdfArray)
                        {
                            pending.Enqueue(a[i]);
                        }
                    }

                    break;
            }
        }
    }
}
