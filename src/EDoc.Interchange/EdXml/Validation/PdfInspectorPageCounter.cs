using EDoc.Verification;

namespace EDoc.Interchange.EdXml;

/// <summary>
/// Counts PDF pages for the <c>PageAmount</c> check (NĐ 30/2020 article 8.2: the clerk checks the number of documents
/// and pages) with any <see cref="IPdfDocumentInspector"/> — in practice EDoc.Signing's <c>PdfDocumentInspector</c>,
/// so EDoc.Interchange uses the signing package only through the EDoc.Abstractions contract.
/// </summary>
public sealed class PdfInspectorPageCounter : IPdfPageCounter
{
    private readonly IPdfDocumentInspector _inspector;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="inspector">The inspector that reads the PDF.</param>
    public PdfInspectorPageCounter(IPdfDocumentInspector inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        _inspector = inspector;
    }

    /// <inheritdoc />
    public async ValueTask<int> CountPagesAsync(Stream pdf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var summary = await _inspector.InspectAsync(pdf, cancellationToken).ConfigureAwait(false);
        return summary.PageCount;
    }
}
