using System.Text;
using EDoc.Archive.Evidence;
using EDoc.Verification;
using Microsoft.Extensions.Time.Testing;

namespace EDoc.Archive.Tests.Evidence;

public sealed class PdfInspectorEvidenceProviderTests
{
    [Theory]
    [InlineData(SignatureVerdict.Valid, SignatureEvidenceVerdict.Valid)]
    [InlineData(SignatureVerdict.Invalid, SignatureEvidenceVerdict.Invalid)]
    [InlineData(SignatureVerdict.Indeterminate, SignatureEvidenceVerdict.Indeterminate)]
    [InlineData(SignatureVerdict.NotSigned, SignatureEvidenceVerdict.NoSignature)]
    public async Task GetEvidenceAsync_Pdf_MapsVerdictAndKeepsReport(SignatureVerdict verdict, SignatureEvidenceVerdict expected)
    {
        var report = Encoding.UTF8.GetBytes("{\"isValid\":true}");
        var inspector = new StubInspector(new PdfDocumentSummary(
            3,
            verdict,
            [new PdfSignatureSummary("Signature1", "Nguyễn Văn An", ["CCCD:001089012345"], null, verdict, "ok", "hợp lệ")],
            report));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var provider = new PdfInspectorEvidenceProvider(inspector, clock);

        var evidence = await provider.GetEvidenceAsync(new MemoryStream([1, 2, 3]), "quyet-dinh.pdf");

        Assert.NotNull(evidence);
        Assert.Equal(expected, evidence.Verdict);
        Assert.Equal(report, evidence.Report.ToArray());
        Assert.Equal("application/json", evidence.ReportMediaType);
        Assert.Equal(clock.GetUtcNow(), evidence.ValidatedAt);
        Assert.Contains("Nguyễn Văn An", evidence.Summary, StringComparison.Ordinal);
        Assert.Equal(1, inspector.Calls);
    }

    [Fact]
    public async Task GetEvidenceAsync_NotPdf_ReturnsNullWithoutInspecting()
    {
        var inspector = new StubInspector(new PdfDocumentSummary(0, SignatureVerdict.NotSigned, [], ReadOnlyMemory<byte>.Empty));
        var provider = new PdfInspectorEvidenceProvider(inspector);

        var evidence = await provider.GetEvidenceAsync(new MemoryStream([1]), "bang-tinh.xlsx");

        Assert.Null(evidence);
        Assert.Equal(0, inspector.Calls);
    }

    private sealed class StubInspector(PdfDocumentSummary summary) : IPdfDocumentInspector
    {
        public int Calls { get; private set; }

        public Task<PdfDocumentSummary> InspectAsync(Stream pdf, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(summary);
        }
    }
}

public sealed class PdfInspectorEvidenceProviderUnreadableTests
{
    [Fact]
    public async Task GetEvidenceAsync_UnreadablePdf_InvalidWithReasonInReport()
    {
        var provider = new PdfInspectorEvidenceProvider(new ThrowingInspector());

        var evidence = await provider.GetEvidenceAsync(new MemoryStream([1, 2]), "hong.pdf");

        Assert.NotNull(evidence);
        Assert.Equal(SignatureEvidenceVerdict.Invalid, evidence.Verdict);
        var report = System.Text.Json.JsonDocument.Parse(evidence.Report).RootElement;
        Assert.Equal("unreadable", report.GetProperty("status").GetString());
        Assert.Equal("no startxref.", report.GetProperty("reason").GetString());
    }

    private sealed class ThrowingInspector : IPdfDocumentInspector
    {
        public Task<PdfDocumentSummary> InspectAsync(Stream pdf, CancellationToken cancellationToken = default)
            => throw new EDocFormatException("PDF", "end of file", "no startxref.");
    }
}
