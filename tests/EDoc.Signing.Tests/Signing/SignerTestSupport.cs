using System.Text;
using System.Text.RegularExpressions;
using EDoc.Signing.Tests.TestSupport;

namespace EDoc.Signing.Tests.Signing;

/// <summary>Signature extraction by regex over the raw bytes (like tooling's extract_sig.py), independent of our reader.</summary>
internal static partial class SignerTestSupport
{
    internal sealed record ExtractedSignature(long[] ByteRange, byte[] Der, byte[] SignedBytes, bool CoversEnd);

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRangeRegex();

    public static List<ExtractedSignature> Extract(string file)
    {
        byte[] data = File.ReadAllBytes(file);
        string text = Encoding.Latin1.GetString(data);
        var list = new List<ExtractedSignature>();
        foreach (Match m in ByteRangeRegex().Matches(text))
        {
            long a = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), b = long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), c = long.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), d = long.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture);
            string hex = text[(int)(a + b)..(int)c].Trim();
            Assert.True(hex.StartsWith('<') && hex.EndsWith('>'), $"ByteRange gap of [{a} {b} {c} {d}] is not a hex string");
            byte[] raw = Convert.FromHexString(hex[1..^1]);
            int len;
            if ((raw[1] & 0x80) != 0)
            {
                int k = raw[1] & 0x7f;
                int l = 0;
                for (int i = 0; i < k; i++)
                {
                    l = (l << 8) | raw[2 + i];
                }

                len = 2 + k + l;
            }
            else
            {
                len = 2 + raw[1];
            }

            byte[] signed = new byte[b + d];
            Array.Copy(data, a, signed, 0, b);
            Array.Copy(data, c, signed, b, d);
            list.Add(new ExtractedSignature([a, b, c, d], raw[..len], signed, c + d == data.Length));
        }

        return list;
    }

    public static ToolResult OpenSslVerify(ExtractedSignature sig, string caPem)
    {
        using var dir = new TempDir();
        dir.Write("s.der", sig.Der);
        dir.Write("s.bin", sig.SignedBytes);
        dir.WriteText("ca.crt", caPem);
        return TestSupport.ExternalTool.OpenSsl("cms", "-verify", "-inform", "DER", "-in", dir.File("s.der"), "-content", dir.File("s.bin"), "-binary", "-CAfile", dir.File("ca.crt"), "-purpose", "any", "-out", dir.File("out.bin"));
    }

    public static string OpenSslPrint(byte[] der)
    {
        using var dir = new TempDir();
        dir.Write("s.der", der);
        ToolResult r = TestSupport.ExternalTool.OpenSsl("cms", "-cmsout", "-print", "-inform", "DER", "-in", dir.File("s.der"));
        Assert.True(r.ExitCode == 0, r.All);
        return r.Stdout;
    }

    /// <summary>Files left in a folder (to prove no temp or partial output remains).</summary>
    public static string[] FilesIn(string directory) => Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
