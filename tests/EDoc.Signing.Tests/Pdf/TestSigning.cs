using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Pdf.Writing;

namespace EDoc.Signing.Tests.Pdf;

/// <summary>Signs test PDFs with our preparer and a SignedCms built over the ByteRange bytes (an independent CMS producer).</summary>
internal static class TestSigning
{
    public static async Task<PreparedSignature> SignFileAsync(string input, string output, X509Certificate2 signer, PdfSignatureOptions? options = null)
    {
        options ??= new PdfSignatureOptions { SigningTime = DateTimeOffset.Now, Reason = "Phê duyệt văn bản", Location = "Hà Nội" };
        PreparedSignature prepared;
        await using (FileStream src = File.OpenRead(input))
        await using (var dst = new FileStream(output, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            prepared = await PdfSignaturePreparer.PrepareAsync(src, dst, options);
            byte[] signedBytes = ReadRanges(dst, prepared.ByteRange);
            AssertDigest(prepared, signedBytes);
            byte[] cms = CreateCms(signedBytes, signer);
            await PdfSignaturePreparer.EmbedAsync(dst, prepared, cms);
        }

        return prepared;
    }

    public static byte[] ReadRanges(Stream s, long[] byteRange)
    {
        byte[] data = new byte[byteRange[1] + byteRange[3]];
        s.Position = byteRange[0];
        s.ReadExactly(data, 0, (int)byteRange[1]);
        s.Position = byteRange[2];
        s.ReadExactly(data, (int)byteRange[1], (int)byteRange[3]);
        return data;
    }

    public static void AssertDigest(PreparedSignature prepared, byte[] signedBytes)
    {
        byte[] expected = prepared.DigestAlgorithm == HashAlgorithmName.SHA512 ? SHA512.HashData(signedBytes)
            : prepared.DigestAlgorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(signedBytes) : SHA256.HashData(signedBytes);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(prepared.Digest));
    }

    public static byte[] CreateCms(byte[] content, X509Certificate2 signer)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cms.ComputeSignature(cmsSigner);
        return cms.Encode();
    }

    public static ExternalTool.Result PdfSig(PdfCorpusFixture corpus, string file)
        => ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + corpus.NssDirectory, file]);

    /// <remarks>
    /// poppler 22.12 reports "Unknown issue with Certificate" when the same certificate signs twice in one file, so
    /// tests use a different signer per signature, as in real workflows (drafter, signer, clerk, agency).
    /// </remarks>
    /// <summary>Asserts pdfsig reports exactly <paramref name="count"/> signatures, each valid and trusted, the last covering the whole file.</summary>
    public static void AssertPdfSigAllValid(PdfCorpusFixture corpus, string file, int count, bool lastCoversWholeFile = true)
    {
        ExternalTool.Result r = PdfSig(corpus, file);
        string text = r.All;
        Assert.True(count == CountOf(text, "Signature #"), text);
        Assert.True(count == CountOf(text, "Signature is Valid."), text);
        Assert.True(count == CountOf(text, "Certificate is Trusted."), text);
        // pdfsig lists AcroForm fields before orphan widgets, so check that exactly one signature covers the file.
        Assert.True((lastCoversWholeFile ? 1 : 0) == CountOf(text, "Total document signed"), text);
    }

    public static int CountOf(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
