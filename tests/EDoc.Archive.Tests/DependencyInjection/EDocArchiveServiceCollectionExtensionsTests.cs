using EDoc.Archive.Diagnostics;
using EDoc.Archive.Evidence;
using EDoc.Archive.Export;
using EDoc.Archive.Packages;
using EDoc.Archive.Rules;
using EDoc.Archive.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace EDoc.Archive.Tests.DependencyInjection;

public class EDocArchiveServiceCollectionExtensionsTests
{
    [Fact]
    public void AddEDocArchive_Defaults_ResolvesServicesWithTt05()
    {
        var services = new ServiceCollection();
        services.AddEDocArchive();
        using var sp = services.BuildServiceProvider(validateScopes: true);

        sp.GetRequiredService<IStartupValidator>().Validate();
        Assert.Same(ArchiveRuleSet.Tt05, sp.GetRequiredService<ArchiveRuleSet>());
        Assert.Same(sp.GetRequiredService<ArchivePackageWriter>(), sp.GetRequiredService<ArchivePackageWriter>());
        Assert.NotNull(sp.GetRequiredService<ArchivePackageVerifier>());
        Assert.NotNull(sp.GetRequiredService<DossierExporter>());
    }

    [Fact]
    public void AddEDocArchive_CalledTwice_RegistersOneValidator()
    {
        var services = new ServiceCollection();
        services.AddEDocArchive();
        services.AddEDocArchive();

        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<EDocArchiveOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(ArchivePackageWriter));
    }

    [Fact]
    public void AddEDocArchive_InvalidOptions_StartupValidationListsEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddEDocArchive(o =>
        {
            o.RuleSetId = "TT02_2019";
            o.Writer.MaxDocuments = 0;
            o.Reading.MaxCompressionRatio = -1;
        });
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains("'TT02_2019'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Writer.MaxDocuments", StringComparison.Ordinal) && f.Contains("is 0", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Reading.MaxCompressionRatio", StringComparison.Ordinal) && f.Contains("is -1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddEDocArchive_ConfigurationSection_BindsRuleSetKindAndLimits()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Archive:RuleSetId"] = "ND30_2020",
            ["Archive:Writer:Kind"] = "Aip",
            ["Archive:Writer:AgencyName"] = "Sở Nội vụ",
            ["Archive:Reading:MaxEntries"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(TestPackages.Clock());
        services.AddEDocArchive(configuration.GetSection("Archive"));
        using var sp = services.BuildServiceProvider();
        sp.GetRequiredService<IStartupValidator>().Validate();
        using var tmp = new TempDir();

        // Act
        var result = await sp.GetRequiredService<ArchivePackageWriter>().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var ex = await Assert.ThrowsAsync<ArchivePackageFormatException>(() => sp.GetRequiredService<ArchivePackageVerifier>().VerifyAsync(result.OutputPath));

        // Assert
        Assert.Same(ArchiveRuleSet.Nd30, sp.GetRequiredService<ArchiveRuleSet>());
        Assert.Equal(ArchivePackageKind.Aip, result.Kind);
        Assert.Equal(ArchivePackageFormatError.TooManyEntries, ex.Error);
    }

    [Fact]
    public async Task AddSignatureEvidenceProvider_PackingPdfs_ProviderCalledPerPdf()
    {
        var services = new ServiceCollection();
        services.AddEDocArchive().AddSignatureEvidenceProvider<FakeEvidenceProvider>();
        using var sp = services.BuildServiceProvider();
        using var tmp = new TempDir();

        var result = await sp.GetRequiredService<ArchivePackageWriter>().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);

        var provider = Assert.IsType<FakeEvidenceProvider>(sp.GetRequiredService<ISignatureEvidenceProvider>());
        Assert.Equal(2, provider.Calls.Count);
        Assert.Equal(2, result.SignatureReports);
    }

    [Fact]
    public void UseRuleSet_ById_SelectsIt()
    {
        var services = new ServiceCollection();
        services.AddEDocArchive().UseRuleSet(ArchiveRuleSet.Nd30Id);
        using var sp = services.BuildServiceProvider();

        Assert.Same(ArchiveRuleSet.Nd30, sp.GetRequiredService<ArchiveRuleSet>());
    }

    [Fact]
    public async Task WriteAndVerify_WithLoggerAndMeter_RecordsDurationAndEvents()
    {
        // Arrange
        using var packDuration = new MetricCollector<double>(null, ArchiveDiagnostics.MeterName, ArchiveDiagnostics.PackDurationName);
        using var verifyDuration = new MetricCollector<double>(null, ArchiveDiagnostics.MeterName, ArchiveDiagnostics.VerifyDurationName);
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([new FakeLoggerProvider(collector)]));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddEDocArchive();
        using var sp = services.BuildServiceProvider();
        using var tmp = new TempDir();

        // Act
        var result = await sp.GetRequiredService<ArchivePackageWriter>().WriteZipAsync(TestPackages.DefaultContent(tmp["src"]), tmp["p.zip"]);
        var report = await sp.GetRequiredService<ArchivePackageVerifier>().VerifyAsync(result.OutputPath);

        // Assert
        Assert.True(report.IsValid);
        Assert.Contains(packDuration.GetMeasurementSnapshot(), m => m.Tags["edoc.archive.outcome"] as string == "success" && m.Tags["edoc.archive.kind"] as string == "SIP" && m.Value >= 0);
        Assert.Contains(verifyDuration.GetMeasurementSnapshot(), m => m.Tags["edoc.archive.outcome"] as string == "valid");
        var logs = collector.GetSnapshot();
        var packed = Assert.Single(logs, r => r.Id.Id == 4001);
        Assert.Contains(result.PackageId, packed.Message, StringComparison.Ordinal);
        Assert.Single(logs, r => r.Id.Id == 4100);
        Assert.Equal(ArchiveDiagnostics.ActivitySourceName, ArchiveDiagnostics.ActivitySource.Name);
    }
}
