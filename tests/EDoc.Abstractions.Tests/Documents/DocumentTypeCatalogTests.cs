using System.Text;
using EDoc.Documents;

namespace EDoc.Abstractions.Tests.Documents;

public sealed class DocumentTypeCatalogTests
{
    [Fact]
    public void Administrative_HasThe29TypesOfArticle7()
    {
        var admin = DocumentTypes.Administrative;

        Assert.Equal(29, admin.Count);
        Assert.All(admin, t => Assert.Equal(DocumentTypeCategory.Administrative, t.Category));
        Assert.Equal(29, admin.Select(t => t.Code).Distinct().Count());
        Assert.Equal(["Công văn", "Thư công"], admin.Where(t => !t.HasAbbreviation).Select(t => t.Name));
        Assert.Equal(27, admin.Where(t => t.HasAbbreviation).Select(t => t.Abbreviation).Distinct().Count());
        Assert.Equal("Nghị quyết", admin[0].Name);
        Assert.Equal("Thư công", admin[^1].Name);
    }

    [Theory]
    [InlineData("QĐ", "Quyết định")]
    [InlineData("QyĐ", "Quy định")]
    [InlineData("CTr", "Chương trình")]
    [InlineData("CT", "Chỉ thị")]
    [InlineData("TTr", "Tờ trình")]
    [InlineData("ĐA", "Đề án")]
    [InlineData("DA", "Dự án")]
    [InlineData("HĐ", "Hợp đồng")]
    [InlineData("CĐ", "Công điện")]
    [InlineData("GUQ", "Giấy ủy quyền")]
    [InlineData("qđ", "Quyết định")]
    public void TryGetByAbbreviation_Administrative_FindsType(string abbreviation, string name)
    {
        Assert.True(DocumentTypeCatalog.Default.TryGetByAbbreviation(abbreviation, DocumentTypeCategory.Administrative, out var type));
        Assert.Equal(name, type.Name);
    }

    [Theory]
    [InlineData("NĐ", "Nghị định")]
    [InlineData("TT", "Thông tư")]
    [InlineData("TTLT", "Thông tư liên tịch")]
    [InlineData("QĐ", "Quyết định")]
    [InlineData("NQ", "Nghị quyết")]
    public void TryGetByAbbreviation_LegalNormative_FindsType(string abbreviation, string name)
    {
        Assert.True(DocumentTypeCatalog.Default.TryGetByAbbreviation(abbreviation, DocumentTypeCategory.LegalNormative, out var type));
        Assert.Equal(name, type.Name);
        Assert.True(type.NotationHasYear);
    }

    [Fact]
    public void FindByAbbreviation_QD_ReturnsAdministrativeAndLegalDecision()
    {
        var found = DocumentTypeCatalog.Default.FindByAbbreviation("QĐ");

        Assert.Equal([DocumentTypes.Decision, DocumentTypes.LegalDecision], found);
        Assert.True(DocumentTypeCatalog.Default.TryGetByAbbreviation("QĐ", null, out var first));
        Assert.Equal(DocumentTypes.Decision, first);
    }

    [Fact]
    public void Copies_HaveSyTrsSl()
    {
        Assert.Equal(["SY", "TrS", "SL"], DocumentTypes.Copies.Select(t => t.Abbreviation));
        Assert.True(DocumentTypeCatalog.Default.TryGetByAbbreviation("TrS", DocumentTypeCategory.Copy, out var extract));
        Assert.Equal("trich-sao", extract.Code);
    }

    [Fact]
    public void TryGetByName_NfdAndCaseInsensitive()
    {
        Assert.True(DocumentTypeCatalog.Default.TryGetByName("công văn".Normalize(NormalizationForm.FormD), null, out var letter));
        Assert.Equal(DocumentTypes.OfficialLetter, letter);
        Assert.True(DocumentTypeCatalog.Default.TryGetByName("Nghị định", DocumentTypeCategory.LegalNormative, out var decree));
        Assert.Equal("NĐ", decree.Abbreviation);
        Assert.False(DocumentTypeCatalog.Default.TryGetByName("Không có", null, out _));
        Assert.False(DocumentTypeCatalog.Default.TryGetByName(null, null, out _));
        Assert.False(DocumentTypeCatalog.Default.TryGetByAbbreviation(null, null, out _));
        Assert.Empty(DocumentTypeCatalog.Default.FindByAbbreviation(""));
    }

    [Fact]
    public void With_ExtraAndReplacedEntries_NewCatalogOnly()
    {
        var permit = new DocumentType("giay-phep", "Giấy phép", "GP", DocumentTypeCategory.Specialized);
        var renamed = DocumentTypes.PublicLetter with { Abbreviation = "TCg" };

        var custom = DocumentTypeCatalog.Default.With([permit, renamed]);

        Assert.True(custom.TryGetByAbbreviation("GP", null, out var found));
        Assert.Equal(permit, found);
        Assert.True(custom.TryGetByCode("thu-cong", out var letter));
        Assert.Equal("TCg", letter.Abbreviation);
        Assert.Equal(DocumentTypeCatalog.Default.All.Count + 1, custom.All.Count);
        Assert.False(DocumentTypeCatalog.Default.TryGetByAbbreviation("GP", null, out _));
    }

    [Fact]
    public void Constructor_BadEntries_ThrowArgumentExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => new DocumentTypeCatalog(null!));
        Assert.Throws<ArgumentNullException>(() => new DocumentTypeCatalog([null!]));
        Assert.Throws<ArgumentException>(() => new DocumentTypeCatalog([DocumentTypes.Decision, DocumentTypes.Decision]));
        Assert.Throws<ArgumentException>(() => new DocumentTypeCatalog([new DocumentType(" ", "X", null, DocumentTypeCategory.Specialized)]));
    }
}
