using EDoc.Interchange.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Interchange.Outbox;

/// <summary>
/// The hosted service that delivers the outbox: on start it recovers items a crashed process left in the sending
/// state (<see cref="OutboxOptions.RecoverInFlightOnStart"/>), then delivers due items, waking on enqueue or every
/// <see cref="OutboxOptions.PollInterval"/>.
/// </summary>
public sealed class OutboxDeliveryService : BackgroundService
{
    private readonly EDocOutbox _outbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _pollInterval;
    private readonly bool _recover;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="options">The settings; copied.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public OutboxDeliveryService(EDocOutbox outbox, EDocInterchangeOptions options, TimeProvider? timeProvider = null, ILogger<OutboxDeliveryService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pollInterval = options.Outbox.PollInterval;
        _recover = options.Outbox.RecoverInFlightOnStart;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bool recovered = !_recover;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!recovered)
                {
                    await _outbox.RecoverInFlightAsync(stoppingToken).ConfigureAwait(false);
                    recovered = true;
                }

                if (await _outbox.DeliverDueAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await _outbox.WaitForWorkAsync(_pollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive any failure (store briefly unavailable…).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.OutboxLoopFailed(_logger, ex, _pollInterval);
                try
                {
                    await Task.Delay(_pollInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
