using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Odoo;

/// <summary><c>GET /api/odoo/health</c>: a live check of the connection; 503 unless ok (CONTRACT.md).</summary>
public static class OdooHealthApi
{
    public static RouteGroupBuilder MapOdooHealth(this RouteGroupBuilder odoo)
    {
        odoo.MapGet("/health", CheckAsync)
            .WithName("OdooHealth")
            .RequireAdmin()
            .WithSummary("Reaches Odoo, logs in and reads leads; says what to fix when something fails.");
        return odoo;
    }

    internal static async Task<JsonHttpResult<OdooHealthResponse>> CheckAsync(OdooHealthCheck check, CancellationToken cancellationToken)
    {
        var health = await check.CheckAsync(cancellationToken);
        return TypedResults.Json(health, statusCode: health.Success ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
