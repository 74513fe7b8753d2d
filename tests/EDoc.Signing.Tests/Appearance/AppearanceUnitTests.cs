using System.Buffers.Binary;
using EDoc.Signing.Appearance;
using EDoc.Signing.Appearance.Fonts;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using static EDoc.Signing.Tests.Appearance.AppearanceTestSupport;

namespace EDoc.Signing.Tests.Appearance;

public sealed class SealPlacementTests
{
    [Theory]
    [InlineData(1.0 / 3)]
    [InlineData(0.25)]
    [InlineData(0.4)]
    public void ComputeSealRectangle_SignerBox_RightEdgeAtShareAndCentredVertically(double share)
    {
        var signer = new PageRectangle(300, 200, 150, 60);

        PageRectangle seal = SealPlacement.ComputeSealRectangle(signer, 40, share);

        double d = 40 * 72 / 25.4;
        Assert.Equal(Unit.Point, seal.Unit);
        Assert.Equal(d, seal.Width, 6);
        Assert.Equal(d, seal.Height, 6);
        Assert.Equal(300 + (share * 150), seal.Right, 6);
        Assert.Equal(230, seal.Y + (seal.Height / 2), 6);
    }

    [Fact]
    public void ComputeSealRectangle_SignerInMillimetres_ConvertsToPoints()
    {
        PageRectangle seal = SealPlacement.ComputeSealRectangle(PageRectangle.FromMillimetres(100, 50, 60, 30), 30);

        Assert.Equal(Units.MillimetresToPoints(100 + 20), seal.Right, 6);
        Assert.Equal(Units.MillimetresToPoints(65), seal.Y + (seal.Height / 2), 6);
    }

    [Theory]
    [InlineData(0, 0.33)]
    [InlineData(-5, 0.33)]
    [InlineData(double.NaN, 0.33)]
    [InlineData(30, 0)]
    [InlineData(30, 1.5)]
    public void ComputeSealRectangle_BadArguments_Throws(double diameter, double share)
        => Assert.Throws<ArgumentOutOfRangeException>(() => SealPlacement.ComputeSealRectangle(new PageRectangle(0, 0, 10, 10), diameter, share));

    [Fact]
    public void ComputeSealRectangle_EmptySignerBox_ThrowsArgumentException()
        => Assert.Throws<ArgumentException>(() => SealPlacement.ComputeSealRectangle(new PageRectangle(0, 0, 0, 10), 30));

    [Theory]
    [InlineData("10,20,30,40", 10, 20, 30, 40)]
    [InlineData(" 1.5 , 2 ,3,4 ", 1.5, 2, 3, 4)]
    public void Parse_ValidText_ReturnsRectangle(string text, double x, double y, double w, double h)
        => Assert.Equal(new PageRectangle(x, y, w, h, Unit.Millimetre), PageRectangle.Parse(text, Unit.Millimetre));

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("1,2,3,x")]
    [InlineData("1,2,0,4")]
    [InlineData("1,2,3,-4")]
    public void Parse_InvalidText_ThrowsFormatException(string text) => Assert.Throws<FormatException>(() => PageRectangle.Parse(text));
}

public sealed class PageGeometryTests
{
    private static PdfPage Page(int rotate, double[] media, double[]? crop = null)
        => new(0, new PdfReference(3, 0), new PdfDictionary(), media, crop, rotate, null);

    [Theory]
    [InlineData(0, 100, 200, 100, 200)]
    [InlineData(90, 100, 200, 595 - 200, 100)]
    [InlineData(180, 100, 200, 595 - 100, 842 - 200)]
    [InlineData(270, 100, 200, 200, 842 - 100)]
    public void ToUserSpace_A4Rotated_MapsVisiblePoint(int rotate, double u, double v, double x, double y)
    {
        (double X, double Y) p = PageGeometry.ToUserSpace(Page(rotate, [0, 0, 595, 842]), u, v);

        Assert.Equal(x, p.X, 6);
        Assert.Equal(y, p.Y, 6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    [InlineData(-90)]
    public void ToUserSpaceRect_OffsetCropBox_RoundTrips(int rotate)
    {
        PdfPage page = Page(rotate, [100, 50, 695, 892], [120, 80, 675, 872]);
        var rect = new PageRectangle(40, 70, 120, 50);

        double[] user = PageGeometry.ToUserSpaceRect(page, rect);
        PageRectangle back = PageGeometry.FromUserSpaceRect(page, user);

        Assert.Equal(rect.X, back.X, 6);
        Assert.Equal(rect.Y, back.Y, 6);
        Assert.Equal(rect.Width, back.Width, 6);
        Assert.Equal(rect.Height, back.Height, 6);
        Assert.InRange(user[0], 120, 675);
        Assert.InRange(user[3], 80, 872);
    }

    [Fact]
    public void VisibleSize_Rotated90_SwapsCropBoxSides()
        => Assert.Equal((792.0, 555.0), PageGeometry.VisibleSize(Page(90, [100, 50, 695, 892], [120, 80, 675, 872])));
}

public sealed class SignatureImageTests
{
    [Fact]
    public void Load_JpegScanWithSignerOptions_RemovesWhiteRecoloursBlueAndTrims()
    {
        byte[] jpeg = MakeSignatureJpeg(600, 240);

        SignatureImage image = SignatureImage.Load(jpeg, ImagePreparationOptions.Signer);

        Assert.True(image.HasTransparency);
        Assert.InRange(image.PixelWidth, 500, 530);
        Assert.True(image.PixelHeight < 240 * 0.8, $"margins must be trimmed (height {image.PixelHeight})");
        int opaque = 0, clear = 0;
        for (int y = 0; y < image.PixelHeight; y++)
        {
            for (int x = 0; x < image.PixelWidth; x++)
            {
                byte a = image.GetAlpha(x, y);
                opaque += a == 255 ? 1 : 0;
                clear += a == 0 ? 1 : 0;
            }
        }

        Assert.True(opaque > 1000 && clear > image.PixelWidth * image.PixelHeight / 2, $"opaque={opaque} clear={clear}");
        string rgb = DecodeXObjectColour(image);
        Assert.Equal("0000FF", rgb);
    }

    [Fact]
    public void Load_KeepColors_OpaqueJpegHasNoSoftMask()
    {
        SignatureImage image = SignatureImage.Load(MakeSignatureJpeg(), ImagePreparationOptions.KeepColors);

        Assert.False(image.HasTransparency);
        Assert.Equal(600, image.PixelWidth);
        Assert.Null(image.ToXObject().Get("SMask"));
    }

    [Fact]
    public void Load_PngWithAlpha_KeepsAlphaAsSoftMask()
    {
        SignatureImage image = SignatureImage.Load(MakeSealPng(200), ImagePreparationOptions.KeepColors);

        Assert.True(image.HasTransparency);
        Assert.Equal(0, image.GetAlpha(2, 2));
        Assert.Equal(255, image.GetAlpha(100, 100));
        PdfStream x = image.ToXObject();
        var mask = Assert.IsType<PdfStream>(x.Get("SMask"));
        Assert.Equal("DeviceGray", mask.GetNameValue("ColorSpace"));
        Assert.Equal("FlateDecode", x.GetNameValue("Filter"));
    }

    [Fact]
    public void Load_WidthMillimetres_DownscalesToTargetDpiKeepingAspect()
    {
        var options = ImagePreparationOptions.Seal;
        options.WidthMillimetres = 20;
        options.TargetDpi = 100;

        SignatureImage image = SignatureImage.Load(MakeSealPng(400), options);

        Assert.Equal(79, image.PixelWidth);
        Assert.Equal(79, image.PixelHeight);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 })]
    public void Load_NotAnImage_ThrowsEDocFormatException(byte[] data)
        => Assert.ThrowsAny<EDocFormatException>(() => SignatureImage.Load(data));

    [Fact]
    public void Load_TooManyPixels_ThrowsLimitExceeded()
    {
        var options = new ImagePreparationOptions { MaxPixels = 1000 };

        Assert.Throws<EDocLimitExceededException>(() => SignatureImage.Load(MakeSealPng(100), options));
    }

    [Fact]
    public void GetOrLoad_SameBytesAndOptionsInParallel_PreparesOnce()
    {
        var cache = new SignatureImageCache();
        byte[] png = MakeSealPng(120);

        SignatureImage[] images = Enumerable.Range(0, 16).AsParallel().Select(_ => cache.GetOrLoad(png, ImagePreparationOptions.Seal)).ToArray();
        SignatureImage other = cache.GetOrLoad(png, ImagePreparationOptions.Signer);

        Assert.All(images, i => Assert.Same(images[0], i));
        Assert.Same(images[0].ToXObject(), images[5].ToXObject());
        Assert.NotSame(images[0], other);
        Assert.Equal(2, cache.Count);
    }

    private static string DecodeXObjectColour(SignatureImage image)
    {
        PdfStream x = image.ToXObject();
        using var z = new System.IO.Compression.ZLibStream(new MemoryStream(x.Data!), System.IO.Compression.CompressionMode.Decompress);
        using var ms = new MemoryStream();
        z.CopyTo(ms);
        byte[] rgb = ms.ToArray();
        Assert.Equal(image.PixelWidth * image.PixelHeight * 3, rgb.Length);
        return Convert.ToHexString(rgb, 0, 3);
    }
}

public sealed class TrueTypeFontTests
{
    private static TrueTypeFont SystemFont() => AppearanceFonts.Resolve(null, bold: false);

    [Fact]
    public void Resolve_System_FindsFontCoveringEveryVietnameseLetter()
    {
        TrueTypeFont font = SystemFont();

        Assert.Empty(AppearanceFonts.MissingVietnamese(font));
        Assert.Contains(AppearanceFonts.VietnameseRepertoire, c => c == 'ự');
        Assert.Equal(134, AppearanceFonts.VietnameseRepertoire.Count(c => c > 127));
    }

    [Fact]
    public void Subset_VietnameseGlyphs_ParsesAgainWithSameMetricsAndValidChecksums()
    {
        TrueTypeFont font = SystemFont();
        int[] glyphs = "Nghệ An ỰĐ".Select(c => font.GetGlyph(c)).ToArray();

        byte[] subset = TrueTypeSubsetter.Subset(font, glyphs);
        TrueTypeFont parsed = TrueTypeFont.Parse(subset, "subset");

        Assert.Equal(font.GlyphCount, parsed.GlyphCount);
        Assert.True(subset.Length < font.Data.Length / 3, $"subset {subset.Length} of {font.Data.Length} bytes");
        foreach (int g in glyphs)
        {
            Assert.Equal(font.GetAdvance(g), parsed.GetAdvance(g));
            Assert.True(font.GetGlyphData(g).SequenceEqual(parsed.GetGlyphData(g)));
        }

        // Whole-file checksum with head.checkSumAdjustment is the magic 0xB1B0AFBA; every table checksum matches.
        Assert.Equal(0xB1B0AFBAu, TrueTypeSubsetter.Checksum(subset));
        int n = BinaryPrimitives.ReadUInt16BigEndian(subset.AsSpan(4));
        for (int i = 0; i < n; i++)
        {
            int rec = 12 + (16 * i);
            string tag = System.Text.Encoding.ASCII.GetString(subset, rec, 4);
            uint sum = BinaryPrimitives.ReadUInt32BigEndian(subset.AsSpan(rec + 4));
            int off = (int)BinaryPrimitives.ReadUInt32BigEndian(subset.AsSpan(rec + 8));
            int len = (int)BinaryPrimitives.ReadUInt32BigEndian(subset.AsSpan(rec + 12));
            byte[] table = subset.AsSpan(off, len).ToArray();
            if (tag == "head")
            {
                table.AsSpan(8, 4).Clear();
            }

            Assert.True(sum == TrueTypeSubsetter.Checksum(table), $"checksum of table {tag}");
        }
    }

    [Fact]
    public void Close_CompositeGlyph_IncludesItsComponents()
    {
        TrueTypeFont font = SystemFont();
        int composite = AppearanceFonts.VietnameseRepertoire.Select(c => font.GetGlyph(c)).First(g => font.GetComponents(g).Count > 0);
        List<int> components = font.GetComponents(composite);

        SortedSet<int> closed = TrueTypeSubsetter.Close(font, [composite]);
        TrueTypeFont parsed = TrueTypeFont.Parse(TrueTypeSubsetter.Subset(font, [composite]));

        Assert.Contains(0, closed);
        Assert.Contains(composite, closed);
        Assert.All(components, c => Assert.Contains(c, closed));
        Assert.All(components, c => Assert.True(parsed.GetGlyphData(c).Length > 0 || font.GetGlyphData(c).Length == 0));
    }

    [Fact]
    public void Parse_TruncatedFont_ThrowsEDocFormatException()
    {
        byte[] data = SystemFont().Data.AsSpan(0, 400).ToArray();

        var ex = Assert.ThrowsAny<EDocFormatException>(() => TrueTypeFont.Parse(data, "cut.ttf"));
        Assert.Contains("cut.ttf", ex.Message + ex.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x4F, 0x54, 0x54, 0x4F, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Parse_NotATrueTypeFont_ThrowsEDocFormatException(byte[] data)
        => Assert.ThrowsAny<EDocFormatException>(() => TrueTypeFont.Parse(data));

    [Fact]
    public void Resolve_ConfiguredFontWithoutVietnamese_ThrowsPolicy()
    {
        string dir = Directory.CreateTempSubdirectory("edoc-font-").FullName;
        string path = Path.Combine(dir, "latin.ttf");
        TrueTypeFont font = SystemFont();
        File.WriteAllBytes(path, StripCmapTo(font.Data, 'A'));

        Assert.Throws<EDocPolicyException>(() => AppearanceFonts.Resolve(new AppearanceFontOptions { RegularFontPath = path }, bold: false));
    }

    [Fact]
    public void Measure_Text_SumsAdvanceWidths()
    {
        TrueTypeFont font = SystemFont();
        var pdfFont = new PdfEmbeddedFont(font);

        double w = pdfFont.Measure("Số", 10);

        Assert.Equal((font.GetAdvance(font.GetGlyph('S')) + font.GetAdvance(font.GetGlyph('ố'))) * 10.0 / font.UnitsPerEm, w, 6);
    }

    /// <summary>Rewrites the cmap subtables' format-4 segments so only one character maps (a font without Vietnamese).</summary>
    private static byte[] StripCmapTo(byte[] data, char only)
    {
        byte[] copy = (byte[])data.Clone();
        int n = BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(4));
        for (int i = 0; i < n; i++)
        {
            int rec = 12 + (16 * i);
            if (System.Text.Encoding.ASCII.GetString(copy, rec, 4) == "cmap")
            {
                int off = (int)BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(rec + 8));
                // One encoding record (3,1) pointing at a tiny format 4 table with segments [only..only] and [FFFF].
                Span<byte> t = copy.AsSpan(off);
                BinaryPrimitives.WriteUInt16BigEndian(t, 0);
                BinaryPrimitives.WriteUInt16BigEndian(t[2..], 1);
                BinaryPrimitives.WriteUInt16BigEndian(t[4..], 3);
                BinaryPrimitives.WriteUInt16BigEndian(t[6..], 1);
                BinaryPrimitives.WriteUInt32BigEndian(t[8..], 12);
                Span<byte> s = t[12..];
                BinaryPrimitives.WriteUInt16BigEndian(s, 4);
                BinaryPrimitives.WriteUInt16BigEndian(s[6..], 4);
                BinaryPrimitives.WriteUInt16BigEndian(s[14..], only);
                BinaryPrimitives.WriteUInt16BigEndian(s[16..], 0xFFFF);
                BinaryPrimitives.WriteUInt16BigEndian(s[18..], 0);
                BinaryPrimitives.WriteUInt16BigEndian(s[20..], only);
                BinaryPrimitives.WriteUInt16BigEndian(s[22..], 0xFFFF);
                BinaryPrimitives.WriteInt16BigEndian(s[24..], (short)(36 - only));
                BinaryPrimitives.WriteInt16BigEndian(s[26..], 1);
                BinaryPrimitives.WriteUInt16BigEndian(s[28..], 0);
                BinaryPrimitives.WriteUInt16BigEndian(s[30..], 0);
            }
        }

        return copy;
    }
}
