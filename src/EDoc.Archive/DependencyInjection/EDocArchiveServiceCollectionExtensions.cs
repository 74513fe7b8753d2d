using EDoc.Archive;
using EDoc.Archive.DependencyInjection;
using EDoc.Archive.Evidence;
using EDoc.Archive.Export;
using EDoc.Archive.Packages;
using EDoc.Archive.Rules;
using EDoc.Archive.Verification;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers EDoc.Archive: <see cref="ArchivePackageWriter"/>, <see cref="ArchivePackageVerifier"/>,
/// <see cref="DossierExporter"/> and the selected <see cref="ArchiveRuleSet"/>, all singletons built from
/// <see cref="EDocArchiveOptions"/> (validated at start-up).
/// </summary>
public static class EDocArchiveServiceCollectionExtensions
{
    /// <summary>Registers EDoc.Archive with default options (Thông tư 05/2025/TT-BNV rule set, SIP).</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add a signature evidence provider or choose the rule set.</returns>
    public static IEDocArchiveBuilder AddEDocArchive(this IServiceCollection services)
        => services.AddEDocArchive(static _ => { });

    /// <summary>Registers EDoc.Archive with options bound from configuration.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section of <see cref="EDocArchiveOptions"/>.</param>
    /// <returns>A builder.</returns>
    public static IEDocArchiveBuilder AddEDocArchive(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddEDocArchive(static _ => { });
        services.Configure<EDocArchiveOptions>(section);
        return builder;
    }

    /// <summary>Registers EDoc.Archive.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder.</returns>
    public static IEDocArchiveBuilder AddEDocArchive(this IServiceCollection services, Action<EDocArchiveOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EDocArchiveOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EDocArchiveOptions>, EDocArchiveOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => ArchiveRuleSet.Get(sp.GetRequiredService<IOptions<EDocArchiveOptions>>().Value.RuleSetId));
        services.TryAddSingleton(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<EDocArchiveOptions>>().Value.Writer;
            var writerOptions = new ArchivePackageWriterOptions
            {
                Kind = o.Kind,
                CreateBag = o.CreateBag,
                SoftwareName = o.SoftwareName,
                SoftwareVersion = o.SoftwareVersion,
                AgencyName = o.AgencyName,
                SubmissionAgreement = o.SubmissionAgreement,
                PackageUuid = o.PackageUuid,
                FondsCode = o.FondsCode,
                RuleSet = sp.GetRequiredService<ArchiveRuleSet>(),
                ValidateMetadata = o.ValidateMetadata,
                DataCompression = o.DataCompression,
                MaxDocuments = o.MaxDocuments,
            };
            return new ArchivePackageWriter(
                writerOptions,
                sp.GetService<ISignatureEvidenceProvider>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<ArchivePackageWriter>>());
        });
        services.TryAddSingleton(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<EDocArchiveOptions>>().Value;
            return new ArchivePackageVerifier(
                new ArchivePackageVerifierOptions { ReadOptions = o.Reading, RuleSet = sp.GetRequiredService<ArchiveRuleSet>(), ValidateMetadata = o.ValidateMetadata },
                sp.GetService<ILogger<ArchivePackageVerifier>>());
        });
        services.TryAddSingleton(static sp => new DossierExporter(sp.GetService<IDossierPdfComposer>(), sp.GetRequiredService<TimeProvider>()));
        return new EDocArchiveBuilder(services);
    }

    private sealed record EDocArchiveBuilder(IServiceCollection Services) : IEDocArchiveBuilder;
}

/// <summary>Configures EDoc.Archive after <c>AddEDocArchive</c>.</summary>
public interface IEDocArchiveBuilder
{
    /// <summary>The services being configured.</summary>
    IServiceCollection Services { get; }
}

/// <summary>The evidence, rule-set and export choices of <see cref="IEDocArchiveBuilder"/>.</summary>
public static class EDocArchiveBuilderExtensions
{
    /// <summary>
    /// Validates each PDF's signatures at packaging with <typeparamref name="T"/> (for example an adapter over
    /// EDoc.Signing's verifier) and stores its report as PREMIS evidence.
    /// </summary>
    /// <typeparam name="T">The provider type, resolved as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocArchiveBuilder AddSignatureEvidenceProvider<T>(this IEDocArchiveBuilder builder)
        where T : class, ISignatureEvidenceProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISignatureEvidenceProvider, T>());
        return builder;
    }

    /// <summary>Composes export PDFs with <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The composer type, resolved as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IEDocArchiveBuilder AddDossierPdfComposer<T>(this IEDocArchiveBuilder builder)
        where T : class, IDossierPdfComposer
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IDossierPdfComposer, T>());
        return builder;
    }

    /// <summary>Selects a built-in rule set by id (<c>TT05_2025</c>, <c>ND30_2020</c>); checked at start-up.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="ruleSetId">The rule set id.</param>
    /// <returns>The builder.</returns>
    public static IEDocArchiveBuilder UseRuleSet(this IEDocArchiveBuilder builder, string ruleSetId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleSetId);
        builder.Services.Configure<EDocArchiveOptions>(o => o.RuleSetId = ruleSetId);
        return builder;
    }

    /// <summary>Uses a rule set instance (for example one loaded with <see cref="ArchiveRuleSet.LoadAsync"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="ruleSet">The rule set.</param>
    /// <returns>The builder.</returns>
    public static IEDocArchiveBuilder UseRuleSet(this IEDocArchiveBuilder builder, ArchiveRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ruleSet);
        builder.Services.Replace(ServiceDescriptor.Singleton(ruleSet));
        return builder;
    }
}
