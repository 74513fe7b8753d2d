using PdfSharp.Drawing;

namespace EDoc.Samples.Workflow;

/// <summary>Text layout helpers for drawing with PDFsharp.</summary>
public static class PdfSharpText
{
    /// <summary>Splits a text into lines no wider than <paramref name="width"/> points (at spaces; a longer word stands alone).</summary>
    /// <param name="graphics">The graphics that measures.</param>
    /// <param name="text">The text.</param>
    /// <param name="font">The font.</param>
    /// <param name="width">The width in points.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        ArgumentNullException.ThrowIfNull(graphics);
        ArgumentNullException.ThrowIfNull(text);
        return WrapLines(graphics, text, font, width);
    }

    private static IEnumerable<string> WrapLines(XGraphics graphics, string text, XFont font, double width)
    {
        var current = string.Empty;
        foreach (var word in text.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                yield return current;
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        if (current.Length > 0)
        {
            yield return current;
        }
    }
}
