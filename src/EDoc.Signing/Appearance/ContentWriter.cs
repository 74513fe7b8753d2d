using System.Globalization;
using System.Text;

namespace EDoc.Signing.Appearance;

/// <summary>Writes PDF content-stream operators with invariant number formatting.</summary>
internal sealed class ContentWriter
{
    private readonly StringBuilder _sb = new();

    public ContentWriter Op(string op, params double[] operands)
    {
        foreach (double d in operands)
        {
            _sb.Append(Num(d)).Append(' ');
        }

        _sb.Append(op).Append('\n');
        return this;
    }

    public ContentWriter Raw(string text)
    {
        _sb.Append(text).Append('\n');
        return this;
    }

    public ContentWriter Fill(InkColor c) => Op("rg", c.R / 255.0, c.G / 255.0, c.B / 255.0);

    public ContentWriter Stroke(InkColor c) => Op("RG", c.R / 255.0, c.G / 255.0, c.B / 255.0);

    public ContentWriter DrawImage(string name, double x, double y, double w, double h)
        => Raw("q").Op("cm", w, 0, 0, h, x, y).Raw("/" + name + " Do").Raw("Q");

    public ContentWriter Text(string fontName, double size, double x, double y, byte[] glyphs)
        => Raw("BT").Raw("/" + fontName + " " + Num(size) + " Tf").Op("Td", x, y).Raw("<" + Convert.ToHexString(glyphs) + "> Tj").Raw("ET");

    public byte[] ToBytes() => Encoding.ASCII.GetBytes(_sb.ToString());

    public static string Num(double v)
    {
        if (Math.Abs(v) < 1e-9)
        {
            return "0";
        }

        string s = v.ToString("0.####", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }
}
