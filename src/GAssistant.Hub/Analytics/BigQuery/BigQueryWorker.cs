using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>Runs the export every <c>BigQuery:ExportInterval</c> when BigQuery is configured; a failed run is logged and retried next time.</summary>
public sealed partial class BigQueryWorker(IServiceScopeFactory scopes, IOptionsMonitor<BigQueryOptions> options, TimeProvider clock, ILogger<BigQueryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured || o.ExportInterval <= TimeSpan.Zero)
        {
            Log.Off(logger, o.IsConfigured ? "BigQuery:ExportInterval is 00:00:00" : "BigQuery is not configured");
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(o.ExportInterval, clock);
        try
        {
            do
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<BigQueryExport>().RunAsync(null, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.RunFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "The periodic BigQuery export is off: {Reason}")]
        public static partial void Off(ILogger logger, string reason);

        [LoggerMessage(EventId = 3212, Level = LogLevel.Error, Message = "The periodic BigQuery export failed; the next run tries again")]
        public static partial void RunFailed(ILogger logger, Exception exception);
    }
}
