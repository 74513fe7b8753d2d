using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using Microsoft.Extensions.Logging;

namespace EDoc.Signing.Tests.Signing;

[Collection(PdfCorpusDefinition.Name)]
public sealed class PdfSignerLoggingTests(PdfCorpusFixture corpus)
{
    [Fact]
    public async Task SignFileAsync_Success_LogsStartAndCompletionInOwnEventRange()
    {
        var logger = new CapturingLogger();
        var signer = new PdfSigner(logger: logger);

        await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile("log.pdf"), new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer), FieldName = "LogField" });

        Assert.Contains(logger.Entries, e => e.Id == 1000 && e.Message.Contains(corpus.Signer.Thumbprint, StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Id == 1001 && e.Message.Contains("LogField", StringComparison.Ordinal));
        Assert.All(logger.Entries, e => Assert.InRange(e.Id, 1000, 1999));
    }

    [Fact]
    public async Task SignFileAsync_Failure_LogsWarningWithErrorCode()
    {
        var logger = new CapturingLogger();
        string dir = Directory.CreateTempSubdirectory("edoc-log-").FullName;
        string bad = Path.Combine(dir, "bad.pdf");
        await File.WriteAllTextAsync(bad, "not a pdf");

        await Assert.ThrowsAnyAsync<EDocException>(() => new PdfSigner(logger: logger).SignFileAsync(bad, Path.Combine(dir, "out.pdf"), new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer) }));

        var entry = Assert.Single(logger.Entries, e => e.Id == 1002);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("pdf.", entry.Message, StringComparison.Ordinal);
    }

    private sealed class CapturingLogger : ILogger<PdfSigner>
    {
        public List<(int Id, LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((eventId.Id, logLevel, formatter(state, exception)));
            }
        }
    }
}
