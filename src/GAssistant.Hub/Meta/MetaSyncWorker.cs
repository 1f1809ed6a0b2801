using GAssistant.Hub.Jobs;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// The periodic reconciliation: the lead backfill every <see cref="MetaOptions.LeadSyncInterval"/> and the campaign
/// sync (re-reading the last 28 days, which Meta restates) every <see cref="MetaOptions.CampaignSyncInterval"/>, each
/// as a job visible at <c>/api/jobs/{id}</c>. Skipped while Meta is not configured or needs reconnecting.
/// </summary>
public sealed partial class MetaSyncWorker(JobRunner jobs, MetaConnection connection, IOptionsMonitor<MetaOptions> options, TimeProvider clock, ILogger<MetaSyncWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        LoopAsync(o => o.LeadSyncInterval, MetaLeadSync.JobKind, (services, progress, ct) =>
            services.GetRequiredService<MetaLeadSync>().RunAsync(null, progress, ct), stoppingToken),
        LoopAsync(o => o.CampaignSyncInterval, MetaCampaignSync.JobKind, (services, progress, ct) =>
        {
            var sync = services.GetRequiredService<MetaCampaignSync>();
            var (from, to) = sync.DefaultRange();
            return sync.RunAsync(from, to, progress, ct);
        }, stoppingToken));

    private async Task LoopAsync(Func<MetaOptions, TimeSpan> interval, string kind, Func<IServiceProvider, JobProgress, CancellationToken, Task<string>> work, CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(interval(options.CurrentValue), clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!options.CurrentValue.IsConfigured || connection.NeedsReconnecting)
                {
                    continue;
                }

                try
                {
                    await jobs.StartAsync(kind, work, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.StartFailed(logger, kind, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Error, Message = "Could not start the periodic {Kind} job; the next tick tries again")]
        public static partial void StartFailed(ILogger logger, string kind, Exception exception);
    }
}
