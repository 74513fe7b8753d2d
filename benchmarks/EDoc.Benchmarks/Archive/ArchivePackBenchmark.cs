using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Benchmarks.Archive;

/// <summary>
/// Packing a dossier of N documents into an E-ARK SIP ZIP (SHA-256 of every file, METS, EAD, stored data) and
/// verifying that ZIP (one streaming SHA-256 pass, METS/CSIP checks, metadata validation), against the baseline: plain
/// SHA-256 of the same source files, in the same run. Files are generated once in <c>[GlobalSetup]</c>.
/// Default size 1,000 documents / 2 GiB; set <c>EDOC_BENCH_ARCHIVE_MIB</c> (and <c>EDOC_BENCH_ARCHIVE_DOCS</c>) for a
/// smaller run. Run: <c>dotnet run -c Release --project benchmarks/EDoc.Benchmarks -- --filter '*ArchivePack*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ArchivePackBenchmark
{
    private string _directory = null!;
    private string _packZip = null!;
    private string _verifyZip = null!;
    private List<string> _files = null!;
    private ArchivePackageContent _content = null!;
    private ArchivePackageWriter _writer = null!;
    private ArchivePackageVerifier _verifier = null!;

    /// <summary>The number of documents.</summary>
    [ParamsSource(nameof(DocumentCounts))]
    public int Documents { get; set; }

    /// <summary>The total size of the documents in MiB.</summary>
    [ParamsSource(nameof(Sizes))]
    public int TotalMiB { get; set; }

    /// <summary>1,000, or <c>EDOC_BENCH_ARCHIVE_DOCS</c>.</summary>
    public static IEnumerable<int> DocumentCounts() => [FromEnvironment("EDOC_BENCH_ARCHIVE_DOCS", 1000)];

    /// <summary>2,048 MiB, or <c>EDOC_BENCH_ARCHIVE_MIB</c>.</summary>
    public static IEnumerable<int> Sizes() => [FromEnvironment("EDOC_BENCH_ARCHIVE_MIB", 2048)];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "edoc-bench-archive-" + Guid.NewGuid().ToString("N"));
        var source = Directory.CreateDirectory(Path.Combine(_directory, "src")).FullName;
        _packZip = Path.Combine(_directory, "pack.zip");
        _verifyZip = Path.Combine(_directory, "verify.zip");

        // Random bytes behind a PDF header (incompressible), sizes spread ±50 % around the mean.
        var total = TotalMiB * 1024L * 1024L;
        var random = new Random(20251124);
        var weights = Enumerable.Range(0, Documents).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        var buffer = new byte[1 << 20];
        _files = [];
        var documents = new List<ArchiveDocumentContent>();
        for (var i = 0; i < Documents; i++)
        {
            var path = Path.Combine(source, $"Văn bản {i + 1:D5}.pdf");
            var size = (long)(total * weights[i] / sum);
            using (var file = File.Create(path))
            {
                file.Write("%PDF-1.7\n"u8);
                for (var remaining = size - 9; remaining > 0; remaining -= buffer.Length)
                {
                    random.NextBytes(buffer);
                    file.Write(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                }
            }

            _files.Add(path);
            documents.Add(ArchiveDocumentContent.FromFile(Document(i + 1), path));
        }

        _content = new ArchivePackageContent { Dossier = Dossier(), Documents = documents };
        _writer = new ArchivePackageWriter(new ArchivePackageWriterOptions { AgencyName = "Sở Nội vụ tỉnh Nghệ An", PackageUuid = Guid.Parse("0b5c2a86-0f3e-4a7e-9a51-3f3c0f8e7d21") });
        _verifier = new ArchivePackageVerifier();
        _writer.WriteZipAsync(_content, _verifyZip).GetAwaiter().GetResult();
        var report = _verifier.VerifyAsync(_verifyZip).GetAwaiter().GetResult();
        if (!report.IsValid)
        {
            throw new InvalidOperationException("The generated package does not verify: " + string.Join("; ", report.Problems.Take(5)));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Baseline: SHA-256 of every source file (the least any fixity-recording packer must do).</summary>
    [Benchmark(Baseline = true, Description = "SHA-256 of the files (baseline)")]
    public async Task<int> Sha256()
    {
        var hash = new byte[32];
        var x = 0;
        foreach (var path in _files)
        {
            await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await SHA256.HashDataAsync(input, hash);
            x ^= hash[0];
        }

        return x;
    }

    /// <summary>Pack: write the SIP ZIP (data stored, metadata deflated) to disk.</summary>
    [Benchmark(Description = "Pack SIP ZIP")]
    public async Task<int> Pack() => (await _writer.WriteZipAsync(_content, _packZip)).Files.Count;

    /// <summary>Verify: read the SIP ZIP, hash every entry, check METS/CSIP and the metadata.</summary>
    [Benchmark(Description = "Verify SIP ZIP")]
    public async Task<int> Verify() => (await _verifier.VerifyAsync(_verifyZip)).Files.Count;

    private static int FromEnvironment(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    private static DossierMetadata Dossier() => new()
    {
        FileCode = new FileCode("000.00.00.H41", 2025, "01.TCCB"),
        Title = "Hồ sơ đo hiệu năng lưu trữ",
        Maintenance = "01",
        Mode = "01",
        Language = ["01"],
        StartDate = new DateOnly(2025, 1, 1),
        EndDate = new DateOnly(2025, 12, 31),
        NumberOfPaper = 0,
        RiskRecovery = false,
        ConfidenceLevel = "01",
    };

    private static DocumentMetadata Document(int ordinal) => new()
    {
        Ordinal = ordinal,
        DocId = $"000.00.00.H41-{ordinal:D5}",
        Maintenance = "01",
        TypeName = "02",
        CodeNumber = $"{ordinal:D2}",
        CodeNotation = "QĐ-UBND",
        IssuedDate = new DateOnly(2025, 1 + (ordinal % 12), 1 + (ordinal % 28)),
        OrganName = "Ủy ban nhân dân tỉnh Nghệ An",
        Subject = $"Quyết định số {ordinal} về việc đo hiệu năng",
        Language = ["01"],
        NumberOfPage = 1,
        Mode = "01",
        ConfidenceLevel = "01",
        RiskRecovery = false,
        Process = true,
    };

    /// <summary>Adds the MiB/s column (TotalMiB divided by the mean time).</summary>
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }

    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ArchivePackBenchmark) + nameof(ThroughputColumn);

        public string ColumnName => "MiB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Document MiB processed per second (TotalMiB / Mean)";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats || benchmarkCase.Parameters[nameof(TotalMiB)] is not int mib || stats.Mean <= 0)
            {
                return "-";
            }

            return (mib / (stats.Mean / 1e9)).ToString("N1", CultureInfo.InvariantCulture);
        }
    }
}
