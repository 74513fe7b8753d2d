using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>How serious a change made after a signature is, from harmless to not allowed for any DocMDP level.</summary>
internal enum PdfChangeKind
{
    /// <summary>No change (or only structural objects such as xref streams and object streams).</summary>
    None = 0,

    /// <summary>Only later signatures (fields, signature dictionaries, widgets, appearances), DSS/VRI data, and document metadata (/Info, XMP) updates.</summary>
    SignaturesAndDss = 1,

    /// <summary>Form fill-in: new values of existing, not read-only form fields, with their appearances.</summary>
    FormFill = 2,

    /// <summary>Annotations (non-widget) added; changing or removing one present when signed is <see cref="Other"/>.</summary>
    Annotations = 3,

    /// <summary>Anything else: page content, page objects, resources, other catalog entries, deleted objects.</summary>
    Other = 4,
}

/// <summary>One object changed after the covered revision, with the reason for its classification.</summary>
internal sealed record PdfObjectChange(int ObjectNumber, bool IsNew, PdfChangeKind Kind, string Reason);

/// <summary>
/// The changes made after a revision, classified. <see cref="AddsApprovalSignatures"/> tells DSS and document
/// timestamps (allowed even under DocMDP P=1) apart from new approval signatures (allowed from P=2).
/// </summary>
internal sealed record PdfRevisionDiffResult(int RevisionIndex, PdfChangeKind Overall, IReadOnlyList<PdfObjectChange> Changes, bool AddsApprovalSignatures = false);

/// <summary>Compares a revision with the current document and classifies each changed object (what PAdES validators call the revision diff).</summary>
internal static class PdfRevisionDiff
{
    private static readonly HashSet<string> AllowedCatalogKeys = new(StringComparer.Ordinal) { "DSS", "AcroForm", "Extensions", "Metadata" };
    private static readonly HashSet<string> AllowedAcroFormKeys = new(StringComparer.Ordinal) { "Fields", "SigFlags", "DR", "DA" };
    private static readonly HashSet<string> FormFillKeys = new(StringComparer.Ordinal) { "V", "AP", "AS" };

    /// <summary>Classifies everything that changed after revision <paramref name="revisionIndex"/>.</summary>
    public static PdfRevisionDiffResult Compare(PdfDocumentReader reader, int revisionIndex)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int last = reader.Revisions.Count - 1;
        var changes = new List<PdfObjectChange>();
        AddUnlistedObjects(reader, revisionIndex, changes);
        if (revisionIndex >= last)
        {
            return Result(revisionIndex, changes, false);
        }

        PdfObjectView old = reader.GetView(revisionIndex);
        PdfObjectView cur = reader.Latest;
        var ctx = new Context(reader, old, cur, reader.Revisions[revisionIndex].EndOffset);
        var changed = new SortedSet<int>();
        for (int r = revisionIndex + 1; r <= last; r++)
        {
            changed.UnionWith(reader.Revisions[r].ObjectNumbers);
            foreach (PdfXrefSection s in reader.Revisions[r].Sections)
            {
                if (s.IsStream)
                {
                    ctx.Structural.Add(s.StreamObjectNumber);
                }
            }
        }

        changed.Remove(0);
        bool rootReplaced = false;
        if (RootOf(reader, revisionIndex) is { } oldRoot && oldRoot.Number != ctx.CatalogNumber)
        {
            rootReplaced = true;
            changes.Add(new PdfObjectChange(ctx.CatalogNumber, !old.Exists(ctx.CatalogNumber), PdfChangeKind.Other, $"the trailer /Root points to another document catalog (object {ctx.CatalogNumber}) than when signed (object {oldRoot.Number})"));
        }

        FindFilledDanglingReferences(ctx, changed);
        bool approvals = false;
        foreach (int n in changed)
        {
            if (!old.Exists(n) && cur.Exists(n) && cur.Get(n) is PdfDictionary sd and not PdfStream && sd.ContainsKey("ByteRange")
                && sd.GetNameValue("Type") != "DocTimeStamp" && sd.GetNameValue("SubFilter") != "ETSI.RFC3161")
            {
                approvals = true;
            }

            if (rootReplaced && n == ctx.CatalogNumber)
            {
                continue;
            }

            PdfObjectChange? c = Classify(ctx, n);
            if (c is not null)
            {
                changes.Add(c);
            }
        }

        return Result(revisionIndex, changes, approvals);
    }

    private static PdfRevisionDiffResult Result(int revisionIndex, List<PdfObjectChange> changes, bool approvals)
    {
        PdfChangeKind overall = changes.Count == 0 ? PdfChangeKind.None : changes.Max(c => c.Kind);
        return new PdfRevisionDiffResult(revisionIndex, overall, changes, approvals);
    }

    /// <summary>The /Root of revision <paramref name="index"/> (from the newest trailer up to it that has one).</summary>
    private static PdfReference? RootOf(PdfDocumentReader reader, int index)
    {
        for (int r = index; r >= 0; r--)
        {
            foreach (PdfXrefSection s in reader.Revisions[r].Sections)
            {
                if (s.Trailer.Get("Root") is PdfReference root)
                {
                    return root;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Object definitions written after revision <paramref name="revisionIndex"/> that no later cross-reference
    /// section lists: objects appended without an xref, or hidden by an xref that lists something else. This reader
    /// ignores them, but readers that rebuild the cross-reference (as most viewers do on a damaged file) show them.
    /// </summary>
    private static void AddUnlistedObjects(PdfDocumentReader reader, int revisionIndex, List<PdfObjectChange> changes)
    {
        long from = reader.Revisions[revisionIndex].EndOffset;
        if (from < 0 || from >= reader.Length)
        {
            return;
        }

        var listed = new HashSet<long>();
        for (int r = revisionIndex + 1; r < reader.Revisions.Count; r++)
        {
            foreach (PdfXrefSection s in reader.Revisions[r].Sections)
            {
                listed.Add(s.Offset);
                if (s.Trailer.Get("XRefStm") is PdfInteger hybrid)
                {
                    listed.Add(hybrid.Value);
                }

                foreach (PdfXrefEntry e in s.Entries.Values)
                {
                    if (e.Type == PdfXrefEntryType.InFile)
                    {
                        listed.Add(e.Offset);
                    }
                }
            }
        }

        var unlisted = new List<(int Number, long Offset)>();
        reader.ScanObjectHeaders(from, reader.Length, (number, _, offset) =>
        {
            if (!listed.Contains(offset) && unlisted.Count < 100)
            {
                unlisted.Add((number, offset));
            }
        });
        if (unlisted.Count == 0)
        {
            return;
        }

        // An "N G obj" inside the data of a listed stream (an embedded file, a font) is not a definition.
        List<(long Start, long End)> streamData = ListedStreamData(reader, revisionIndex);
        foreach ((int number, long offset) in unlisted)
        {
            if (!streamData.Exists(d => offset >= d.Start && offset < d.End))
            {
                changes.Add(new PdfObjectChange(number, false, PdfChangeKind.Other, $"object {number} is defined at offset {offset}, after signing, but is not listed in any cross-reference section (a change hidden from readers that follow the xref)"));
            }
        }
    }

    private static List<(long Start, long End)> ListedStreamData(PdfDocumentReader reader, int revisionIndex)
    {
        var result = new List<(long, long)>();
        for (int r = revisionIndex + 1; r < reader.Revisions.Count; r++)
        {
            PdfObjectView view = reader.GetView(r);
            foreach (PdfXrefSection s in reader.Revisions[r].Sections)
            {
                if (s.Trailer is PdfStream xs && xs.DataOffset >= 0)
                {
                    result.Add((xs.DataOffset, xs.DataOffset + xs.DataLength));
                }

                foreach (KeyValuePair<int, PdfXrefEntry> e in s.Entries)
                {
                    if (e.Value.Type != PdfXrefEntryType.InFile)
                    {
                        continue;
                    }

                    try
                    {
                        if (view.Get(e.Key) is PdfStream st && st.DataOffset >= 0)
                        {
                            result.Add((st.DataOffset, st.DataOffset + st.DataLength));
                        }
                    }
                    catch (PdfFormatException)
                    {
                        // A broken object cannot hide a definition; the scan result stands.
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// New objects that nothing changed after signing refers to, but that signed objects referred to while they were
    /// missing (a dangling reference drew nothing when signed and draws the new object now).
    /// </summary>
    private static void FindFilledDanglingReferences(Context ctx, SortedSet<int> changed)
    {
        var candidates = new HashSet<int>();
        foreach (int n in changed)
        {
            if (!ctx.Old.Exists(n) && ctx.Cur.Exists(n) && !ctx.Structural.Contains(n))
            {
                candidates.Add(n);
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        var referenced = new HashSet<int>();
        CollectReferenceNumbers(ctx.Reader.Trailer, referenced, 0);
        foreach (int n in changed)
        {
            if (ctx.Cur.Exists(n))
            {
                CollectReferenceNumbers(SafeGet(ctx.Cur, n), referenced, 0);
            }
        }

        candidates.ExceptWith(referenced);
        if (candidates.Count == 0)
        {
            return;
        }

        var fromSigned = new HashSet<int>();
        foreach (int n in ctx.Old.Entries.Keys)
        {
            if (ctx.Old.Exists(n) && !changed.Contains(n))
            {
                fromSigned.Clear();
                CollectReferenceNumbers(SafeGet(ctx.Old, n), fromSigned, 0);
                fromSigned.IntersectWith(candidates);
                ctx.FilledDangling.UnionWith(fromSigned);
            }
        }
    }

    private static PdfObject? SafeGet(PdfObjectView view, int n)
    {
        try
        {
            return view.Get(n);
        }
        catch (PdfFormatException)
        {
            return null;
        }
    }

    private static void CollectReferenceNumbers(PdfObject? obj, HashSet<int> target, int depth)
    {
        if (depth > 32)
        {
            return;
        }

        switch (obj)
        {
            case PdfReference r:
                target.Add(r.Number);
                break;
            case PdfArray a:
                foreach (PdfObject o in a.Items)
                {
                    CollectReferenceNumbers(o, target, depth + 1);
                }

                break;
            case PdfDictionary d:
                foreach (KeyValuePair<string, PdfObject> e in d.Entries)
                {
                    CollectReferenceNumbers(e.Value, target, depth + 1);
                }

                break;
        }
    }

    /// <summary>
    /// Whether object <paramref name="n"/> now resolves to a definition inside the signed bytes that was not the one
    /// in use when signed: an xref entry pointing back into signed bytes (hide-and-replace).
    /// </summary>
    private static bool PointsIntoSignedBytes(Context ctx, int n)
    {
        if (!ctx.Cur.Entries.TryGetValue(n, out PdfXrefEntry e))
        {
            return false;
        }

        ctx.Old.Entries.TryGetValue(n, out PdfXrefEntry before);
        if (e == before)
        {
            return false;
        }

        return e.Type switch
        {
            PdfXrefEntryType.InFile => e.Offset < ctx.SignedEnd,
            PdfXrefEntryType.InObjectStream => ctx.Cur.Entries.TryGetValue((int)Math.Clamp(e.Offset, 0, int.MaxValue), out PdfXrefEntry objStm)
                && objStm.Type == PdfXrefEntryType.InFile && objStm.Offset < ctx.SignedEnd,
            _ => false,
        };
    }

    private static PdfObjectChange? Classify(Context ctx, int n)
    {
        bool existedBefore = ctx.Old.Exists(n);
        bool existsNow = ctx.Cur.Exists(n);
        if (!existsNow)
        {
            return existedBefore ? new PdfObjectChange(n, false, PdfChangeKind.Other, "object deleted") : null;
        }

        PdfObject now = ctx.Cur.Get(n);
        PdfObject? before = existedBefore ? ctx.Old.Get(n) : null;
        if (before is PdfDictionary oldSig and not PdfStream && oldSig.ContainsKey("ByteRange")
            && (!DeepEquals(ctx, before, now, 0) || ctx.Cur.Entries[n] != ctx.Old.Entries[n]))
        {
            // Even an identical copy moves /Contents away from the gap between the signed ranges.
            return new PdfObjectChange(n, false, PdfChangeKind.Other, "a signature dictionary present when signed was redefined (signature wrapping)");
        }

        if (before is not null && DeepEquals(ctx, before, now, 0))
        {
            return null;
        }

        bool isNew = before is null;
        if (PointsIntoSignedBytes(ctx, n))
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.Other, $"object {n} now resolves to a definition inside the signed bytes that was not in use when signed (hide-and-replace)");
        }

        if (ctx.Structural.Contains(n) || (now is PdfStream st && st.GetNameValue("Type") is "XRef" or "ObjStm"))
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.None, "cross-reference or object stream");
        }

        if (ctx.FilledDangling.Contains(n))
        {
            return new PdfObjectChange(n, true, PdfChangeKind.Other, $"object {n} was missing when signed although signed content referred to it; a later revision supplied it (hide-and-replace)");
        }


        if (n == ctx.CatalogNumber)
        {
            return ClassifyCatalog(ctx, n, before as PdfDictionary, (PdfDictionary)now);
        }

        if (n == ctx.AcroFormNumber)
        {
            // A new indirect AcroForm is compared with the old one, which may have been direct in the catalog.
            PdfDictionary? oldAcro = before as PdfDictionary ?? (ctx.Old.GetDictionary(ctx.Old.Get(ctx.CatalogNumber)) is { } oldCatalog ? ctx.Old.GetDictionary(oldCatalog.Get("AcroForm")) : null);
            return ClassifyAcroForm(ctx, n, isNew, oldAcro, now as PdfDictionary);
        }

        if (n == ctx.FieldsArrayNumber)
        {
            return ClassifyAddedFields(ctx, n, isNew, before as PdfArray, now as PdfArray);
        }

        if (ctx.SignatureValueByField.TryGetValue(n, out _) && before is PdfDictionary oldField && oldField.Get("V") is { } oldV
            && now is PdfDictionary newField && !DeepEquals(ctx, oldV, newField.Get("V"), 0))
        {
            return new PdfObjectChange(n, false, PdfChangeKind.Other, "the value of an already signed signature field was replaced");
        }

        if (ctx.Signature.Contains(n))
        {
            return !isNew && ctx.SignedBefore.Contains(n)
                ? new PdfObjectChange(n, false, PdfChangeKind.Other, "a signature field that was already signed, its widget or its appearance was changed")
                : new PdfObjectChange(n, isNew, PdfChangeKind.SignaturesAndDss, "signature field, signature dictionary or its appearance");
        }

        if (ctx.Dss.Contains(n))
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.SignaturesAndDss, "document security store (DSS/VRI) data");
        }

        if (ctx.Pages.Contains(n) && !isNew)
        {
            return ClassifyPage(ctx, n, (PdfDictionary)before!, now as PdfDictionary);
        }

        if (ctx.AnnotsArrays.Contains(n) && !isNew)
        {
            return ClassifyAnnotsChange(ctx, n, false, before as PdfArray, now as PdfArray);
        }

        if (ctx.FormField.Contains(n))
        {
            if (ctx.ReadOnlyFilled.Contains(n))
            {
                return new PdfObjectChange(n, isNew, PdfChangeKind.Other, "the value of a read-only form field was changed");
            }

            if (!ctx.Filled.Contains(n))
            {
                return new PdfObjectChange(n, isNew, PdfChangeKind.Other, "a form field's dictionary or appearance changed although its value did not change (not a form fill-in)");
            }

            if (isNew)
            {
                return new PdfObjectChange(n, true, PdfChangeKind.FormFill, "appearance of a form field");
            }

            if (before is PdfDictionary bd && now is PdfDictionary nd)
            {
                List<string> keys = ChangedKeys(ctx, bd, nd);
                return keys.TrueForAll(FormFillKeys.Contains)
                    ? new PdfObjectChange(n, false, PdfChangeKind.FormFill, "form field value or appearance (" + string.Join(", ", keys) + ")")
                    : new PdfObjectChange(n, false, PdfChangeKind.Other, "form field changed beyond fill-in (" + string.Join(", ", keys) + ")");
            }

            return new PdfObjectChange(n, false, PdfChangeKind.FormFill, "appearance stream of a form field");
        }

        if (ctx.Annotation.Contains(n) || (now is PdfDictionary ad && ad.GetNameValue("Type") == "Annot" && ad.GetNameValue("Subtype") is { } sub && sub != "Widget"))
        {
            // Adding annotations is what DocMDP P=3 allows; changing one that was present when signed changes what
            // was signed (a shadow attack hides or swaps content with an annotation appearance prepared before signing).
            return isNew
                ? new PdfObjectChange(n, true, PdfChangeKind.Annotations, "annotation or its appearance added")
                : new PdfObjectChange(n, false, PdfChangeKind.Other, "an annotation present when signed, or its appearance, was changed");
        }

        if (n == ctx.InfoNumber || n == ctx.MetadataNumber)
        {
            // Signing tools in append mode (iText, VGCA plugins) update /ModDate, /Producer and the XMP metadata.
            return new PdfObjectChange(n, isNew, PdfChangeKind.SignaturesAndDss, n == ctx.InfoNumber ? "document information dictionary updated" : "XMP metadata updated");
        }

        if (isNew)
        {
            return new PdfObjectChange(n, true, PdfChangeKind.None, "new object; its effect is judged by the changed objects that reference it");
        }

        return new PdfObjectChange(n, false, PdfChangeKind.Other, DescribeOther(now));
    }

    private static string DescribeOther(PdfObject now) => now switch
    {
        PdfStream s when s.GetNameValue("Subtype") == "Form" => "form XObject changed",
        PdfStream s when s.GetNameValue("Subtype") == "Image" => "image changed",
        PdfStream => "stream changed (for example page content)",
        PdfDictionary d when d.GetNameValue("Type") is { } t => "/" + t + " object changed",
        _ => "object changed",
    };

    private static PdfObjectChange ClassifyCatalog(Context ctx, int n, PdfDictionary? before, PdfDictionary now)
    {
        if (before is null)
        {
            return new PdfObjectChange(n, true, PdfChangeKind.Other, "the document catalog was replaced");
        }

        List<string> keys = ChangedKeys(ctx, before, now);
        List<string> other = keys.FindAll(k => !AllowedCatalogKeys.Contains(k));
        if (other.Count > 0)
        {
            return new PdfObjectChange(n, false, PdfChangeKind.Other, "catalog entries changed: " + string.Join(", ", other));
        }

        if (keys.Contains("AcroForm") && now.Get("AcroForm") is PdfDictionary newAcro)
        {
            PdfObjectChange inner = ClassifyAcroForm(ctx, n, false, ctx.Old.GetDictionary(before.Get("AcroForm")), newAcro);
            if (inner.Kind > PdfChangeKind.SignaturesAndDss)
            {
                return inner;
            }
        }

        return new PdfObjectChange(n, false, PdfChangeKind.SignaturesAndDss, "catalog changed only by " + string.Join(", ", keys));
    }

    private static PdfObjectChange ClassifyAcroForm(Context ctx, int n, bool isNew, PdfDictionary? before, PdfDictionary? now)
    {
        if (now is null)
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.Other, "the AcroForm was removed");
        }

        before ??= new PdfDictionary();
        List<string> keys = ChangedKeys(ctx, before, now);
        List<string> other = keys.FindAll(k => !AllowedAcroFormKeys.Contains(k));
        if (other.Count > 0)
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.Other, "AcroForm entries changed: " + string.Join(", ", other));
        }

        if (keys.Contains("Fields") && now.Get("Fields") is PdfArray newFields)
        {
            return ClassifyAddedFields(ctx, n, isNew, ctx.Old.GetArray(before.Get("Fields")), newFields);
        }

        return new PdfObjectChange(n, isNew, PdfChangeKind.SignaturesAndDss, "AcroForm signature flags or resources");
    }

    private static PdfObjectChange ClassifyAddedFields(Context ctx, int n, bool isNew, PdfArray? before, PdfArray? now)
    {
        if (now is null)
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.Other, "the form field list was removed");
        }

        var oldRefs = RefNumbers(before);
        var newRefs = RefNumbers(now);
        if (!oldRefs.IsSubsetOf(newRefs))
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.Other, "form fields were removed");
        }

        foreach (int added in newRefs)
        {
            if (!oldRefs.Contains(added) && !ctx.Signature.Contains(added))
            {
                return new PdfObjectChange(n, isNew, PdfChangeKind.Other, $"a non-signature form field (object {added}) was added");
            }
        }

        return new PdfObjectChange(n, isNew, PdfChangeKind.SignaturesAndDss, "signature fields appended to the form");
    }

    private static PdfObjectChange ClassifyPage(Context ctx, int n, PdfDictionary before, PdfDictionary? now)
    {
        if (now is null)
        {
            return new PdfObjectChange(n, false, PdfChangeKind.Other, "a page was replaced by a non-dictionary");
        }

        List<string> keys = ChangedKeys(ctx, before, now);
        if (keys.Count == 1 && keys[0] == "Annots")
        {
            return ClassifyAnnotsChange(ctx, n, false, ctx.Old.GetArray(before.Get("Annots")), ctx.Cur.GetArray(now.Get("Annots")));
        }

        return new PdfObjectChange(n, false, PdfChangeKind.Other, "page changed: " + string.Join(", ", keys));
    }

    private static PdfObjectChange ClassifyAnnotsChange(Context ctx, int n, bool isNew, PdfArray? before, PdfArray? now)
    {
        var oldRefs = RefNumbers(before);
        var newRefs = RefNumbers(now);
        PdfChangeKind kind = PdfChangeKind.None;
        string reason = "annotations list unchanged";
        if (!oldRefs.IsSubsetOf(newRefs))
        {
            return new PdfObjectChange(n, isNew, PdfChangeKind.Other, "annotations present when signed were removed from a page");
        }

        foreach (int added in newRefs)
        {
            if (oldRefs.Contains(added))
            {
                continue;
            }

            if (ctx.Signature.Contains(added))
            {
                if (kind < PdfChangeKind.SignaturesAndDss)
                {
                    kind = PdfChangeKind.SignaturesAndDss;
                    reason = "signature widgets added to a page";
                }
            }
            else if (ctx.Cur.GetDictionary(new PdfReference(added, 0)) is { } d && d.GetNameValue("Subtype") == "Widget")
            {
                return new PdfObjectChange(n, isNew, PdfChangeKind.Other, $"a form field widget (object {added}) was added to a page");
            }
            else if (kind < PdfChangeKind.Annotations)
            {
                kind = PdfChangeKind.Annotations;
                reason = "annotations added to a page";
            }
        }

        return new PdfObjectChange(n, isNew, kind, reason);
    }

    private static HashSet<int> RefNumbers(PdfArray? array)
    {
        var set = new HashSet<int>();
        if (array is not null)
        {
            foreach (PdfObject o in array.Items)
            {
                if (o is PdfReference r)
                {
                    set.Add(r.Number);
                }
            }
        }

        return set;
    }

    private static List<string> ChangedKeys(Context ctx, PdfDictionary a, PdfDictionary b)
    {
        var keys = new List<string>();
        foreach (string k in a.Keys)
        {
            if (!DeepEquals(ctx, a.Get(k), b.Get(k), 0))
            {
                keys.Add(k);
            }
        }

        foreach (string k in b.Keys)
        {
            if (!a.ContainsKey(k))
            {
                keys.Add(k);
            }
        }

        return keys;
    }

    private static bool DeepEquals(Context ctx, PdfObject? a, PdfObject? b, int depth)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || depth > 64)
        {
            return false;
        }

        switch (a)
        {
            case PdfReference ra:
                return b is PdfReference rb && ra.Number == rb.Number;
            case PdfInteger or PdfReal:
                return b is PdfInteger or PdfReal && a.TryGetNumber(out double x) && b.TryGetNumber(out double y) && x == y;
            case PdfName na:
                return na.Equals(b as PdfName);
            case PdfBoolean ba:
                return b is PdfBoolean bb && ba.Value == bb.Value;
            case PdfNull:
                return b is PdfNull;
            case PdfString sa:
                return b is PdfString sb && sa.Bytes.AsSpan().SequenceEqual(sb.Bytes);
            case PdfArray aa:
                if (b is not PdfArray ab || aa.Count != ab.Count)
                {
                    return false;
                }

                for (int i = 0; i < aa.Count; i++)
                {
                    if (!DeepEquals(ctx, aa[i], ab[i], depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case PdfStream sa2:
                if (b is not PdfStream sb2 || !DictEquals(ctx, sa2, sb2, depth) || sa2.DataLength != sb2.DataLength)
                {
                    return false;
                }

                if (sa2.DataOffset == sb2.DataOffset)
                {
                    return true;
                }

                return sa2.DataLength <= 1 << 20 && ctx.Reader.ReadRawStreamData(sa2).AsSpan().SequenceEqual(ctx.Reader.ReadRawStreamData(sb2));
            case PdfDictionary da:
                return b is PdfDictionary db && b is not PdfStream && DictEquals(ctx, da, db, depth);
            default:
                return false;
        }
    }

    private static bool DictEquals(Context ctx, PdfDictionary a, PdfDictionary b, int depth)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, PdfObject> e in a.Entries)
        {
            if (string.Equals(e.Key, "Length", StringComparison.Ordinal) && a is PdfStream)
            {
                continue;
            }

            if (!DeepEquals(ctx, e.Value, b.Get(e.Key), depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Object sets of the current document used to classify changes.</summary>
    private sealed class Context
    {
        public Context(PdfDocumentReader reader, PdfObjectView old, PdfObjectView cur, long signedEnd)
        {
            Reader = reader;
            Old = old;
            Cur = cur;
            SignedEnd = signedEnd;
            CatalogNumber = reader.RootReference.Number;
            InfoNumber = (reader.Trailer.Get("Info") as PdfReference)?.Number ?? -1;
            PdfDictionary catalog = reader.Catalog;
            MetadataNumber = (catalog.Get("Metadata") as PdfReference)?.Number ?? -1;
            AcroFormNumber = (catalog.Get("AcroForm") as PdfReference)?.Number ?? -1;
            PdfDictionary? acro = cur.GetDictionary(catalog.Get("AcroForm"));
            FieldsArrayNumber = (acro?.Get("Fields") as PdfReference)?.Number ?? -1;
            foreach (PdfField f in PdfAcroForm.EnumerateFields(cur, catalog))
            {
                bool isSignature = f.FieldType == "Sig";
                var own = new HashSet<int>();
                PdfDictionary? oldField = f.Reference is not null && old.Exists(f.Reference.Number) ? old.GetDictionary(f.Reference) : null;
                if (f.Reference is not null)
                {
                    own.Add(f.Reference.Number);
                    if (isSignature)
                    {
                        SignatureValueByField[f.Reference.Number] = f.Dictionary.Get("V");
                    }
                }

                if (isSignature && f.Dictionary.Get("V") is PdfReference v)
                {
                    own.Add(v.Number);
                }

                AddAppearances(f.Dictionary, own);
                foreach (PdfReference w in f.WidgetReferences)
                {
                    own.Add(w.Number);
                    if (cur.GetDictionary(w) is { } wd)
                    {
                        AddAppearances(wd, own);
                    }
                }

                (isSignature ? Signature : FormField).UnionWith(own);
                if (isSignature)
                {
                    if (oldField?.Get("V") is not null)
                    {
                        SignedBefore.UnionWith(own);
                    }
                }
                else if (oldField is null || !DeepEquals(this, old.Resolve(oldField.Get("V")), cur.Resolve(f.Dictionary.Get("V")), 0))
                {
                    Filled.UnionWith(own);
                    if (oldField is not null && IsReadOnly(old, oldField))
                    {
                        ReadOnlyFilled.UnionWith(own);
                    }
                }
            }

            foreach (PdfPage page in PdfPageTree.Enumerate(cur, catalog))
            {
                Pages.Add(page.Reference.Number);
                PdfObject? annotsObj = page.Dictionary.Get("Annots");
                if (annotsObj is PdfReference ar)
                {
                    AnnotsArrays.Add(ar.Number);
                }

                if (cur.GetArray(annotsObj) is not { } annots)
                {
                    continue;
                }

                foreach (PdfObject a in annots.Items)
                {
                    if (a is not PdfReference r || cur.GetDictionary(r) is not { } ad)
                    {
                        continue;
                    }

                    if (ad.GetNameValue("Subtype") == "Widget")
                    {
                        if (IsSignatureWidget(ad))
                        {
                            Signature.Add(r.Number);
                            if (ad.Get("V") is PdfReference sv)
                            {
                                Signature.Add(sv.Number);
                            }

                            AddAppearances(ad, Signature);
                        }
                    }
                    else
                    {
                        Annotation.Add(r.Number);
                        AddAppearances(ad, Annotation);
                        if (ad.Get("Popup") is PdfReference popup)
                        {
                            Annotation.Add(popup.Number);
                        }
                    }
                }
            }

            PdfObject? dssObj = catalog.Get("DSS");
            if (dssObj is PdfReference dr)
            {
                Dss.Add(dr.Number);
            }

            if (cur.GetDictionary(dssObj) is { } dss)
            {
                CollectRefs(dss, Dss, 0);
            }
        }

        public PdfDocumentReader Reader { get; }

        public PdfObjectView Old { get; }

        public PdfObjectView Cur { get; }

        public int CatalogNumber { get; }

        /// <summary>The end of the signed revision: definitions before it were signed.</summary>
        public long SignedEnd { get; }

        /// <summary>New objects that signed content referred to while they were missing.</summary>
        public HashSet<int> FilledDangling { get; } = [];

        /// <summary>Objects of signature fields that already had a value (were signed) in the signed revision.</summary>
        public HashSet<int> SignedBefore { get; } = [];

        /// <summary>Objects of form fields whose value changed after signing (their appearance may change with it).</summary>
        public HashSet<int> Filled { get; } = [];

        /// <summary>Objects of read-only form fields whose value changed after signing.</summary>
        public HashSet<int> ReadOnlyFilled { get; } = [];

        public int InfoNumber { get; }

        public int MetadataNumber { get; }

        public int AcroFormNumber { get; }

        public int FieldsArrayNumber { get; }

        public HashSet<int> Structural { get; } = [];

        public HashSet<int> Signature { get; } = [];

        public Dictionary<int, PdfObject?> SignatureValueByField { get; } = [];

        public HashSet<int> FormField { get; } = [];

        public HashSet<int> Annotation { get; } = [];

        public HashSet<int> Pages { get; } = [];

        public HashSet<int> AnnotsArrays { get; } = [];

        public HashSet<int> Dss { get; } = [];

        /// <summary>Whether the field, or a parent it inherits from, has the ReadOnly flag (bit 1 of /Ff).</summary>
        private static bool IsReadOnly(PdfObjectView view, PdfDictionary field)
        {
            PdfDictionary? d = field;
            for (int i = 0; i < 32 && d is not null; i++)
            {
                if (view.GetInteger(d.Get("Ff")) is { } flags)
                {
                    return (flags & 1) != 0;
                }

                d = view.GetDictionary(d.Get("Parent"));
            }

            return false;
        }

        private bool IsSignatureWidget(PdfDictionary widget)
        {
            PdfDictionary? d = widget;
            for (int i = 0; i < 32 && d is not null; i++)
            {
                if (Cur.GetName(d.Get("FT")) is { } ft)
                {
                    return ft == "Sig";
                }

                d = Cur.GetDictionary(d.Get("Parent"));
            }

            return false;
        }

        private void AddAppearances(PdfDictionary annot, HashSet<int> target)
        {
            PdfDictionary? ap = Cur.GetDictionary(annot.Get("AP"));
            if (annot.Get("AP") is PdfReference apRef)
            {
                target.Add(apRef.Number);
            }

            if (ap is null)
            {
                return;
            }

            foreach (KeyValuePair<string, PdfObject> e in ap.Entries)
            {
                if (e.Value is PdfReference r)
                {
                    target.Add(r.Number);
                }

                if (Cur.Resolve(e.Value) is PdfDictionary states and not PdfStream)
                {
                    foreach (KeyValuePair<string, PdfObject> s in states.Entries)
                    {
                        if (s.Value is PdfReference sr)
                        {
                            target.Add(sr.Number);
                        }
                    }
                }
            }
        }

        private void CollectRefs(PdfObject obj, HashSet<int> target, int depth)
        {
            if (depth > 8)
            {
                return;
            }

            switch (obj)
            {
                case PdfReference r:
                    if (target.Add(r.Number) && Cur.Resolve(r) is { } resolved and not PdfStream)
                    {
                        CollectRefs(resolved, target, depth + 1);
                    }

                    break;
                case PdfArray a:
                    foreach (PdfObject o in a.Items)
                    {
                        CollectRefs(o, target, depth + 1);
                    }

                    break;
                case PdfDictionary d and not PdfStream:
                    foreach (KeyValuePair<string, PdfObject> e in d.Entries)
                    {
                        CollectRefs(e.Value, target, depth + 1);
                    }

                    break;
            }
        }
    }
}
