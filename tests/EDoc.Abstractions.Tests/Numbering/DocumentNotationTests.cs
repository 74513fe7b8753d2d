using System.Text;
using CsCheck;
using EDoc.Documents;
using EDoc.Numbering;

namespace EDoc.Abstractions.Tests.Numbering;

public sealed class DocumentNotationTests
{
    [Theory]
    [InlineData("08/2018/QĐ-UBND", 8, 2018, "QĐ", "UBND", "", "2018/QĐ-UBND")]
    [InlineData("15/QĐ-BNV", 15, null, "QĐ", "BNV", "", "QĐ-BNV")]
    [InlineData("123/UBND-VX", 123, null, null, "UBND", "VX", "UBND-VX")]
    [InlineData("05/BNV-VP", 5, null, null, "BNV", "VP", "BNV-VP")]
    [InlineData("7816/VPCP-TTĐT", 7816, null, null, "VPCP", "TTĐT", "VPCP-TTĐT")]
    [InlineData("30/2020/NĐ-CP", 30, 2020, "NĐ", "CP", "", "2020/NĐ-CP")]
    [InlineData("10/2016/TT-BTTTT", 10, 2016, "TT", "BTTTT", "", "2016/TT-BTTTT")]
    [InlineData("33/2024/QH15", 33, 2024, null, "QH15", "", "2024/QH15")]
    [InlineData("1206/2016/NQ-UBTVQH13", 1206, 2016, "NQ", "UBTVQH13", "", "2016/NQ-UBTVQH13")]
    [InlineData("25/QĐ-TTg", 25, null, "QĐ", "TTg", "", "QĐ-TTg")]
    [InlineData("12/QyĐ-UBND", 12, null, "QyĐ", "UBND", "", "QyĐ-UBND")]
    [InlineData("03/TrS-VP", 3, null, "TrS", "VP", "", "TrS-VP")]
    [InlineData("05/SY-VP", 5, null, "SY", "VP", "", "SY-VP")]
    [InlineData("02/SL-UBND", 2, null, "SL", "UBND", "", "SL-UBND")]
    [InlineData("04/2015/TTLT-BTC-BNV", 4, 2015, "TTLT", "BTC", "BNV", "2015/TTLT-BTC-BNV")]
    public void Parse_RealExamples_Components(string text, int number, int? year, string? type, string issuer, string qualifiers, string codeNotation)
    {
        var notation = DocumentNotation.Parse(text);

        Assert.Equal(number, notation.Number.Value);
        Assert.Equal(year, notation.Year);
        Assert.Equal(type, notation.TypeAbbreviation);
        Assert.Equal(issuer, notation.Issuer);
        Assert.Equal(qualifiers, string.Join('-', notation.Qualifiers));
        Assert.Equal(codeNotation, notation.CodeNotation);
        Assert.Equal(text, notation.ToString());
    }

    [Theory]
    [InlineData("Số: 15/QĐ-BNV", "15/QĐ-BNV")]
    [InlineData("Số 15/QĐ-BNV", "15/QĐ-BNV")]
    [InlineData("  15 / QĐ - BNV ", "15/QĐ-BNV")]
    [InlineData("15/QĐ\u2013BNV", "15/QĐ-BNV")]
    [InlineData("8/2018/QĐ-UBND", "08/2018/QĐ-UBND")]
    [InlineData("008/2018/QĐ-UBND", "08/2018/QĐ-UBND")]
    [InlineData("15/qđ-BNV", "15/QĐ-BNV")]
    [InlineData("12/QYĐ-UBND", "12/QyĐ-UBND")]
    [InlineData("25/QĐ-TTg", "25/QĐ-TTg")]
    public void Parse_TolerantInput_GivesCanonicalText(string text, string canonical)
    {
        Assert.Equal(canonical, DocumentNotation.Parse(text).Value);
    }

    [Fact]
    public void Parse_NfdInput_IsNormalizedToNfc()
    {
        var nfd = "Số: 15/QĐ-TƯ".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Số: 15/QĐ-TƯ", nfd);

        var notation = DocumentNotation.Parse(nfd);

        Assert.Equal("15/QĐ-TƯ", notation.Value);
        Assert.True(notation.Issuer.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("QĐ", notation.TypeAbbreviation);
    }

    [Fact]
    public void Parse_AmbiguousFirstGroup_TypeHintDecides()
    {
        // "CT" is both Chỉ thị and the usual abbreviation of Cục Thuế.
        var withoutHint = DocumentNotation.Parse("123/CT-TTHT");
        var asOfficialLetter = DocumentNotation.Parse("123/CT-TTHT", DocumentTypes.OfficialLetter);

        Assert.Equal("CT", withoutHint.TypeAbbreviation);
        Assert.Null(asOfficialLetter.TypeAbbreviation);
        Assert.Equal("CT", asOfficialLetter.Issuer);
        Assert.Equal(["TTHT"], asOfficialLetter.Qualifiers);
        Assert.NotEqual(withoutHint, asOfficialLetter);
        Assert.Equal(withoutHint.Value, asOfficialLetter.Value);
    }

    [Fact]
    public void Parse_HintTypeAbbreviationMissing_Throws()
    {
        var ex = Assert.Throws<EDocFormatException>(() => DocumentNotation.Parse("15/TB-BNV", DocumentTypes.Decision));

        Assert.Contains("QĐ-{issuer}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CustomCatalog_RecognisesExtraAbbreviation()
    {
        var catalog = DocumentTypeCatalog.Default.With([new DocumentType("giay-phep", "Giấy phép", "GP", DocumentTypeCategory.Specialized)]);

        Assert.Null(DocumentNotation.Parse("09/GP-STTTT").TypeAbbreviation);
        Assert.Equal("GP", DocumentNotation.Parse("09/GP-STTTT", catalog: catalog).TypeAbbreviation);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("15", "expected {number}/{notation}")]
    [InlineData("15/", "group 1")]
    [InlineData("/QĐ-BNV", "number")]
    [InlineData("0/QĐ-BNV", "number")]
    [InlineData("abc/QĐ-BNV", "number")]
    [InlineData("15/1800/QĐ-BNV", "year")]
    [InlineData("15/18/QĐ-BNV", "year")]
    [InlineData("15/QĐ--BNV", "group 2")]
    [InlineData("15/QĐ-B NV", "group 2")]
    [InlineData("15/QĐ-BN$V", "group 2")]
    [InlineData("15/QĐ-123", "group 2")]
    [InlineData("1/2/3/QĐ-BNV", "expected")]
    [InlineData("15/QĐ-BNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNVBNV", "at most 64")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingProblem(string text, string fragment)
    {
        var ex = Assert.Throws<EDocFormatException>(() => DocumentNotation.Parse(text));

        Assert.Equal("DocumentNotation", ex.Subject);
        Assert.Contains(fragment, ex.Reason, StringComparison.Ordinal);
        Assert.False(DocumentNotation.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => DocumentNotation.Parse(null!));
        Assert.False(DocumentNotation.TryParse(null, out _));
    }

    [Fact]
    public void Parse_InvalidUnicode_IsFormatError()
    {
        Assert.Throws<EDocFormatException>(() => DocumentNotation.Parse("15/QĐ-\uD800BNV"));
    }

    [Fact]
    public void Compose_AppliesNd30Rules()
    {
        Assert.Equal("08/2018/QĐ-UBND", NotationRules.Compose(new DocumentNumber(8), DocumentTypes.LegalDecision, "UBND", 2018).Value);
        Assert.Equal("15/QĐ-BNV", NotationRules.Compose(new DocumentNumber(15), DocumentTypes.Decision, "BNV").Value);
        Assert.Equal("123/UBND-VX", NotationRules.Compose(new DocumentNumber(123), DocumentTypes.OfficialLetter, "UBND", qualifiers: ["VX"]).Value);
        Assert.Equal("33/2024/QH15", NotationRules.Compose(new DocumentNumber(33), DocumentTypes.Law, "QH15", 2024).Value);
        Assert.Equal("05/SY-VP", NotationRules.Compose(new DocumentNumber(5), DocumentTypes.TrueCopy, "VP").Value);
    }

    [Fact]
    public void Compose_BadArguments_ThrowArgumentExceptions()
    {
        var n = new DocumentNumber(1);
        Assert.Throws<ArgumentException>(() => NotationRules.Compose(n, DocumentTypes.Decree, "CP"));
        Assert.Throws<ArgumentException>(() => NotationRules.Compose(n, DocumentTypes.OfficialLetter, "UBND", 2024));
        Assert.Throws<ArgumentNullException>(() => NotationRules.Compose(n, null!, "UBND"));
        Assert.Throws<ArgumentNullException>(() => NotationRules.Compose(n, DocumentTypes.Decision, null!));
        Assert.Throws<ArgumentException>(() => NotationRules.Compose(n, DocumentTypes.Decision, ""));
        Assert.Throws<ArgumentException>(() => NotationRules.Compose(n, DocumentTypes.Decision, "UB-ND"));
        Assert.Throws<ArgumentException>(() => NotationRules.Create(default, "UBND"));
        Assert.Throws<ArgumentOutOfRangeException>(() => NotationRules.Create(n, "UBND", "QĐ", 1900));
    }

    [Theory]
    [InlineData("145/2026/CV-UBND", "cong-van", "notation.year-not-allowed")]
    [InlineData("15/2024/QĐ-BNV", "quyet-dinh", "notation.year-not-allowed")]
    [InlineData("08/QĐ-UBND", "quyet-dinh-qppl", "notation.year-required")]
    [InlineData("08/2017/QĐ-UBND", "quyet-dinh-qppl", "notation.year-mismatch")]
    [InlineData("15/TB-BNV", "quyet-dinh", "notation.type-mismatch")]
    [InlineData("15/QĐ-BNV", "cong-van", "notation.type-mismatch")]
    [InlineData("15/QĐ-BNVBNVBNVBNVBNVBNVBNVBNVBNVX", "quyet-dinh", "length")]
    public void Validate_RuleViolations_ReportedWithCode(string text, string typeCode, string expectedCode)
    {
        Assert.True(DocumentTypeCatalog.Default.TryGetByCode(typeCode, out var type));

        var result = NotationRules.Validate(DocumentNotation.Parse(text), type, new DateOnly(2018, 3, 1));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Code == expectedCode && p.Path.StartsWith("Notation", StringComparison.Ordinal));
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.MessageVi)));
    }

    [Fact]
    public void Validate_ConformingNotations_AreValid()
    {
        Assert.Empty(NotationRules.Validate(DocumentNotation.Parse("08/2018/QĐ-UBND"), DocumentTypes.LegalDecision, new DateOnly(2018, 3, 1)).Problems);
        Assert.Empty(NotationRules.Validate(DocumentNotation.Parse("123/UBND-VX"), DocumentTypes.OfficialLetter).Problems);
        Assert.Empty(NotationRules.Validate(DocumentNotation.Parse("15/qđ-BNV"), DocumentTypes.Decision).Problems);
    }

    [Fact]
    public void Validate_OfficialLetterWithoutDraftingUnit_IsWarningOnly()
    {
        var result = NotationRules.Validate(DocumentNotation.Parse("123/UBND"), DocumentTypes.OfficialLetter);

        Assert.True(result.IsValid);
        Assert.Contains(result.Warnings, p => p.Code == "notation.drafting-unit-missing");
    }

    private const string IssuerLetters = "ABCDEGHIKLMNOPQRSTUVXYĐƯƠÂÊÔ";

    private static readonly Gen<string> Groups = Gen.Select(
        Gen.Char[IssuerLetters].Array[1, 6], Gen.Char["0123456789"].Array[0, 2], (letters, digits) => new string(letters) + new string(digits));

    private static readonly Gen<(DocumentNotation Notation, DocumentType Type)> Notations =
        Gen.Select(
            Gen.Int[1, 99_999],
            Gen.OneOf(DocumentTypeCatalog.Default.All.ToArray()),
            Gen.Int[1945, 2100],
            Groups,
            Groups.Array[0, 2],
            (n, type, year, issuer, qualifiers) => (NotationRules.Compose(new DocumentNumber(n), type, issuer, type.NotationHasYear ? year : null, qualifiers), type));

    [Fact]
    public void Property_ParseOfFormat_IsIdentity()
    {
        Notations.Sample(x =>
        {
            var (notation, type) = x;

            Assert.Equal(notation, DocumentNotation.Parse(notation.ToString(), type));
            Assert.Equal(notation, DocumentNotation.Parse(notation.ToString().Normalize(NormalizationForm.FormD), type));
            var unambiguous = type.HasAbbreviation || notation.Qualifiers.Count == 0 || !DocumentTypeCatalog.Default.IsKnownAbbreviation(notation.Issuer);
            if (unambiguous)
            {
                Assert.Equal(notation, DocumentNotation.Parse(notation.ToString()));
            }

            Assert.DoesNotContain(NotationRules.Validate(notation, type, new DateOnly(notation.Year ?? 2020, 6, 1)).Errors, p => p.Code != "length");
        });
    }

    [Fact]
    public void Property_FormatOfParse_IsIdentityForCanonicalText()
    {
        Notations.Select(x => x.Notation.Value).Sample(text => Assert.Equal(text, DocumentNotation.Parse(text).ToString()));
    }

    [Fact]
    public void Property_RandomText_TryParseNeverThrows()
    {
        Gen.String[Gen.Char["0123456789/-QĐUBNDđ \u0300Số:"], 0, 30].Sample(text =>
        {
            if (DocumentNotation.TryParse(text, out var notation))
            {
                Assert.Equal(notation.Value, DocumentNotation.Parse(notation.Value).Value);
            }
        });
    }
}
