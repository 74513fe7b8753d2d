using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EDoc.Registers;
using EDoc.Registers.Storage;

namespace EDoc.Benchmarks.Registers;

/// <summary>
/// Issued outgoing numbers per second (cấp số văn bản đi): each number is taken, composed and registered in one store
/// transaction, gap-free. SQLite (one file, WAL) and PostgreSQL; one writer, or 8 concurrent writers in this process,
/// each a task with its own store (own connection) on the same register and sequence, so they contend for the same
/// counter row exactly as 8 clerks would.
/// Run: <c>dotnet run -c Release --project benchmarks/EDoc.Benchmarks -- --filter '*RegisterIssue*' [--job short]</c>.
/// PostgreSQL: set <c>EDOC_TEST_POSTGRES</c> (<c>source scripts/test-tools.sh; edoc_start_postgres</c> starts a
/// throwaway server on 127.0.0.1 and sets it); the PostgreSQL cases fail with that message when it is missing.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(NumbersPerSecondConfig))]
public class RegisterIssueBenchmark
{
    /// <summary>Numbers issued per benchmark invocation (split evenly between the writers).</summary>
    public const int IssuesPerInvoke = 96;

    private readonly List<IRegisterStore> _stores = [];
    private DocumentRegister[] _registers = [];
    private string? _directory;
    private OutgoingIssueRequest _request = null!;

    /// <summary>The store: <c>sqlite</c> or <c>postgresql</c>.</summary>
    [Params("sqlite", "postgresql")]
    public string Store { get; set; } = "sqlite";

    /// <summary>Concurrent writers, each with its own connection.</summary>
    [Params(1, 8)]
    public int Writers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        string connection;
        if (Store == "sqlite")
        {
            _directory = Path.Combine(Path.GetTempPath(), "edoc-bench-registers-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            connection = Path.Combine(_directory, "registers.db");
        }
        else
        {
            connection = Environment.GetEnvironmentVariable("EDOC_TEST_POSTGRES") is { Length: > 0 } pg
                ? pg
                : throw new InvalidOperationException(
                    "EDOC_TEST_POSTGRES is not set: run `source scripts/test-tools.sh; edoc_start_postgres` first (PostgreSQL 15 on 127.0.0.1).");
        }

        // A fresh register per run, so every run starts at 01 and never collides with earlier data.
        var registerId = "bench-" + Guid.NewGuid().ToString("N")[..12];
        var options = new DocumentRegisterOptions { DefaultRegisterId = registerId };
        _registers = new DocumentRegister[Writers];
        for (var i = 0; i < Writers; i++)
        {
            var store = await RegisterStoreFactory.OpenAsync(connection);
            _stores.Add(store);
            _registers[i] = new DocumentRegister(store, options);
        }

        _request = new OutgoingIssueRequest
        {
            TypeAbbreviation = "QĐ",
            IssuerAbbreviation = "B" + registerId[6..12].ToUpperInvariant(),
            Date = new DateOnly(2026, 6, 1),
            Subject = "Quyết định về việc thử nghiệm hiệu năng cấp số",
        };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Issues <see cref="IssuesPerInvoke"/> numbers, split between the writers running concurrently.</summary>
    [Benchmark(OperationsPerInvoke = IssuesPerInvoke)]
    public async Task IssueNumbers()
    {
        var perWriter = IssuesPerInvoke / Writers;
        var tasks = new Task[Writers];
        for (var w = 0; w < Writers; w++)
        {
            var register = _registers[w];
            tasks[w] = Task.Run(async () =>
            {
                for (var i = 0; i < perWriter; i++)
                {
                    await register.IssueAsync(_request).ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private sealed class NumbersPerSecondConfig : ManualConfig
    {
        public NumbersPerSecondConfig() => AddColumn(new NumbersPerSecondColumn());
    }

    /// <summary>Numbers issued per second: 1 / Mean (Mean is per issued number thanks to OperationsPerInvoke).</summary>
    private sealed class NumbersPerSecondColumn : IColumn
    {
        public string Id => nameof(NumbersPerSecondColumn);

        public string ColumnName => "Numbers/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Register numbers issued per second (1 s / Mean per number)";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            => summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats
                ? (1e9 / stats.Mean).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : "-";
    }
}
