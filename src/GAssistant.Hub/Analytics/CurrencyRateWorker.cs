using GAssistant.Hub.Odoo;
using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics;

/// <summary>Reads Odoo's currency rates every <see cref="AnalyticsOptions.RateSyncInterval"/> while Odoo is configured; a failure waits for the next tick.</summary>
public sealed partial class CurrencyRateWorker(
    IServiceScopeFactory scopes, IOptions<AnalyticsOptions> options, IOptionsMonitor<OdooOptions> odoo, TimeProvider clock, ILogger<CurrencyRateWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RateSyncInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RateSyncInterval, clock);
        do
        {
            if (!odoo.CurrentValue.IsConfigured)
            {
                continue;
            }

            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<CurrencyRateSync>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.Failed(logger, ex);
            }
        }
        while (await timer.NextTickOrStopAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3222, Level = LogLevel.Warning, Message = "Reading Odoo's currency rates failed; the next tick tries again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
