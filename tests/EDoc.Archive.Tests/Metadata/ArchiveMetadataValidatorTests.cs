using EDoc.Archive.Metadata;
using EDoc.Archive.Rules;

namespace EDoc.Archive.Tests.Metadata;

public class ArchiveMetadataValidatorTests
{
    [Fact]
    public void Validate_CompleteDossier_NoProblem()
    {
        var result = new ArchiveMetadataValidator().Validate(TestPackages.Dossier(), [TestPackages.Document(1), TestPackages.Document(2)]);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_ManyFaults_ReportsEveryProblem()
    {
        var dossier = TestPackages.Dossier() with
        {
            Title = " ",
            Maintenance = "99",
            Language = ["01", "42"],
            RiskRecovery = true,
            ConfidenceLevel = "02",
            EndDate = new DateOnly(2024, 1, 1),
            TotalDoc = 5,
        };
        var doc1 = TestPackages.Document(1) with { TypeName = "77", Subject = new string('x', 501), Process = null };
        var doc2 = TestPackages.Document(1) with { DocId = doc1.DocId, Mode = null };

        var result = new ArchiveMetadataValidator().Validate(dossier, [doc1, doc2]);

        var found = result.Problems.Select(p => (p.Path, p.Code)).ToHashSet();
        Assert.Contains(("dossier.title", "required"), found);
        Assert.Contains(("dossier.maintenance", "code-list"), found);
        Assert.Contains(("dossier.language[1]", "code-list"), found);
        Assert.Contains(("dossier.riskRecoveryStatus", "required"), found);
        Assert.Contains(("dossier.paperFileCode", "required"), found);
        Assert.Contains(("dossier.endDate", "date-order"), found);
        Assert.Contains(("dossier.totalDoc", "count"), found);
        Assert.Contains(("documents[0].typeName", "code-list"), found);
        Assert.Contains(("documents[0].subject", "length"), found);
        Assert.Contains(("documents[0].process", "required"), found);
        Assert.Contains(("documents[1].mode", "required"), found);
        Assert.Contains(("documents[1].ordinal", "duplicate"), found);
        Assert.Contains(("documents[1].docId", "duplicate"), found);
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.MessageVi)));
    }

    [Fact]
    public void Validate_HistoricalArchive_AcceptsOnlyPermanent()
    {
        var validator = new ArchiveMetadataValidator { ForHistoricalArchive = true };

        var result = validator.Validate(TestPackages.Dossier() with { Maintenance = "04" }, [TestPackages.Document(1)]);

        Assert.Contains(result.Problems, p => p.Code == "historical-archive");
    }

    [Fact]
    public void Validate_Nd30RuleSet_AppliesAnnexViLengths()
    {
        var dossier = TestPackages.Dossier() with { Title = new string('a', 600) };

        var tt05 = new ArchiveMetadataValidator(ArchiveRuleSet.Tt05).Validate(dossier, [TestPackages.Document(1)]);
        var nd30 = new ArchiveMetadataValidator(ArchiveRuleSet.Nd30).Validate(dossier, [TestPackages.Document(1)]);

        Assert.DoesNotContain(tt05.Problems, p => p.Path == "dossier.title");
        Assert.Contains(nd30.Problems, p => p.Path == "dossier.title" && p.Code == "length");
    }

    [Fact]
    public void Validate_LooseBatch_UsesBatchHeaderFields()
    {
        var batch = new DossierMetadata { FileCode = FileCode.ForLooseDocuments("000.00.00.H41", 2025, 1, 1), Title = "Lô văn bản đi năm 2025", Source = "3" };

        var result = new ArchiveMetadataValidator().Validate(batch, [TestPackages.Document(1)], ArchiveContentVariant.LooseDocuments);

        Assert.Contains(result.Problems, p => p.Path == "dossier.source" && p.Code == "code-list");
        Assert.DoesNotContain(result.Problems, p => p.Path == "dossier.maintenance");
    }
}
