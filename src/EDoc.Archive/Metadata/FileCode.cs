using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EDoc.Archive.Metadata;

/// <summary>
/// Mã hồ sơ (file code) per NĐ 30/2020 Phụ lục VI and Thông tư 05/2025/TT-BNV: the identifier of the agency that
/// compiles the file list (<c>OrganId</c>, 13 characters such as <c>000.00.00.H41</c>), the year the file was formed
/// (<c>FileCatalog</c>) and the file number and symbol (<c>FileNotation</c>, e.g. <c>01.TCCB</c>), joined by dots:
/// <c>000.00.00.H41.2025.01.TCCB</c>.
/// </summary>
/// <param name="OrganId">Mã cơ quan lập danh mục hồ sơ (13 characters).</param>
/// <param name="Year">Năm hình thành hồ sơ.</param>
/// <param name="FileNotation">Số và ký hiệu hồ sơ (at most 20 characters).</param>
public sealed partial record FileCode(string OrganId, int Year, string FileNotation)
{
    /// <summary>Builds the code of a batch of loose documents (lô tài liệu): agency, year, 2-digit submission round, 7-digit ordinal.</summary>
    /// <param name="organId">The agency identifier.</param>
    /// <param name="year">The year.</param>
    /// <param name="round">The submission round (1–99).</param>
    /// <param name="ordinal">The batch ordinal (1–9,999,999).</param>
    /// <returns>The code.</returns>
    public static FileCode ForLooseDocuments(string organId, int year, int round, int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(round, 99);
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ordinal, 9_999_999);
        return new FileCode(organId, year, string.Create(CultureInfo.InvariantCulture, $"{round:D2}.{ordinal:D7}"));
    }

    /// <summary>Parses a file code such as <c>000.00.00.H41.2025.01.TCCB</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The code.</returns>
    /// <exception cref="EDocFormatException">The text is not a file code.</exception>
    public static FileCode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var code)
            ? code
            : throw new EDocFormatException("FileCode", null, $"'{text}' is not a file code (OrganId.Year.FileNotation, e.g. 000.00.00.H41.2025.01.TCCB).");
    }

    /// <summary>Tries to parse a file code.</summary>
    /// <param name="text">The text.</param>
    /// <param name="code">The code, when parsed.</param>
    /// <returns><see langword="true"/> when parsed.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FileCode? code)
    {
        code = null;
        if (text is null)
        {
            return false;
        }

        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        code = new FileCode(m.Groups["organ"].Value, int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), m.Groups["notation"].Value);
        return true;
    }

    /// <summary>Mã văn bản (document code): the file code and the 7-digit ordinal of the document in the file.</summary>
    /// <param name="ordinal">The document ordinal in the file (1–9,999,999).</param>
    /// <returns>For example <c>000.00.00.H41.2025.01.TCCB.0000001</c>.</returns>
    public string DocumentCode(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ordinal, 9_999_999);
        return string.Create(CultureInfo.InvariantCulture, $"{this}.{ordinal:D7}");
    }

    /// <summary>Mã hồ sơ lưu trữ (archival file code, AIP): the archive agency's code followed by the file code.</summary>
    /// <param name="archiveAgencyCode">The code of the archive (lưu trữ) that keeps the file.</param>
    /// <returns>For example <c>000.00.00.H41.LT.000.00.00.H41.2025.01.TCCB</c>.</returns>
    public string ArchivalCode(string archiveAgencyCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archiveAgencyCode);
        return $"{archiveAgencyCode}.{this}";
    }

    /// <summary>The code as text: <c>OrganId.Year.FileNotation</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OrganId}.{Year:D4}.{FileNotation}");

    [GeneratedRegex(@"^(?<organ>[0-9A-Za-z]{3}\.[0-9A-Za-z]{2}\.[0-9A-Za-z]{2}\.[0-9A-Za-z]{3})\.(?<year>[0-9]{4})\.(?<notation>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
