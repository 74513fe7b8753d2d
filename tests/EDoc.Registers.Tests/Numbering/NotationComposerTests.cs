using EDoc.Registers.Numbering;

namespace EDoc.Registers.Tests.Numbering;

public sealed class NotationComposerTests
{
    [Theory]
    [InlineData("QĐ", "BNV", null, DocumentCategory.Administrative, 15, "15/QĐ-BNV")]
    [InlineData("TB", "UBND", "VX", DocumentCategory.Administrative, 3, "03/TB-UBND-VX")]
    [InlineData("CV", "BNV", "VP", DocumentCategory.Administrative, 5, "05/BNV-VP")]
    [InlineData(null, "UBND", "VX", DocumentCategory.Administrative, 12, "12/UBND-VX")]
    [InlineData("", "UBND", null, DocumentCategory.Administrative, 1, "01/UBND")]
    [InlineData("QĐ", "UBND", null, DocumentCategory.LegalNormative, 8, "08/2018/QĐ-UBND")]
    [InlineData("QyĐ", "UBND", null, DocumentCategory.Administrative, 9, "09/QyĐ-UBND")]
    [InlineData("TTr", "SNV", null, DocumentCategory.Administrative, 100, "100/TTr-SNV")]
    public void ComposeTemplate_Nd30Examples_ProduceNotation(string? type, string issuer, string? unit, DocumentCategory category, int number, string expected)
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = type, IssuerAbbreviation = issuer, UnitAbbreviation = unit, Category = category };

        var notation = NotationComposer.Apply(NotationComposer.ComposeTemplate(request, 2018), number);

        Assert.Equal(expected, notation);
    }

    [Fact]
    public void ComposeTemplate_AdvisoryBody_WritesItsAbbreviation()
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = "TB", IssuerAbbreviation = "SGDĐT", AdvisoryBody = "HĐTS" };

        Assert.Equal("05/TB-HĐTS", NotationComposer.Apply(NotationComposer.ComposeTemplate(request, 2026), 5));
    }

    [Fact]
    public void ComposeTemplate_DecomposedInput_ComposesNfc()
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "HĐND", AdvisoryBody = null, UnitAbbreviation = "Tổ".Normalize(System.Text.NormalizationForm.FormD) };

        var notation = NotationComposer.Apply(NotationComposer.ComposeTemplate(request, 2026), 1);

        Assert.Equal("01/QĐ-HĐND-Tổ", notation);
        Assert.True(notation.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("Q Đ", "UBND")]
    [InlineData("QĐ", "UB/ND")]
    [InlineData("QĐ", "UB-ND")]
    [InlineData("QĐ", " ")]
    [InlineData("QĐ", "ABCDEFGHIJKLMNOPQRSTU")]
    public void ComposeTemplate_BadAbbreviation_ThrowsArgumentException(string type, string issuer)
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = type, IssuerAbbreviation = issuer };

        Assert.ThrowsAny<ArgumentException>(() => NotationComposer.ComposeTemplate(request, 2026));
    }

    [Theory]
    [InlineData(1, "01")]
    [InlineData(9, "09")]
    [InlineData(10, "10")]
    [InlineData(2000, "2000")]
    public void Format_Number_ZeroPaddedBelowTen(int number, string expected)
    {
        Assert.Equal(expected, DocumentNumberFormat.Format(number));
    }

    [Fact]
    public void Format_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentNumberFormat.Format(0));
    }
}

public sealed class SequenceResolverTests
{
    private static OutgoingIssueRequest Request(string? type) => new() { TypeAbbreviation = type, IssuerAbbreviation = "UBND" };

    [Fact]
    public void ResolveGroup_Defaults_FollowNd30()
    {
        var resolver = new SequenceResolver(new NumberingOptions());

        Assert.Equal("general", resolver.ResolveGroup(Request("QĐ")));
        Assert.Equal("general", resolver.ResolveGroup(Request("CV")));
        Assert.Equal("legal:NQ", resolver.ResolveGroup(Request("NQ") with { Category = DocumentCategory.LegalNormative }));
        Assert.Equal("secret", resolver.ResolveGroup(Request("NQ") with { Category = DocumentCategory.LegalNormative, IsSecret = true }));
        Assert.Equal("copy", resolver.ResolveGroup(Request("SY")));
        Assert.Equal("copy", resolver.ResolveGroup(Request("TrS")));
        Assert.Equal("copy", resolver.ResolveGroup(Request("SL")));
        Assert.Equal("copy", resolver.ResolveGroup(Request("QĐ") with { Category = DocumentCategory.Copy }));
        Assert.Equal("advisory:HĐKH", resolver.ResolveGroup(Request("TB") with { AdvisoryBody = "HĐKH" }));
    }

    [Fact]
    public void ResolveGroup_Configured_SwitchesAndRules()
    {
        var options = new NumberingOptions { SeparateSecretDocuments = false, SeparateAdministrativeTypes = true, SeparateCopies = false };
        options.Rules.Add(new SequenceRule("specialized:TTr", r => r.TypeAbbreviation == "TTr"));
        var resolver = new SequenceResolver(options);

        Assert.Equal("type:QĐ", resolver.ResolveGroup(Request("QĐ") with { IsSecret = true }));
        Assert.Equal("type:SY", resolver.ResolveGroup(Request("SY")));
        Assert.Equal("type:CV", resolver.ResolveGroup(Request(null)));
        Assert.Equal("specialized:TTr", resolver.ResolveGroup(Request("TTr")));
    }
}
