using System.Globalization;
using System.Text;

namespace EDoc.Text.Internal;

/// <summary>
/// Repairs UTF-8 that was decoded as Windows-1252 or Latin-1 ("Viá»‡t Nam" → "Việt Nam"). Works sequence by
/// sequence, so text that is only partly damaged keeps its good parts; characters that do not form a well-formed
/// UTF-8 sequence stay as they are.
/// </summary>
internal static class MojibakeRepair
{
    /// <summary>Runs one repair pass.</summary>
    /// <param name="text">The damaged text.</param>
    /// <param name="repaired">How many UTF-8 sequences were turned back into characters.</param>
    /// <param name="allWindows1252">Whether every repaired character is itself a Windows-1252 character.</param>
    public static string RepairOnce(string text, out int repaired, out bool allWindows1252)
    {
        repaired = 0;
        allWindows1252 = true;
        StringBuilder? output = null;
        var i = 0;
        Span<byte> sequence = stackalloc byte[4];
        while (i < text.Length)
        {
            if (TryReadSequence(text, i, sequence, out var length, out var rune))
            {
                output ??= new StringBuilder(text.Length).Append(text, 0, i);
                output.Append(rune.ToString());
                allWindows1252 &= rune.IsBmp && Windows1252.TryGetByte((char)rune.Value, out _);
                repaired++;
                i += length;
                continue;
            }

            output?.Append(text[i]);
            i++;
        }

        return output?.ToString() ?? text;
    }

    /// <summary>
    /// Repairs up to <paramref name="maxPasses"/> layers of mis-decoding (double encoding is common). Another pass
    /// runs only when everything the previous pass produced is itself a Windows-1252 character, as the inner layer of
    /// double-encoded text is; a pass that produced real letters (ệ, ư, đ…) was the last layer.
    /// </summary>
    public static string Repair(string text, int maxPasses, out int repaired)
    {
        repaired = 0;
        var current = text;
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var next = RepairOnce(current, out var count, out var allWindows1252);
            if (count == 0)
            {
                break;
            }

            repaired = count;
            current = next;
            if (!allWindows1252)
            {
                break;
            }
        }

        return current;
    }

    private static bool TryReadSequence(string text, int index, Span<byte> sequence, out int length, out Rune rune)
    {
        length = 0;
        rune = default;
        if (!Windows1252.TryGetByte(text[index], out var lead) || lead < 0xC2 || lead > 0xF4)
        {
            return false;
        }

        length = lead switch
        {
            < 0xE0 => 2,
            < 0xF0 => 3,
            _ => 4,
        };
        if (index + length > text.Length)
        {
            return false;
        }

        sequence[0] = lead;
        for (var k = 1; k < length; k++)
        {
            if (!Windows1252.TryGetByte(text[index + k], out var trail) || trail < 0x80 || trail > 0xBF)
            {
                return false;
            }

            sequence[k] = trail;
        }

        if (Rune.DecodeFromUtf8(sequence[..length], out rune, out var consumed) != System.Buffers.OperationStatus.Done
            || consumed != length)
        {
            return false;
        }

        // A repaired character must be text: not unassigned, not a control — except the C1 controls, which are what
        // the bytes Windows-1252 leaves undefined become, so a double-encoded Đ (C4 90) passes through U+0090.
        if (rune.Value is >= 0x80 and <= 0x9F)
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is not (UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse
            or UnicodeCategory.Surrogate);
    }
}
