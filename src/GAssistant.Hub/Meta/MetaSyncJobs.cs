using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Starts Meta's two syncs as jobs: how <c>POST /api/meta/sync-leads</c>, <c>POST /api/meta/sync-campaigns</c>, the
/// /campaigns page's button and <see cref="MetaSyncWorker"/> start them. Each returns null when Meta is not configured.
/// </summary>
public sealed class MetaSyncJobs(JobRunner jobs, IOptionsMonitor<MetaOptions> options)
{
    /// <summary>Reads every configured Page's lead forms (from <paramref name="since"/>, or all) and queues new leads for Odoo.</summary>
    public async Task<Job?> StartLeadSyncAsync(DateTime? since, CancellationToken cancellationToken) =>
        options.CurrentValue.IsConfigured
            ? await jobs.StartAsync(MetaLeadSync.JobKind, (services, progress, ct) =>
                services.GetRequiredService<MetaLeadSync>().RunAsync(since, progress, ct), cancellationToken)
            : null;

    /// <summary>Reads campaigns and their daily insights for <paramref name="range"/>, or by default the days Meta restates.</summary>
    public async Task<Job?> StartCampaignSyncAsync((DateOnly From, DateOnly To)? range, CancellationToken cancellationToken) =>
        options.CurrentValue.IsConfigured
            ? await jobs.StartAsync(MetaCampaignSync.JobKind, (services, progress, ct) =>
            {
                var sync = services.GetRequiredService<MetaCampaignSync>();
                var (from, to) = range ?? sync.DefaultRange();
                return sync.RunAsync(from, to, progress, ct);
            }, cancellationToken)
            : null;
}
