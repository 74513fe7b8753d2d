using EDoc.Signing.Pdf.Objects;

namespace EDoc.Signing.Pdf.Parsing;

/// <summary>A form field (terminal or not) with its fully qualified name and inherited type.</summary>
internal sealed record PdfField(PdfReference? Reference, PdfDictionary Dictionary, string FullName, string? FieldType, bool IsTerminal, IReadOnlyList<PdfReference> WidgetReferences);

/// <summary>Walks the AcroForm field tree (ISO 32000-1 §12.7.3) with cycle detection and bounded depth.</summary>
internal static class PdfAcroForm
{
    public static PdfDictionary? GetAcroForm(PdfObjectView view, PdfDictionary catalog) => view.GetDictionary(catalog.Get("AcroForm"));

    /// <summary>Enumerates every field of the form, parents before children.</summary>
    public static List<PdfField> EnumerateFields(PdfObjectView view, PdfDictionary catalog)
    {
        var result = new List<PdfField>();
        PdfDictionary? form = GetAcroForm(view, catalog);
        PdfArray? fields = form is null ? null : view.GetArray(form.Get("Fields"));
        if (fields is null)
        {
            return result;
        }

        var visited = new HashSet<int>();
        foreach (PdfObject f in fields.Items)
        {
            Walk(view, f, null, null, 0, visited, result);
        }

        return result;
    }

    /// <summary>Returns a field name <c>{prefix}{n}</c> that no existing field uses.</summary>
    public static string UniqueFieldName(IEnumerable<string> existingNames, string prefix = "Signature")
    {
        var names = new HashSet<string>(existingNames, StringComparer.Ordinal);
        for (int n = 1; ; n++)
        {
            string candidate = prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!names.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static void Walk(PdfObjectView view, PdfObject fieldObj, string? parentName, string? parentType, int depth, HashSet<int> visited, List<PdfField> result)
    {
        int maxDepth = view.Reader.Options.MaxDepth;
        if (depth > maxDepth)
        {
            throw new EDocLimitExceededException("PDF", "AcroForm", "MaxDepth", maxDepth);
        }

        PdfReference? r = fieldObj as PdfReference;
        if (r is not null && !visited.Add(r.Number))
        {
            return; // A cycle or a field listed twice: visit once.
        }

        if (view.Resolve(fieldObj) is not PdfDictionary dict)
        {
            return;
        }

        string? partial = (view.Resolve(dict.Get("T")) as PdfString)?.ToText();
        string fullName = partial is null ? parentName ?? string.Empty : parentName is null or "" ? partial : parentName + "." + partial;
        string? type = view.GetName(dict.Get("FT")) ?? parentType;
        PdfArray? kids = view.GetArray(dict.Get("Kids"));
        var widgets = new List<PdfReference>();
        var childFields = new List<PdfObject>();
        if (kids is not null)
        {
            foreach (PdfObject k in kids.Items)
            {
                PdfDictionary? kd = view.GetDictionary(k);
                if (kd is null)
                {
                    continue;
                }

                if (kd.ContainsKey("T") || kd.ContainsKey("FT") || (kd.ContainsKey("Kids") && !kd.ContainsKey("Subtype")))
                {
                    childFields.Add(k);
                }
                else if (k is PdfReference kr)
                {
                    widgets.Add(kr);
                }
            }
        }
        else if (r is not null && dict.GetNameValue("Subtype") == "Widget")
        {
            widgets.Add(r);
        }

        bool terminal = childFields.Count == 0;
        result.Add(new PdfField(r, dict, fullName, type, terminal, widgets));
        foreach (PdfObject c in childFields)
        {
            Walk(view, c, fullName, type, depth + 1, visited, result);
        }
    }
}
