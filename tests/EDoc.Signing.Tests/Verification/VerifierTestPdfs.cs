using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EDoc.Cli;
using EDoc.Signing.Cms;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Signers;
using EDoc.Signing.Timestamps;

namespace EDoc.Signing.Tests.Verification;

/// <summary>Builds signed and modified PDFs with the engine (preparer, CMS builder, incremental writer, DSS writer).</summary>
internal static class VerifierTestPdfs
{
    /// <summary>Signs with our CMS builder (PAdES B-B; B-T when <paramref name="tsa"/> is given).</summary>
    public static async Task<string> SignAsync(
        string input,
        string output,
        X509Certificate2 signer,
        IEnumerable<X509Certificate2>? chain = null,
        Uri? tsa = null,
        PdfDocMdpPermissions? docMdp = null,
        string? fieldName = null,
        SignatureScheme? scheme = null)
    {
        var key = new X509CertificateSigningKey(signer, chain, scheme);
        var builder = new CmsSignatureBuilder();
        var options = new PdfSignatureOptions
        {
            SigningTime = DateTimeOffset.Now,
            Reason = "Phê duyệt văn bản",
            Location = "Hà Nội",
            FieldName = fieldName,
            DocMdp = docMdp,
            ContentsCapacity = builder.EstimateSize(key, tsa is null ? 0 : CmsSignatureBuilder.DefaultTimestampAllowance),
        };
        await using FileStream src = File.OpenRead(input);
        await using var dst = new FileStream(output, FileMode.CreateNew, FileAccess.ReadWrite);
        PreparedSignature prepared = await PdfSignaturePreparer.PrepareAsync(src, dst, options);
        byte[] cms = await builder.SignAsync(prepared.Digest, key);
        if (tsa is not null)
        {
            using var http = new HttpClient();
            cms = await new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa }).AddSignatureTimestampAsync(cms);
        }

        await PdfSignaturePreparer.EmbedAsync(dst, prepared, cms);
        return output;
    }

    /// <summary>Adds a document timestamp (B-LTA) from a TSA.</summary>
    public static async Task<string> AddDocumentTimestampAsync(string input, string output, Uri tsa)
    {
        await using FileStream src = File.OpenRead(input);
        await using var dst = new FileStream(output, FileMode.CreateNew, FileAccess.ReadWrite);
        var options = new PdfSignatureOptions { SubFilter = PdfSignatureOptions.Rfc3161, ContentsCapacity = 8192 };
        PreparedSignature prepared = await PdfSignaturePreparer.PrepareAsync(src, dst, options);
        using var http = new HttpClient();
        byte[] token = await new Rfc3161TimestampClient(http, new Rfc3161TimestampClientOptions { TsaUri = tsa }).RequestTokenForHashAsync(prepared.Digest, HashAlgorithmName.SHA256);
        await PdfSignaturePreparer.EmbedAsync(dst, prepared, token);
        return output;
    }

    /// <summary>Appends a DSS with the given validation data.</summary>
    public static async Task<string> AppendDssAsync(string input, string output, EDoc.Signing.Revocation.RevocationData data)
    {
        await using FileStream src = File.OpenRead(input);
        await using FileStream dst = File.Create(output);
        await PdfDssWriter.AppendAsync(src, dst, new PdfDssData
        {
            Certificates = data.Certificates.Select(c => c.RawData).ToList(),
            OcspResponses = [.. data.OcspResponses],
            Crls = [.. data.Crls],
        });
        return output;
    }

    /// <summary>The CMS of the last signature of a file.</summary>
    public static byte[] LastCms(string file)
    {
        using FileStream fs = File.OpenRead(file);
        using var reader = PdfDocumentReader.Open(fs);
        return PdfSignatureInspector.Inspect(reader, includeChanges: false)[^1].GetCms();
    }

    /// <summary>Applies an arbitrary incremental update made with our writer.</summary>
    public static async Task<string> UpdateAsync(string input, string output, Action<PdfIncrementalWriter> change)
    {
        await using FileStream src = File.OpenRead(input);
        using var reader = PdfDocumentReader.Open(src);
        var writer = new PdfIncrementalWriter(reader);
        change(writer);
        await using var dst = new FileStream(output, FileMode.CreateNew, FileAccess.ReadWrite);
        await writer.WriteAsync(src, dst, CancellationToken.None);
        return output;
    }

    public static void AddPage(PdfIncrementalWriter w)
    {
        var pagesRef = (PdfReference)w.Reader.Catalog.Get("Pages")!;
        var pages = new PdfDictionary(w.Reader.Latest.GetDictionary(pagesRef)!);
        var page = new PdfDictionary();
        page.Set("Type", new PdfName("Page"));
        page.Set("Parent", pagesRef);
        page.Set("MediaBox", PdfArray.OfNumbers(0, 0, 595, 842));
        page.Set("Contents", w.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes("0 0 1 rg 10 10 50 50 re f"))));
        var kids = new PdfArray(w.Reader.Latest.GetArray(pages.Get("Kids"))!.Items);
        kids.Add(w.Add(page));
        pages.Set("Kids", kids);
        pages.Set("Count", new PdfInteger(kids.Count));
        w.Update(pagesRef, pages);
    }

    public static void ReplaceFirstPageContent(PdfIncrementalWriter w)
    {
        PdfPage page = PdfPageTree.GetPage(w.Reader.Latest, w.Reader.Catalog, 0);
        PdfReference content = w.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes("0 0 1 rg 10 10 100 100 re f")));
        var pageClone = new PdfDictionary(page.Dictionary);
        pageClone.Set("Contents", content);
        w.Update(page.Reference, pageClone);
    }

    public static void FillField(PdfIncrementalWriter w, string name, string value)
    {
        PdfField field = PdfAcroForm.EnumerateFields(w.Reader.Latest, w.Reader.Catalog).Single(f => f.FullName == name);
        var clone = new PdfDictionary(field.Dictionary);
        clone.Set("V", PdfString.FromText(value));
        w.Update(field.Reference!, clone);
    }

    public static void AddTextAnnotation(PdfIncrementalWriter w)
    {
        PdfPage page = PdfPageTree.GetPage(w.Reader.Latest, w.Reader.Catalog, 0);
        var note = new PdfDictionary();
        note.Set("Type", new PdfName("Annot"));
        note.Set("Subtype", new PdfName("Text"));
        note.Set("Rect", PdfArray.OfNumbers(100, 100, 120, 120));
        note.Set("Contents", PdfString.FromText("Ý kiến: đồng ý"));
        PdfReference noteRef = w.Add(note);
        var annots = new PdfArray(w.Reader.Latest.GetArray(page.Dictionary.Get("Annots"))?.Items ?? []);
        annots.Add(noteRef);
        var pageClone = new PdfDictionary(page.Dictionary);
        pageClone.Set("Annots", annots);
        w.Update(page.Reference, pageClone);
    }

    public static string WritePem(X509Certificate2 certificate)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("edoc-trust-").FullName, "ca.crt");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> EdocAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
