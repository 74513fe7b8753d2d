using EDoc.Interchange.Storage;
using EDoc.Registers.Storage;
using EDoc.Time;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EDoc.SampleHost;

/// <summary>Readiness of the host: the interchange store and the register store answer, the certificates are loaded, the embedded hub runs.</summary>
public sealed class EDocHealthCheck(IInterchangeStore interchange, IRegisterStore registers, DevelopmentPki pki, EmbeddedHub hub, TimeProvider time) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var outbox = await interchange.CountOutboxAsync(cancellationToken);
            var issued = await registers.ListOutgoingAsync(VietnamTime.Today(time).Year, cancellationToken: cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["outbox"] = outbox.ToString() ?? string.Empty,
                ["outgoingThisYear"] = issued.Count,
                ["certificateValidTo"] = pki.Agency.NotAfter.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["hub"] = hub.Emulator?.BaseAddress.ToString() ?? "configured",
            };
            return pki.Agency.NotAfter > time.GetUtcNow().UtcDateTime
                ? HealthCheckResult.Healthy("EDoc stores answer.", data)
                : HealthCheckResult.Degraded("The agency certificate has expired.", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("An EDoc store does not answer.", ex);
        }
    }
}
