using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Connections;

/// <summary>Picks up connections another hub instance saved, every <see cref="ConnectionsOptions.RefreshInterval"/>.</summary>
internal sealed partial class ConnectionsRefresher(ConnectionSettings settings, IOptions<ConnectionsOptions> options, TimeProvider clock,
    ILogger<ConnectionsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RefreshInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        while (await timer.NextTickOrStopAsync(stoppingToken))
        {
            try
            {
                await settings.RefreshIfChangedAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.RefreshFailed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Could not compare the saved connections with the database; the next tick tries again")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
