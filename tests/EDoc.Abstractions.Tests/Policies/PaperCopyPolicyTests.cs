using EDoc.Abstractions.Tests.Documents;
using EDoc.Documents;
using EDoc.Numbering;
using EDoc.Policies;

namespace EDoc.Abstractions.Tests.Policies;

public sealed class PaperCopyPolicyTests
{
    private static PaperCopyContext Context(ElectronicDocument? document = null) => new() { Document = document ?? TestDocuments.OfficialLetter() };

    [Fact]
    public void Evaluate_OrdinaryOfficialLetter_NoPaperCopy()
    {
        var decision = PaperCopyPolicy.Default.Evaluate(Context());

        Assert.False(decision.PaperCopyRequired);
        Assert.False(decision.PaperOnly);
        Assert.Empty(decision.Reasons);
    }

    [Fact]
    public void Evaluate_LegalNormativeDocument_PaperCopyRequired()
    {
        var doc = TestDocuments.OfficialLetter() with { Type = DocumentTypes.LegalDecision, Notation = DocumentNotation.Parse("08/2018/QĐ-UBND") };

        var decision = PaperCopyPolicy.Default.Evaluate(Context(doc));

        Assert.True(decision.PaperCopyRequired);
        var finding = Assert.Single(decision.Reasons);
        Assert.Equal(PaperCopyReason.LegalNormativeDocument, finding.Reason);
        Assert.Contains("quy phạm pháp luật", finding.MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EveryFlag_EveryReasonListed()
    {
        var context = Context(TestDocuments.OfficialLetter() with { Secrecy = Secrecy.Secret }) with
        {
            SubjectAreas = DocumentSubjectAreas.Finance | DocumentSubjectAreas.Personnel | DocumentSubjectAreas.ComplaintOrDenunciation,
            AddressedToIndividual = true,
            RecipientLacksTechnicalMeans = true,
            RequiredByOtherRule = true,
        };

        var decision = PaperCopyPolicy.Default.Evaluate(context);

        Assert.Equal(
            [
                PaperCopyReason.SecretDocument, PaperCopyReason.Finance, PaperCopyReason.Personnel, PaperCopyReason.ComplaintOrDenunciation,
                PaperCopyReason.AddressedToIndividual, PaperCopyReason.RecipientLacksTechnicalMeans, PaperCopyReason.RequiredByOtherRule,
            ],
            decision.Reasons.Select(r => r.Reason));
        Assert.True(decision.PaperOnly);
        Assert.All(decision.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    [Theory]
    [InlineData(DocumentSubjectAreas.Finance, PaperCopyReason.Finance)]
    [InlineData(DocumentSubjectAreas.Personnel, PaperCopyReason.Personnel)]
    [InlineData(DocumentSubjectAreas.ComplaintOrDenunciation, PaperCopyReason.ComplaintOrDenunciation)]
    public void Evaluate_SubjectArea_SingleReason(DocumentSubjectAreas area, PaperCopyReason reason)
    {
        var decision = PaperCopyPolicy.Default.Evaluate(Context() with { SubjectAreas = area });

        Assert.Equal(reason, Assert.Single(decision.Reasons).Reason);
    }

    [Fact]
    public void Configuration_RulesCanBeRemovedAndAdded()
    {
        var province = PaperCopyPolicy.Default
            .Without(PaperCopyReason.Personnel)
            .With(new PaperCopyRule(PaperCopyReason.Other, c => c.Document.Urgency == Urgency.Flash, "Flash documents are also sent on paper.", "Văn bản hỏa tốc gửi kèm bản giấy."));

        Assert.False(province.Evaluate(Context() with { SubjectAreas = DocumentSubjectAreas.Personnel }).PaperCopyRequired);
        var flash = province.Evaluate(Context(TestDocuments.OfficialLetter() with { Urgency = Urgency.Flash }));
        Assert.Equal(PaperCopyReason.Other, Assert.Single(flash.Reasons).Reason);
        Assert.Equal(PaperCopyPolicy.Default.Rules.Count, province.Rules.Count);
    }

    [Fact]
    public void BadArguments_TypedExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => PaperCopyPolicy.Default.Evaluate(null!));
        Assert.Throws<ArgumentNullException>(() => PaperCopyPolicy.Default.Evaluate(new PaperCopyContext { Document = null! }));
        Assert.Throws<ArgumentNullException>(() => new PaperCopyPolicy(null!));
        Assert.Throws<ArgumentNullException>(() => new PaperCopyPolicy([null!]));
    }
}
