namespace EDoc.Registers.Reports;

/// <summary>
/// A titled table (headers and rows) ready to export as CSV, XLSX or PDF. Cell values are <see cref="string"/>,
/// <see cref="int"/>, <see cref="long"/>, <see cref="decimal"/>, <see cref="double"/> or <see langword="null"/>.
/// </summary>
public sealed class ReportTable
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="title">The title, for example <c>SỔ ĐĂNG KÝ VĂN BẢN ĐI – NĂM 2026</c>.</param>
    /// <param name="headers">The column headers.</param>
    /// <param name="rows">The rows; each has one value per header.</param>
    /// <exception cref="ArgumentException">A row has a different number of cells than there are headers, or a cell has an unsupported type.</exception>
    public ReportTable(string title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(headers));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Count != headers.Count)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Count} cells; the table has {headers.Count} columns.", nameof(rows));
            }

            foreach (var cell in rows[i])
            {
                if (cell is not (null or string or int or long or decimal or double))
                {
                    throw new ArgumentException($"Row {i} has a cell of unsupported type {cell.GetType().Name}.", nameof(rows));
                }
            }
        }

        Title = title;
        Headers = headers;
        Rows = rows;
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }
}
