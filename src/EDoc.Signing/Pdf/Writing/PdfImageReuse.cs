using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>
/// Reuses image XObjects already in the document: an in-memory image of a new appearance whose encoded bytes (and
/// soft mask) equal an image drawn by an earlier signature's appearance is replaced by a reference to that object, so
/// the same signature or seal image is stored once per document.
/// </summary>
internal static class PdfImageReuse
{
    /// <summary>Replaces equal images in <paramref name="resources"/>' /XObject by references to existing objects.</summary>
    public static void ReuseExistingImages(PdfDocumentReader reader, List<PdfField> fields, PdfDictionary resources)
    {
        if (resources.Get("XObject") is not PdfDictionary xobjects)
        {
            return;
        }

        List<(PdfReference Ref, PdfStream Stream)>? existing = null;
        foreach (KeyValuePair<string, PdfObject> entry in xobjects.Entries.ToList())
        {
            if (entry.Value is not PdfStream { Data: not null } image || image.GetNameValue("Subtype") != "Image")
            {
                continue;
            }

            existing ??= CollectImages(reader, fields);
            foreach ((PdfReference r, PdfStream candidate) in existing)
            {
                if (SameImage(reader, image, candidate))
                {
                    xobjects.Set(entry.Key, r);
                    break;
                }
            }
        }
    }

    private static List<(PdfReference, PdfStream)> CollectImages(PdfDocumentReader reader, List<PdfField> fields)
    {
        PdfObjectView view = reader.Latest;
        var result = new List<(PdfReference, PdfStream)>();
        var seen = new HashSet<int>();
        foreach (PdfField f in fields)
        {
            if (f.FieldType != "Sig" || !f.Dictionary.ContainsKey("V"))
            {
                continue;
            }

            IEnumerable<PdfReference> widgets = f.WidgetReferences.Count > 0 ? f.WidgetReferences : f.Reference is null ? [] : [f.Reference];
            foreach (PdfReference w in widgets)
            {
                PdfDictionary? ap = view.GetDictionary(view.GetDictionary(w)?.Get("AP"));
                if (view.Resolve(ap?.Get("N")) is not PdfStream normal
                    || view.GetDictionary(view.GetDictionary(normal.Get("Resources"))?.Get("XObject")) is not { } xo)
                {
                    continue;
                }

                foreach (KeyValuePair<string, PdfObject> e in xo.Entries)
                {
                    if (e.Value is PdfReference r && seen.Add(r.Number) && view.Resolve(r) is PdfStream s && s.GetNameValue("Subtype") == "Image")
                    {
                        result.Add((r, s));
                    }
                }
            }
        }

        return result;
    }

    private static bool SameImage(PdfDocumentReader reader, PdfStream image, PdfStream candidate)
    {
        PdfObjectView view = reader.Latest;
        if (candidate.DataLength != image.DataLength
            || view.GetInteger(candidate.Get("Width")) != view.GetInteger(image.Get("Width"))
            || view.GetInteger(candidate.Get("Height")) != view.GetInteger(image.Get("Height"))
            || !reader.ReadRawStreamData(candidate).AsSpan().SequenceEqual(image.Data))
        {
            return false;
        }

        PdfStream? mask = image.Get("SMask") as PdfStream;
        PdfStream? candidateMask = view.Resolve(candidate.Get("SMask")) as PdfStream;
        if (mask is null || candidateMask is null)
        {
            return mask is null && candidateMask is null;
        }

        return mask.Data is not null && candidateMask.DataLength == mask.DataLength && reader.ReadRawStreamData(candidateMask).AsSpan().SequenceEqual(mask.Data);
    }
}
