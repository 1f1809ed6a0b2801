using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Runs the reconciliation pull at start and then every <c>Odoo:SyncInterval</c>, only when Odoo is
/// configured (checked at every tick, so a connection made in Settings starts it). A failed run is logged and the next tick tries again; it never stops the hub.
/// </summary>
public sealed partial class OdooSyncWorker(IServiceScopeFactory scopes, IOptionsMonitor<OdooOptions> options, TimeProvider clock, ILogger<OdooSyncWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.CurrentValue.SyncInterval;
        if (interval <= TimeSpan.Zero)
        {
            Log.Off(logger, "Odoo:SyncInterval is 00:00:00");
            return;
        }

        // Odoo may be connected later, in Settings: each tick looks whether it is configured now.
        await Task.Yield();
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            if (options.CurrentValue.IsConfigured)
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<OdooSync>().RunAsync(null, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.RunFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "The periodic Odoo sync is off: {Reason}")]
        public static partial void Off(ILogger logger, string reason);

        [LoggerMessage(EventId = 2302, Level = LogLevel.Error, Message = "The periodic Odoo sync failed; the next run tries again")]
        public static partial void RunFailed(ILogger logger, Exception exception);
    }
}
