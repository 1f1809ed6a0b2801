using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Runs the reconciliation pull at start and then every <c>Odoo:SyncInterval</c>, only when Odoo is
/// configured. A failed run is logged and the next tick tries again; it never stops the hub.
/// </summary>
public sealed partial class OdooSyncWorker(IServiceScopeFactory scopes, IOptionsMonitor<OdooOptions> options, TimeProvider clock, ILogger<OdooSyncWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured || o.SyncInterval <= TimeSpan.Zero)
        {
            Log.Off(logger, o.IsConfigured ? "Odoo:SyncInterval is 00:00:00" : "Odoo is not configured");
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(o.SyncInterval, clock);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
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
