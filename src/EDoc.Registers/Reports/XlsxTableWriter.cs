using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EDoc.Registers.Reports;

/// <summary>
/// Writes a <see cref="ReportTable"/> as an Excel workbook (XLSX, Office Open XML): the title in the first row, the
/// headers in bold in the second, then the rows; numbers as numeric cells, text as inline strings.
/// </summary>
public static class XlsxTableWriter
{
    /// <summary>Writes the workbook.</summary>
    /// <param name="table">The table.</param>
    /// <param name="destination">Where to write.</param>
    /// <param name="sheetName">The worksheet name (at most 31 characters; <c>[]:*?/\</c> are replaced).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when written.</returns>
    public static async Task WriteAsync(ReportTable table, Stream destination, string sheetName = "Report", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(sheetName);
        using var buffer = new MemoryStream();
        Write(table, buffer, sheetName);
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private static void Write(ReportTable table, Stream stream, string sheetName)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }));
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint rowIndex = 1;
        data.Append(RowOf(rowIndex++, [table.Title], style: 1));
        data.Append(RowOf(rowIndex++, table.Headers.Cast<object?>().ToList(), style: 1));
        foreach (var row in table.Rows)
        {
            data.Append(RowOf(rowIndex++, row, style: 0));
        }

        var columns = new Columns();
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var width = Math.Clamp(table.Rows.Select(r => Text(r[i]).Length).Append(table.Headers[i].Length).Max() + 2, 8, 60);
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
        }

        sheetPart.Worksheet = new Worksheet(columns, data);
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SafeSheetName(sheetName) });
        workbookPart.Workbook.Save();
    }

    private static Row RowOf(uint index, IReadOnlyList<object?> values, uint style)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            var value = values[i];
            Cell cell = value switch
            {
                null => new Cell { CellReference = reference },
                string s => new Cell(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(s) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                },
                IFormattable f => new Cell(new CellValue(f.ToString(null, CultureInfo.InvariantCulture)))
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                },
                _ => new Cell { CellReference = reference },
            };
            if (style != 0)
            {
                cell.StyleIndex = style;
            }

            row.Append(cell);
        }

        return row;
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    private static string SafeSheetName(string name)
    {
        var chars = name.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' ? '_' : c).ToArray();
        var safe = new string(chars).Trim();
        if (safe.Length == 0)
        {
            safe = "Report";
        }

        return safe.Length > 31 ? safe[..31] : safe;
    }
}
