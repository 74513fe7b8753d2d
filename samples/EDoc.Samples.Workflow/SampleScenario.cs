using EDoc.Agencies;
using EDoc.Documents;

namespace EDoc.Samples.Workflow;

/// <summary>
/// The embedded data of the samples: who sends what to whom (a Quyết định of UBND tỉnh Nghệ An to its Sở Thông tin
/// và Truyền thông, with an annex). Every value is embedded; nothing is configured.
/// </summary>
public sealed record SampleScenario
{
    /// <summary>The issuing agency (cơ quan ban hành).</summary>
    public Agency Sender { get; } = Agency.Create("000.00.00.H41", "UBND tỉnh Nghệ An");

    /// <summary>The recipient agency (nơi nhận).</summary>
    public Agency Recipient { get; } = Agency.Create("000.01.31.H41", "Sở Thông tin và Truyền thông tỉnh Nghệ An");

    /// <summary>The issuer's abbreviation in the notation (ký hiệu), <c>UBND</c>.</summary>
    public string SenderAbbreviation => "UBND";

    /// <summary>The place of issue (địa danh).</summary>
    public string Place => "Nghệ An";

    /// <summary>The title of the plan the decision issues.</summary>
    public string PlanTitle => "Kế hoạch chuyển đổi số tỉnh Nghệ An năm 2026";

    /// <summary>The abstract (trích yếu); registers show it after the type name.</summary>
    public string Subject => "Về việc ban hành " + PlanTitle;

    /// <summary>The title of the annex (phụ lục).</summary>
    public string AnnexTitle => "Danh mục nhiệm vụ chuyển đổi số năm 2026";

    /// <summary>The signing authority (thẩm quyền ký, ô 7a) as printed.</summary>
    public string SignerCompetence => "TM. ỦY BAN NHÂN DÂN";

    /// <summary>The signer's title (chức vụ, ô 7b) as printed.</summary>
    public string SignerPosition => "CHỦ TỊCH";

    /// <summary>The signer's name: the common name of the development signer certificate.</summary>
    public string SignerFullName => "Nguyễn Văn An";

    /// <summary>The signer as the edXML package and the archive record it.</summary>
    public SignerInfo Signer => new() { Competence = SignerCompetence, Position = "Chủ tịch", FullName = SignerFullName };

    /// <summary>The parties of the workflow in this scenario (documents travel through the national document axis).</summary>
    public WorkflowParties Parties => new()
    {
        Sender = Sender,
        SenderAbbreviation = SenderAbbreviation,
        Place = Place,
        Recipient = Recipient,
        Signer = Signer,
        Method = "Trục liên thông văn bản quốc gia",
    };

    /// <summary>The legal bases (căn cứ ban hành), one paragraph each.</summary>
    public IReadOnlyList<string> LegalBasis { get; } =
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông.",
    ];

    /// <summary>The articles (điều): the bold head and the text.</summary>
    public IReadOnlyList<(string Head, string Text)> Articles { get; } =
    [
        ("Điều 1.", "Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số tỉnh Nghệ An năm 2026 (Phụ lục kèm theo)."),
        ("Điều 2.", "Quyết định này có hiệu lực kể từ ngày ký."),
        ("Điều 3.", "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Thông tin và Truyền thông và thủ trưởng các cơ quan, đơn vị liên quan chịu trách nhiệm thi hành Quyết định này./."),
    ];

    /// <summary>The lines under "Nơi nhận:" (ô 9a).</summary>
    public IReadOnlyList<string> RecipientLines { get; } = ["- Như Điều 3;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT."];

    /// <summary>The rows of the annex's table: task, owner (chủ trì), due (thời hạn).</summary>
    public IReadOnlyList<(string Task, string Owner, string Due)> AnnexRows { get; } =
    [
        ("Hoàn thiện hệ thống quản lý văn bản và điều hành, kết nối Trục liên thông văn bản quốc gia", "Sở Thông tin và Truyền thông", "Quý I/2026"),
        ("Ký số 100% văn bản đi của các cơ quan hành chính cấp tỉnh", "Văn phòng UBND tỉnh", "Quý II/2026"),
        ("Lập hồ sơ điện tử và nộp lưu vào Lưu trữ lịch sử theo Thông tư 05/2025/TT-BNV", "Sở Nội vụ", "Quý IV/2026"),
    ];
}
