using GAssistant.Hub.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Operations;

/// <summary>
/// <c>GET /health</c>: anonymous; 200 when the database answers, with each integration's state; <c>degraded</c>
/// (still 200: reads work) while the database is out of space.
/// </summary>
public static class HealthEndpoints
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", GetHealthAsync).AllowAnonymous().WithTags("Operations").WithName("Health");

        // Liveness only (no database): for orchestrators, and the benchmark's ceiling.
        app.MapGet("/health/live", () => TypedResults.Text("ok")).AllowAnonymous().WithTags("Operations").WithName("Liveness");
        return app;
    }

    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealthAsync(
        HubDbContext db, IEnumerable<IIntegrationStatus> integrations, StorageSpace storage, CancellationToken cancellationToken)
    {
        var states = integrations.ToDictionary(i => i.Name, i => i.Current());
        bool databaseUp;
        try
        {
            // A real query, not just a connection: a missing or unmigrated database is "down".
            await db.InboxEvents.AnyAsync(cancellationToken);
            databaseUp = true;
        }
        catch (Exception)
        {
            databaseUp = false;
        }

        var provider = db is PostgresHubDbContext ? "postgres" : "sqlite";
        var writable = !databaseUp || await storage.ProbeAsync(cancellationToken);
        var report = !databaseUp ? new HealthReport("down", new IntegrationState("down", provider), states)
            : writable ? new HealthReport("ok", new IntegrationState("ok", provider), states)
            : new HealthReport("degraded", new IntegrationState("degraded", $"{provider}: out of space; reads work, writes are refused with 503 until space is freed"), states);
        return databaseUp ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthReport(string Status, IntegrationState Database, IReadOnlyDictionary<string, IntegrationState> Integrations);
