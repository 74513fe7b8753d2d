using EDoc.Registers.Calendar;
using EDoc.Registers.Deadlines;
using EDoc.Registers.Diagnostics;
using EDoc.Registers.Reports;
using EDoc.Registers.Storage;
using EDoc.Registers.Storage.Sqlite;
using EDoc.Registers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Registers.Tests.DependencyInjection;

public sealed class EDocRegistersServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task AddEDocRegisters_UseSqlite_ResolvesEverythingAndIssues()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero)));
        services.AddEDocRegisters(o => o.DefaultRegisterId = "so-di").UseSqlite(directory.File("di.db"));
        await using var provider = services.BuildServiceProvider();

        var register = provider.GetRequiredService<DocumentRegister>();
        var entry = await register.IssueAsync(new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "UBND" });

        Assert.IsType<SqliteRegisterStore>(provider.GetRequiredService<IRegisterStore>());
        Assert.Same(provider.GetRequiredService<WorkingDayCalendar>(), provider.GetRequiredService<IWorkingDayCalendar>());
        Assert.NotNull(provider.GetRequiredService<DeadlineCalculator>());
        Assert.NotNull(provider.GetRequiredService<OverdueMonitor>());
        Assert.Equal(("01/QĐ-UBND", "so-di", new DateOnly(2026, 3, 2)), (entry.Notation, entry.RegisterId, entry.Date));
        Assert.Equal(new DateOnly(2026, 2, 23), register.DueDateAfter(new DateOnly(2026, 2, 13), 1)); // after the Tết 2026 break
    }

    [Fact]
    public void AddEDocRegisters_InvalidOptions_FailsValidationAtStart()
    {
        var services = new ServiceCollection();
        services.AddEDocRegisters(o =>
        {
            o.DefaultRegisterId = " ";
            o.Store.MaxWriteAttempts = 0;
            o.Numbering.SecretNotationQualifier = "M-1";
        }).AddGovernmentSchedules(directory.File("missing.json"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains("DefaultRegisterId", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("MaxWriteAttempts (0)", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("'M-1'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("missing.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddEDocRegisters_ConfigurationSection_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EDoc:Registers:ConnectionString"] = directory.File("config.db"),
            ["EDoc:Registers:Numbering:SecretNotationQualifier"] = "MẬT",
            ["EDoc:Registers:Overdue:DefaultHandlingWorkingDays"] = "5",
        }).Build();
        var services = new ServiceCollection();
        services.AddEDocRegisters(configuration.GetSection("EDoc:Registers"));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<EDocRegistersOptions>>().Value;
        var entry = await provider.GetRequiredService<DocumentRegister>().IssueAsync(
            new OutgoingIssueRequest { TypeAbbreviation = "TB", IssuerAbbreviation = "SNV", Secrecy = EDoc.Documents.Secrecy.Confidential, Date = new DateOnly(2026, 5, 4) });

        Assert.Equal(5, options.Overdue.DefaultHandlingWorkingDays);
        Assert.Equal("01/TB-SNV-MẬT", entry.Notation);
        Assert.True(File.Exists(directory.File("config.db")));
    }

    [Fact]
    public void AddGovernmentSchedules_File_AddsDayOffToCalendar()
    {
        var file = directory.File("2027.json");
        File.WriteAllText(file, """{ "adjustments": [ { "date": "2027-06-15", "kind": "DayOff", "name": "Nghỉ bù (thử)" } ] }""");
        var services = new ServiceCollection();
        var logger = new FakeLogger();
        services.AddSingleton<ILoggerFactory>(new SingleLoggerFactory(logger));
        services.AddEDocRegisters().AddGovernmentSchedules(file);
        using var provider = services.BuildServiceProvider();

        var calendar = provider.GetRequiredService<WorkingDayCalendar>();

        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 6, 15)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 6, 16)));
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 3100);
    }

    [Fact]
    public async Task IssueAsync_Instrumented_RecordsDurationAndLogs()
    {
        using var duration = new MetricCollector<double>(null, RegistersDiagnostics.MeterName, RegistersDiagnostics.IssueDurationInstrument);
        var logger = new FakeLogger<DocumentRegister>();
        await using var store = await RegisterStoreFactory.OpenAsync(directory.File("m.db"));
        var options = new DocumentRegisterOptions();
        options.Numbering.SecretNotationQualifier = null;
        var register = new DocumentRegister(store, options, null, logger);
        var request = new OutgoingIssueRequest { TypeAbbreviation = "QĐ", IssuerAbbreviation = "DIAG", Date = new DateOnly(2026, 1, 5) };

        await register.IssueAsync(request);
        await Assert.ThrowsAsync<RegisterConflictException>(() => register.IssueAsync(request with { Secrecy = EDoc.Documents.Secrecy.Confidential }));

        var records = logger.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 3000);
        Assert.Contains(records, r => r.Id.Id == 3001 && r.Level == LogLevel.Warning);
        Assert.DoesNotContain(records, r => r.Message.Contains("DIAG", StringComparison.Ordinal) && r.Id.Id == 3001 && r.Message.Contains("Subject", StringComparison.Ordinal));
        var measurements = duration.GetMeasurementSnapshot();
        Assert.Contains(measurements, m => m.Tags["edoc.registers.outcome"] is "issued" && m.Tags["db.system"] is "sqlite" && m.Value > 0);
        Assert.Contains(measurements, m => m.Tags["edoc.registers.outcome"] is "conflict");
        Assert.Equal("EDoc.Registers", RegistersDiagnostics.ActivitySourceName);
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
