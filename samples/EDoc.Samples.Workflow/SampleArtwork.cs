using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace EDoc.Samples.Workflow;

/// <summary>
/// The samples' artwork, drawn in code so that no image is shipped: a handwritten-looking signature in dark ink on
/// white (the signing step recolours it blue and removes the white) and a round seal in red on transparency.
/// The seal has rings and a star but no lettering: the served ImageSharp 2.1 has no text rasteriser.
/// </summary>
public static class SampleArtwork
{
    private static readonly Rgba32 Ink = new(25, 30, 70, 255);
    private static readonly Rgba32 SealRed = new(215, 25, 30, 255);

    /// <summary>A signature of about 4:1: two cursive loops, a tall stroke and an underline flourish (PNG).</summary>
    /// <returns>The PNG bytes.</returns>
    public static byte[] SignaturePng()
    {
        const int width = 900, height = 300;
        using var image = new Image<Rgba32>(width, height, new Rgba32(255, 255, 255, 255));

        // A prolate trochoid gives the loops of running handwriting; the pen pressure varies along the stroke.
        Stroke(image, 0, 1, 900, t =>
        {
            double x = 90 + (560 * t) - (38 * Math.Sin(t * Math.PI * 9));
            double y = 150 - (62 * Math.Cos(t * Math.PI * 9) * (0.55 + (0.45 * Math.Sin(t * Math.PI)))) - (40 * t);
            return (x, y, 4.2 + (2.2 * Math.Sin(t * Math.PI * 3)));
        });

        // A tall down-stroke with a hook, like the capital of a name.
        Stroke(image, 0, 1, 300, t => (80 + (40 * t) + (20 * Math.Sin(t * Math.PI)), 40 + (200 * t), 5.5 - (2 * t)));

        // The flourish under the name, rising to the right.
        Stroke(image, 0, 1, 700, t => (60 + (770 * t), 250 - (70 * t * t) + (14 * Math.Sin(t * Math.PI * 2)), 3 + (3.5 * Math.Sin(t * Math.PI))));
        return Png(image);
    }

    /// <summary>A round seal (PNG with alpha): outer double ring, inner ring, a five-pointed star, a ring of beads.</summary>
    /// <returns>The PNG bytes.</returns>
    public static byte[] SealPng()
    {
        const int size = 600;
        using var image = new Image<Rgba32>(size, size, new Rgba32(0, 0, 0, 0));
        double c = (size - 1) / 2.0, r = size / 2.0;
        var star = StarPolygon(c, c, r * 0.30, r * 0.12);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double dx = x - c, dy = y - c;
                double d = Math.Sqrt((dx * dx) + (dy * dy));
                double angle = Math.Atan2(dy, dx);
                bool rings = (d <= r && d >= r * 0.94) || (d <= r * 0.90 && d >= r * 0.885) || (d <= r * 0.47 && d >= r * 0.44);

                // Beads between the rings, where an agency's name would be lettered.
                double bead = Math.Round(angle / (Math.PI / 18)) * (Math.PI / 18);
                double bx = c + (r * 0.67 * Math.Cos(bead)), by = c + (r * 0.67 * Math.Sin(bead));
                bool beads = ((x - bx) * (x - bx)) + ((y - by) * (y - by)) <= (r * 0.05) * (r * 0.05);
                if (rings || beads || Inside(star, x, y))
                {
                    image[x, y] = SealRed;
                }
            }
        }

        return Png(image);
    }

    private static void Stroke(Image<Rgba32> image, double from, double to, int steps, Func<double, (double X, double Y, double Radius)> path)
    {
        for (int i = 0; i <= steps; i++)
        {
            var (x, y, radius) = path(from + ((to - from) * i / steps));
            Disc(image, x, y, Math.Max(1.5, radius));
        }
    }

    private static void Disc(Image<Rgba32> image, double cx, double cy, double radius)
    {
        int x0 = Math.Max(0, (int)(cx - radius - 1)), x1 = Math.Min(image.Width - 1, (int)(cx + radius + 1));
        int y0 = Math.Max(0, (int)(cy - radius - 1)), y1 = Math.Min(image.Height - 1, (int)(cy + radius + 1));
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                // Soft edge over one pixel: the ink darkens what is there.
                double coverage = Math.Clamp(radius + 0.5 - Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy))), 0, 1);
                if (coverage > 0)
                {
                    Rgba32 p = image[x, y];
                    image[x, y] = new Rgba32(Mix(p.R, Ink.R, coverage), Mix(p.G, Ink.G, coverage), Mix(p.B, Ink.B, coverage), 255);
                }
            }
        }
    }

    private static byte Mix(byte from, byte to, double share) => (byte)Math.Round(Math.Min(from, (from * (1 - share)) + (to * share)));

    private static (double X, double Y)[] StarPolygon(double cx, double cy, double outer, double inner)
    {
        var points = new (double X, double Y)[10];
        for (int i = 0; i < 10; i++)
        {
            double a = (-Math.PI / 2) + (i * Math.PI / 5);
            double radius = i % 2 == 0 ? outer : inner;
            points[i] = (cx + (radius * Math.Cos(a)), cy + (radius * Math.Sin(a)));
        }

        return points;
    }

    private static bool Inside((double X, double Y)[] polygon, double x, double y)
    {
        bool inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            if ((polygon[i].Y > y) != (polygon[j].Y > y)
                && x < ((polygon[j].X - polygon[i].X) * (y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y)) + polygon[i].X)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static byte[] Png(Image<Rgba32> image)
    {
        using var buffer = new MemoryStream();
        image.Save(buffer, new PngEncoder());
        return buffer.ToArray();
    }
}
