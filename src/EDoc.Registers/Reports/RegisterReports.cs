using EDoc.Registers.Storage;

namespace EDoc.Registers.Reports;

/// <summary>Computes the regulation's reports straight from a register store.</summary>
public static class RegisterReports
{
    /// <summary>The six-monthly report on electronic sending and receiving for a period.</summary>
    /// <param name="store">The register store.</param>
    /// <param name="period">The period.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public static async Task<SemiannualReport> SemiannualAsync(IRegisterStore store, ReportPeriod period, string? registerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        period = period.Validate();
        var outgoing = await store.ListOutgoingAsync(period.Year, registerId, cancellationToken).ConfigureAwait(false);
        var incoming = await store.ListIncomingAsync(period.Year, registerId, cancellationToken).ConfigureAwait(false);
        return SemiannualReport.Compute(period, outgoing, incoming);
    }

    /// <summary>The overdue-rate report per unit for a period.</summary>
    /// <param name="store">The register store.</param>
    /// <param name="period">The period (by arrival date).</param>
    /// <param name="asOf">The date open documents are judged against; usually today or the end of the period.</param>
    /// <param name="registerId">One register, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public static async Task<OverdueReport> OverdueAsync(IRegisterStore store, ReportPeriod period, DateOnly asOf, string? registerId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        period = period.Validate();
        var incoming = await store.ListIncomingAsync(period.Year, registerId, cancellationToken).ConfigureAwait(false);
        return OverdueReport.Compute(period, incoming, asOf);
    }
}
