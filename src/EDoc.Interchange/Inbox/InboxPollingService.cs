using EDoc.Interchange.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Interchange.Inbox;

/// <summary>The hosted service that runs <see cref="EDocInbox.ReceiveAsync"/> every <see cref="InboxOptions.PollInterval"/>.</summary>
public sealed class InboxPollingService : BackgroundService
{
    private readonly EDocInbox _inbox;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _pollInterval;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="inbox">The inbox.</param>
    /// <param name="options">The settings; copied.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public InboxPollingService(EDocInbox inbox, EDocInterchangeOptions options, TimeProvider? timeProvider = null, ILogger<InboxPollingService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(options);
        _inbox = inbox;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pollInterval = options.Inbox.PollInterval;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _inbox.ReceiveAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a hub outage.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.InboxLoopFailed(_logger, ex, _pollInterval);
            }

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
