using EDoc.Archive.Verification;
using EDoc.Interchange.EdXml;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Verification;

namespace EDoc.Fuzz;

/// <summary>
/// The fuzz targets: each takes untrusted bytes and runs one of our readers to its end. The only exceptions a
/// target may let escape are the SDK's typed <see cref="EDocException"/>s (and cancellation); anything else is a
/// crash that AFL records and the regression test replays.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The target names, as given to <c>scripts/fuzz.sh</c>.</summary>
    public static readonly IReadOnlyList<string> Names = ["pdf-reader", "pdf-verifier", "edxml-reader", "archive-verifier"];

    /// <summary>Runs one target on one input; typed SDK exceptions are the expected outcome of bad input.</summary>
    /// <param name="target">One of <see cref="Names"/>.</param>
    /// <param name="input">The input bytes.</param>
    /// <returns><see langword="true"/> when the input was accepted, <see langword="false"/> when a typed error refused it.</returns>
    /// <exception cref="ArgumentException">The target name is unknown.</exception>
    public static bool Run(string target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            switch (target)
            {
                case "pdf-reader":
                    ReadPdf(input);
                    break;
                case "pdf-verifier":
                    VerifyPdf(input);
                    break;
                case "edxml-reader":
                    ReadEdXml(input);
                    break;
                case "archive-verifier":
                    VerifyArchive(input);
                    break;
                default:
                    throw new ArgumentException($"Unknown fuzz target '{target}'. Known: {string.Join(", ", Names)}.", nameof(target));
            }

            return true;
        }
        catch (EDocException)
        {
            return false;
        }
    }

    private static void ReadPdf(byte[] input)
    {
        using var ms = new MemoryStream(input, writable: false);
        using PdfDocumentReader reader = PdfDocumentReader.Open(ms);
        PdfObjectView view = reader.Latest;
        foreach (PdfPage page in PdfPageTree.Enumerate(view, reader.Catalog))
        {
            _ = page.Rotate;
            _ = page.MediaBox;
        }

        _ = PdfAcroForm.EnumerateFields(view, reader.Catalog);
        foreach (int number in view.Entries.Keys.Order().Take(2_000).ToList())
        {
            if (!view.Exists(number))
            {
                continue;
            }

            if (view.Get(number) is PdfStream stream)
            {
                _ = reader.ReadStreamData(stream, view);
            }
        }

        for (int i = 0; i < reader.Revisions.Count; i++)
        {
            _ = reader.GetView(i);
        }
    }

    private static void VerifyPdf(byte[] input)
    {
        var verifier = new PdfSignatureVerifier();
        using var ms = new MemoryStream(input, writable: false);
        _ = verifier.VerifyAsync(ms).GetAwaiter().GetResult();
    }

    private static void ReadEdXml(byte[] input)
    {
        var reader = new EdXmlReader();
        using var ms = new MemoryStream(input, writable: false);
        _ = reader.ReadAsync(ms).GetAwaiter().GetResult();
    }

    private static void VerifyArchive(byte[] input)
    {
        string path = Path.Combine(Path.GetTempPath(), $"edoc-fuzz-{Environment.ProcessId}.zip");
        File.WriteAllBytes(path, input);
        try
        {
            _ = new ArchivePackageVerifier().VerifyAsync(path).GetAwaiter().GetResult();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
