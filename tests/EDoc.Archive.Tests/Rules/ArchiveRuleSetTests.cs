using System.Text;
using EDoc.Archive.Rules;

namespace EDoc.Archive.Tests.Rules;

public class ArchiveRuleSetTests
{
    [Fact]
    public void Tt05_DossierAndDocumentFields_Are18And21()
    {
        var rules = ArchiveRuleSet.Tt05;

        Assert.Equal("TT05_2025", rules.Id);
        Assert.Equal(18, rules.DossierFields.Count);
        Assert.Equal(21, rules.DocumentFields.Count);
        Assert.Equal(5, rules.LooseBatchFields.Count);
        Assert.Equal(new DateOnly(2025, 7, 1), rules.EffectiveFrom);
    }

    [Theory]
    [InlineData("maintenance", 7, "01", "Vĩnh viễn")]
    [InlineData("maintenance", 7, "04", "30 năm")]
    [InlineData("mode", 3, "02", "Sử dụng có điều kiện")]
    [InlineData("language", 11, "09", "Hán Nôm")]
    [InlineData("confidenceLevel", 3, "02", "Số hóa")]
    [InlineData("format", 3, "03", "Hỏng")]
    [InlineData("riskRecoveryStatus", 2, "01", "Đã dự phòng")]
    [InlineData("typeName", 32, "22", "Công văn")]
    [InlineData("typeName", 32, "05", "Quy định")]
    [InlineData("typeName", 32, "32", "Khác")]
    public void Tt05_CodeList_HasOfficialEntries(string list, int count, string code, string label)
    {
        var codes = ArchiveRuleSet.Tt05.GetCodeList(list);

        Assert.Equal(count, codes.Entries.Count);
        Assert.True(codes.TryGet(code, out var entry));
        Assert.Equal(label, entry.Label);
    }

    [Fact]
    public void Tt05_FieldRules_CarryLengthsAndConditions()
    {
        var fields = ArchiveRuleSet.Tt05.DossierFields.ToDictionary(f => f.Name);
        var docs = ArchiveRuleSet.Tt05.DocumentFields.ToDictionary(f => f.Name);

        Assert.Equal(1000, fields["title"].MaxLength);
        Assert.Equal(FieldRequirement.Mandatory, fields["fileCode"].Requirement);
        Assert.Equal(FieldRequirement.Conditional, fields["riskRecoveryStatus"].Requirement);
        Assert.Equal("riskRecovery", fields["riskRecoveryStatus"].RequiredWhen!.Field);
        Assert.Equal(25, docs["docId"].MaxLength);
        Assert.Equal(4, docs["numberOfPage"].MaxDigits);
        Assert.Equal(["01", "03"], docs["process"].RequiredWhen!.In);
    }

    [Fact]
    public void Nd30_AnnexVi_FileFieldsHaveTagsAndLengths()
    {
        var fields = ArchiveRuleSet.Nd30.DossierFields.ToDictionary(f => f.Name);

        Assert.Equal("FileCode/OrganId", fields["organId"].Tag);
        Assert.Equal(13, fields["organId"].MaxLength);
        Assert.Equal(20, fields["fileNotation"].MaxLength);
        Assert.Equal(500, fields["title"].MaxLength);
        Assert.Equal("PageTotal", fields["numberOfPage"].Tag);
        Assert.Same(ArchiveRuleSet.Nd30, ArchiveRuleSet.Get("ND30_2020"));
    }

    [Fact]
    public void Get_UnknownId_ThrowsArgumentException()
        => Assert.Throws<ArgumentException>(() => ArchiveRuleSet.Get("TT02_2019"));

    [Fact]
    public async Task LoadAsync_CustomRuleSet_IsUsedAsData()
    {
        var json = """
            { "id": "AGENCY_2026", "codeLists": { "mode": [ { "code": "A", "label": "Mở" } ] },
              "dossierFields": [ { "name": "mode", "type": "code", "codeList": "mode", "requirement": "M" } ],
              "documentFields": [] }
            """;

        var rules = await ArchiveRuleSet.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("AGENCY_2026", rules.Id);
        Assert.True(rules.GetCodeList("mode").Contains("A"));
        Assert.False(rules.GetCodeList("mode").Contains("01"));
    }

    [Theory]
    [InlineData("""{ "id": "X", "dossierFields": [ { "name": "a", "type": "money" } ] }""")]
    [InlineData("""{ "id": "X", "dossierFields": [ { "name": "a", "type": "code", "codeList": "nope" } ] }""")]
    [InlineData("""{ "dossierFields": [] }""")]
    [InlineData("""{ "id": 12 """)]
    public async Task LoadAsync_BadDocument_ThrowsRuleSetFormatException(string json)
        => await Assert.ThrowsAsync<ArchiveRuleSetFormatException>(() => ArchiveRuleSet.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));

    [Theory]
    [InlineData("01", null)]
    [InlineData("02", 70)]
    [InlineData("04", 30)]
    [InlineData("06", 10)]
    [InlineData("07", 5)]
    public void Tt10_RetentionLevels_MapMaintenanceCodes(string code, int? years)
    {
        var level = RetentionSchedule.Tt10.FindByMaintenanceCode(code);

        Assert.NotNull(level);
        Assert.Equal(years, level.Years);
        Assert.Equal(years is null ? null : 2025 + years, RetentionSchedule.LastYearOfRetention(level, 2025));
    }

    [Fact]
    public async Task RetentionSchedule_LoadAsync_AgencyCategories()
    {
        var json = """
            { "id": "UBND_NA_2026", "levels": [ { "id": "20y", "label": "20 năm", "years": 20, "maintenanceCode": "05" } ],
              "categories": [ { "id": "I.3", "title": "Hồ sơ tuyển dụng", "level": "20y" } ] }
            """;

        var schedule = await RetentionSchedule.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        var category = Assert.Single(schedule.Categories);
        Assert.Equal(20, category.Level.Years);
    }
}
