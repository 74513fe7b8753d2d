using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Scanning;
using EDoc.Interchange.Storage;
using EDoc.Interchange.TestSender;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EDoc.Interchange.Tests.DependencyInjection;

public sealed class AddEDocInterchangeTests
{
    [Fact]
    public void AddVxpHub_ValidOptions_ResolvesOutboxInboxAndTakesOrganIdFromSystemId()
    {
        using var provider = Build(o => o.Secret = "s");

        Assert.IsType<VxpHubTransport>(provider.GetRequiredService<IHubTransport>());
        Assert.NotNull(provider.GetRequiredService<EDocOutbox>());
        Assert.NotNull(provider.GetRequiredService<EDocInbox>());
        Assert.IsType<ClamAvScanner>(provider.GetRequiredService<IMalwareScanner>());
        Assert.IsType<SqliteInterchangeStore>(provider.GetRequiredService<IInterchangeStore>());
        Assert.Equal("000.00.00.H41", provider.GetRequiredService<IOptions<EDocInterchangeOptions>>().Value.OrganId);
    }

    [Fact]
    public void AddVxpHub_MissingSecretAndBadEndpoint_FailsValidationNamingBoth()
    {
        using var provider = Build(o => o.Endpoint = new Uri("ftp://hub.example/"));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VxpHubOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Secret", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void AddEDocInterchange_BadOutboxOptions_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddEDocInterchange(o => { o.Outbox.MaxConcurrency = 0; o.Outbox.RetryMaxDelay = TimeSpan.FromMilliseconds(1); });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EDocInterchangeOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Outbox.MaxConcurrency (0)", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Outbox.RetryMaxDelay", StringComparison.Ordinal));
    }

    [Fact]
    public void AddEDocInterchange_NoSeamsRegistered_DefaultsToTheRealEdXmlEngine()
    {
        var services = new ServiceCollection();
        services.AddEDocInterchange();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<global::EDoc.Interchange.Integration.EdXmlPackageInspector>(provider.GetRequiredService<IEdXmlPackageInspector>());
        Assert.IsType<global::EDoc.Interchange.Integration.EdXmlStatusPackageFactory>(provider.GetRequiredService<IStatusPackageFactory>());
    }

    [Fact]
    public void AddPackageInspector_AfterDefaults_ReplacesTheRealEngine()
    {
        using var provider = Build(o => o.Secret = "s");

        Assert.IsType<FakeInspector>(provider.GetRequiredService<IEdXmlPackageInspector>());
        Assert.IsType<FakeStatusFactory>(provider.GetRequiredService<IStatusPackageFactory>());
    }

    private static ServiceProvider Build(Action<VxpHubOptions> vxp)
    {
        var services = new ServiceCollection();
        services.AddEDocInterchange()
            .AddVxpHub(o =>
            {
                o.Endpoint = new Uri("http://127.0.0.1:9/");
                o.SystemId = "000.00.00.H41";
                vxp(o);
            })
            .UseSqliteStore(Path.Combine(Path.GetTempPath(), "edoc-di-" + Guid.NewGuid().ToString("N") + ".db"))
            .AddClamAvScanner()
            .AddPackageInspector<FakeInspector>()
            .AddStatusPackageFactory<FakeStatusFactory>();
        return services.BuildServiceProvider();
    }
}
