using GAssistant.Hub.Data;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// The periodic reconciliation: the lead backfill every <see cref="MetaOptions.LeadSyncInterval"/> and the campaign
/// sync (re-reading the last 28 days, which Meta restates) every <see cref="MetaOptions.CampaignSyncInterval"/>, each
/// as a job visible at <c>/api/jobs/{id}</c>. Both also run once <see cref="MetaOptions.FirstSyncDelay"/> after start, so a
/// freshly started hub does not wait a whole interval (a day for campaigns) for its first numbers. Skipped while Meta is
/// not configured or needs reconnecting.
/// </summary>
public sealed partial class MetaSyncWorker(MetaSyncJobs syncs, MetaConnection connection, IOptionsMonitor<MetaOptions> options, TimeProvider clock, ILogger<MetaSyncWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        LoopAsync(o => o.LeadSyncInterval, MetaLeadSync.JobKind, ct => syncs.StartLeadSyncAsync(null, ct), stoppingToken),
        LoopAsync(o => o.CampaignSyncInterval, MetaCampaignSync.JobKind, ct => syncs.StartCampaignSyncAsync(null, ct), stoppingToken));

    private async Task LoopAsync(Func<MetaOptions, TimeSpan> interval, string kind, Func<CancellationToken, Task<Job?>> start, CancellationToken stoppingToken)
    {
        try
        {
            // The timer counts from start, so the first run does not shift the schedule.
            var every = interval(options.CurrentValue);
            using var timer = new PeriodicTimer(every, clock);
            var first = options.CurrentValue.FirstSyncDelay;
            if (first < every)
            {
                await Task.Delay(first, clock, stoppingToken);
                await StartAsync(kind, start, stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await StartAsync(kind, start, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task StartAsync(string kind, Func<CancellationToken, Task<Job?>> start, CancellationToken stoppingToken)
    {
        if (connection.NeedsReconnecting)
        {
            return;
        }

        try
        {
            await start(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.StartFailed(logger, kind, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Error, Message = "Could not start the periodic {Kind} job; the next tick tries again")]
        public static partial void StartFailed(ILogger logger, string kind, Exception exception);
    }
}
