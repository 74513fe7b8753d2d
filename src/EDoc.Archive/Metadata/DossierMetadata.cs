using System.Globalization;

namespace EDoc.Archive.Metadata;

/// <summary>Which kind of content a package holds (Thông tư 05/2025/TT-BNV Art. 17).</summary>
public enum ArchiveContentVariant
{
    /// <summary>A dossier (hồ sơ): <c>SIP_hoso</c> / <c>AIP_hoso</c>, METS <c>TYPE="Mixed"</c>.</summary>
    Dossier,

    /// <summary>Loose documents not formed into a file (tài liệu rời): <c>SIP_tailieu</c> / <c>AIP_tailieu</c>, METS <c>TYPE="Collection"</c>.</summary>
    LooseDocuments,
}

/// <summary>
/// Metadata of a dossier (hồ sơ) — the 18 fields of Thông tư 05/2025/TT-BNV (<c>EAD.xml</c>) plus the NĐ 30/2020
/// Phụ lục VI file fields they do not cover (<see cref="Creator"/>). For loose documents the same type carries the
/// 5-field batch header (<see cref="FileCode"/>, <see cref="Title"/>, <see cref="Source"/>, <see cref="TotalDoc"/>,
/// <see cref="Description"/>).
/// </summary>
public sealed record DossierMetadata
{
    /// <summary>Mã hồ sơ (fileCode), or the batch code of loose documents.</summary>
    public required FileCode FileCode { get; init; }

    /// <summary>Mã cơ quan lưu trữ: the archive's code, making <c>arcFileCode</c> of an AIP.</summary>
    public string? ArchiveAgencyCode { get; init; }

    /// <summary>Tiêu đề hồ sơ (title, at most 1000 characters).</summary>
    public required string Title { get; init; }

    /// <summary>Thời hạn bảo quản: a <c>maintenance</c> code (01 Vĩnh viễn … 07 Khác).</summary>
    public string? Maintenance { get; init; }

    /// <summary>Chế độ sử dụng: a <c>mode</c> code (01 Công khai, 02 Sử dụng có điều kiện, 03 Mật).</summary>
    public string? Mode { get; init; }

    /// <summary>Ngôn ngữ: one or more <c>language</c> codes (01 Tiếng Việt …).</summary>
    public IReadOnlyList<string> Language { get; init; } = [];

    /// <summary>Thời gian bắt đầu.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Thời gian kết thúc.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Từ khóa (keywords, at most 100 characters).</summary>
    public string? Keyword { get; init; }

    /// <summary>Tổng số văn bản trong hồ sơ; when <see langword="null"/> the packager counts the documents.</summary>
    public int? TotalDoc { get; init; }

    /// <summary>Số lượng tờ (sheets of digitised paper; 0 for born-digital files).</summary>
    public int? NumberOfPaper { get; init; }

    /// <summary>Số lượng trang; when <see langword="null"/> the packager sums the documents' pages.</summary>
    public int? NumberOfPage { get; init; }

    /// <summary>Tình trạng vật lý: a <c>format</c> code (01 Tốt, 02 Bình thường, 03 Hỏng).</summary>
    public string? Format { get; init; }

    /// <summary>Ký hiệu thông tin.</summary>
    public string? InforSign { get; init; }

    /// <summary>Mức độ tin cậy: a <c>confidenceLevel</c> code (01 Gốc điện tử, 02 Số hóa, 03 Hỗn hợp).</summary>
    public string? ConfidenceLevel { get; init; }

    /// <summary>Mã hồ sơ gốc giấy (required for digitised files).</summary>
    public string? PaperFileCode { get; init; }

    /// <summary>Chế độ dự phòng (risk recovery copy kept).</summary>
    public bool? RiskRecovery { get; init; }

    /// <summary>Tình trạng dự phòng: a <c>riskRecoveryStatus</c> code (required when <see cref="RiskRecovery"/> is true).</summary>
    public string? RiskRecoveryStatus { get; init; }

    /// <summary>Ghi chú (file creator and clarifications).</summary>
    public string? Description { get; init; }

    /// <summary>Người lập hồ sơ (NĐ 30/2020 <c>Creator</c>).</summary>
    public string? Creator { get; init; }

    /// <summary>Nguồn of a loose-document batch: <c>0</c> văn bản đi, <c>1</c> văn bản đến.</summary>
    public string? Source { get; init; }

    /// <summary>The values of the fields by rule-set field name (the TT 05/2025 names and the NĐ 30/2020 extras).</summary>
    /// <param name="documentCount">The number of documents, used when <see cref="TotalDoc"/> is not set.</param>
    /// <param name="pageCount">The number of pages, used when <see cref="NumberOfPage"/> is not set.</param>
    /// <param name="ruleSet">The rule set whose code labels fill the NĐ 30/2020 text fields.</param>
    /// <returns>The values; absent fields are <see langword="null"/>.</returns>
    public IReadOnlyDictionary<string, object?> ToFieldValues(int? documentCount = null, int? pageCount = null, Rules.ArchiveRuleSet? ruleSet = null)
    {
        var codes = ruleSet ?? Rules.ArchiveRuleSet.Tt05;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["fileCode"] = ArchiveAgencyCode is null ? FileCode.ToString() : FileCode.ArchivalCode(ArchiveAgencyCode),
            ["organId"] = FileCode.OrganId,
            ["fileCatalog"] = FileCode.Year,
            ["fileNotation"] = FileCode.FileNotation,
            ["title"] = Title,
            ["maintenance"] = Maintenance,
            ["maintenanceLabel"] = Maintenance is null ? null : MetadataLabels.Label(codes, "maintenance", Maintenance),
            ["mode"] = Mode,
            ["modeLabel"] = Mode is null ? null : MetadataLabels.Label(codes, "mode", Mode),
            ["language"] = Language,
            ["languageLabel"] = Language.Count == 0 ? null : string.Join(", ", Language.Select(l => MetadataLabels.Label(codes, "language", l))),
            ["startDate"] = StartDate,
            ["endDate"] = EndDate,
            ["keyword"] = Keyword,
            ["totalDoc"] = TotalDoc ?? documentCount,
            ["numberOfPaper"] = NumberOfPaper,
            ["numberOfPage"] = NumberOfPage ?? pageCount,
            ["format"] = Format,
            ["inforSign"] = InforSign,
            ["confidenceLevel"] = ConfidenceLevel,
            ["paperFileCode"] = PaperFileCode,
            ["riskRecovery"] = RiskRecovery,
            ["riskRecoveryStatus"] = RiskRecoveryStatus,
            ["description"] = Description,
            ["creator"] = Creator,
            ["source"] = Source,
        };
    }
}

/// <summary>
/// Metadata of one document (văn bản) — the 21 fields of Thông tư 05/2025/TT-BNV (<c>EAD_doc</c>) plus the NĐ 30/2020
/// Phụ lục VI fields they do not cover (signer, priority).
/// </summary>
public sealed record DocumentMetadata
{
    /// <summary>Số thứ tự văn bản trong hồ sơ (1-based); makes <c>docCode</c> with the file code.</summary>
    public required int Ordinal { get; init; }

    /// <summary>Mã định danh văn bản (docId, at most 25 characters).</summary>
    public string? DocId { get; init; }

    /// <summary>Thời hạn bảo quản: a <c>maintenance</c> code.</summary>
    public string? Maintenance { get; init; }

    /// <summary>Tên loại văn bản: a <c>typeName</c> code (01 Nghị quyết … 32 Khác).</summary>
    public string? TypeName { get; init; }

    /// <summary>Số của văn bản (at most 11 characters).</summary>
    public string? CodeNumber { get; init; }

    /// <summary>Ký hiệu của văn bản (at most 30 characters).</summary>
    public string? CodeNotation { get; init; }

    /// <summary>Ngày, tháng, năm văn bản.</summary>
    public DateOnly? IssuedDate { get; init; }

    /// <summary>Tên cơ quan, tổ chức ban hành văn bản.</summary>
    public string? OrganName { get; init; }

    /// <summary>Trích yếu nội dung.</summary>
    public string? Subject { get; init; }

    /// <summary>Ngôn ngữ: one or more <c>language</c> codes.</summary>
    public IReadOnlyList<string> Language { get; init; } = [];

    /// <summary>Số lượng trang.</summary>
    public int? NumberOfPage { get; init; }

    /// <summary>Ký hiệu thông tin.</summary>
    public string? InforSign { get; init; }

    /// <summary>Từ khóa.</summary>
    public string? Keyword { get; init; }

    /// <summary>Chế độ sử dụng: a <c>mode</c> code.</summary>
    public string? Mode { get; init; }

    /// <summary>Mức độ tin cậy: a <c>confidenceLevel</c> code.</summary>
    public string? ConfidenceLevel { get; init; }

    /// <summary>Bút tích (annotations by leaders, at most 2000 characters).</summary>
    public string? Autograph { get; init; }

    /// <summary>Tình trạng vật lý: a <c>format</c> code.</summary>
    public string? Format { get; init; }

    /// <summary>Chế độ dự phòng.</summary>
    public bool? RiskRecovery { get; init; }

    /// <summary>Tình trạng dự phòng: a <c>riskRecoveryStatus</c> code.</summary>
    public string? RiskRecoveryStatus { get; init; }

    /// <summary>Quy trình xử lý: whether the processing trail is attached (required for born-digital and mixed documents).</summary>
    public bool? Process { get; init; }

    /// <summary>Ghi chú.</summary>
    public string? Description { get; init; }

    /// <summary>Chức vụ người ký (NĐ 30/2020 <c>SignerInfo/Position</c>).</summary>
    public string? SignerPosition { get; init; }

    /// <summary>Họ tên người ký (NĐ 30/2020 <c>SignerInfo/FullName</c>).</summary>
    public string? SignerFullName { get; init; }

    /// <summary>Độ khẩn, độ mật (NĐ 30/2020 <c>Priority</c>, one digit).</summary>
    public int? Priority { get; init; }

    /// <summary>The values of the fields by rule-set field name.</summary>
    /// <param name="fileCode">The dossier's file code, making <c>docCode</c>.</param>
    /// <param name="archiveAgencyCode">The archive's code for an AIP (<c>arcDocCode</c>), if any.</param>
    /// <param name="ruleSet">The rule set whose code labels fill the NĐ 30/2020 text fields.</param>
    /// <returns>The values; absent fields are <see langword="null"/>.</returns>
    public IReadOnlyDictionary<string, object?> ToFieldValues(FileCode fileCode, string? archiveAgencyCode = null, Rules.ArchiveRuleSet? ruleSet = null)
    {
        ArgumentNullException.ThrowIfNull(fileCode);
        var codes = ruleSet ?? Rules.ArchiveRuleSet.Tt05;
        string? docCode = Ordinal is >= 1 and <= 9_999_999 ? fileCode.DocumentCode(Ordinal) : null;
        if (docCode is not null && archiveAgencyCode is not null)
        {
            docCode = $"{archiveAgencyCode}.{docCode}";
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["docOrdinal"] = Ordinal,
            ["docId"] = DocId,
            ["docCode"] = docCode,
            ["maintenance"] = Maintenance,
            ["typeName"] = TypeName,
            ["typeNameLabel"] = TypeName is null ? null : MetadataLabels.Label(codes, "typeName", TypeName),
            ["codeNumber"] = CodeNumber,
            ["codeNotation"] = CodeNotation,
            ["issuedDate"] = IssuedDate,
            ["organName"] = OrganName,
            ["subject"] = Subject,
            ["language"] = Language,
            ["languageLabel"] = Language.Count == 0 ? null : string.Join(", ", Language.Select(l => MetadataLabels.Label(codes, "language", l))),
            ["numberOfPage"] = NumberOfPage,
            ["inforSign"] = InforSign,
            ["keyword"] = Keyword,
            ["mode"] = Mode,
            ["confidenceLevel"] = ConfidenceLevel,
            ["autograph"] = Autograph,
            ["format"] = Format,
            ["riskRecovery"] = RiskRecovery,
            ["riskRecoveryStatus"] = RiskRecoveryStatus,
            ["process"] = Process,
            ["description"] = Description,
            ["signerPosition"] = SignerPosition,
            ["signerFullName"] = SignerFullName,
            ["priority"] = Priority,
        };
    }
}

internal static class MetadataLabels
{
    public static string Label(Rules.ArchiveRuleSet ruleSet, string list, string code)
        => ruleSet.CodeLists.TryGetValue(list, out var l) ? l.LabelOf(code)
            : Rules.ArchiveRuleSet.Tt05.CodeLists.TryGetValue(list, out var d) ? d.LabelOf(code) : code;

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => string.Join(",", list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
