using EDoc.Agencies;
using EDoc.Documents;

namespace EDoc.Samples.Workflow;

/// <summary>
/// Who takes part in the agency workflow and how its documents travel: the issuing agency, its recipient, the signer
/// and the delivery method written into the registers. <see cref="SampleScenario.Parties"/> gives the embedded ones.
/// </summary>
public sealed record WorkflowParties
{
    /// <summary>The issuing agency (cơ quan ban hành): the sender of the edXML package, the author of the archive records.</summary>
    public required Agency Sender { get; init; }

    /// <summary>The issuer's abbreviation in the notation (ký hiệu), for example <c>UBND</c> in <c>01/QĐ-UBND</c>.</summary>
    public required string SenderAbbreviation { get; init; }

    /// <summary>The place of issue (địa danh): the date field's "Nghệ An, ngày … " and the signatures' location.</summary>
    public required string Place { get; init; }

    /// <summary>The recipient agency (nơi nhận).</summary>
    public required Agency Recipient { get; init; }

    /// <summary>The person who signs (người ký): authority, title and name.</summary>
    public required SignerInfo Signer { get; init; }

    /// <summary>The delivery method in the registers (phương thức gửi/nhận), for example <c>Trục liên thông văn bản quốc gia</c>.</summary>
    public required string Method { get; init; }
}
