using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>Starts the reconciliation pull as a job: how <c>POST /api/odoo/sync</c> and the /crm page's button start it.</summary>
public sealed class OdooSyncJob(JobRunner jobs, IOptionsMonitor<OdooOptions> options)
{
    public const string Kind = "odoo-sync";

    /// <summary>The queued job, or null when Odoo is not configured.</summary>
    public async Task<Job?> StartAsync(CancellationToken cancellationToken) =>
        options.CurrentValue.IsConfigured
            ? await jobs.StartAsync(Kind, async (services, progress, stopping) =>
                (await services.GetRequiredService<OdooSync>().RunAsync(progress, stopping)).Message, cancellationToken)
            : null;
}
