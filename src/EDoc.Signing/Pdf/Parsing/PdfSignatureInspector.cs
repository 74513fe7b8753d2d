using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>The PDF side of one signature: where it is, what its dictionary says, and whether its ByteRange is sane.</summary>
internal sealed class PdfSignatureInfo
{
    /// <summary>The fully qualified field name.</summary>
    public required string FieldName { get; init; }

    /// <summary>The field (or merged field/widget) object, when indirect.</summary>
    public PdfReference? FieldReference { get; init; }

    /// <summary>The signature dictionary object, when indirect.</summary>
    public PdfReference? SignatureReference { get; init; }

    /// <summary>Whether the field is reachable from AcroForm /Fields (false: found only as a page widget, a pdfsig quirk).</summary>
    public bool InAcroForm { get; init; }

    /// <summary>/Type: <c>Sig</c> or <c>DocTimeStamp</c> (null when absent).</summary>
    public string? Type { get; init; }

    /// <summary>/Filter.</summary>
    public string? Filter { get; init; }

    /// <summary>/SubFilter, for example <c>ETSI.CAdES.detached</c>, <c>adbe.pkcs7.detached</c> or <c>ETSI.RFC3161</c>.</summary>
    public string? SubFilter { get; init; }

    /// <summary>/M as written.</summary>
    public string? SigningTimeText { get; init; }

    /// <summary>/M parsed, when it is a valid PDF date.</summary>
    public DateTimeOffset? SigningTime { get; init; }

    /// <summary>/Reason.</summary>
    public string? Reason { get; init; }

    /// <summary>/Location.</summary>
    public string? Location { get; init; }

    /// <summary>/ContactInfo.</summary>
    public string? ContactInfo { get; init; }

    /// <summary>/Name.</summary>
    public string? Name { get; init; }

    /// <summary>/ByteRange when it is an array of four integers.</summary>
    public long[]? ByteRange { get; init; }

    /// <summary>The decoded bytes of /Contents, including zero padding.</summary>
    public byte[] Contents { get; init; } = [];

    /// <summary>The offset of the /Contents string's <c>&lt;</c> in the file, or -1.</summary>
    public long ContentsStart { get; init; } = -1;

    /// <summary>The offset just after the /Contents string's <c>&gt;</c>, or -1.</summary>
    public long ContentsEnd { get; init; } = -1;

    /// <summary>Problems with the ByteRange (empty when sane).</summary>
    public IReadOnlyList<string> ByteRangeProblems { get; init; } = [];

    /// <summary>Whether the ByteRange passed every sanity check.</summary>
    public bool IsByteRangeSane => ByteRangeProblems.Count == 0;

    /// <summary>The index of the revision the signature covers (its ByteRange ends at that revision's end), or null.</summary>
    public int? CoveredRevision { get; init; }

    /// <summary>Whether the ByteRange covers the whole current file.</summary>
    public bool CoversWholeDocument { get; init; }

    /// <summary>The DocMDP permission level when this is the certification signature.</summary>
    public int? DocMdpPermissions { get; init; }

    /// <summary>What changed after the covered revision (null when the revision is unknown).</summary>
    public PdfRevisionDiffResult? Changes { get; init; }

    /// <summary>
    /// The CMS (or timestamp token) from /Contents with the zero padding removed: the first BER/DER value
    /// (indefinite lengths included, as poppler writes them); the raw bytes when they are not ASN.1.
    /// </summary>
    public byte[] GetCms()
    {
        byte[] c = Contents;
        try
        {
            System.Formats.Asn1.AsnDecoder.ReadEncodedValue(c, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out int consumed);
            return consumed == c.Length ? c : c.AsSpan(0, consumed).ToArray();
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return c;
        }
    }
}

/// <summary>Finds the signatures of a PDF and checks their ByteRange and revision coverage.</summary>
internal static class PdfSignatureInspector
{
    /// <summary>Lists every signed signature field (AcroForm fields, plus signature widgets only on pages), in file order of their signed ranges.</summary>
    public static List<PdfSignatureInfo> Inspect(PdfDocumentReader reader, bool includeChanges = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        PdfObjectView view = reader.Latest;
        PdfDictionary catalog = reader.Catalog;
        var result = new List<PdfSignatureInfo>();
        var seenSigDicts = new HashSet<int>();
        var seenFields = new HashSet<int>();
        int? docMdpSig = null;
        int? docMdpP = null;
        if (view.GetDictionary(catalog.Get("Perms")) is { } perms && perms.Get("DocMDP") is PdfReference dm)
        {
            docMdpSig = dm.Number;
            docMdpP = ReadDocMdpP(view, view.GetDictionary(dm));
        }

        foreach (PdfField f in PdfAcroForm.EnumerateFields(view, catalog))
        {
            if (f.FieldType != "Sig" || !f.IsTerminal || f.Dictionary.Get("V") is not { } v || view.GetDictionary(v) is not { } sig)
            {
                continue;
            }

            if (f.Reference is not null)
            {
                seenFields.Add(f.Reference.Number);
            }

            if (v is PdfReference vr && !seenSigDicts.Add(vr.Number))
            {
                continue;
            }

            result.Add(Build(reader, f.FullName, f.Reference, v as PdfReference, sig, true, docMdpSig, docMdpP, includeChanges));
        }

        foreach (PdfPage page in PdfPageTree.Enumerate(view, catalog))
        {
            if (view.GetArray(page.Dictionary.Get("Annots")) is not { } annots)
            {
                continue;
            }

            foreach (PdfObject a in annots.Items)
            {
                if (a is not PdfReference ar || seenFields.Contains(ar.Number) || view.GetDictionary(ar) is not { } w
                    || w.GetNameValue("Subtype") != "Widget" || view.GetName(w.Get("FT")) != "Sig" || w.Get("V") is not { } v
                    || view.GetDictionary(v) is not { } sig || (v is PdfReference vr && !seenSigDicts.Add(vr.Number)))
                {
                    continue;
                }

                string name = (view.Resolve(w.Get("T")) as PdfString)?.ToText() ?? string.Empty;
                result.Add(Build(reader, name, ar, v as PdfReference, sig, false, docMdpSig, docMdpP, includeChanges));
            }
        }

        result.Sort((x, y) => (x.ByteRange?[2] ?? long.MaxValue).CompareTo(y.ByteRange?[2] ?? long.MaxValue));
        return result;
    }

    /// <summary>Hashes the bytes covered by <paramref name="byteRange"/> while streaming them from <paramref name="stream"/>.</summary>
    public static byte[] ComputeDigest(Stream stream, long[] byteRange, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(byteRange);
        if (byteRange.Length % 2 != 0)
        {
            throw new ArgumentException("A ByteRange has pairs of offset and length.", nameof(byteRange));
        }

        using var hash = IncrementalHash.CreateHash(algorithm);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            for (int i = 0; i < byteRange.Length; i += 2)
            {
                long offset = byteRange[i];
                long remaining = byteRange[i + 1];
                if (offset < 0 || remaining < 0 || offset + remaining > stream.Length)
                {
                    throw new ArgumentException("The ByteRange lies outside the stream.", nameof(byteRange));
                }

                stream.Position = offset;
                while (remaining > 0)
                {
                    int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                    if (n <= 0)
                    {
                        throw new EndOfStreamException("The stream ended inside the ByteRange.");
                    }

                    hash.AppendData(buffer, 0, n);
                    remaining -= n;
                }
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a PDF date <c>D:YYYYMMDDHHmmSSOHH'mm'</c> (lenient about missing parts).</summary>
    public static DateTimeOffset? ParsePdfDate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        string s = text.StartsWith("D:", StringComparison.Ordinal) ? text[2..] : text;
        int[] parts = [0, 1, 1, 0, 0, 0];
        int[] widths = [4, 2, 2, 2, 2, 2];
        int pos = 0;
        for (int i = 0; i < parts.Length && pos + widths[i] <= s.Length && char.IsAsciiDigit(s[pos]); i++)
        {
            if (!int.TryParse(s.AsSpan(pos, widths[i]), NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return null;
            }

            pos += widths[i];
        }

        TimeSpan offset = TimeSpan.Zero;
        if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
        {
            int sign = s[pos] == '-' ? -1 : 1;
            string rest = s[(pos + 1)..].Replace("'", string.Empty, StringComparison.Ordinal);
            int hh = rest.Length >= 2 && int.TryParse(rest.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int h) ? h : 0;
            int mm = rest.Length >= 4 && int.TryParse(rest.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m) ? m : 0;
            offset = sign * new TimeSpan(hh, mm, 0);
        }

        try
        {
            return new DateTimeOffset(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int? ReadDocMdpP(PdfObjectView view, PdfDictionary? sig)
    {
        if (sig is null || view.GetArray(sig.Get("Reference")) is not { } refs)
        {
            return null;
        }

        foreach (PdfObject o in refs.Items)
        {
            if (view.GetDictionary(o) is { } r && view.GetName(r.Get("TransformMethod")) == "DocMDP")
            {
                return (int)(view.GetDictionary(r.Get("TransformParams")) is { } tp ? view.GetInteger(tp.Get("P")) ?? 2 : 2);
            }
        }

        return null;
    }

    private static PdfSignatureInfo Build(PdfDocumentReader reader, string fieldName, PdfReference? fieldRef, PdfReference? sigRef, PdfDictionary sig, bool inAcroForm, int? docMdpSig, int? docMdpP, bool includeChanges)
    {
        PdfObjectView view = reader.Latest;
        var problems = new List<string>();
        long[]? byteRange = null;
        if (view.Resolve(sig.Get("ByteRange")) is PdfArray br && br.Count == 4 && br.Items.TrueForAll(x => x is PdfInteger { Value: >= 0 }))
        {
            byteRange = [.. br.Items.Select(x => ((PdfInteger)x).Value)];
        }
        else
        {
            problems.Add("/ByteRange is missing or is not four non-negative integers.");
        }

        PdfString? contents = sig.Get("Contents") as PdfString;
        bool inObjectStream = sigRef is not null && view.Entries.TryGetValue(sigRef.Number, out PdfXrefEntry e) && e.Type != PdfXrefEntryType.InFile;
        if (contents is null)
        {
            problems.Add("/Contents is missing or is not a direct string.");
        }
        else if (!contents.IsHex)
        {
            problems.Add("/Contents is not a hexadecimal string.");
        }

        if (inObjectStream || sigRef is null)
        {
            problems.Add("the signature dictionary is not a plain indirect object in the file (its /Contents cannot be located).");
        }

        long cStart = inObjectStream || sigRef is null ? -1 : contents?.SourceStart ?? -1;
        long cEnd = inObjectStream || sigRef is null ? -1 : contents?.SourceEnd ?? -1;
        int? covered = null;
        bool whole = false;
        if (byteRange is not null)
        {
            long a = byteRange[0], b = byteRange[1], c = byteRange[2], d = byteRange[3];
            if (a != 0)
            {
                problems.Add("the first signed range does not start at offset 0.");
            }

            if (c < a + b)
            {
                problems.Add("the signed ranges overlap or are out of order.");
            }

            if (c + d > reader.Length)
            {
                problems.Add("the second signed range extends beyond the end of the file.");
            }

            if (cStart >= 0 && (a + b != cStart || c != cEnd))
            {
                problems.Add($"the gap between the signed ranges ({a + b}..{c}) is not exactly the /Contents string ({cStart}..{cEnd}).");
            }

            long end = c + d;
            whole = end == reader.Length;
            foreach (PdfRevision r in reader.Revisions)
            {
                if (r.EndOffset == end || (end < r.EndOffset && end >= r.EndOffset - 2 && IsEolOnly(reader, end, r.EndOffset)))
                {
                    covered = r.Index;
                    break;
                }
            }

            if (covered is null && !whole)
            {
                problems.Add("the signed range does not end at the end of a revision (%%EOF).");
            }
            else if (covered is null && whole)
            {
                covered = reader.Revisions.Count - 1;
            }

            if (covered is int cv && cStart >= 0 && (cStart < (cv > 0 ? reader.Revisions[cv - 1].EndOffset : 0) || cEnd > reader.Revisions[cv].EndOffset))
            {
                problems.Add("the /Contents string does not lie in the revision the signature covers.");
            }
        }

        string? m = (view.Resolve(sig.Get("M")) as PdfString)?.ToText();
        return new PdfSignatureInfo
        {
            FieldName = fieldName,
            FieldReference = fieldRef,
            SignatureReference = sigRef,
            InAcroForm = inAcroForm,
            Type = view.GetName(sig.Get("Type")),
            Filter = view.GetName(sig.Get("Filter")),
            SubFilter = view.GetName(sig.Get("SubFilter")),
            SigningTimeText = m,
            SigningTime = ParsePdfDate(m),
            Reason = Text(view, sig, "Reason"),
            Location = Text(view, sig, "Location"),
            ContactInfo = Text(view, sig, "ContactInfo"),
            Name = Text(view, sig, "Name"),
            ByteRange = byteRange,
            Contents = contents?.Bytes ?? [],
            ContentsStart = cStart,
            ContentsEnd = cEnd,
            ByteRangeProblems = problems,
            CoveredRevision = covered,
            CoversWholeDocument = whole,
            DocMdpPermissions = sigRef is not null && sigRef.Number == docMdpSig ? docMdpP ?? ReadDocMdpP(view, sig) : null,
            Changes = includeChanges && covered is int rev ? PdfRevisionDiff.Compare(reader, rev) : null,
        };
    }

    private static bool IsEolOnly(PdfDocumentReader reader, long from, long to)
    {
        Span<byte> b = stackalloc byte[2];
        int n = reader.ReadAt(from, b[..(int)(to - from)]);
        for (int i = 0; i < n; i++)
        {
            if (b[i] is not ((byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Text(PdfObjectView view, PdfDictionary d, string key) => (view.Resolve(d.Get(key)) as PdfString)?.ToText();
}
