using GAssistant.Hub.Jobs;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary><c>POST /api/odoo/sync</c>: runs the reconciliation pull now as a job (CONTRACT.md).</summary>
public static class OdooSyncApi
{
    public const string JobKind = "odoo-sync";

    public static RouteGroupBuilder MapOdooSync(this RouteGroupBuilder odoo)
    {
        odoo.MapPost("/sync", StartAsync)
            .WithName("SyncOdoo")
            .WithSummary("Reads what changed in Odoo since the last run into the replica; follow the job at /api/jobs/{id}.");
        return odoo;
    }

    internal static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> StartAsync(
        JobRunner jobs, IOptionsMonitor<OdooOptions> options, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.IsConfigured)
        {
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Odoo is not configured",
                "Set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey to sync from Odoo.");
        }

        var job = await jobs.StartAsync(JobKind, async (services, progress, stopping) =>
            (await services.GetRequiredService<OdooSync>().RunAsync(progress, stopping)).Message, cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{job.Id}", JobResponse.From(job));
    }
}
