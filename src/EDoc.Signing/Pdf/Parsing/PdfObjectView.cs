using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>Resolves objects as they were in one revision, with a cache and reference-cycle detection.</summary>
internal sealed class PdfObjectView
{
    private readonly PdfDocumentReader _reader;
    private readonly Dictionary<int, PdfObject> _cache = [];
    private readonly HashSet<int> _inProgress = [];

    public PdfObjectView(PdfDocumentReader reader, Dictionary<int, PdfXrefEntry> entries, int revisionIndex)
    {
        _reader = reader;
        Entries = entries;
        RevisionIndex = revisionIndex;
    }

    /// <summary>The merged cross-reference of the revision.</summary>
    public Dictionary<int, PdfXrefEntry> Entries { get; }

    /// <summary>The revision this view shows.</summary>
    public int RevisionIndex { get; }

    public PdfDocumentReader Reader => _reader;

    /// <summary>Follows references (chains included) until a direct object; a missing object resolves to <see cref="PdfNull"/>.</summary>
    public PdfObject? Resolve(PdfObject? obj)
    {
        int hops = 0;
        while (obj is PdfReference r)
        {
            if (++hops > _reader.Options.MaxDepth)
            {
                throw new PdfFormatException(r.Describe(), "a chain of references is too long or cyclic.");
            }

            obj = Get(r.Number);
        }

        return obj;
    }

    /// <summary>Whether <paramref name="number"/> is in use (not free) in this revision.</summary>
    public bool Exists(int number) => Entries.TryGetValue(number, out PdfXrefEntry e) && e.Type != PdfXrefEntryType.Free;

    /// <summary>Returns the object <paramref name="number"/> (the value written between <c>obj</c> and <c>endobj</c>).</summary>
    public PdfObject Get(int number)
    {
        if (_cache.TryGetValue(number, out PdfObject? cached))
        {
            return cached;
        }

        if (!Entries.TryGetValue(number, out PdfXrefEntry entry) || entry.Type == PdfXrefEntryType.Free)
        {
            return PdfNull.Instance;
        }

        if (!_inProgress.Add(number))
        {
            throw new PdfFormatException(PdfFormatException.AtObject(number, entry.Generation), "a reference cycle was found while loading this object.");
        }

        try
        {
            PdfObject value = _reader.LoadObject(number, entry, this);
            _cache[number] = value;
            return value;
        }
        finally
        {
            _inProgress.Remove(number);
        }
    }

    public PdfDictionary? GetDictionary(PdfObject? obj) => Resolve(obj) as PdfDictionary;

    public PdfArray? GetArray(PdfObject? obj) => Resolve(obj) as PdfArray;

    public long? GetInteger(PdfObject? obj) => Resolve(obj) is PdfInteger i ? i.Value : null;

    public string? GetName(PdfObject? obj) => (Resolve(obj) as PdfName)?.Value;
}
