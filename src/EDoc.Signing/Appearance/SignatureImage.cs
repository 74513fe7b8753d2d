using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using EDoc.Signing.Pdf.Objects;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace EDoc.Signing.Appearance;

/// <summary>An ink colour for signature and seal images (8-bit sRGB).</summary>
/// <param name="R">Red 0–255.</param>
/// <param name="G">Green 0–255.</param>
/// <param name="B">Blue 0–255.</param>
public readonly record struct InkColor(byte R, byte G, byte B)
{
    /// <summary>
    /// The signer's blue (NĐ 30/2020 Phụ lục I: the competent signer's signature image is blue): pure RGB blue
    /// (0, 0, 255), the same colour as the pure-blue ink the decree's paper rules (Điều 13.6) ask for.
    /// </summary>
    public static InkColor SignerBlue { get; } = new(0, 0, 255);

    /// <summary>The seal's bright red (đỏ tươi, NĐ 30/2020 Phụ lục I): pure RGB red (255, 0, 0).</summary>
    public static InkColor SealRed { get; } = new(255, 0, 0);

    /// <summary>Black for text blocks.</summary>
    public static InkColor Black { get; } = new(0, 0, 0);
}

/// <summary>How <see cref="SignatureImage"/> prepares a handwritten-signature scan or a seal image.</summary>
public sealed class ImagePreparationOptions
{
    /// <summary>Options for the competent signer's signature: white removed, ink blue, margins trimmed.</summary>
    public static ImagePreparationOptions Signer => new() { InkColor = Appearance.InkColor.SignerBlue };

    /// <summary>Options for the agency seal: white removed, ink red, margins trimmed.</summary>
    public static ImagePreparationOptions Seal => new() { InkColor = Appearance.InkColor.SealRed };

    /// <summary>Options that keep the image's own colours and background (the CLI's <c>--keep-colors</c>).</summary>
    public static ImagePreparationOptions KeepColors => new() { RemoveWhiteBackground = false, InkColor = null, TrimMargins = false };

    /// <summary>Whether near-white pixels become transparent.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RemoveWhiteBackground { get; set; } = true;

    /// <summary>Luminance (0–255) at and above which a pixel is fully transparent background.</summary>
    /// <value>The default value is 220.</value>
    public int WhiteThreshold { get; set; } = 220;

    /// <summary>Width of the soft edge below <see cref="WhiteThreshold"/>, in luminance steps: pixels darker than
    /// <c>WhiteThreshold - SoftEdge</c> keep full opacity; between, the alpha ramps (anti-aliased strokes).</summary>
    /// <value>The default value is 60.</value>
    public int SoftEdge { get; set; } = 60;

    /// <summary>The colour the ink is recoloured to; <see langword="null"/> keeps the original colours.</summary>
    /// <value>The default value is <see langword="null"/>; <see cref="Signer"/> and <see cref="Seal"/> set the regulation's colours.</value>
    public InkColor? InkColor { get; set; }

    /// <summary>Whether transparent (or, without background removal, white) margins are cut off.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool TrimMargins { get; set; } = true;

    /// <summary>The resolution the image is kept at for its physical size; larger images are downscaled.</summary>
    /// <value>The default value is 300 dpi.</value>
    public int TargetDpi { get; set; } = 300;

    /// <summary>The physical width in mm the image is meant to be shown at (used with <see cref="TargetDpi"/> to
    /// downscale); <see langword="null"/> keeps the pixel size (limited by <see cref="MaxPixels"/>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? WidthMillimetres { get; set; }

    /// <summary>The largest decoded image accepted, in pixels (width × height).</summary>
    /// <value>The default value is 40,000,000.</value>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The largest encoded image accepted, in bytes.</summary>
    /// <value>The default value is 32 MiB.</value>
    public int MaxInputBytes { get; set; } = 32 * 1024 * 1024;

    internal string CacheKey => string.Join('|', RemoveWhiteBackground, WhiteThreshold, SoftEdge, InkColor?.ToString() ?? "-", TrimMargins, TargetDpi, WidthMillimetres?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "-", MaxPixels);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(WhiteThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WhiteThreshold, 255);
        ArgumentOutOfRangeException.ThrowIfNegative(SoftEdge);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SoftEdge, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(TargetDpi, 36);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TargetDpi, 2400);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInputBytes, 1);
        if (WidthMillimetres is { } w && (!double.IsFinite(w) || w <= 0 || w > 2000))
        {
            throw new ArgumentOutOfRangeException(nameof(WidthMillimetres), w, "The width must be in (0, 2000] mm.");
        }
    }
}

/// <summary>
/// A prepared signature or seal image (decoded PNG/JPEG, background removed, recoloured, trimmed, scaled), ready
/// to be drawn in a signature appearance as an RGB image XObject with a separate soft mask (/SMask) for its alpha.
/// Immutable and thread-safe.
/// </summary>
public sealed class SignatureImage
{
    private readonly byte[] _rgb;
    private readonly byte[]? _alpha;
    private PdfStream? _xobject;

    private SignatureImage(int width, int height, byte[] rgb, byte[]? alpha)
    {
        PixelWidth = width;
        PixelHeight = height;
        _rgb = rgb;
        _alpha = alpha;
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(BitConverter.GetBytes(width));
        h.AppendData(BitConverter.GetBytes(height));
        h.AppendData(rgb);
        if (alpha is not null)
        {
            h.AppendData(alpha);
        }

        ContentHash = Convert.ToHexString(h.GetHashAndReset());
    }

    /// <summary>The width in pixels.</summary>
    public int PixelWidth { get; }

    /// <summary>The height in pixels.</summary>
    public int PixelHeight { get; }

    /// <summary>Height divided by width.</summary>
    public double AspectRatio => (double)PixelHeight / PixelWidth;

    /// <summary>Whether the image has transparent or semi-transparent pixels (written as an /SMask).</summary>
    public bool HasTransparency => _alpha is not null;

    /// <summary>SHA-256 (hex) of the prepared pixels: equal images share one XObject.</summary>
    public string ContentHash { get; }

    /// <summary>Decodes and prepares an image (PNG with or without alpha, JPEG, and the other formats ImageSharp 2 reads).</summary>
    /// <param name="encoded">The encoded image file.</param>
    /// <param name="options">The preparation; <see langword="null"/> for <see cref="ImagePreparationOptions.KeepColors"/>.</param>
    /// <returns>The prepared image.</returns>
    /// <exception cref="EDocFormatException">The bytes are not a decodable image.</exception>
    /// <exception cref="EDocLimitExceededException">The image is larger than the options allow.</exception>
    public static SignatureImage Load(ReadOnlySpan<byte> encoded, ImagePreparationOptions? options = null)
    {
        options ??= ImagePreparationOptions.KeepColors;
        options.Validate();
        if (encoded.Length > options.MaxInputBytes)
        {
            throw new EDocLimitExceededException("image", null, nameof(ImagePreparationOptions.MaxInputBytes), options.MaxInputBytes, encoded.Length);
        }

        Image<Rgba32> image;
        byte[] bytes = encoded.ToArray();
        try
        {
            IImageInfo? info = Image.Identify(bytes);
            if (info is null)
            {
                throw new EDocFormatException("image", "header", "The data is not an image in a supported format (PNG, JPEG).");
            }

            if ((long)info.Width * info.Height > options.MaxPixels)
            {
                throw new EDocLimitExceededException("image", "header", nameof(ImagePreparationOptions.MaxPixels), options.MaxPixels, (long)info.Width * info.Height);
            }

            image = Image.Load<Rgba32>(bytes);
        }
        catch (UnknownImageFormatException ex)
        {
            throw new EDocFormatException("image", "header", "The data is not an image in a supported format (PNG, JPEG).", ex);
        }
        catch (ImageFormatException ex)
        {
            throw new EDocFormatException("image", "pixel data", "The image is damaged: " + ex.Message, ex);
        }

        using (image)
        {
            return Prepare(image, options);
        }
    }

    /// <summary>Reads and prepares an image file.</summary>
    /// <param name="path">The PNG or JPEG file.</param>
    /// <param name="options">The preparation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The prepared image.</returns>
    public static async Task<SignatureImage> LoadAsync(string path, ImagePreparationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Load(bytes, options);
    }

    private static SignatureImage Prepare(Image<Rgba32> image, ImagePreparationOptions o)
    {
        int w = image.Width, h = image.Height;
        var px = new Rgba32[w * h];
        image.CopyPixelDataTo(px);
        int hi = o.WhiteThreshold, lo = Math.Max(0, o.WhiteThreshold - o.SoftEdge);
        for (int i = 0; i < px.Length; i++)
        {
            Rgba32 p = px[i];
            int lum = ((299 * p.R) + (587 * p.G) + (114 * p.B)) / 1000;
            if (o.RemoveWhiteBackground)
            {
                int cover = lum >= hi ? 0 : lum <= lo ? 255 : (hi - lum) * 255 / Math.Max(1, hi - lo);
                p.A = (byte)(p.A * cover / 255);
            }

            if (o.InkColor is { } ink)
            {
                if (o.RemoveWhiteBackground)
                {
                    p.R = ink.R;
                    p.G = ink.G;
                    p.B = ink.B;
                }
                else
                {
                    // Keep anti-aliasing on an opaque background: blend the ink over white by darkness.
                    int dark = 255 - lum;
                    p.R = (byte)(255 - ((255 - ink.R) * dark / 255));
                    p.G = (byte)(255 - ((255 - ink.G) * dark / 255));
                    p.B = (byte)(255 - ((255 - ink.B) * dark / 255));
                }
            }

            px[i] = p;
        }

        using Image<Rgba32> work = Image.LoadPixelData<Rgba32>(px, w, h);
        if (o.TrimMargins)
        {
            Rectangle box = ContentBounds(px, w, h, o.RemoveWhiteBackground || image.PixelType.AlphaRepresentation != PixelAlphaRepresentation.None, hi);
            if (box.Width > 0 && box.Height > 0 && (box.Width != w || box.Height != h))
            {
                work.Mutate(c => c.Crop(box));
            }
        }

        if (o.WidthMillimetres is { } mm)
        {
            int targetW = Math.Max(1, (int)Math.Round(mm / 25.4 * o.TargetDpi));
            if (work.Width > targetW)
            {
                int targetH = Math.Max(1, (int)Math.Round((double)work.Height * targetW / work.Width));
                work.Mutate(c => c.Resize(targetW, targetH, KnownResamplers.Bicubic));
            }
        }

        int n = work.Width * work.Height;
        var final = new Rgba32[n];
        work.CopyPixelDataTo(final);
        byte[] rgb = new byte[n * 3];
        byte[] alpha = new byte[n];
        bool transparent = false;
        for (int i = 0; i < n; i++)
        {
            rgb[3 * i] = final[i].R;
            rgb[(3 * i) + 1] = final[i].G;
            rgb[(3 * i) + 2] = final[i].B;
            alpha[i] = final[i].A;
            transparent |= final[i].A != 255;
        }

        return new SignatureImage(work.Width, work.Height, rgb, transparent ? alpha : null);
    }

    private static Rectangle ContentBounds(Rgba32[] px, int w, int h, bool byAlpha, int whiteThreshold)
    {
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                Rgba32 p = px[(y * w) + x];
                bool ink = byAlpha ? p.A > 8 : ((299 * p.R) + (587 * p.G) + (114 * p.B)) / 1000 < whiteThreshold;
                if (ink)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }

        return maxX < 0 ? new Rectangle(0, 0, w, h) : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /// <summary>Returns the alpha (0 transparent – 255 opaque) of a pixel of the prepared image.</summary>
    /// <param name="x">Column.</param>
    /// <param name="y">Row from the top.</param>
    /// <returns>The alpha.</returns>
    public byte GetAlpha(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, PixelWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, PixelHeight);
        return _alpha is null ? (byte)255 : _alpha[(y * PixelWidth) + x];
    }

    /// <summary>The image XObject (/DeviceRGB, 8 bpc, Flate) with its /SMask; one instance per image, shared by
    /// every appearance in a document write so it is written once.</summary>
    internal PdfStream ToXObject()
    {
        PdfStream? x = Volatile.Read(ref _xobject);
        if (x is not null)
        {
            return x;
        }

        var d = new PdfDictionary();
        d.Set("Type", new PdfName("XObject"));
        d.Set("Subtype", new PdfName("Image"));
        d.Set("Width", new PdfInteger(PixelWidth));
        d.Set("Height", new PdfInteger(PixelHeight));
        d.Set("ColorSpace", new PdfName("DeviceRGB"));
        d.Set("BitsPerComponent", new PdfInteger(8));
        d.Set("Filter", new PdfName("FlateDecode"));
        if (_alpha is not null)
        {
            var m = new PdfDictionary();
            m.Set("Type", new PdfName("XObject"));
            m.Set("Subtype", new PdfName("Image"));
            m.Set("Width", new PdfInteger(PixelWidth));
            m.Set("Height", new PdfInteger(PixelHeight));
            m.Set("ColorSpace", new PdfName("DeviceGray"));
            m.Set("BitsPerComponent", new PdfInteger(8));
            m.Set("Filter", new PdfName("FlateDecode"));
            d.Set("SMask", new PdfStream(m, Deflate(_alpha)));
        }

        x = new PdfStream(d, Deflate(_rgb));
        return Interlocked.CompareExchange(ref _xobject, x, null) ?? x;
    }

    internal static byte[] Deflate(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }
}

/// <summary>
/// A thread-safe cache of prepared images for batch signing: the same image bytes with the same options are
/// decoded and prepared once, and every document then reuses the same <see cref="SignatureImage"/> (whose XObject
/// data is also computed once).
/// </summary>
public sealed class SignatureImageCache
{
    private readonly ConcurrentDictionary<string, Lazy<SignatureImage>> _items = new(StringComparer.Ordinal);

    /// <summary>The number of distinct prepared images held.</summary>
    public int Count => _items.Count;

    /// <summary>Returns the prepared image for these bytes and options, preparing it on first use.</summary>
    /// <param name="encoded">The encoded image.</param>
    /// <param name="options">The preparation.</param>
    /// <returns>The shared prepared image.</returns>
    public SignatureImage GetOrLoad(ReadOnlyMemory<byte> encoded, ImagePreparationOptions? options = null)
    {
        options ??= ImagePreparationOptions.KeepColors;
        string key = Convert.ToHexString(SHA256.HashData(encoded.Span)) + "|" + options.CacheKey;
        Lazy<SignatureImage> lazy = _items.GetOrAdd(key, _ => new Lazy<SignatureImage>(() => SignatureImage.Load(encoded.Span, options), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _items.TryRemove(new KeyValuePair<string, Lazy<SignatureImage>>(key, lazy));
            throw;
        }
    }

    /// <summary>Removes every cached image.</summary>
    public void Clear() => _items.Clear();
}
