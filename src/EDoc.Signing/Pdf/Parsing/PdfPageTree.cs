using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>A page with its inherited attributes resolved (ISO 32000-1 §7.7.3.4).</summary>
internal sealed record PdfPage(int Index, PdfReference Reference, PdfDictionary Dictionary, double[] MediaBox, double[]? CropBox, int Rotate, PdfObject? Resources)
{
    /// <summary>The visible box: the CropBox intersected with the MediaBox, else the MediaBox.</summary>
    public double[] VisibleBox => CropBox is null
        ? MediaBox
        : [Math.Max(CropBox[0], MediaBox[0]), Math.Max(CropBox[1], MediaBox[1]), Math.Min(CropBox[2], MediaBox[2]), Math.Min(CropBox[3], MediaBox[3])];
}

/// <summary>Walks the page tree with inherited attributes, cycle detection and bounded depth.</summary>
internal static class PdfPageTree
{
    private static readonly double[] DefaultMediaBox = [0, 0, 612, 792];

    public static int GetPageCount(PdfObjectView view, PdfDictionary catalog)
    {
        int count = 0;
        foreach (PdfPage _ in Enumerate(view, catalog))
        {
            count++;
        }

        return count;
    }

    public static PdfPage GetPage(PdfObjectView view, PdfDictionary catalog, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        foreach (PdfPage p in Enumerate(view, catalog, index))
        {
            if (p.Index == index)
            {
                return p;
            }
        }

        int count = GetPageCount(view, catalog);
        if (count == 0)
        {
            throw new PdfFormatException("page tree", "the document has no pages.");
        }

        throw new ArgumentOutOfRangeException(nameof(index), index, $"The document has {count} pages; there is no page with index {index}.");
    }

    /// <summary>Enumerates pages in order. When <paramref name="stopAt"/> is set, subtrees before it are skipped using /Count.</summary>
    public static IEnumerable<PdfPage> Enumerate(PdfObjectView view, PdfDictionary catalog, int stopAt = -1)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Get("Pages") is not PdfReference rootRef)
        {
            throw new PdfFormatException("catalog", "the catalog has no indirect /Pages tree.");
        }

        var visited = new HashSet<int>();
        var stack = new Stack<(PdfReference Ref, int Depth, Inherited Inh)>();
        stack.Push((rootRef, 0, default));
        int index = 0;
        int maxDepth = view.Reader.Options.MaxDepth;
        while (stack.Count > 0)
        {
            (PdfReference r, int depth, Inherited inh) = stack.Pop();
            if (!visited.Add(r.Number))
            {
                throw new PdfFormatException(r.Describe(), "the page tree contains a cycle.");
            }

            if (depth > maxDepth)
            {
                throw new EDocLimitExceededException("PDF", r.Describe(), "MaxDepth", maxDepth);
            }

            if (view.Resolve(r) is not PdfDictionary node)
            {
                throw new PdfFormatException(r.Describe(), "a page tree node is not a dictionary.");
            }

            inh = new Inherited(
                node.Get("MediaBox") ?? inh.MediaBox,
                node.Get("CropBox") ?? inh.CropBox,
                node.Get("Rotate") ?? inh.Rotate,
                node.Get("Resources") ?? inh.Resources);
            string? type = node.GetNameValue("Type");
            PdfArray? kids = view.GetArray(node.Get("Kids"));
            if (type == "Pages" || (type != "Page" && kids is not null))
            {
                if (kids is null)
                {
                    continue;
                }

                if (stopAt >= 0 && depth > 0 && view.GetInteger(node.Get("Count")) is long count && count >= 0 && index + count <= stopAt && count < int.MaxValue)
                {
                    // Skip the whole subtree; it lies before the requested page.
                    index += (int)count;
                    continue;
                }

                if (stopAt >= 0 && view.GetInteger(node.Get("Count")) == kids.Count && stopAt - index < kids.Count
                    && kids[stopAt - index] is PdfReference direct && view.GetDictionary(direct) is { } leaf && leaf.GetNameValue("Type") == "Page")
                {
                    // /Count equals the number of kids, so every kid is a page: go straight to the requested one.
                    index = stopAt;
                    stack.Clear();
                    stack.Push((direct, depth + 1, inh));
                    continue;
                }

                for (int i = kids.Count - 1; i >= 0; i--)
                {
                    if (kids[i] is PdfReference kr)
                    {
                        stack.Push((kr, depth + 1, inh));
                    }
                    else
                    {
                        throw new PdfFormatException(r.Describe(), "a /Kids entry of the page tree is not an indirect reference.");
                    }
                }

                continue;
            }

            yield return new PdfPage(index, r, node, ToBox(view, inh.MediaBox) ?? DefaultMediaBox, ToBox(view, inh.CropBox), NormalizeRotate(view.GetInteger(inh.Rotate)), inh.Resources);
            if (index == stopAt)
            {
                yield break;
            }

            index++;
        }
    }

    /// <summary>Finds the page whose object number is <paramref name="pageNumber"/>, or null.</summary>
    public static PdfPage? FindPage(PdfObjectView view, PdfDictionary catalog, int pageNumber)
    {
        foreach (PdfPage p in Enumerate(view, catalog))
        {
            if (p.Reference.Number == pageNumber)
            {
                return p;
            }
        }

        return null;
    }

    public static double[]? ToBox(PdfObjectView view, PdfObject? obj)
    {
        if (view.Resolve(obj) is not PdfArray a || a.Count != 4)
        {
            return null;
        }

        double[] box = new double[4];
        for (int i = 0; i < 4; i++)
        {
            if (!view.Resolve(a[i]).TryGetNumber(out box[i]))
            {
                return null;
            }
        }

        return [Math.Min(box[0], box[2]), Math.Min(box[1], box[3]), Math.Max(box[0], box[2]), Math.Max(box[1], box[3])];
    }

    private static int NormalizeRotate(long? rotate)
    {
        long r = rotate ?? 0;
        r %= 360;
        if (r < 0)
        {
            r += 360;
        }

        return (int)(r - (r % 90));
    }

    private readonly record struct Inherited(PdfObject? MediaBox, PdfObject? CropBox, PdfObject? Rotate, PdfObject? Resources);
}
