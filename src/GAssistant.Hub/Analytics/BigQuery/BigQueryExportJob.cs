using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>Starts the export now as a job: how <c>POST /api/bigquery/export</c> and Settings' button start it.</summary>
public sealed class BigQueryExportJob(JobRunner jobs, IOptionsMonitor<BigQueryOptions> options)
{
    /// <summary>The queued job, or null when BigQuery is not configured.</summary>
    public async Task<Job?> StartAsync(CancellationToken cancellationToken) =>
        options.CurrentValue.IsConfigured
            ? await jobs.StartAsync(BigQueryExport.JobKind, (services, progress, ct) =>
                services.GetRequiredService<BigQueryExport>().RunAsync(progress, ct), cancellationToken)
            : null;
}
