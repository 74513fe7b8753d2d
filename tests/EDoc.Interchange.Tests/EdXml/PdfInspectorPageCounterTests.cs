using EDoc.Interchange.EdXml;
using EDoc.Verification;

namespace EDoc.Interchange.Tests.EdXml;

public sealed class PdfInspectorPageCounterTests
{
    [Fact]
    public async Task CountPagesAsync_ReturnsInspectorPageCount()
    {
        var counter = new PdfInspectorPageCounter(new StubInspector(7));

        var pages = await counter.CountPagesAsync(new MemoryStream([0x25, 0x50, 0x44, 0x46]));

        Assert.Equal(7, pages);
    }

    [Fact]
    public async Task CountPagesAsync_InspectorRejectsInput_ExceptionPassesThrough()
    {
        var counter = new PdfInspectorPageCounter(new ThrowingInspector());

        await Assert.ThrowsAsync<EDocFormatException>(() => counter.CountPagesAsync(new MemoryStream([1, 2])).AsTask());
    }

    private sealed class StubInspector(int pages) : IPdfDocumentInspector
    {
        public Task<PdfDocumentSummary> InspectAsync(Stream pdf, CancellationToken cancellationToken = default)
            => Task.FromResult(new PdfDocumentSummary(pages, SignatureVerdict.NotSigned, [], ReadOnlyMemory<byte>.Empty));
    }

    private sealed class ThrowingInspector : IPdfDocumentInspector
    {
        public Task<PdfDocumentSummary> InspectAsync(Stream pdf, CancellationToken cancellationToken = default)
            => throw new EDocFormatException("PDF", "offset 0", "not a PDF.");
    }
}
