using System.Text;

namespace EDoc;

/// <summary>Shows untrusted input in exception messages: shortened, with control characters escaped (no log injection).</summary>
internal static class InputText
{
    internal static string Show(ReadOnlySpan<char> input, int maxLength = 40)
    {
        var builder = new StringBuilder(Math.Min(input.Length, maxLength) + 8);
        foreach (var c in input[..Math.Min(input.Length, maxLength)])
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return input.Length > maxLength ? builder.Append('…').ToString() : builder.ToString();
    }
}
