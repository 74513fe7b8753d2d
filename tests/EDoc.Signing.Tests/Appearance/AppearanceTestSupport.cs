using System.Globalization;
using System.Text;
using EDoc.Signing.Appearance;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Tests.Pdf;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace EDoc.Signing.Tests.Appearance;

/// <summary>Test inputs made programmatically (no binary fixtures) and renderer helpers.</summary>
internal static class AppearanceTestSupport
{
    public const int Dpi = 150;

    /// <summary>A one-page PDF whose visible page is filled light green (so transparency shows page content).</summary>
    public static byte[] MakePdf(double[] mediaBox, double[]? cropBox = null, int rotate = 0)
    {
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        double[] b = cropBox ?? mediaBox;
        string content = $"0.8 1 0.8 rg {F(b[0])} {F(b[1])} {F(b[2] - b[0])} {F(b[3] - b[1])} re f\n";
        string box(double[] a) => $"[{F(a[0])} {F(a[1])} {F(a[2])} {F(a[3])}]";
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox {box(mediaBox)}" + (cropBox is null ? "" : $" /CropBox {box(cropBox)}") + (rotate != 0 ? $" /Rotate {rotate}" : "") + " /Resources << >> /Contents 4 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
        };
        var sb = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (int o in offsets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>A JPEG "scan": a dark blue-black handwriting-like stroke on white paper with margins.</summary>
    public static byte[] MakeSignatureJpeg(int width = 600, int height = 240)
    {
        using var img = new Image<Rgba32>(width, height, new Rgba32(255, 255, 255));
        for (int x = 40; x < width - 40; x++)
        {
            double t = (x - 40) / (double)(width - 80);
            double yc = (height / 2.0) + (Math.Sin(t * Math.PI * 5) * height * 0.25) + (Math.Sin(t * 17) * 6);
            for (int dy = -5; dy <= 5; dy++)
            {
                int y = (int)yc + dy;
                if (y >= 0 && y < height)
                {
                    img[x, y] = new Rgba32(20, 25, 60);
                }
            }
        }

        using var ms = new MemoryStream();
        img.Save(ms, new JpegEncoder { Quality = 90 });
        return ms.ToArray();
    }

    /// <summary>A seal PNG with alpha: a red ring and a red star on a transparent background, touching the edges.</summary>
    public static byte[] MakeSealPng(int size = 400)
    {
        using var img = new Image<Rgba32>(size, size, new Rgba32(0, 0, 0, 0));
        double c = (size - 1) / 2.0, r = size / 2.0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double d = Math.Sqrt(((x - c) * (x - c)) + ((y - c) * (y - c)));
                bool ring = d <= r && d >= r * 0.88;
                bool inner = d <= r * 0.8 && d >= r * 0.76;
                bool star = Math.Abs(x - c) + Math.Abs(y - c) < r * 0.25;
                if (ring || inner || star)
                {
                    img[x, y] = new Rgba32(200, 30, 30, 255);
                }
            }
        }

        using var ms = new MemoryStream();
        img.Save(ms, new PngEncoder());
        return ms.ToArray();
    }

    /// <summary>Signs with a given appearance (visible rect in the page as the reader sees it).</summary>
    public static async Task SignAsync(PdfCorpusFixture corpus, string input, string output, int signerIndex, PageRectangle visibleRect, Func<double, double, PdfSignatureAppearance> appearance, PdfDocMdpPermissions? docMdp = null)
    {
        double[] rect;
        await using (FileStream src = File.OpenRead(input))
        {
            using var reader = PdfDocumentReader.Open(src);
            PdfPage page = PdfPageTree.GetPage(reader.Latest, reader.Catalog, 0);
            rect = PageGeometry.ToUserSpaceRect(page, visibleRect);
        }

        PageRectangle pt = visibleRect.ToPoints();
        var options = new PdfSignatureOptions
        {
            SigningTime = new DateTimeOffset(2026, 11, 24, 15, 30, 0, TimeSpan.FromHours(7)),
            PageIndex = 0,
            Rectangle = rect,
            Appearance = appearance(pt.Width, pt.Height),
            DocMdp = docMdp,
            ContentsCapacity = 8192,
        };
        await TestSigning.SignFileAsync(input, output, corpus.Signers[signerIndex], options);
    }

    /// <summary>Signs through the public API: <see cref="PdfSigner"/> with a placement and an appearance provider.</summary>
    public static Task<PdfSigningResult> SignPublicAsync(PdfCorpusFixture corpus, string input, string output, int signerIndex, PdfSignatureAppearanceProvider? appearance, SignaturePlacement? placement = null, PdfCertificationLevel? certification = null, string? fieldName = null)
    {
        var request = new PdfSignatureRequest
        {
            Key = new EDoc.Signing.Signers.X509CertificateSigningKey(corpus.Signers[signerIndex]),
            Appearance = appearance,
            Placement = placement,
            Certification = certification,
            FieldName = fieldName,
        };
        return new PdfSigner().SignFileAsync(input, output, request);
    }

    /// <summary>Renders page 1 with pdftoppm at <see cref="Dpi"/>.</summary>
    public static Image<Rgba32> Render(string pdf)
    {
        string prefix = Path.Combine(Path.GetDirectoryName(pdf)!, Path.GetFileNameWithoutExtension(pdf) + "-render");
        ExternalTool.Result r = ExternalTool.Run("pdftoppm", ["-cropbox", "-r", Dpi.ToString(CultureInfo.InvariantCulture), "-png", "-singlefile", "-f", "1", "-l", "1", pdf, prefix]);
        Assert.True(r.ExitCode == 0, "pdftoppm failed: " + r.All);
        return Image.Load<Rgba32>(prefix + ".png");
    }

    /// <summary>Pixel box (x0, y0, x1, y1 exclusive) of a visible-page rectangle in a rendering.</summary>
    public static (int X0, int Y0, int X1, int Y1) ToPixels(PageRectangle r, double visibleHeight)
    {
        PageRectangle p = r.ToPoints();
        double k = Dpi / 72.0;
        return ((int)Math.Round(p.X * k), (int)Math.Round((visibleHeight - p.Top) * k), (int)Math.Round(p.Right * k), (int)Math.Round((visibleHeight - p.Y) * k));
    }

    public static bool IsBlue(Rgba32 p) => p.B > 150 && p.R < 110 && p.G < 110;

    public static bool IsRed(Rgba32 p) => p.R > 150 && p.G < 110 && p.B < 110;

    public static bool IsPageGreen(Rgba32 p) => Math.Abs(p.R - 204) < 12 && p.G > 240 && Math.Abs(p.B - 204) < 12;

    public static int Count(Image<Rgba32> img, (int X0, int Y0, int X1, int Y1) box, Func<Rgba32, bool> test)
    {
        int n = 0;
        for (int y = Math.Max(0, box.Y0); y < Math.Min(img.Height, box.Y1); y++)
        {
            for (int x = Math.Max(0, box.X0); x < Math.Min(img.Width, box.X1); x++)
            {
                if (test(img[x, y]))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>The bounding box of pixels passing <paramref name="test"/> inside a search box.</summary>
    public static (int X0, int Y0, int X1, int Y1)? Extent(Image<Rgba32> img, (int X0, int Y0, int X1, int Y1) box, Func<Rgba32, bool> test)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = Math.Max(0, box.Y0); y < Math.Min(img.Height, box.Y1); y++)
        {
            for (int x = Math.Max(0, box.X0); x < Math.Min(img.Width, box.X1); x++)
            {
                if (test(img[x, y]))
                {
                    x0 = Math.Min(x0, x);
                    y0 = Math.Min(y0, y);
                    x1 = Math.Max(x1, x + 1);
                    y1 = Math.Max(y1, y + 1);
                }
            }
        }

        return x1 < 0 ? null : (x0, y0, x1, y1);
    }
}
