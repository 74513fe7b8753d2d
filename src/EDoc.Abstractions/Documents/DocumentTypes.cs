namespace EDoc.Documents;

/// <summary>
/// The document types of NĐ 30/2020/NĐ-CP (article 7 and Annex III §I), the legal normative types and the copy forms.
/// </summary>
public static class DocumentTypes
{
    /// <summary>Nghị quyết (cá biệt), NQ.</summary>
    public static DocumentType Resolution { get; } = Admin("nghi-quyet", "Nghị quyết", "NQ");

    /// <summary>Quyết định (cá biệt), QĐ.</summary>
    public static DocumentType Decision { get; } = Admin("quyet-dinh", "Quyết định", "QĐ");

    /// <summary>Chỉ thị, CT.</summary>
    public static DocumentType Directive { get; } = Admin("chi-thi", "Chỉ thị", "CT");

    /// <summary>Quy chế, QC.</summary>
    public static DocumentType Statute { get; } = Admin("quy-che", "Quy chế", "QC");

    /// <summary>Quy định, QyĐ (not QĐ, which is Quyết định).</summary>
    public static DocumentType Regulation { get; } = Admin("quy-dinh", "Quy định", "QyĐ");

    /// <summary>Thông cáo, TC.</summary>
    public static DocumentType Communique { get; } = Admin("thong-cao", "Thông cáo", "TC");

    /// <summary>Thông báo, TB.</summary>
    public static DocumentType Notice { get; } = Admin("thong-bao", "Thông báo", "TB");

    /// <summary>Hướng dẫn, HD.</summary>
    public static DocumentType Guideline { get; } = Admin("huong-dan", "Hướng dẫn", "HD");

    /// <summary>Chương trình, CTr.</summary>
    public static DocumentType Programme { get; } = Admin("chuong-trinh", "Chương trình", "CTr");

    /// <summary>Kế hoạch, KH.</summary>
    public static DocumentType Plan { get; } = Admin("ke-hoach", "Kế hoạch", "KH");

    /// <summary>Phương án, PA.</summary>
    public static DocumentType Scheme { get; } = Admin("phuong-an", "Phương án", "PA");

    /// <summary>Đề án, ĐA.</summary>
    public static DocumentType Proposal { get; } = Admin("de-an", "Đề án", "ĐA");

    /// <summary>Dự án, DA.</summary>
    public static DocumentType Project { get; } = Admin("du-an", "Dự án", "DA");

    /// <summary>Báo cáo, BC.</summary>
    public static DocumentType Report { get; } = Admin("bao-cao", "Báo cáo", "BC");

    /// <summary>Biên bản, BB.</summary>
    public static DocumentType Minutes { get; } = Admin("bien-ban", "Biên bản", "BB");

    /// <summary>Tờ trình, TTr.</summary>
    public static DocumentType Submission { get; } = Admin("to-trinh", "Tờ trình", "TTr");

    /// <summary>Hợp đồng, HĐ.</summary>
    public static DocumentType Contract { get; } = Admin("hop-dong", "Hợp đồng", "HĐ");

    /// <summary>Công văn: no type abbreviation; the notation is issuer then drafting unit or field.</summary>
    public static DocumentType OfficialLetter { get; } = Admin("cong-van", "Công văn", null);

    /// <summary>Công điện, CĐ.</summary>
    public static DocumentType OfficialTelegram { get; } = Admin("cong-dien", "Công điện", "CĐ");

    /// <summary>Bản ghi nhớ, BGN.</summary>
    public static DocumentType MemorandumOfUnderstanding { get; } = Admin("ban-ghi-nho", "Bản ghi nhớ", "BGN");

    /// <summary>Bản thỏa thuận, BTT.</summary>
    public static DocumentType Agreement { get; } = Admin("ban-thoa-thuan", "Bản thỏa thuận", "BTT");

    /// <summary>Giấy ủy quyền, GUQ.</summary>
    public static DocumentType PowerOfAttorney { get; } = Admin("giay-uy-quyen", "Giấy ủy quyền", "GUQ");

    /// <summary>Giấy mời, GM.</summary>
    public static DocumentType Invitation { get; } = Admin("giay-moi", "Giấy mời", "GM");

    /// <summary>Giấy giới thiệu, GGT.</summary>
    public static DocumentType LetterOfIntroduction { get; } = Admin("giay-gioi-thieu", "Giấy giới thiệu", "GGT");

    /// <summary>Giấy nghỉ phép, GNP.</summary>
    public static DocumentType LeaveCertificate { get; } = Admin("giay-nghi-phep", "Giấy nghỉ phép", "GNP");

    /// <summary>Phiếu gửi, PG.</summary>
    public static DocumentType TransmittalSlip { get; } = Admin("phieu-gui", "Phiếu gửi", "PG");

    /// <summary>Phiếu chuyển, PC.</summary>
    public static DocumentType ForwardingSlip { get; } = Admin("phieu-chuyen", "Phiếu chuyển", "PC");

    /// <summary>Phiếu báo, PB.</summary>
    public static DocumentType NotificationSlip { get; } = Admin("phieu-bao", "Phiếu báo", "PB");

    /// <summary>Thư công: no abbreviation is listed in Annex III.</summary>
    public static DocumentType PublicLetter { get; } = Admin("thu-cong", "Thư công", null);

    /// <summary>Hiến pháp (văn bản QPPL, no type abbreviation).</summary>
    public static DocumentType Constitution { get; } = Legal("hien-phap", "Hiến pháp", null);

    /// <summary>Bộ luật (văn bản QPPL), numbered like <c>45/2019/QH14</c>.</summary>
    public static DocumentType LegalCode { get; } = Legal("bo-luat", "Bộ luật", null);

    /// <summary>Luật (văn bản QPPL), numbered like <c>33/2024/QH15</c>.</summary>
    public static DocumentType Law { get; } = Legal("luat", "Luật", null);

    /// <summary>Pháp lệnh (văn bản QPPL), numbered like <c>01/2016/UBTVQH14</c>.</summary>
    public static DocumentType Ordinance { get; } = Legal("phap-lenh", "Pháp lệnh", null);

    /// <summary>Nghị quyết quy phạm pháp luật (Quốc hội, UBTVQH, Chính phủ, HĐND …), NQ.</summary>
    public static DocumentType LegalResolution { get; } = Legal("nghi-quyet-qppl", "Nghị quyết", "NQ");

    /// <summary>Nghị quyết liên tịch (văn bản QPPL), NQLT.</summary>
    public static DocumentType JointResolution { get; } = Legal("nghi-quyet-lien-tich", "Nghị quyết liên tịch", "NQLT");

    /// <summary>Lệnh of the State President (văn bản QPPL), L.</summary>
    public static DocumentType Order { get; } = Legal("lenh", "Lệnh", "L");

    /// <summary>Quyết định quy phạm pháp luật (Thủ tướng, Chủ tịch nước, UBND …), QĐ, for example <c>08/2018/QĐ-UBND</c>.</summary>
    public static DocumentType LegalDecision { get; } = Legal("quyet-dinh-qppl", "Quyết định", "QĐ");

    /// <summary>Nghị định (văn bản QPPL), NĐ, for example <c>30/2020/NĐ-CP</c>.</summary>
    public static DocumentType Decree { get; } = Legal("nghi-dinh", "Nghị định", "NĐ");

    /// <summary>Thông tư (văn bản QPPL), TT, for example <c>10/2016/TT-BTTTT</c>.</summary>
    public static DocumentType Circular { get; } = Legal("thong-tu", "Thông tư", "TT");

    /// <summary>Thông tư liên tịch (văn bản QPPL), TTLT.</summary>
    public static DocumentType JointCircular { get; } = Legal("thong-tu-lien-tich", "Thông tư liên tịch", "TTLT");

    /// <summary>Bản sao y (sao y), SY.</summary>
    public static DocumentType TrueCopy { get; } = new("sao-y", "Bản sao y", "SY", DocumentTypeCategory.Copy);

    /// <summary>Bản trích sao (trích sao), TrS.</summary>
    public static DocumentType ExtractCopy { get; } = new("trich-sao", "Bản trích sao", "TrS", DocumentTypeCategory.Copy);

    /// <summary>Bản sao lục (sao lục), SL.</summary>
    public static DocumentType ReproducedCopy { get; } = new("sao-luc", "Bản sao lục", "SL", DocumentTypeCategory.Copy);

    /// <summary>The 29 administrative types of NĐ 30/2020 article 7, in the article's order.</summary>
    public static IReadOnlyList<DocumentType> Administrative { get; } =
    [
        Resolution, Decision, Directive, Statute, Regulation, Communique, Notice, Guideline, Programme, Plan, Scheme,
        Proposal, Project, Report, Minutes, Submission, Contract, OfficialLetter, OfficialTelegram,
        MemorandumOfUnderstanding, Agreement, PowerOfAttorney, Invitation, LetterOfIntroduction, LeaveCertificate,
        TransmittalSlip, ForwardingSlip, NotificationSlip, PublicLetter,
    ];

    /// <summary>The legal normative types.</summary>
    public static IReadOnlyList<DocumentType> LegalNormative { get; } =
        [Constitution, LegalCode, Law, Ordinance, LegalResolution, JointResolution, Order, LegalDecision, Decree, Circular, JointCircular];

    /// <summary>The copy forms: sao y, trích sao, sao lục.</summary>
    public static IReadOnlyList<DocumentType> Copies { get; } = [TrueCopy, ExtractCopy, ReproducedCopy];

    private static DocumentType Admin(string code, string name, string? abbreviation)
        => new(code, name, abbreviation, DocumentTypeCategory.Administrative);

    private static DocumentType Legal(string code, string name, string? abbreviation)
        => new(code, name, abbreviation, DocumentTypeCategory.LegalNormative);
}
