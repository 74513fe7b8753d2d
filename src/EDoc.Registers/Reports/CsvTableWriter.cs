using System.Globalization;
using System.Text;

namespace EDoc.Registers.Reports;

/// <summary>
/// Writes a <see cref="ReportTable"/> as CSV for Excel: UTF-8 with a byte order mark, comma separated, CRLF line ends,
/// RFC 4180 quoting, numbers in invariant culture. Text that a spreadsheet would run as a formula (starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR) is prefixed with an apostrophe.
/// </summary>
public static class CsvTableWriter
{
    /// <summary>Writes the header row and the rows (not the title).</summary>
    /// <param name="table">The table.</param>
    /// <param name="destination">Where to write.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(ReportTable table, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            writer.NewLine = "\r\n";
            await writer.WriteLineAsync(string.Join(',', table.Headers.Select(h => Quote(h)))).ConfigureAwait(false);
            foreach (var row in table.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(string.Join(',', row.Select(Format))).ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => Quote(s, guardFormula: true),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? string.Empty, guardFormula: true),
    };

    private static string Quote(string value, bool guardFormula = false)
    {
        if (guardFormula && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
