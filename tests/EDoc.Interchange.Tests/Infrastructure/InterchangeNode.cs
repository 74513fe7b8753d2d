using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Scanning;
using EDoc.Interchange.Storage;
using EDoc.Interchange.TestSender;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EDoc.Interchange.Tests.Infrastructure;

/// <summary>One agency's outbox, inbox and store, wired through DI against a hub URL.</summary>
internal sealed class InterchangeNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _started = [];

    public InterchangeNode(Uri hub, string systemId, string secret, string databasePath, Action<IEDocInterchangeBuilder>? configure = null, Action<EDocInterchangeOptions>? options = null, Action<VxpHubOptions>? vxp = null, bool fakeEdXml = true)
    {
        var services = new ServiceCollection();
        var builder = services.AddEDocInterchange(o =>
        {
            o.RequireMalwareScanner = false;
            o.Outbox.MaxConcurrency = 8;
            o.Outbox.BatchSize = 64;
            o.Outbox.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.Outbox.RetryMaxDelay = TimeSpan.FromMilliseconds(400);
            o.Outbox.PollInterval = TimeSpan.FromMilliseconds(20);
            o.Inbox.MaxConcurrency = 8;
            o.Inbox.PollInterval = TimeSpan.FromMilliseconds(50);
            options?.Invoke(o);
        })
            .AddVxpHub(o =>
            {
                o.Endpoint = hub;
                o.SystemId = systemId;
                o.Secret = secret;
                o.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.TotalTimeout = TimeSpan.FromSeconds(20);
                o.MaxRetryAttempts = 3;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                o.CircuitBreakerFailureRatio = 0.95;
                o.CircuitBreakerMinimumThroughput = 100;
                o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
                vxp?.Invoke(o);
            })
            .UseSqliteStore(databasePath);
        if (fakeEdXml)
        {
            builder.AddPackageInspector<FakeInspector>().AddStatusPackageFactory<FakeStatusFactory>();
        }

        configure?.Invoke(builder);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public EDocOutbox Outbox => _provider.GetRequiredService<EDocOutbox>();

    public EDocInbox Inbox => _provider.GetRequiredService<EDocInbox>();

    public IInterchangeStore Store => _provider.GetRequiredService<IInterchangeStore>();

    public IHubTransport Transport => _provider.GetRequiredService<IHubTransport>();

    public IServiceProvider Services => _provider;

    public async Task StartOutboxDeliveryAsync()
    {
        var service = new OutboxDeliveryService(Outbox, _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<EDocInterchangeOptions>>().Value);
        await service.StartAsync(CancellationToken.None);
        _started.Add(service);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started)
        {
            await service.StopAsync(CancellationToken.None);
            (service as IDisposable)?.Dispose();
        }

        await _provider.DisposeAsync();
    }
}
