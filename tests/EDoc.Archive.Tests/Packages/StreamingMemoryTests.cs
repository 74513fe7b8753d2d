using EDoc.Archive.Metadata;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;

namespace EDoc.Archive.Tests.Packages;

[CollectionDefinition("Memory", DisableParallelization = true)]
public sealed class MemoryTestGroup;

/// <summary>
/// Packs and verifies ~300 MB in 200 generated files and checks that the bytes allocated stay far below the data
/// size: files are streamed, never read whole. (Throughput is for the benchmark, not for unit tests.)
/// </summary>
[Collection("Memory")]
public class StreamingMemoryTests
{
    private const int FileCount = 200;
    private const int FileSize = 1_500_000;

    [Fact]
    public async Task PackAndVerify_300MegabytesIn200Files_AllocationsStayBounded()
    {
        using var tmp = new TempDir();
        var src = Directory.CreateDirectory(tmp["src"]).FullName;
        var buffer = new byte[FileSize];
        var random = new Random(20251124);
        var docs = new List<ArchiveDocumentContent>();
        for (var i = 1; i <= FileCount; i++)
        {
            random.NextBytes(buffer);
            var path = Path.Combine(src, $"Văn bản {i:D4}.pdf");
            await File.WriteAllBytesAsync(path, buffer);
            docs.Add(ArchiveDocumentContent.FromFile(TestPackages.Document(i, new DateOnly(2025, 1 + (i % 12), 1 + (i % 28))), path));
        }

        var content = new ArchivePackageContent { Dossier = TestPackages.Dossier(), Documents = docs };
        var payload = (long)FileCount * FileSize;
        var writer = TestPackages.Writer(ArchivePackageKind.Aip, bag: true);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await writer.WriteZipAsync(content, tmp["big.zip"]);
        var packAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        before = GC.GetTotalAllocatedBytes(precise: true);
        var report = await new ArchivePackageVerifier().VerifyAsync(result.OutputPath);
        var verifyAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(report.IsValid, string.Join("\n", report.Problems.Take(10)));
        Assert.Equal(FileCount, report.Files.Count(f => f.Path.StartsWith("representations/rep1/data/", StringComparison.Ordinal)));
        Assert.True(new FileInfo(result.OutputPath).Length > payload);
        Assert.True(packAllocated < payload / 20, $"pack allocated {packAllocated:N0} bytes for a {payload:N0}-byte payload");
        Assert.True(verifyAllocated < payload / 20, $"verify allocated {verifyAllocated:N0} bytes for a {payload:N0}-byte payload");
    }
}
