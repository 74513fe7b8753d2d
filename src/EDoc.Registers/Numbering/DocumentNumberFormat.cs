using System.Globalization;

namespace EDoc.Registers.Numbering;

/// <summary>How numbers are written: Arabic digits, zero-padded below 10 (NĐ 30/2020 Annex I §II.3.c).</summary>
public static class DocumentNumberFormat
{
    /// <summary>Formats a document or arrival number: <c>1</c> → <c>01</c>, <c>9</c> → <c>09</c>, <c>10</c> → <c>10</c>.</summary>
    /// <param name="number">A number from 1.</param>
    /// <returns>The written number.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 1.</exception>
    public static string Format(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return number.ToString("00", CultureInfo.InvariantCulture);
    }
}
