using EDoc.Documents;

namespace EDoc.Policies;

/// <summary>Subject areas that, under many provincial rules, also need a paper copy.</summary>
[Flags]
public enum DocumentSubjectAreas
{
    /// <summary>None of the listed areas.</summary>
    None = 0,

    /// <summary>Tài chính: finance, budget, assets.</summary>
    Finance = 1,

    /// <summary>Tổ chức cán bộ: personnel, appointments, discipline.</summary>
    Personnel = 2,

    /// <summary>Khiếu nại, tố cáo: complaints and denunciations.</summary>
    ComplaintOrDenunciation = 4,
}

/// <summary>Why a paper copy must also be sent.</summary>
public enum PaperCopyReason
{
    /// <summary>A custom rule; see its message.</summary>
    Other = 0,

    /// <summary>The document is a legal normative document (văn bản quy phạm pháp luật).</summary>
    LegalNormativeDocument = 1,

    /// <summary>The document concerns finance.</summary>
    Finance = 2,

    /// <summary>The document concerns personnel.</summary>
    Personnel = 3,

    /// <summary>The document concerns a complaint or denunciation.</summary>
    ComplaintOrDenunciation = 4,

    /// <summary>The document is addressed to an individual (gửi cá nhân).</summary>
    AddressedToIndividual = 5,

    /// <summary>The recipient lacks the technical means to receive electronic documents.</summary>
    RecipientLacksTechnicalMeans = 6,

    /// <summary>Another legal rule requires paper.</summary>
    RequiredByOtherRule = 7,

    /// <summary>The document is secret: paper is the only channel.</summary>
    SecretDocument = 8,
}

/// <summary>What the paper-copy policy is asked about: a document and the circumstances of sending it.</summary>
public sealed record PaperCopyContext
{
    /// <summary>The document to send.</summary>
    public required ElectronicDocument Document { get; init; }

    /// <summary>The subject areas the document concerns.</summary>
    public DocumentSubjectAreas SubjectAreas { get; init; }

    /// <summary>Whether the document is addressed to an individual rather than an agency.</summary>
    public bool AddressedToIndividual { get; init; }

    /// <summary>Whether the recipient lacks the technical means to receive electronic documents.</summary>
    public bool RecipientLacksTechnicalMeans { get; init; }

    /// <summary>Whether another legal rule requires a paper copy.</summary>
    public bool RequiredByOtherRule { get; init; }
}

/// <summary>One rule of the paper-copy policy.</summary>
/// <param name="Reason">The reason reported when the rule applies.</param>
/// <param name="AppliesTo">Decides whether the rule applies.</param>
/// <param name="Message">The explanation in English.</param>
/// <param name="MessageVi">The explanation in Vietnamese.</param>
public sealed record PaperCopyRule(PaperCopyReason Reason, Func<PaperCopyContext, bool> AppliesTo, string Message, string MessageVi)
{
    /// <summary>Legal normative documents go out on paper as well.</summary>
    /// <returns>The rule.</returns>
    public static PaperCopyRule LegalNormative() => new(
        PaperCopyReason.LegalNormativeDocument,
        c => c.Document.Type?.Category == DocumentTypeCategory.LegalNormative,
        "Legal normative documents are also sent on paper.",
        "Văn bản quy phạm pháp luật được gửi kèm bản giấy.");

    /// <summary>Documents of a subject area go out on paper as well.</summary>
    /// <param name="area">The area (one flag).</param>
    /// <param name="reason">The reason to report.</param>
    /// <param name="message">The explanation in English.</param>
    /// <param name="messageVi">The explanation in Vietnamese.</param>
    /// <returns>The rule.</returns>
    public static PaperCopyRule ForSubjectArea(DocumentSubjectAreas area, PaperCopyReason reason, string message, string messageVi)
        => new(reason, c => (c.SubjectAreas & area) != 0, message, messageVi);

    /// <summary>Documents addressed to an individual go out on paper as well.</summary>
    /// <returns>The rule.</returns>
    public static PaperCopyRule AddressedToIndividual() => new(
        PaperCopyReason.AddressedToIndividual,
        c => c.AddressedToIndividual,
        "Documents addressed to an individual are also sent on paper.",
        "Văn bản gửi cá nhân được gửi kèm bản giấy.");

    /// <summary>A recipient without the technical means gets paper.</summary>
    /// <returns>The rule.</returns>
    public static PaperCopyRule RecipientLacksTechnicalMeans() => new(
        PaperCopyReason.RecipientLacksTechnicalMeans,
        c => c.RecipientLacksTechnicalMeans,
        "The recipient lacks the technical means to receive electronic documents.",
        "Nơi nhận chưa đủ điều kiện kỹ thuật để nhận văn bản điện tử.");

    /// <summary>Another legal rule requires paper.</summary>
    /// <returns>The rule.</returns>
    public static PaperCopyRule RequiredByOtherRule() => new(
        PaperCopyReason.RequiredByOtherRule,
        c => c.RequiredByOtherRule,
        "Another legal rule requires a paper copy.",
        "Quy định khác của pháp luật yêu cầu gửi bản giấy.");

    /// <summary>Secret documents go on paper only.</summary>
    /// <returns>The rule.</returns>
    public static PaperCopyRule Secret() => new(
        PaperCopyReason.SecretDocument,
        c => c.Document.Secrecy.IsSecret(),
        "Secret documents are sent on paper only, never electronically.",
        "Văn bản mật chỉ được gửi bằng bản giấy, không gửi điện tử.");
}

/// <summary>One reason found by the paper-copy policy.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Message">The explanation in English.</param>
/// <param name="MessageVi">The explanation in Vietnamese.</param>
public sealed record PaperCopyFinding(PaperCopyReason Reason, string Message, string MessageVi);

/// <summary>The decision of the paper-copy policy.</summary>
/// <param name="Reasons">Every rule that applied; empty when no paper copy is needed.</param>
public sealed record PaperCopyDecision(IReadOnlyList<PaperCopyFinding> Reasons)
{
    /// <summary>Whether a paper copy must also be sent (at least one rule applied).</summary>
    public bool PaperCopyRequired => Reasons.Count > 0;

    /// <summary>Whether the document may not go electronically at all (it is secret).</summary>
    public bool PaperOnly => Reasons.Any(r => r.Reason == PaperCopyReason.SecretDocument);
}

/// <summary>
/// Decides whether a document sent electronically must also go out on paper (NĐ 30/2020/NĐ-CP art. 6.2 and the
/// provincial rules built on it, e.g. Nghệ An 2018): legal normative documents; finance, personnel, complaint and
/// denunciation matters; documents addressed to individuals; recipients without the technical means; other legal
/// requirements. The rules are data: start from <see cref="Default"/> and add or remove rules to match a province.
/// </summary>
public sealed class PaperCopyPolicy
{
    private readonly PaperCopyRule[] _rules;

    /// <summary>Initializes a policy with the given rules.</summary>
    /// <param name="rules">The rules, evaluated in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or a rule is <see langword="null"/>.</exception>
    public PaperCopyPolicy(IEnumerable<PaperCopyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToArray();
        Rules = Array.AsReadOnly(_rules);
        foreach (var rule in _rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
        }
    }

    /// <summary>The built-in rules: secret, legal normative, finance, personnel, complaint/denunciation, individual, technical means, other rule.</summary>
    public static PaperCopyPolicy Default { get; } = new(
    [
        PaperCopyRule.Secret(),
        PaperCopyRule.LegalNormative(),
        PaperCopyRule.ForSubjectArea(DocumentSubjectAreas.Finance, PaperCopyReason.Finance, "Documents on finance are also sent on paper.", "Văn bản về tài chính được gửi kèm bản giấy."),
        PaperCopyRule.ForSubjectArea(DocumentSubjectAreas.Personnel, PaperCopyReason.Personnel, "Documents on personnel are also sent on paper.", "Văn bản về tổ chức cán bộ được gửi kèm bản giấy."),
        PaperCopyRule.ForSubjectArea(DocumentSubjectAreas.ComplaintOrDenunciation, PaperCopyReason.ComplaintOrDenunciation, "Documents on complaints or denunciations are also sent on paper.", "Văn bản về khiếu nại, tố cáo được gửi kèm bản giấy."),
        PaperCopyRule.AddressedToIndividual(),
        PaperCopyRule.RecipientLacksTechnicalMeans(),
        PaperCopyRule.RequiredByOtherRule(),
    ]);

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<PaperCopyRule> Rules { get; }

    /// <summary>Returns a policy with extra rules appended.</summary>
    /// <param name="rules">The rules to add.</param>
    /// <returns>The new policy; this one is unchanged.</returns>
    public PaperCopyPolicy With(params IEnumerable<PaperCopyRule> rules) => new(_rules.Concat(rules));

    /// <summary>Returns a policy without the rules that report a reason.</summary>
    /// <param name="reason">The reason whose rules are removed.</param>
    /// <returns>The new policy; this one is unchanged.</returns>
    public PaperCopyPolicy Without(PaperCopyReason reason) => new(_rules.Where(r => r.Reason != reason));

    /// <summary>Evaluates every rule.</summary>
    /// <param name="context">The document and the circumstances.</param>
    /// <returns>Whether a paper copy is required and every reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or its document is <see langword="null"/>.</exception>
    public PaperCopyDecision Evaluate(PaperCopyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(context.Document, nameof(context));
        var findings = _rules.Where(r => r.AppliesTo(context)).Select(r => new PaperCopyFinding(r.Reason, r.Message, r.MessageVi)).ToArray();
        return new PaperCopyDecision(findings);
    }
}
