using GAssistant.Hub.Jobs;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Odoo;

/// <summary><c>POST /api/odoo/sync</c>: runs the reconciliation pull now as a job (CONTRACT.md).</summary>
public static class OdooSyncApi
{
    public static RouteGroupBuilder MapOdooSync(this RouteGroupBuilder odoo)
    {
        odoo.MapPost("/sync", StartAsync)
            .WithName("SyncOdoo")
            .RequireAdmin()
            .WithSummary("Reads what changed in Odoo since the last run into the replica; follow the job at /api/jobs/{id}.");
        return odoo;
    }

    internal static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> StartAsync(OdooSyncJob sync, CancellationToken cancellationToken) =>
        await sync.StartAsync(cancellationToken) is { } job
            ? JobsApi.Accepted(job)
            : ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Odoo is not configured",
                "Set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey to sync from Odoo.");
}
