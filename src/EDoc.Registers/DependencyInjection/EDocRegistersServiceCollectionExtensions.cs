using EDoc.Registers;
using EDoc.Registers.Calendar;
using EDoc.Registers.Deadlines;
using EDoc.Registers.DependencyInjection;
using EDoc.Registers.Diagnostics;
using EDoc.Registers.Reports;
using EDoc.Registers.Storage;
using EDoc.Registers.Storage.Postgres;
using EDoc.Registers.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers EDoc.Registers: <see cref="IRegisterStore"/>, <see cref="DocumentRegister"/>, <see cref="WorkingDayCalendar"/>
/// (also as <see cref="IWorkingDayCalendar"/>), <see cref="DeadlineCalculator"/> and <see cref="OverdueMonitor"/>, all
/// singletons. Registering twice is harmless.
/// </summary>
public static class EDocRegistersServiceCollectionExtensions
{
    /// <summary>The database file of the default store, relative to the current directory.</summary>
    public const string DefaultSqlitePath = "edoc-registers.db";

    /// <summary>Registers the registers with default options (a SQLite file <see cref="DefaultSqlitePath"/>).</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to choose the store and add schedules.</returns>
    public static IEDocRegistersBuilder AddEDocRegisters(this IServiceCollection services)
        => services.AddEDocRegisters(static _ => { });

    /// <summary>Registers the registers with options bound from a configuration section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section of <see cref="EDocRegistersOptions"/>.</param>
    /// <returns>A builder.</returns>
    public static IEDocRegistersBuilder AddEDocRegisters(this IServiceCollection services, IConfigurationSection configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddEDocRegisters(static _ => { });
        services.Configure<EDocRegistersOptions>(configuration);
        return builder;
    }

    /// <summary>Registers the registers.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder.</returns>
    public static IEDocRegistersBuilder AddEDocRegisters(this IServiceCollection services, Action<EDocRegistersOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EDocRegistersOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EDocRegistersOptions>, EDocRegistersOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRegisterStore>(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<EDocRegistersOptions>>().Value;
            return RegisterStoreFactory.Create(o.ConnectionString ?? DefaultSqlitePath, o.Store);
        });
        services.TryAddSingleton(static sp => CreateCalendar(
            sp.GetRequiredService<IOptions<EDocRegistersOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger(RegistersDiagnostics.Name) ?? NullLogger.Instance));
        services.TryAddSingleton<IWorkingDayCalendar>(static sp => sp.GetRequiredService<WorkingDayCalendar>());
        services.TryAddSingleton(static sp => new DeadlineCalculator(
            sp.GetRequiredService<WorkingDayCalendar>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<EDocRegistersOptions>>().Value.Deadlines));
        services.TryAddSingleton(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<EDocRegistersOptions>>().Value;
            var registerOptions = new DocumentRegisterOptions
            {
                DefaultRegisterId = o.DefaultRegisterId,
                Numbering = o.Numbering,
                Calendar = sp.GetRequiredService<IWorkingDayCalendar>(),
                RequireKnownTypes = o.RequireKnownTypes,
            };
            return new DocumentRegister(
                sp.GetRequiredService<IRegisterStore>(), registerOptions, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<DocumentRegister>>());
        });
        services.TryAddSingleton(static sp => new OverdueMonitor(
            sp.GetRequiredService<IRegisterStore>(),
            sp.GetRequiredService<DeadlineCalculator>(),
            sp.GetRequiredService<IOptions<EDocRegistersOptions>>().Value.Overdue,
            sp.GetRequiredService<TimeProvider>()));
        return new EDocRegistersBuilder(services);
    }

    private static WorkingDayCalendar CreateCalendar(EDocRegistersOptions options, ILogger logger)
    {
        var source = options.Calendar;
        var calendar = new WorkingCalendarOptions
        {
            IncludeStatutoryHolidays = source.IncludeStatutoryHolidays,
            CompensateWeekendHolidays = source.CompensateWeekendHolidays,
            IncludeEmbeddedSchedules = source.IncludeEmbeddedSchedules,
            IncludeVietnamCultureDay = source.IncludeVietnamCultureDay,
            VietnamCultureDayFromYear = source.VietnamCultureDayFromYear,
        };
        calendar.WeekendDays.Clear();
        foreach (var day in source.WeekendDays.Distinct())
        {
            calendar.WeekendDays.Add(day);
        }

        foreach (var adjustment in source.Adjustments)
        {
            calendar.Adjustments.Add(adjustment);
        }

        foreach (var file in options.ScheduleFiles)
        {
            var info = new FileInfo(file);
            if (info.Exists && info.Length > GovernmentSchedules.MaxJsonLength * 4L)
            {
                throw new EDoc.EDocLimitExceededException("ScheduleFile", file, nameof(GovernmentSchedules.MaxJsonLength), GovernmentSchedules.MaxJsonLength, info.Length);
            }

            var adjustments = GovernmentSchedules.ParseJson(File.ReadAllText(file));
            foreach (var adjustment in adjustments)
            {
                calendar.Adjustments.Add(adjustment);
            }

            Log.ScheduleLoaded(logger, adjustments.Count, Path.GetFileName(file));
        }

        return new WorkingDayCalendar(calendar);
    }

    private sealed record EDocRegistersBuilder(IServiceCollection Services) : IEDocRegistersBuilder;
}

/// <summary>Configures EDoc.Registers after <c>AddEDocRegisters</c>.</summary>
public interface IEDocRegistersBuilder
{
    /// <summary>The services being configured.</summary>
    IServiceCollection Services { get; }
}

/// <summary>The store and schedule choices of <see cref="IEDocRegistersBuilder"/>.</summary>
public static class EDocRegistersBuilderExtensions
{
    /// <summary>Keeps the registers in a SQLite database (WAL; the embedded default).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The database file path, or a SQLite connection string (<c>Data Source=…</c>).</param>
    /// <returns>The builder.</returns>
    public static IEDocRegistersBuilder UseSqlite(this IEDocRegistersBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return UseStore(builder, o => new SqliteRegisterStore(path, o.Store));
    }

    /// <summary>Keeps the registers in PostgreSQL.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string (<c>Host=…;Database=…</c>).</param>
    /// <returns>The builder.</returns>
    public static IEDocRegistersBuilder UsePostgres(this IEDocRegistersBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return UseStore(builder, o => new PostgresRegisterStore(connectionString, o.Store));
    }

    /// <summary>Adds a yearly government schedule file (extra days off, compensatory working Saturdays) to the calendar.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="file">The JSON file (see <see cref="GovernmentSchedules.ParseJson"/>); checked at start-up.</param>
    /// <returns>The builder.</returns>
    public static IEDocRegistersBuilder AddGovernmentSchedules(this IEDocRegistersBuilder builder, string file)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        builder.Services.Configure<EDocRegistersOptions>(o => o.ScheduleFiles.Add(file));
        return builder;
    }

    private static IEDocRegistersBuilder UseStore(IEDocRegistersBuilder builder, Func<EDocRegistersOptions, IRegisterStore> factory)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton<IRegisterStore>(sp => factory(sp.GetRequiredService<IOptions<EDocRegistersOptions>>().Value)));
        return builder;
    }
}
