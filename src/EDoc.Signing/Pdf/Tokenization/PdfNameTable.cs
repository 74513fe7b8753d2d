using System.Text;

namespace EDoc.Signing.Pdf.Tokenization;

/// <summary>Interns the PDF names the engine uses so that lexing common names does not allocate.</summary>
internal static class PdfNameTable
{
    private static readonly string[] Common =
    [
        "Type", "Subtype", "Length", "Filter", "DecodeParms", "Root", "Info", "ID", "Size", "Prev", "XRefStm", "Encrypt",
        "W", "Index", "N", "First", "Extends", "Predictor", "Columns", "Colors", "BitsPerComponent", "FlateDecode",
        "XRef", "ObjStm", "Catalog", "Pages", "Page", "Kids", "Count", "Parent", "MediaBox", "CropBox", "Rotate",
        "Resources", "Annots", "AcroForm", "Fields", "SigFlags", "DA", "DR", "FT", "T", "V", "AP", "AS", "F", "P",
        "Rect", "Annot", "Widget", "Sig", "DocTimeStamp", "ByteRange", "Contents", "SubFilter", "M", "Reason",
        "Location", "ContactInfo", "Name", "Perms", "DocMDP", "Reference", "DSS", "VRI", "Certs", "OCSPs", "CRLs",
        "Linearized", "Font", "XObject", "Form", "BBox", "Matrix", "ProcSet", "Parent", "Ff", "Opt", "Lock", "SV",
        "Metadata", "Extensions", "Producer", "ModDate", "Adobe.PPKLite", "ETSI.CAdES.detached", "ETSI.RFC3161",
        "adbe.pkcs7.detached", "adbe.pkcs7.sha1", "Tx", "Btn", "Ch", "MK", "Group", "Link", "Text", "Popup",
    ];

    private static readonly Dictionary<int, string[]> ByLength = Build();

    public static string Get(ReadOnlySpan<byte> bytes)
    {
        if (ByLength.TryGetValue(bytes.Length, out string[]? candidates))
        {
            foreach (string c in candidates)
            {
                if (Ascii.Equals(bytes, c))
                {
                    return c;
                }
            }
        }

        return Encoding.Latin1.GetString(bytes);
    }

    private static Dictionary<int, string[]> Build()
    {
        var d = new Dictionary<int, List<string>>();
        foreach (string s in Common.Distinct(StringComparer.Ordinal))
        {
            if (!d.TryGetValue(s.Length, out List<string>? list))
            {
                d[s.Length] = list = [];
            }

            list.Add(s);
        }

        return d.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
