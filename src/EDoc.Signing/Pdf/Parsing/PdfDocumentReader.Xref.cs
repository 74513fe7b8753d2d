using System.Buffers;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Tokenization;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>Cross-reference chain loading and recovery.</summary>
internal sealed partial class PdfDocumentReader
{
    private bool _noRecovery;
    private Dictionary<int, PdfXrefEntry>? _scanned;

    private (PdfDictionary Trailer, PdfObjectView Latest, PdfReference Root, PdfDictionary Catalog) Initialize()
    {
        try
        {
            List<PdfXrefSection> sections = ReadChain();
            BuildRevisions(sections);
            return Finish(MergeTrailer(sections), MergeEntries(sections));
        }
        catch (PdfFormatException ex) when (Options.AllowRecovery && !_noRecovery && ex is not PdfEncryptedException)
        {
            _revisions.Clear();
            _objStmCache.Clear();
            WasRecovered = true;
            RecoveryReason = ex.Message;
            return Recover(ex);
        }
    }

    private (PdfDictionary, PdfObjectView, PdfReference, PdfDictionary) Finish(PdfDictionary trailer, Dictionary<int, PdfXrefEntry> merged)
    {
        if (trailer.ContainsKey("Encrypt"))
        {
            _noRecovery = true;
            throw new PdfEncryptedException("trailer");
        }

        var view = new PdfObjectView(this, merged, _revisions.Count - 1);
        PdfReference root = trailer.Get("Root") as PdfReference
            ?? throw new PdfFormatException("trailer", "the trailer has no /Root reference to the document catalog.");
        if (view.Resolve(root) is not PdfDictionary catalog)
        {
            throw new PdfFormatException(root.Describe(), "the document catalog (/Root) is missing or not a dictionary.");
        }

        return (trailer, view, root, catalog);
    }

    private List<PdfXrefSection> ReadChain()
    {
        long offset = FindStartXref();
        var sections = new List<PdfXrefSection>();
        var visited = new HashSet<long>();
        while (offset >= 0)
        {
            if (!visited.Add(offset))
            {
                _noRecovery = true;
                throw new PdfFormatException(PdfFormatException.AtOffset(offset), "the /Prev chain of cross-reference sections is cyclic.");
            }

            if (sections.Count >= Options.MaxXrefSections)
            {
                _noRecovery = true;
                throw new EDocLimitExceededException("PDF", PdfFormatException.AtOffset(offset), "MaxXrefSections", Options.MaxXrefSections);
            }

            PdfXrefSection section = ReadSectionAt(offset);
            sections.Add(section);
            offset = section.Trailer.Get("Prev") switch
            {
                PdfInteger p => p.Value,
                PdfReal r => (long)r.Value,
                _ => -1,
            };
        }

        return sections;
    }

    private long FindStartXref()
    {
        int tailLength = (int)Math.Min(Length, 2048);
        byte[] tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            int n = _input.ReadAt(Length - tailLength, tail.AsSpan(0, tailLength));
            int idx = tail.AsSpan(0, n).LastIndexOf("startxref"u8);
            if (idx < 0)
            {
                throw new PdfFormatException("end of file", "no 'startxref' found near the end of the file (truncated or not a PDF).");
            }

            _lexer.Position = Length - tailLength + idx + 9;
            PdfToken t = _lexer.Next();
            if (t.Kind != PdfTokenKind.Integer || t.Integer < 0 || t.Integer >= Length)
            {
                throw new PdfFormatException(PdfFormatException.AtOffset(Length - tailLength + idx), "the startxref value is missing or outside the file.");
            }

            return t.Integer;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }

    private PdfXrefSection ReadSectionAt(long offset)
    {
        if (offset < 0 || offset >= Length)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), "a cross-reference offset points outside the file.");
        }

        _lexer.Position = offset;
        PdfToken t = _lexer.Peek();
        PdfXrefSection section;
        if (t.IsKeyword("xref"))
        {
            section = ReadTable(offset);
        }
        else if (t.Kind == PdfTokenKind.Integer)
        {
            section = ReadXrefStream(offset);
        }
        else
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), "no cross-reference table or stream at this offset.");
        }

        return section;
    }

    private PdfXrefSection ReadTable(long offset)
    {
        _lexer.Position = offset;
        _lexer.Next(); // xref
        var entries = new Dictionary<int, PdfXrefEntry>();
        while (true)
        {
            PdfToken t = _lexer.Next();
            if (t.IsKeyword("trailer"))
            {
                break;
            }

            PdfToken c = _lexer.Next();
            if (t.Kind != PdfTokenKind.Integer || c.Kind != PdfTokenKind.Integer || t.Integer < 0 || c.Integer < 0)
            {
                throw new PdfFormatException(PdfFormatException.AtOffset(t.Start), "malformed cross-reference subsection header.");
            }

            if (t.Integer + c.Integer > Options.MaxObjects || entries.Count + c.Integer > Options.MaxObjects)
            {
                _noRecovery = true;
                throw new EDocLimitExceededException("PDF", PdfFormatException.AtOffset(t.Start), "MaxObjects", Options.MaxObjects, t.Integer + c.Integer);
            }

            for (long i = ReadTableEntriesExact(t.Integer, c.Integer, entries); i < c.Integer; i++)
            {
                PdfToken off = _lexer.Next();
                PdfToken gen = _lexer.Next();
                PdfToken kind = _lexer.Next();
                if (off.Kind != PdfTokenKind.Integer || gen.Kind != PdfTokenKind.Integer || kind.Kind != PdfTokenKind.Keyword)
                {
                    throw new PdfFormatException(PdfFormatException.AtOffset(off.Start), "malformed cross-reference entry.");
                }

                int number = (int)(t.Integer + i);
                PdfXrefEntry entry = kind.Text switch
                {
                    "n" => new PdfXrefEntry(PdfXrefEntryType.InFile, off.Integer, (int)gen.Integer),
                    "f" => new PdfXrefEntry(PdfXrefEntryType.Free, 0, (int)gen.Integer),
                    _ => throw new PdfFormatException(PdfFormatException.AtOffset(kind.Start), "a cross-reference entry must end with 'n' or 'f'."),
                };
                if (entry.Type == PdfXrefEntryType.InFile && entry.Offset == 0)
                {
                    entry = new PdfXrefEntry(PdfXrefEntryType.Free, 0, entry.Generation);
                }

                entries.TryAdd(number, entry);
            }
        }

        if (_parser.ParseObject() is not PdfDictionary trailer)
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), "the trailer is not a dictionary.");
        }

        long after = _lexer.Position;
        if (trailer.Get("XRefStm") is PdfInteger xs && xs.Value != offset)
        {
            try
            {
                PdfXrefSection hybrid = ReadXrefStream(xs.Value);
                foreach (KeyValuePair<int, PdfXrefEntry> e in hybrid.Entries)
                {
                    entries.TryAdd(e.Key, e.Value);
                }
            }
            catch (PdfFormatException) when (!_noRecovery)
            {
                // A broken /XRefStm in a hybrid file: readers that ignore it still work; keep the table.
            }
        }

        return new PdfXrefSection(offset, false, trailer, entries) { EndOffset = FindEof(after) };
    }

    /// <summary>
    /// Fast path for a classic cross-reference subsection written as the standard prescribes (ISO 32000-1 §7.5.4):
    /// <paramref name="count"/> entries of exactly 20 bytes, <c>nnnnnnnnnn ggggg n</c> plus a two-byte end of line.
    /// Reads entries straight from the bytes until one does not have that exact shape, leaves the lexer after the
    /// last entry read, and returns how many were read; the tokenizing loop takes over from there (tolerant of
    /// 19- or 21-byte entries and other producer quirks), so the result is the same either way.
    /// </summary>
    private long ReadTableEntriesExact(long first, long count, Dictionary<int, PdfXrefEntry> entries)
    {
        const int EntryLength = 20;
        const int EntriesPerChunk = 204;
        long position = _lexer.Position;
        while (position < Length && PdfLexer.IsWhitespace(_input.ByteAt(position)))
        {
            position++;
        }

        Span<byte> chunk = stackalloc byte[EntryLength * EntriesPerChunk];
        long done = 0;
        while (done < count)
        {
            int wanted = (int)Math.Min(EntriesPerChunk, count - done);
            int read = _input.ReadAt(position, chunk[..(wanted * EntryLength)]) / EntryLength;
            int parsed = 0;
            while (parsed < read && TryParseEntry(chunk.Slice(parsed * EntryLength, EntryLength), out long offset, out int generation, out bool inUse))
            {
                PdfXrefEntry entry = inUse && offset != 0
                    ? new PdfXrefEntry(PdfXrefEntryType.InFile, offset, generation)
                    : new PdfXrefEntry(PdfXrefEntryType.Free, 0, generation);
                entries.TryAdd((int)(first + done + parsed), entry);
                parsed++;
            }

            done += parsed;
            position += (long)parsed * EntryLength;
            if (parsed < wanted)
            {
                break;
            }
        }

        if (done > 0)
        {
            _lexer.Position = position;
        }

        return done;
    }

    private static bool TryParseEntry(ReadOnlySpan<byte> e, out long offset, out int generation, out bool inUse)
    {
        offset = 0;
        generation = 0;
        inUse = e[17] == 'n';
        if (e[10] != ' ' || e[16] != ' ' || (e[17] != 'n' && e[17] != 'f')
            || !((e[18] == ' ' && e[19] is (byte)'\r' or (byte)'\n') || (e[18] == '\r' && e[19] == '\n')))
        {
            return false;
        }

        for (int i = 0; i < 10; i++)
        {
            uint d = (uint)(e[i] - '0');
            if (d > 9)
            {
                return false;
            }

            offset = (offset * 10) + d;
        }

        for (int i = 11; i < 16; i++)
        {
            uint d = (uint)(e[i] - '0');
            if (d > 9)
            {
                return false;
            }

            generation = (generation * 10) + (int)d;
        }

        return true;
    }

    private PdfXrefSection ReadXrefStream(long offset)
    {
        _lexer.Position = offset;
        PdfToken numberToken = _lexer.Next();
        int number = numberToken.Kind == PdfTokenKind.Integer ? (int)Math.Clamp(numberToken.Integer, 0, int.MaxValue) : -1;
        if (ParseIndirectAt(offset, -1, null) is not PdfStream stream || stream.GetNameValue("Type") is not "XRef")
        {
            throw new PdfFormatException(PdfFormatException.AtOffset(offset), "expected a cross-reference stream (/Type /XRef).");
        }

        string where = PdfFormatException.AtOffset(offset);
        byte[] data = PdfFilters.Decode(ReadRawStreamData(stream), stream, o => o, Options.MaxStreamLength, where);
        if (stream.Get("W") is not PdfArray w || w.Count != 3 || w.Items.Exists(x => x is not PdfInteger { Value: >= 0 and <= 8 }))
        {
            throw new PdfFormatException(where, "the xref stream has an invalid /W array.");
        }

        int w0 = (int)((PdfInteger)w[0]).Value, w1 = (int)((PdfInteger)w[1]).Value, w2 = (int)((PdfInteger)w[2]).Value;
        int rowLength = w0 + w1 + w2;
        long size = (stream.Get("Size") as PdfInteger)?.Value ?? throw new PdfFormatException(where, "the xref stream has no /Size.");
        if (size < 0 || size > Options.MaxObjects)
        {
            _noRecovery = true;
            throw new EDocLimitExceededException("PDF", where, "MaxObjects", Options.MaxObjects, size);
        }

        var index = new List<(long Start, long Count)>();
        if (stream.Get("Index") is PdfArray ia)
        {
            for (int i = 0; i + 1 < ia.Count; i += 2)
            {
                if (ia[i] is not PdfInteger s || ia[i + 1] is not PdfInteger c || s.Value < 0 || c.Value < 0 || s.Value + c.Value > Options.MaxObjects)
                {
                    throw new PdfFormatException(where, "the xref stream has an invalid /Index array.");
                }

                index.Add((s.Value, c.Value));
            }
        }
        else
        {
            index.Add((0, size));
        }

        var entries = new Dictionary<int, PdfXrefEntry>();
        int pos = 0;
        foreach ((long start, long count) in index)
        {
            for (long i = 0; i < count; i++)
            {
                if (rowLength == 0 || pos + rowLength > data.Length)
                {
                    break;
                }

                long type = w0 == 0 ? 1 : ReadField(data, pos, w0);
                long f2 = ReadField(data, pos + w0, w1);
                long f3 = ReadField(data, pos + w0 + w1, w2);
                pos += rowLength;
                int objectNumber = (int)(start + i);
                PdfXrefEntry entry = type switch
                {
                    0 => new PdfXrefEntry(PdfXrefEntryType.Free, 0, (int)f3),
                    1 => new PdfXrefEntry(PdfXrefEntryType.InFile, f2, (int)f3),
                    2 => new PdfXrefEntry(PdfXrefEntryType.InObjectStream, f2, (int)f3),
                    _ => default,
                };
                if (type is >= 0 and <= 2)
                {
                    entries.TryAdd(objectNumber, entry);
                }
            }
        }

        long after = stream.DataOffset + stream.DataLength;
        return new PdfXrefSection(offset, true, stream, entries) { EndOffset = FindEof(after), StreamObjectNumber = number };
    }

    private static long ReadField(byte[] data, int pos, int width)
    {
        long v = 0;
        for (int i = 0; i < width; i++)
        {
            v = (v << 8) | data[pos + i];
        }

        return v;
    }

    /// <summary>The offset after the first <c>%%EOF</c> (plus its end-of-line) within a few KB after <paramref name="from"/>, or -1.</summary>
    private long FindEof(long from)
    {
        long hit = Find("%%EOF"u8, from, Math.Min(Length, from + 4096));
        if (hit < 0)
        {
            return -1;
        }

        long end = hit + 5;
        int b = _input.ByteAt(end);
        if (b == '\r')
        {
            end++;
            if (_input.ByteAt(end) == '\n')
            {
                end++;
            }
        }
        else if (b == '\n')
        {
            end++;
        }

        return end;
    }

    private void BuildRevisions(List<PdfXrefSection> sections)
    {
        // Sections are newest first. A section whose %%EOF lies after the end of the newer group belongs to the
        // same revision (linearized files: the first-page section precedes the main one in the file).
        var groups = new List<(List<PdfXrefSection> Sections, long End)>();
        foreach (PdfXrefSection s in sections)
        {
            if (groups.Count == 0)
            {
                groups.Add(([s], s.EndOffset < 0 ? Length : s.EndOffset));
                continue;
            }

            (List<PdfXrefSection> list, long end) = groups[^1];
            if (s.EndOffset < 0 || s.EndOffset >= end || s.Offset >= end)
            {
                list.Add(s);
                groups[^1] = (list, Math.Max(end, s.EndOffset));
            }
            else
            {
                groups.Add(([s], s.EndOffset));
            }
        }

        for (int i = groups.Count - 1; i >= 0; i--)
        {
            _revisions.Add(new PdfRevision(_revisions.Count, groups[i].Sections, groups[i].End));
        }
    }

    private static PdfDictionary MergeTrailer(List<PdfXrefSection> sections)
    {
        var trailer = new PdfDictionary(sections[0].Trailer);
        foreach (string key in new[] { "Root", "Info", "ID", "Encrypt" })
        {
            if (!trailer.ContainsKey(key))
            {
                foreach (PdfXrefSection s in sections)
                {
                    if (s.Trailer.Get(key) is { } v)
                    {
                        trailer.Set(key, v);
                        break;
                    }
                }
            }
        }

        return trailer;
    }

    private static Dictionary<int, PdfXrefEntry> MergeEntries(List<PdfXrefSection> sections)
    {
        var merged = new Dictionary<int, PdfXrefEntry>();
        foreach (PdfXrefSection s in sections)
        {
            foreach (KeyValuePair<int, PdfXrefEntry> e in s.Entries)
            {
                merged.TryAdd(e.Key, e.Value);
            }
        }

        return merged;
    }

    /// <summary>Scans the whole file for <c>N G obj</c> headers (later definitions win) and, optionally, trailers.</summary>
    private Dictionary<int, PdfXrefEntry> ScanFile(bool collectTrailers, out PdfDictionary? trailer)
    {
        var entries = new Dictionary<int, PdfXrefEntry>();
        trailer = ScanRange(0, Length, collectTrailers, (number, generation, offset) =>
        {
            if (entries.Count < Options.MaxObjects || entries.ContainsKey(number))
            {
                entries[number] = new PdfXrefEntry(PdfXrefEntryType.InFile, offset, generation);
            }
        });
        return entries;
    }

    /// <summary>
    /// Reports every <c>N G obj</c> header that starts in [<paramref name="from"/>, <paramref name="to"/>), once each and
    /// in file order, whether or not a cross-reference section lists it.
    /// </summary>
    /// <param name="from">The first offset to look at.</param>
    /// <param name="to">The offset to stop at (exclusive).</param>
    /// <param name="found">Called with the object number, generation and offset of each header.</param>
    internal void ScanObjectHeaders(long from, long to, Action<int, int, long> found) => ScanRange(from, to, false, found);

    private PdfDictionary? ScanRange(long from, long to, bool collectTrailers, Action<int, int, long> found)
    {
        PdfDictionary? trailer = null;
        to = Math.Min(to, Length);
        long lastReported = -1;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(65536);
        try
        {
            const int Overlap = 48;
            long pos = Math.Max(0, from);
            while (pos < to)
            {
                int n = _input.ReadAt(pos, chunk.AsSpan(0, (int)Math.Min(chunk.Length, to - pos)));
                if (n <= 0)
                {
                    break;
                }

                ReadOnlySpan<byte> span = chunk.AsSpan(0, n);
                int searchFrom = 0;
                while (true)
                {
                    int rel = span[searchFrom..].IndexOf("obj"u8);
                    if (rel < 0)
                    {
                        break;
                    }

                    int at = searchFrom + rel;
                    searchFrom = at + 3;
                    if (at + 3 < span.Length && PdfLexer.IsRegular(span[at + 3]))
                    {
                        continue;
                    }

                    if (TryParseObjectHeader(span, at, out int number, out int generation, out int headerStart) && pos + headerStart > lastReported
                        && (headerStart > 0 || pos == 0 || !PdfLexer.IsRegular(_input.ByteAt(pos - 1))))
                    {
                        lastReported = pos + headerStart;
                        found(number, generation, lastReported);
                    }
                }

                int tr = 0;
                while (collectTrailers && (tr = span[tr..].IndexOf("trailer"u8) is int r && r >= 0 ? tr + r : -1) >= 0)
                {
                    long saved = pos + tr + 7;
                    tr += 7;
                    try
                    {
                        _lexer.Position = saved;
                        if (_parser.ParseObject() is PdfDictionary d && d.ContainsKey("Root"))
                        {
                            trailer = d;
                        }
                    }
                    catch (PdfFormatException)
                    {
                        // Ignore a broken trailer candidate.
                    }
                }

                if (pos + n >= to)
                {
                    break;
                }

                pos += n - Overlap;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return trailer;
    }

    /// <summary>
    /// The offset of object <paramref name="number"/> found by scanning the file, used when the cross-reference
    /// points to the wrong place. Marks the reader as recovered.
    /// </summary>
    internal long? FindObjectByScanning(int number, string reason)
    {
        if (!Options.AllowRecovery)
        {
            return null;
        }

        _scanned ??= ScanFile(collectTrailers: false, out _);
        if (_scanned.TryGetValue(number, out PdfXrefEntry e))
        {
            WasRecovered = true;
            RecoveryReason ??= reason;
            return e.Offset;
        }

        return null;
    }

    private (PdfDictionary, PdfObjectView, PdfReference, PdfDictionary) Recover(PdfFormatException cause)
    {
        Dictionary<int, PdfXrefEntry> entries = ScanFile(collectTrailers: true, out PdfDictionary? trailer);

        if (entries.Count == 0)
        {
            throw new PdfFormatException(cause.Location, "the PDF is damaged and no objects could be recovered: " + cause.Reason, cause);
        }

        // Objects inside object streams, and a trailer from an xref stream or the catalog itself.
        var view = new PdfObjectView(this, entries, 0);
        var extra = new Dictionary<int, PdfXrefEntry>();
        PdfReference? catalogRef = null;
        foreach (KeyValuePair<int, PdfXrefEntry> e in entries.ToArray())
        {
            PdfObject? o;
            try
            {
                o = view.Resolve(new PdfReference(e.Key, e.Value.Generation));
            }
            catch (PdfFormatException)
            {
                continue;
            }

            if (o is PdfStream s && s.GetNameValue("Type") == "ObjStm")
            {
                try
                {
                    ObjectStreamData data = GetObjectStream(e.Key, view, PdfFormatException.AtObject(e.Key, 0));
                    for (int i = 0; i < data.Numbers.Length; i++)
                    {
                        extra.TryAdd(data.Numbers[i], new PdfXrefEntry(PdfXrefEntryType.InObjectStream, e.Key, i));
                    }
                }
                catch (PdfFormatException)
                {
                    // Skip a broken object stream.
                }
            }
            else if (o is PdfStream x && x.GetNameValue("Type") == "XRef" && x.ContainsKey("Root"))
            {
                trailer ??= x;
            }
            else if (o is PdfDictionary d && d.GetNameValue("Type") == "Catalog")
            {
                catalogRef = new PdfReference(e.Key, e.Value.Generation);
            }
        }

        foreach (KeyValuePair<int, PdfXrefEntry> e in extra)
        {
            entries.TryAdd(e.Key, e.Value);
        }

        var merged = new PdfDictionary();
        if (trailer is not null)
        {
            foreach (string key in new[] { "Root", "Info", "ID", "Encrypt" })
            {
                if (trailer.Get(key) is { } v)
                {
                    merged.Set(key, v);
                }
            }
        }

        if (!merged.ContainsKey("Root") && catalogRef is not null)
        {
            merged.Set("Root", catalogRef);
        }

        merged.Set("Size", new PdfInteger(entries.Count == 0 ? 1 : entries.Keys.Max() + 1L));
        _objStmCache.Clear();
        var section = new PdfXrefSection(-1, false, merged, entries) { EndOffset = Length };
        _revisions.Add(new PdfRevision(0, [section], Length));
        if (!merged.ContainsKey("Root"))
        {
            throw new PdfFormatException(cause.Location, "the PDF is damaged and no document catalog could be recovered: " + cause.Reason, cause);
        }

        return Finish(merged, entries);
    }

    private static bool TryParseObjectHeader(ReadOnlySpan<byte> span, int objAt, out int number, out int generation, out int start)
    {
        number = generation = start = 0;
        int i = objAt - 1;
        if (i < 0 || !PdfLexer.IsWhitespace(span[i]))
        {
            return false;
        }

        while (i >= 0 && PdfLexer.IsWhitespace(span[i]))
        {
            i--;
        }

        int genEnd = i + 1;
        while (i >= 0 && span[i] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        if (genEnd - (i + 1) is < 1 or > 5 || i < 0 || !PdfLexer.IsWhitespace(span[i]))
        {
            return false;
        }

        int genStart = i + 1;
        while (i >= 0 && PdfLexer.IsWhitespace(span[i]))
        {
            i--;
        }

        int numEnd = i + 1;
        while (i >= 0 && span[i] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        int numStart = i + 1;
        if (numEnd - numStart is < 1 or > 9 || (i >= 0 && PdfLexer.IsRegular(span[i])))
        {
            return false;
        }

        if (!int.TryParse(span[numStart..numEnd], out number) || !int.TryParse(span[genStart..genEnd], out generation) || generation > 65535)
        {
            return false;
        }

        start = numStart;
        return true;
    }
}
