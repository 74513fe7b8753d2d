using System.Globalization;
using System.Text;
using EDoc.Registers.Reports;
using EDoc.Registers.Storage;
using EDoc.Registers.Tests.TestSupport;
using UglyToad.PdfPig;

namespace EDoc.Registers.Tests.Reports;

public sealed class ExportTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory directory = new();
    private IRegisterStore store = null!;

    public async Task InitializeAsync()
    {
        store = await RegisterStoreFactory.OpenAsync(directory.File("exports.db"));
        await SeededRegisters.SeedAsync(store);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Csv_SemiannualReport_HasBomHeaderAndInvariantNumbers()
    {
        var report = await RegisterReports.SemiannualAsync(store, new ReportPeriod(2026, 1));
        using var stream = new MemoryStream();

        await CsvTableWriter.WriteAsync(report.ToTable(), stream);

        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal(string.Join(',', SemiannualReport.Headers), lines[0]);
        Assert.Equal("Văn bản đi,Tổng,Tổng,4,2,1,1,75,50", lines[1]);
        Assert.Equal("Văn bản đến,Tổng,Tổng,7,5,1,1,85.71,71.43", lines[11]);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public async Task Csv_TextCells_QuotedAndFormulaGuarded()
    {
        var table = new ReportTable("t", ["a", "b", "c"], [["x,y", "say \"hi\"", "=1+1"]]);
        using var stream = new MemoryStream();

        await CsvTableWriter.WriteAsync(table, stream);

        var text = Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF');
        Assert.Equal("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",'=1+1\r\n", text);
    }

    [Fact]
    public async Task Xlsx_Reports_OpenInLibreOfficeAndConvertBackToSameValues()
    {
        var soffice = ExternalTool.Require("soffice", "libreoffice-calc-nogui");
        var semiannual = (await RegisterReports.SemiannualAsync(store, new ReportPeriod(2026, 1))).ToTable();
        var overdue = (await RegisterReports.OverdueAsync(store, new ReportPeriod(2026, 1), new DateOnly(2026, 6, 30))).ToTable();
        var outgoing = RegisterTables.Outgoing(await store.ListOutgoingAsync(2026), 2026);

        foreach (var (name, table) in new[] { ("semiannual", semiannual), ("overdue", overdue), ("outgoing", outgoing) })
        {
            var xlsx = directory.File(name + ".xlsx");
            await using (var file = File.Create(xlsx))
            {
                await XlsxTableWriter.WriteAsync(table, file, name);
            }

            var profile = new Uri(directory.File("lo-profile")).AbsoluteUri;
            var (exit, stdout, stderr) = ExternalTool.Run(soffice, "-env:UserInstallation=" + profile, "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", directory.File("out"), xlsx);
            var csvPath = Path.Combine(directory.File("out"), name + ".csv");
            Assert.True(exit == 0 && File.Exists(csvPath), $"LibreOffice could not convert {name}.xlsx: {stdout} {stderr}");

            var rows = ParseCsv(File.ReadAllText(csvPath, Encoding.UTF8).TrimStart('\uFEFF'));
            Assert.Equal(table.Title, rows[0][0]);
            Assert.Equal(table.Headers, rows[1]);
            Assert.Equal(table.Rows.Count, rows.Count - 2);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                for (var c = 0; c < table.Headers.Count; c++)
                {
                    var expected = table.Rows[r][c];
                    var actual = c < rows[r + 2].Count ? rows[r + 2][c] : string.Empty;
                    if (expected is int or decimal)
                    {
                        Assert.Equal(Convert.ToDecimal(expected, CultureInfo.InvariantCulture), decimal.Parse(actual, CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        Assert.Equal((string?)expected ?? string.Empty, actual);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Pdf_OutgoingRegister_VietnameseTextExtractsIntact()
    {
        var pdftotext = ExternalTool.Require("pdftotext", "poppler-utils");
        var table = RegisterTables.Outgoing(await store.ListOutgoingAsync(2026), 2026);
        var pdf = directory.File("outgoing.pdf");
        await using (var file = File.Create(pdf))
        {
            await RegisterPdfWriter.WriteAsync(table, file);
        }

        var (exit, text, stderr) = ExternalTool.Run(pdftotext, "-enc", "UTF-8", pdf, "-");
        Assert.True(exit == 0, stderr);
        text = System.Text.RegularExpressions.Regex.Replace(text.Normalize(NormalizationForm.FormC), @"\s+", " ");
        foreach (var expected in new[]
                 {
                     "SỔ ĐĂNG KÝ VĂN BẢN ĐI – NĂM 2026", "Số, ký hiệu văn bản", "Tên loại và trích yếu nội dung", "Ghi chú",
                     "01/QĐ-UBND", "02/QĐ-UBND", "03/UBND-VP", "10/01/2026", "ĐÃ HỦY SỐ",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // Cells wrap, so multi-word values are checked word by word.
        var extracted = text.Split(' ').ToHashSet(StringComparer.Ordinal);
        foreach (var word in "Nguyễn Văn Thư Quyết định triển khai điện tử Thông báo Người ký Nơi nhận Đơn vị, người bản lưu Ký nhận Không ban hành".Split(' '))
        {
            Assert.Contains(word, extracted);
        }

        // A second, independent reader sees the same Vietnamese words.
        using var document = PdfDocument.Open(pdf);
        var words = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)).Normalize(NormalizationForm.FormC);
        Assert.Contains("Quyết", words, StringComparison.Ordinal);
        Assert.Contains("định", words, StringComparison.Ordinal);
        Assert.Contains("ĐĂNG", words, StringComparison.Ordinal);
        Assert.True(document.NumberOfPages >= 1);
        var font = document.GetPage(1).Letters[0].FontName;
        Assert.Contains("Noto", font, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pdf_ManyRows_RepeatsHeaderOnEveryPage()
    {
        var pdftotext = ExternalTool.Require("pdftotext", "poppler-utils");
        var rows = Enumerable.Range(1, 120)
            .Select(i => (IReadOnlyList<object?>)[$"{i:00}/QĐ-UBND", "02/03/2026", "Quyết định về việc phê duyệt kế hoạch số " + i, null, null, null, i, null, null, null])
            .ToList();
        var table = new ReportTable("SỔ ĐĂNG KÝ VĂN BẢN ĐI – NĂM 2026", RegisterTables.OutgoingHeaders, rows);
        var pdf = directory.File("long.pdf");
        await using (var file = File.Create(pdf))
        {
            await RegisterPdfWriter.WriteAsync(table, file);
        }

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages >= 3, $"Only {document.NumberOfPages} pages.");
        for (var page = 1; page <= document.NumberOfPages; page++)
        {
            var (_, text, _) = ExternalTool.Run(pdftotext, "-f", page.ToString(CultureInfo.InvariantCulture), "-l", page.ToString(CultureInfo.InvariantCulture), pdf, "-");
            Assert.Contains("Số, ký hiệu văn bản", System.Text.RegularExpressions.Regex.Replace(text.Normalize(NormalizationForm.FormC), @"\s+", " "), StringComparison.Ordinal);
        }

        var (_, all, _) = ExternalTool.Run(pdftotext, pdf, "-");
        Assert.Contains("120/QĐ-UBND", all, StringComparison.Ordinal);
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
