using EDoc.Interchange.Scanning;
using EDoc.Interchange.Tests.Infrastructure;

namespace EDoc.Interchange.Tests.Scanning;

[Collection(ClamdCollectionDefinition.Name)]
public sealed class ClamAvScannerTests(ClamdFixture clamd)
{
    [Fact]
    public async Task PingAsync_RunningClamd_ReturnsTrue()
    {
        clamd.EnsureStarted();

        Assert.True(await new ClamAvScanner(clamd.Options).PingAsync());
        Assert.StartsWith("ClamAV", await new ClamAvScanner(clamd.Options).GetVersionAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_Eicar_ReportsInfectedWithSignatureName()
    {
        clamd.EnsureStarted();
        using var content = new MemoryStream(ClamdFixture.Eicar);

        var result = await new ClamAvScanner(clamd.Options).ScanAsync(content, "eicar.com");

        Assert.True(result.IsInfected);
        Assert.Contains("Test.EICAR", result.SignatureName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAsync_EicarAcrossManySmallChunks_ReportsInfected()
    {
        clamd.EnsureStarted();
        var options = clamd.Options;
        options.ChunkSize = 7;
        byte[] padded = [.. new byte[10_000], .. ClamdFixture.Eicar, .. new byte[10_000]];
        using var content = new MemoryStream(padded);

        var result = await new ClamAvScanner(options).ScanAsync(content, "padded.bin");

        Assert.True(result.IsInfected);
    }

    [Fact]
    public async Task ScanAsync_CleanContent_ReportsClean()
    {
        clamd.EnsureStarted();
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        using var content = new MemoryStream(bytes);

        var result = await new ClamAvScanner(clamd.Options).ScanAsync(content, "clean.bin");

        Assert.False(result.IsInfected);
        Assert.Null(result.SignatureName);
    }

    [Fact]
    public async Task ScanAsync_LargerThanLimit_ThrowsLimitExceededWithoutScanning()
    {
        clamd.EnsureStarted();
        var options = clamd.Options;
        options.MaxStreamLength = 1000;

        var ex = await Assert.ThrowsAsync<EDocLimitExceededException>(() => new ClamAvScanner(options).ScanAsync(new MemoryStream(new byte[1001]), "big.pdf"));

        Assert.Equal("MaxStreamLength", ex.LimitName);
    }

    [Fact]
    public async Task ScanAsync_NonSeekableLargerThanLimit_ThrowsLimitExceeded()
    {
        clamd.EnsureStarted();
        var options = clamd.Options;
        options.MaxStreamLength = 100_000;
        options.ChunkSize = 4096;

        await Assert.ThrowsAsync<EDocLimitExceededException>(() => new ClamAvScanner(options).ScanAsync(new NonSeekableStream(new byte[200_000]), "stream.bin"));
    }

    [Fact]
    public async Task ScanAsync_NothingListening_ThrowsMalwareScanException()
    {
        var options = new ClamAvOptions { Port = ClamdFixture.FreePort(), ConnectTimeout = TimeSpan.FromSeconds(2) };

        var ex = await Assert.ThrowsAsync<MalwareScanException>(() => new ClamAvScanner(options).ScanAsync(new MemoryStream([1]), "x"));

        Assert.Equal("malware-scan.failed", ex.ErrorCode);
        Assert.False(await new ClamAvScanner(options).PingAsync());
    }

    [Theory]
    [InlineData("stream: OK", false, null)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND", true, "Win.Test.EICAR_HDB-1")]
    public void Interpret_Reply_ParsesVerdict(string reply, bool infected, string? name)
    {
        var result = ClamAvScanner.Interpret(reply, "f");

        Assert.Equal(infected, result.IsInfected);
        Assert.Equal(name, result.SignatureName);
    }

    [Fact]
    public void Interpret_SizeLimitError_ThrowsMalwareScanException()
    {
        Assert.Throws<MalwareScanException>(() => ClamAvScanner.Interpret("INSTREAM size limit exceeded. ERROR", "f"));
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
