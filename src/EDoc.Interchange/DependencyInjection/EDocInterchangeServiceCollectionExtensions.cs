using EDoc.Interchange;
using EDoc.Interchange.DependencyInjection;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Integration;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Scanning;
using EDoc.Interchange.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EDoc.Interchange outbox, inbox, hub transport, store and malware scanner.</summary>
public static class EDocInterchangeServiceCollectionExtensions
{
    /// <summary>The database file of the default store, relative to the current directory.</summary>
    public const string DefaultSqlitePath = "edoc-interchange.db";

    /// <summary>Registers the outbox and inbox with default options.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add a hub, a store, a scanner and the hosted services.</returns>
    public static IEDocInterchangeBuilder AddEDocInterchange(this IServiceCollection services)
        => services.AddEDocInterchange(static _ => { });

    /// <summary>Registers the outbox and inbox with options bound from configuration.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section of <see cref="EDocInterchangeOptions"/>.</param>
    /// <returns>A builder.</returns>
    public static IEDocInterchangeBuilder AddEDocInterchange(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddEDocInterchange(static _ => { });
        services.Configure<EDocInterchangeOptions>(configuration);
        return builder;
    }

    /// <summary>Registers the outbox and inbox.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder.</returns>
    public static IEDocInterchangeBuilder AddEDocInterchange(this IServiceCollection services, Action<EDocInterchangeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EDocInterchangeOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EDocInterchangeOptions>, EDocInterchangeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInterchangeStore>(static _ => new SqliteInterchangeStore(DefaultSqlitePath));
        services.TryAddSingleton<IEdXmlPackageInspector>(static sp => new EdXmlPackageInspector(new EdXmlPackageInspectorOptions
        {
            Validator = new EDoc.Interchange.EdXml.EdXmlValidatorOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() },
        }));
        services.TryAddSingleton<IStatusPackageFactory>(static _ => new EdXmlStatusPackageFactory());
        services.TryAddSingleton(static sp => new EDocOutbox(
            sp.GetRequiredService<IInterchangeStore>(),
            sp.GetRequiredService<IHubTransport>(),
            sp.GetRequiredService<IEdXmlPackageInspector>(),
            sp.GetService<IMalwareScanner>(),
            sp.GetRequiredService<IOptions<EDocInterchangeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<EDocOutbox>>()));
        services.TryAddSingleton(static sp => new EDocInbox(
            sp.GetRequiredService<IInterchangeStore>(),
            sp.GetRequiredService<IHubTransport>(),
            sp.GetRequiredService<IEdXmlPackageInspector>(),
            sp.GetRequiredService<IStatusPackageFactory>(),
            sp.GetService<IMalwareScanner>(),
            sp.GetService<EDocOutbox>(),
            sp.GetRequiredService<IOptions<EDocInterchangeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<EDocInbox>>()));
        services.TryAddSingleton(static sp => new AgencyDirectorySynchronizer(
            sp.GetRequiredService<IHubTransport>(), sp.GetRequiredService<IInterchangeStore>(), sp.GetRequiredService<TimeProvider>()));
        return new EDocInterchangeBuilder(services);
    }

    private sealed record EDocInterchangeBuilder(IServiceCollection Services) : IEDocInterchangeBuilder;
}

/// <summary>Configures EDoc.Interchange after <c>AddEDocInterchange</c>.</summary>
public interface IEDocInterchangeBuilder
{
    /// <summary>The services being configured.</summary>
    IServiceCollection Services { get; }
}

/// <summary>The hub, store, scanner and hosted-service choices of <see cref="IEDocInterchangeBuilder"/>.</summary>
public static class EDocInterchangeBuilderExtensions
{
    /// <summary>
    /// Uses the national hub (VXP) with HMAC-signed headers, on an <see cref="IHttpClientFactory"/> client with a
    /// resilience pipeline: total timeout → retry (exponential, jitter; only requests marked safe) → circuit breaker →
    /// attempt timeout. Sets <see cref="EDocInterchangeOptions.OrganId"/> to the system id when it is empty.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the endpoint, account and resilience options.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddVxpHub(this IEDocInterchangeBuilder builder, Action<VxpHubOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<VxpHubOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VxpHubOptions>, VxpHubOptionsValidator>());
        services.AddOptions<EDocInterchangeOptions>().PostConfigure<IOptions<VxpHubOptions>>(static (options, vxp) =>
        {
            if (string.IsNullOrWhiteSpace(options.OrganId))
            {
                options.OrganId = vxp.Value.SystemId;
            }
        });
        services.AddHttpClient(VxpHubTransport.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("edoc-vxp", static (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<VxpHubOptions>>().Value;
                pipeline.AddTimeout(o.TotalTimeout);
                if (o.MaxRetryAttempts > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.MaxRetryAttempts,
                        Delay = o.RetryBaseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldHandle = static args => ValueTask.FromResult(
                            VxpHubTransport.IsSafe(args.Context.GetRequestMessage()) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = o.CircuitBreakerFailureRatio,
                    MinimumThroughput = o.CircuitBreakerMinimumThroughput,
                    SamplingDuration = o.CircuitBreakerSamplingDuration,
                    BreakDuration = o.CircuitBreakerBreakDuration,
                });
                pipeline.AddTimeout(o.AttemptTimeout);
            });
        services.TryAddSingleton<IHubTransport>(static sp => new VxpHubTransport(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(VxpHubTransport.HttpClientName),
            sp.GetRequiredService<IOptions<VxpHubOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<VxpHubTransport>>()));
        return builder;
    }

    /// <summary>Uses another hub transport (a vendor REST hub with Bearer/OAuth2 tokens, a test double…).</summary>
    /// <typeparam name="T">The transport type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddHubTransport<T>(this IEDocInterchangeBuilder builder)
        where T : class, IHubTransport
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IHubTransport, T>());
        return builder;
    }

    /// <summary>Stores the outbox and inbox in an embedded SQLite file (WAL, <c>synchronous=FULL</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="databasePath">The database file.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder UseSqliteStore(this IEDocInterchangeBuilder builder, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        builder.Services.Replace(ServiceDescriptor.Singleton<IInterchangeStore>(_ => new SqliteInterchangeStore(databasePath)));
        return builder;
    }

    /// <summary>Stores the outbox and inbox in PostgreSQL.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder UsePostgresStore(this IEDocInterchangeBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.Replace(ServiceDescriptor.Singleton<IInterchangeStore>(_ => new PostgresInterchangeStore(connectionString)));
        return builder;
    }

    /// <summary>Scans attachments with clamd (zINSTREAM over TCP).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets where clamd listens and the limits.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddClamAvScanner(this IEDocInterchangeBuilder builder, Action<ClamAvOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ClamAvOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClamAvOptions>, ClamAvOptionsValidator>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IMalwareScanner>(static sp => new ClamAvScanner(
            sp.GetRequiredService<IOptions<ClamAvOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<ClamAvScanner>>())));
        return builder;
    }

    /// <summary>Uses another malware scanner.</summary>
    /// <typeparam name="T">The scanner type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddMalwareScanner<T>(this IEDocInterchangeBuilder builder)
        where T : class, IMalwareScanner
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IMalwareScanner, T>());
        return builder;
    }

    /// <summary>Uses a package inspector (the edXML engine's, or another).</summary>
    /// <typeparam name="T">The inspector type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddPackageInspector<T>(this IEDocInterchangeBuilder builder)
        where T : class, IEdXmlPackageInspector
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IEdXmlPackageInspector, T>());
        return builder;
    }

    /// <summary>Uses a status package factory (the edXML engine's, or another).</summary>
    /// <typeparam name="T">The factory type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddStatusPackageFactory<T>(this IEDocInterchangeBuilder builder)
        where T : class, IStatusPackageFactory
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IStatusPackageFactory, T>());
        return builder;
    }

    /// <summary>Runs the outbox delivery as a hosted service.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddOutboxDelivery(this IEDocInterchangeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService(static sp => new OutboxDeliveryService(
            sp.GetRequiredService<EDocOutbox>(),
            sp.GetRequiredService<IOptions<EDocInterchangeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<OutboxDeliveryService>>()));
        return builder;
    }

    /// <summary>Runs the inbox polling as a hosted service.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocInterchangeBuilder AddInboxPolling(this IEDocInterchangeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService(static sp => new InboxPollingService(
            sp.GetRequiredService<EDocInbox>(),
            sp.GetRequiredService<IOptions<EDocInterchangeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<InboxPollingService>>()));
        return builder;
    }
}
