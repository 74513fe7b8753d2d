using EDoc.Documents;
using EDoc.Registers.Numbering;

namespace EDoc.Registers.Tests.Numbering;

public sealed class OutgoingNotationTests
{
    private static string Compose(OutgoingIssueRequest request, int year, int number, string? secretQualifier = "M", bool requireKnown = false)
    {
        var type = OutgoingNotation.ResolveType(request, DocumentTypeCatalog.Default, requireKnown);
        request = OutgoingNotation.Normalize(request, type);
        return OutgoingNotation.Apply(OutgoingNotation.ComposeTemplate(request, type, year, secretQualifier), number);
    }

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

        var notation = Compose(request, 2018, number);

        Assert.Equal(expected, notation);
    }

    [Fact]
    public void ComposeTemplate_AdvisoryBody_WritesItsAbbreviation()
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = "TB", IssuerAbbreviation = "SGDĐT", AdvisoryBody = "HĐTS" };

        Assert.Equal("05/TB-HĐTS", Compose(request, 2026, 5));
    }

    [Fact]
    public void ComposeTemplate_DecomposedInput_ComposesNfc()
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "HĐND", AdvisoryBody = null, UnitAbbreviation = "Tổ".Normalize(System.Text.NormalizationForm.FormD) };

        var notation = Compose(request, 2026, 1);

        Assert.Equal("01/QĐ-HĐND-Tổ", notation);
        Assert.True(notation.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("Q Đ", "UBND")]
    [InlineData("QĐ", "UB/ND")]
    [InlineData("QĐ", "UB-ND")]
    [InlineData("QĐ", " ")]
    [InlineData("QĐ", "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF")]
    public void ComposeTemplate_BadAbbreviation_ThrowsArgumentException(string type, string issuer)
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = type, IssuerAbbreviation = issuer };

        Assert.ThrowsAny<ArgumentException>(() => Compose(request, 2026, 1));
    }

    [Fact]
    public void ComposeTemplate_ExplicitDocumentType_WinsOverAbbreviation()
    {
        var law = new OutgoingIssueRequest { DocumentType = DocumentTypes.Law, TypeAbbreviation = "QĐ", IssuerAbbreviation = "QH15" };
        var plan = new OutgoingIssueRequest { DocumentType = DocumentTypes.Plan, IssuerAbbreviation = "UBND" };

        Assert.Equal("33/2024/QH15", Compose(law, 2024, 33));
        Assert.Equal("04/KH-UBND", Compose(plan, 2026, 4));
    }

    [Fact]
    public void Normalize_CatalogType_FillsNameAndCategory()
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = "TT", IssuerAbbreviation = "BNV", Category = DocumentCategory.LegalNormative };

        var normalized = OutgoingNotation.Normalize(request, OutgoingNotation.ResolveType(request, DocumentTypeCatalog.Default, requireKnownType: true));

        Assert.Equal(("Thông tư", DocumentCategory.LegalNormative), (normalized.TypeName, normalized.Category));
        Assert.Equal(DocumentCategory.Copy, OutgoingNotation.Normalize(request with { TypeAbbreviation = "SY", Category = DocumentCategory.Administrative },
            OutgoingNotation.ResolveType(request with { TypeAbbreviation = "SY", Category = DocumentCategory.Administrative }, DocumentTypeCatalog.Default, true)).Category);
    }

    [Fact]
    public void ResolveType_UnknownAbbreviation_AllowedUnlessRequired()
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = "PKS", IssuerAbbreviation = "BV" };

        Assert.Equal("07/PKS-BV", Compose(request, 2026, 7));
        Assert.Throws<ArgumentException>(() => Compose(request, 2026, 7, requireKnown: true));
    }

    [Theory]
    [InlineData("M", "01/QĐ-UBND-M")]
    [InlineData("MẬT", "01/QĐ-UBND-MẬT")]
    [InlineData(null, "01/QĐ-UBND")]
    public void ComposeTemplate_Secret_AddsConfiguredQualifier(string? qualifier, string expected)
    {
        var request = new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "UBND", Secrecy = Secrecy.Secret };

        Assert.Equal(expected, Compose(request, 2026, 1, qualifier));
        Assert.Equal("01/QĐ-UBND", Compose(request with { Secrecy = Secrecy.None }, 2026, 1, qualifier));
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
        Assert.Equal("secret", resolver.ResolveGroup(Request("NQ") with { Category = DocumentCategory.LegalNormative, Secrecy = Secrecy.Confidential }));
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

        Assert.Equal("type:QĐ", resolver.ResolveGroup(Request("QĐ") with { Secrecy = Secrecy.Confidential }));
        Assert.Equal("type:SY", resolver.ResolveGroup(Request("SY")));
        Assert.Equal("type:CV", resolver.ResolveGroup(Request(null)));
        Assert.Equal("specialized:TTr", resolver.ResolveGroup(Request("TTr")));
    }
}
