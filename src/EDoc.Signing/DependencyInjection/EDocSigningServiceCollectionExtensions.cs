using EDoc.Signing;
using EDoc.Signing.Revocation;
using EDoc.Signing.Timestamps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configures EDoc.Signing services further (TSA, revocation collection).</summary>
public interface IEDocSigningBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}

/// <summary>Registers EDoc.Signing (<see cref="PdfSigner"/> and its options) in dependency injection.</summary>
public static class EDocSigningServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> used for RFC 3161 requests.</summary>
    public const string TimestampHttpClientName = "EDoc.Signing.Timestamp";

    /// <summary>The name of the <see cref="HttpClient"/> used for OCSP, CRL and AIA requests.</summary>
    public const string RevocationHttpClientName = "EDoc.Signing.Revocation";

    /// <summary>
    /// Registers <see cref="PdfSigner"/> (transient: cheap, it borrows pooled HTTP handlers), <see cref="EDocSigningOptions"/>
    /// validated at start-up, and <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered.
    /// Calling it again is harmless.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder for the TSA and revocation collection.</returns>
    public static IEDocSigningBuilder AddEDocSigning(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptionsWithValidateOnStart<EDocSigningOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EDocSigningOptions>, EDocSigningOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient(sp => new PdfSigner(
            sp.GetRequiredService<IOptions<EDocSigningOptions>>().Value.ToSignerOptions(),
            sp.GetService<Rfc3161TimestampClient>(),
            sp.GetService<RevocationDataCollector>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<PdfSigner>>()));
        return new EDocSigningBuilder(services);
    }

    /// <summary>Registers EDoc.Signing and configures its options in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder for the TSA and revocation collection.</returns>
    public static IEDocSigningBuilder AddEDocSigning(this IServiceCollection services, Action<EDocSigningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        IEDocSigningBuilder builder = services.AddEDocSigning();
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Registers EDoc.Signing and binds its options to a configuration section. When the section sets
    /// <c>TimestampAuthorityUri</c>, the TSA client is registered as by <see cref="AddTimestampAuthority(IEDocSigningBuilder)"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section, e.g. <c>configuration.GetSection("EDoc:Signing")</c>.</param>
    /// <returns>A builder for the TSA and revocation collection.</returns>
    public static IEDocSigningBuilder AddEDocSigning(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        IEDocSigningBuilder builder = services.AddEDocSigning();
        services.Configure<EDocSigningOptions>(section);
        if (!string.IsNullOrWhiteSpace(section[nameof(EDocSigningOptions.TimestampAuthorityUri)]))
        {
            builder.AddTimestampAuthority();
        }

        return builder;
    }

    /// <summary>
    /// Registers the RFC 3161 client for <paramref name="timestampAuthorityUri"/> on a named <see cref="HttpClient"/>
    /// (<see cref="TimestampHttpClientName"/>) with the standard resilience handler (retries, circuit breaker, timeouts),
    /// enabling B-T and above.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="timestampAuthorityUri">The TSA, absolute http or https.</param>
    /// <returns>The builder.</returns>
    public static IEDocSigningBuilder AddTimestampAuthority(this IEDocSigningBuilder builder, Uri timestampAuthorityUri)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(timestampAuthorityUri);
        builder.Services.Configure<EDocSigningOptions>(o => o.TimestampAuthorityUri = timestampAuthorityUri);
        return builder.AddTimestampAuthority();
    }

    /// <summary>Registers the RFC 3161 client for the configured <see cref="EDocSigningOptions.TimestampAuthorityUri"/> (required at start-up).</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocSigningBuilder AddTimestampAuthority(this IEDocSigningBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(TimestampRegistration)))
        {
            return builder;
        }

        services.AddSingleton<TimestampRegistration>();
        services.AddOptions<EDocSigningOptions>().Validate(o => o.TimestampAuthorityUri is not null, "A timestamp authority was registered but EDocSigningOptions.TimestampAuthorityUri is not set.");
        services.AddHttpClient(TimestampHttpClientName).AddStandardResilienceHandler();
        services.TryAddTransient(sp => new Rfc3161TimestampClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(TimestampHttpClientName),
            new Rfc3161TimestampClientOptions { TsaUri = sp.GetRequiredService<IOptions<EDocSigningOptions>>().Value.TimestampAuthorityUri }));
        return builder;
    }

    /// <summary>
    /// Registers the OCSP/CRL collector on a named <see cref="HttpClient"/> (<see cref="RevocationHttpClientName"/>) with
    /// the standard resilience handler, enabling B-LT and B-LTA.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocSigningBuilder AddRevocationCollection(this IEDocSigningBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(RevocationRegistration)))
        {
            return builder;
        }

        services.AddSingleton<RevocationRegistration>();
        services.AddHttpClient(RevocationHttpClientName).AddStandardResilienceHandler();
        services.TryAddTransient(sp => new RevocationDataCollector(sp.GetRequiredService<IHttpClientFactory>().CreateClient(RevocationHttpClientName)));
        return builder;
    }

    private sealed record EDocSigningBuilder(IServiceCollection Services) : IEDocSigningBuilder;

    private sealed class TimestampRegistration;

    private sealed class RevocationRegistration;
}
