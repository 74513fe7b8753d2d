using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EDoc.Interchange.EdXml;

namespace EDoc.Benchmarks.Interchange;

/// <summary>
/// Packing and unpacking an edXML package with one large attachment (QCVN 102:2016, streamed Base64), against plain
/// Base64 encoding (the baseline) and decoding of the same bytes, all read from the same file in the same run.
/// Run: <c>dotnet run -c Release --project benchmarks/EDoc.Benchmarks -- --filter '*EdXmlPack*' [--job short]</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class EdXmlPackBenchmark
{
    private const int ChunkSize = 48 * 1024; // the writer's default Base64 chunk
    private string _directory = null!;
    private string _attachmentPath = null!;
    private string _packagePath = null!;
    private string _base64Path = null!;

    /// <summary>The attachment size in MiB.</summary>
    [Params(200)]
    public int SizeMiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "edoc-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _attachmentPath = Path.Combine(_directory, "van-ban.pdf");
        _packagePath = Path.Combine(_directory, "package.edxml");
        _base64Path = Path.Combine(_directory, "attachment.b64");

        // Random bytes behind a PDF header: incompressible, and accepted by the article 11 format check of the writer.
        using (var file = File.Create(_attachmentPath))
        {
            file.Write("%PDF-1.7\n"u8);
            var buffer = new byte[1024 * 1024];
            var random = new Random(42);
            long remaining = (SizeMiB * 1024L * 1024L) - 9;
            while (remaining > 0)
            {
                random.NextBytes(buffer);
                var n = (int)Math.Min(buffer.Length, remaining);
                file.Write(buffer, 0, n);
                remaining -= n;
            }
        }

        using (var output = File.Create(_packagePath))
        {
            new EdXmlWriter().WriteAsync(CreatePackage(), output).GetAwaiter().GetResult();
        }

        using (var output = File.Create(_base64Path))
        {
            EncodeAsync(output).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Baseline: Base64-encode the attachment file in chunks into a null stream.</summary>
    [Benchmark(Baseline = true, Description = "Base64 encode (baseline)")]
    public Task Base64Encode() => EncodeAsync(Stream.Null);

    /// <summary>Reference for unpacking: Base64-decode the encoded attachment in chunks into a null stream.</summary>
    [Benchmark(Description = "Base64 decode")]
    public async Task Base64Decode()
    {
        await using var input = OpenRead(_base64Path);
        await using var decoder = new CryptoStream(input, new FromBase64Transform(), CryptoStreamMode.Read);
        await decoder.CopyToAsync(Stream.Null, 81920);
    }

    /// <summary>Pack: write the edXML package (envelope, manifest, streamed Base64 attachment) to a null stream.</summary>
    [Benchmark(Description = "edXML pack")]
    public Task Pack() => new EdXmlWriter().WriteAsync(CreatePackage(), Stream.Null);

    /// <summary>Unpack: read the package and stream the decoded attachment into a discarding sink.</summary>
    [Benchmark(Description = "edXML unpack")]
    public async Task<long> Unpack()
    {
        var package = (EdocPackage)await new EdXmlReader().ReadFileAsync(_packagePath, DiscardingSink.Instance);
        return package.Attachments[0].Length ?? -1;
    }

    private EdocPackage CreatePackage()
    {
        var package = new EdocPackage
        {
            MessageHeader = new EdXmlMessageHeader
            {
                From = new EdXmlOrganization { OrganId = "000.00.00.H41", OrganName = "UBND tỉnh Nghệ An" },
                To = { new EdXmlOrganization { OrganId = "000.00.00.G22", OrganName = "Văn phòng Chính phủ" } },
                DocumentId = EdXmlDocumentId.Parse("000.00.00.H41,2024/05/06,123/UBND-VX"),
                Code = new EdXmlCode { CodeNumber = "123", CodeNotation = "UBND-VX" },
                PromulgationInfo = new EdXmlPromulgationInfo { Place = "Nghệ An", PromulgationDate = new DateOnly(2024, 5, 6) },
                DocumentType = new EdXmlDocumentType { Type = 1, TypeName = "Công văn" },
                Subject = "V/v đo hiệu năng",
            },
        };
        package.AddAttachment(EdXmlAttachment.FromFile(_attachmentPath, contentId: "a1"));
        return package;
    }

    private async Task EncodeAsync(Stream destination)
    {
        await using var input = OpenRead(_attachmentPath);
        var source = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var encoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ChunkSize));
        try
        {
            int read;
            while ((read = await input.ReadAtLeastAsync(source.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false)) > 0)
            {
                Base64.EncodeToUtf8(source.AsSpan(0, read), encoded, out _, out var written);
                await destination.WriteAsync(encoded.AsMemory(0, written));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(source);
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    private static FileStream OpenRead(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private sealed class DiscardingSink : IEdXmlAttachmentSink
    {
        public static readonly DiscardingSink Instance = new();

        public ValueTask<Stream?> OpenAsync(EdXmlAttachment attachment, int index, CancellationToken cancellationToken)
            => ValueTask.FromResult<Stream?>(Stream.Null);

        public ValueTask CloseAsync(EdXmlAttachment attachment, int index, Stream content, bool completed, CancellationToken cancellationToken)
            => ValueTask.CompletedTask;
    }

    /// <summary>Adds the MB/s column (attachment MiB divided by the mean time).</summary>
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }

    /// <summary>Throughput in MiB of attachment per second, from the mean time and the <c>SizeMiB</c> parameter.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "MiB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Attachment MiB processed per second (SizeMiB / Mean)";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var size = benchmarkCase.Parameters[nameof(SizeMiB)];
            if (report?.ResultStatistics is not { } stats || size is not int mib || stats.Mean <= 0)
            {
                return "-";
            }

            return (mib / (stats.Mean / 1e9)).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
