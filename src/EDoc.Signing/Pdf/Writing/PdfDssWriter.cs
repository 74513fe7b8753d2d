using System.IO.Compression;
using System.Security.Cryptography;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;

namespace EDoc.Signing.Pdf.Writing;

/// <summary>Validation data for one signature's /VRI entry (ETSI EN 319 142-1 §5.4.2).</summary>
internal sealed class PdfVriEntry
{
    /// <summary>DER certificates relevant to the signature (each must also be in <see cref="PdfDssData.Certificates"/> or is added).</summary>
    public IReadOnlyList<byte[]> Certificates { get; init; } = [];

    /// <summary>DER OCSP responses.</summary>
    public IReadOnlyList<byte[]> OcspResponses { get; init; } = [];

    /// <summary>DER CRLs.</summary>
    public IReadOnlyList<byte[]> Crls { get; init; } = [];
}

/// <summary>What to put into the Document Security Store.</summary>
internal sealed class PdfDssData
{
    /// <summary>DER certificates. <value>The default value is empty.</value></summary>
    public IReadOnlyList<byte[]> Certificates { get; init; } = [];

    /// <summary>DER OCSP responses (OCSPResponse). <value>The default value is empty.</value></summary>
    public IReadOnlyList<byte[]> OcspResponses { get; init; } = [];

    /// <summary>DER CRLs. <value>The default value is empty.</value></summary>
    public IReadOnlyList<byte[]> Crls { get; init; } = [];

    /// <summary>Per-signature entries keyed by <see cref="PdfDssWriter.VriKey"/>. <value>The default value is empty (no /VRI).</value></summary>
    public IReadOnlyDictionary<string, PdfVriEntry> Vri { get; init; } = new Dictionary<string, PdfVriEntry>();

    /// <summary>Limits for reading the source. <value>The default value is <see cref="PdfReaderOptions.Default"/>.</value></summary>
    public PdfReaderOptions ReaderOptions { get; init; } = PdfReaderOptions.Default;
}

/// <summary>
/// Appends a Document Security Store (/DSS with /Certs, /OCSPs, /CRLs and optional /VRI) as an incremental update
/// (PAdES B-LT), merging with an existing DSS and never duplicating an existing entry.
/// </summary>
internal static class PdfDssWriter
{
    /// <summary>The /VRI key of a signature: the uppercase hex SHA-1 of the bytes of its /Contents string (padding included).</summary>
#pragma warning disable CA5350 // SHA-1 is mandated by ETSI EN 319 142-1 as the /VRI key; it is an identifier, not a security control.
    public static string VriKey(ReadOnlySpan<byte> signatureContents) => Convert.ToHexString(SHA1.HashData(signatureContents));
#pragma warning restore CA5350

    /// <summary>Writes <paramref name="source"/> plus an update carrying the DSS to <paramref name="output"/>.</summary>
    /// <exception cref="PdfFormatException">The source PDF is malformed or encrypted.</exception>
    public static async Task AppendAsync(Stream source, Stream output, PdfDssData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(data);
        using PdfDocumentReader reader = PdfDocumentReader.Open(source, data.ReaderOptions);
        var writer = new PdfIncrementalWriter(reader);
        PdfObjectView view = reader.Latest;
        PdfDictionary catalog = reader.Catalog;
        PdfObject? dssObj = catalog.Get("DSS");
        PdfDictionary? existing = view.GetDictionary(dssObj);
        var dss = existing is null ? new PdfDictionary() : new PdfDictionary(existing);
        dss.Set("Type", new PdfName("DSS"));

        var known = new Dictionary<string, PdfReference>(StringComparer.Ordinal);
        PdfArray certs = MergeArray(writer, view, dss, "Certs", data.Certificates, known);
        PdfArray ocsps = MergeArray(writer, view, dss, "OCSPs", data.OcspResponses, known);
        PdfArray crls = MergeArray(writer, view, dss, "CRLs", data.Crls, known);
        SetIfNotEmpty(dss, "Certs", certs);
        SetIfNotEmpty(dss, "OCSPs", ocsps);
        SetIfNotEmpty(dss, "CRLs", crls);

        if (data.Vri.Count > 0)
        {
            PdfDictionary? oldVri = view.GetDictionary(dss.Get("VRI"));
            var vri = oldVri is null ? new PdfDictionary() : new PdfDictionary(oldVri);
            foreach (KeyValuePair<string, PdfVriEntry> e in data.Vri)
            {
                string key = e.Key.ToUpperInvariant();
                if (key.Length != 40 || !key.All(Uri.IsHexDigit))
                {
                    throw new ArgumentException($"The VRI key '{e.Key}' is not a SHA-1 hex digest.", nameof(data));
                }

                var entry = new PdfDictionary();
                AddRefs(writer, entry, "Cert", e.Value.Certificates, known);
                AddRefs(writer, entry, "OCSP", e.Value.OcspResponses, known);
                AddRefs(writer, entry, "CRL", e.Value.Crls, known);
                vri.Set(key, entry);
            }

            dss.Set("VRI", vri);
        }

        if (dssObj is PdfReference dssRef && existing is not null)
        {
            writer.Update(dssRef, dss);
        }
        else
        {
            var catalogClone = new PdfDictionary(catalog);
            catalogClone.Set("DSS", writer.Add(dss));
            AddEsicExtension(view, catalogClone);
            writer.Update(reader.RootReference, catalogClone);
        }

        await writer.WriteAsync(source, output, cancellationToken).ConfigureAwait(false);
    }

    private static void SetIfNotEmpty(PdfDictionary dss, string key, PdfArray array)
    {
        if (array.Count > 0)
        {
            dss.Set(key, array);
        }
    }

    private static PdfArray MergeArray(PdfIncrementalWriter writer, PdfObjectView view, PdfDictionary dss, string key, IReadOnlyList<byte[]> items, Dictionary<string, PdfReference> known)
    {
        PdfArray result = view.GetArray(dss.Get(key)) is { } old ? new PdfArray(old.Items) : new PdfArray();
        foreach (PdfObject o in result.Items)
        {
            if (o is PdfReference r && view.Resolve(r) is PdfStream s)
            {
                try
                {
                    known.TryAdd(Key(view.Reader.ReadStreamData(s, view)), r);
                }
                catch (PdfFormatException)
                {
                    // An unreadable existing entry is kept as it is.
                }
            }
        }

        foreach (byte[] item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            string k = Key(item);
            if (known.ContainsKey(k))
            {
                continue;
            }

            PdfReference r = writer.Add(CompressedStream(item));
            known[k] = r;
            result.Add(r);
        }

        return result;
    }

    private static void AddRefs(PdfIncrementalWriter writer, PdfDictionary entry, string key, IReadOnlyList<byte[]> items, Dictionary<string, PdfReference> known)
    {
        if (items.Count == 0)
        {
            return;
        }

        var array = new PdfArray();
        foreach (byte[] item in items)
        {
            string k = Key(item);
            if (!known.TryGetValue(k, out PdfReference? r))
            {
                r = writer.Add(CompressedStream(item));
                known[k] = r;
            }

            array.Add(r);
        }

        entry.Set(key, array);
    }

    private static void AddEsicExtension(PdfObjectView view, PdfDictionary catalog)
    {
        PdfDictionary ext = view.GetDictionary(catalog.Get("Extensions")) is { } e ? new PdfDictionary(e) : new PdfDictionary();
        if (ext.ContainsKey("ESIC"))
        {
            return;
        }

        var esic = new PdfDictionary();
        esic.Set("BaseVersion", new PdfName("1.7"));
        esic.Set("ExtensionLevel", new PdfInteger(1));
        ext.Set("ESIC", esic);
        catalog.Set("Extensions", ext);
    }

    private static PdfStream CompressedStream(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        var dict = new PdfDictionary();
        dict.Set("Filter", new PdfName("FlateDecode"));
        return new PdfStream(dict, ms.ToArray());
    }

    private static string Key(byte[] data) => Convert.ToHexString(SHA256.HashData(data));
}
