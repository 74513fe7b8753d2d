using System.Globalization;
using System.Text;

namespace EDoc.Signing.Pdf.Objects;

/// <summary>The base of the PDF object model (ISO 32000-1 §7.3).</summary>
internal abstract class PdfObject
{
    public override string ToString() => Writing.PdfObjectWriter.ToDebugString(this);
}

/// <summary>The null object.</summary>
internal sealed class PdfNull : PdfObject
{
    public static readonly PdfNull Instance = new();

    private PdfNull()
    {
    }
}

/// <summary>A boolean object.</summary>
internal sealed class PdfBoolean : PdfObject
{
    public static readonly PdfBoolean True = new(true);
    public static readonly PdfBoolean False = new(false);

    private PdfBoolean(bool value) => Value = value;

    public bool Value { get; }

    public static PdfBoolean Get(bool value) => value ? True : False;
}

/// <summary>An integer object.</summary>
internal sealed class PdfInteger(long value) : PdfObject
{
    public long Value { get; } = value;
}

/// <summary>A real number object.</summary>
internal sealed class PdfReal(double value) : PdfObject
{
    public double Value { get; } = value;
}

/// <summary>A name object; the value is the decoded name without the leading slash.</summary>
internal sealed class PdfName(string value) : PdfObject, IEquatable<PdfName>
{
    public string Value { get; } = value;

    public bool Equals(PdfName? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as PdfName);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}

/// <summary>A literal or hexadecimal string; <see cref="SourceStart"/>/<see cref="SourceEnd"/> locate it in the file when parsed from one.</summary>
internal sealed class PdfString(byte[] bytes, bool isHex) : PdfObject
{
    public byte[] Bytes { get; } = bytes;

    public bool IsHex { get; } = isHex;

    /// <summary>Offset of the opening delimiter in the file, or -1.</summary>
    public long SourceStart { get; init; } = -1;

    /// <summary>Offset just after the closing delimiter in the file, or -1.</summary>
    public long SourceEnd { get; init; } = -1;

    public static PdfString FromText(string text)
    {
        bool ascii = true;
        foreach (char c in text)
        {
            if (c > 0x7E || (c < 0x20 && c != '\n' && c != '\r' && c != '\t'))
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return new PdfString(Encoding.ASCII.GetBytes(text), false);
        }

        byte[] utf16 = Encoding.BigEndianUnicode.GetBytes(text);
        byte[] withBom = new byte[utf16.Length + 2];
        withBom[0] = 0xFE;
        withBom[1] = 0xFF;
        utf16.CopyTo(withBom, 2);
        return new PdfString(withBom, false);
    }

    /// <summary>Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding approximated by Latin-1).</summary>
    public string ToText()
    {
        byte[] b = Bytes;
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(b, 2, b.Length - 2);
        }

        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(b, 3, b.Length - 3);
        }

        return Encoding.Latin1.GetString(b);
    }
}

/// <summary>An indirect reference <c>N G R</c>.</summary>
internal sealed class PdfReference(int number, int generation) : PdfObject, IEquatable<PdfReference>
{
    public int Number { get; } = number;

    public int Generation { get; } = generation;

    public bool Equals(PdfReference? other) => other is not null && other.Number == Number && other.Generation == Generation;

    public override bool Equals(object? obj) => Equals(obj as PdfReference);

    public override int GetHashCode() => HashCode.Combine(Number, Generation);

    public string Describe() => PdfFormatException.AtObject(Number, Generation);
}

/// <summary>An array object.</summary>
internal sealed class PdfArray : PdfObject
{
    public PdfArray()
    {
        Items = [];
    }

    public PdfArray(IEnumerable<PdfObject> items)
    {
        Items = [.. items];
    }

    public List<PdfObject> Items { get; }

    public int Count => Items.Count;

    public PdfObject this[int index] => Items[index];

    public void Add(PdfObject item) => Items.Add(item);

    public static PdfArray OfNumbers(params double[] values)
    {
        var a = new PdfArray();
        foreach (double v in values)
        {
            a.Add(v == Math.Floor(v) && Math.Abs(v) < 1e15 ? new PdfInteger((long)v) : new PdfReal(v));
        }

        return a;
    }
}

/// <summary>A dictionary object; keeps insertion order so that rewritten objects stay recognisable.</summary>
internal class PdfDictionary : PdfObject
{
    private readonly List<KeyValuePair<string, PdfObject>> _entries;

    public PdfDictionary()
    {
        _entries = [];
    }

    public PdfDictionary(PdfDictionary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _entries = [.. other._entries];
    }

    public int Count => _entries.Count;

    public IEnumerable<KeyValuePair<string, PdfObject>> Entries => _entries;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (KeyValuePair<string, PdfObject> e in _entries)
            {
                yield return e.Key;
            }
        }
    }

    public PdfObject? this[string key]
    {
        get => Get(key);
        set
        {
            if (value is null)
            {
                Remove(key);
            }
            else
            {
                Set(key, value);
            }
        }
    }

    public PdfObject? Get(string key)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return _entries[i].Value;
            }
        }

        return null;
    }

    public bool ContainsKey(string key) => Get(key) is not null;

    public void Set(string key, PdfObject value)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                _entries[i] = new(key, value);
                return;
            }
        }

        _entries.Add(new(key, value));
    }

    public bool Remove(string key)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                _entries.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns the name value of <paramref name="key"/> when it is a direct name.</summary>
    public string? GetNameValue(string key) => (Get(key) as PdfName)?.Value;
}

/// <summary>
/// A stream: its dictionary plus either the location of its encoded data in the file (lazy) or in-memory encoded data.
/// </summary>
internal sealed class PdfStream : PdfDictionary
{
    /// <summary>Creates a stream parsed from a file whose data is read lazily.</summary>
    public PdfStream(PdfDictionary dictionary, long dataOffset, long dataLength)
        : base(dictionary)
    {
        DataOffset = dataOffset;
        DataLength = dataLength;
    }

    /// <summary>Creates a new in-memory stream; <see cref="PdfDictionary"/> /Length is written from the data.</summary>
    public PdfStream(PdfDictionary dictionary, byte[] encodedData)
        : base(dictionary)
    {
        ArgumentNullException.ThrowIfNull(encodedData);
        Data = encodedData;
        DataOffset = -1;
        DataLength = encodedData.Length;
    }

    public long DataOffset { get; }

    public long DataLength { get; }

    public byte[]? Data { get; }
}

/// <summary>A new dictionary that the incremental writer turns into an indirect object of its own when it is nested
/// inside another new object (e.g. a font descriptor, which must be indirect).</summary>
internal sealed class PdfIndirectDictionary : PdfDictionary
{
}

/// <summary>Value conversions used by the parser and writer.</summary>
internal static class PdfObjectExtensions
{
    public static bool TryGetNumber(this PdfObject? o, out double value)
    {
        switch (o)
        {
            case PdfInteger i:
                value = i.Value;
                return true;
            case PdfReal r:
                value = r.Value;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    public static string FormatReal(double v)
    {
        if (v == Math.Floor(v) && Math.Abs(v) < 1e15)
        {
            return ((long)v).ToString(CultureInfo.InvariantCulture);
        }

        string s = v.ToString("0.######", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }
}

/// <summary>Copies caller-supplied object graphs so that writing one document never mutates them.</summary>
internal static class PdfObjectCloner
{
    /// <summary>Deep-copies dictionaries, arrays and in-memory streams (depth-bounded); other objects are immutable and shared.</summary>
    public static PdfObject DeepClone(PdfObject obj, int depth = 0) => DeepClone(obj, depth, new Dictionary<PdfObject, PdfObject>(ReferenceEqualityComparer.Instance));

    private static PdfObject DeepClone(PdfObject obj, int depth, Dictionary<PdfObject, PdfObject> shared)
    {
        ArgumentNullException.ThrowIfNull(obj);
        // Streams and indirect dictionaries keep their identity inside one graph, so a shared image is written once.
        if ((obj is PdfStream || obj is PdfIndirectDictionary) && shared.TryGetValue(obj, out PdfObject? done))
        {
            return done;
        }

        if (depth > 256)
        {
            throw new ArgumentException("The object graph is too deep (more than 256 levels) or cyclic.", nameof(obj));
        }

        switch (obj)
        {
            case PdfStream s:
                var sd = new PdfDictionary();
                foreach (KeyValuePair<string, PdfObject> e in s.Entries)
                {
                    sd.Set(e.Key, DeepClone(e.Value, depth + 1, shared));
                }

                PdfStream sc = s.Data is not null ? new PdfStream(sd, s.Data) : new PdfStream(sd, s.DataOffset, s.DataLength);
                shared[s] = sc;
                return sc;
            case PdfIndirectDictionary id:
                var idc = new PdfIndirectDictionary();
                shared[id] = idc;
                foreach (KeyValuePair<string, PdfObject> e in id.Entries)
                {
                    idc.Set(e.Key, DeepClone(e.Value, depth + 1, shared));
                }

                return idc;
            case PdfDictionary d:
                var copy = new PdfDictionary();
                foreach (KeyValuePair<string, PdfObject> e in d.Entries)
                {
                    copy.Set(e.Key, DeepClone(e.Value, depth + 1, shared));
                }

                return copy;
            case PdfArray a:
                var arr = new PdfArray();
                foreach (PdfObject o in a.Items)
                {
                    arr.Add(DeepClone(o, depth + 1, shared));
                }

                return arr;
            default:
                return obj;
        }
    }
}
