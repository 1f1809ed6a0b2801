using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Meta;

public sealed record RearmResponse(bool Success, int Rearmed, string Message);

/// <summary>Administration of the Meta connector under <c>/api/meta</c> (beyond CONTRACT.md).</summary>
public static class MetaAdminApi
{
    public static RouteGroupBuilder MapMetaAdminEndpoints(this RouteGroupBuilder meta)
    {
        meta.MapPost("/rearm", RearmAsync).WithName("RearmMetaMessages")
            .WithSummary("Queues again every Meta message that failed for its configuration (an API version, a permission), once it is fixed.")
            .RequireAdmin();
        return meta;
    }

    internal static async Task<Ok<RearmResponse>> RearmAsync(MetaConfigurationWatch watch, CancellationToken cancellationToken)
    {
        var count = await watch.RearmAllAsync(cancellationToken);
        return TypedResults.Ok(new RearmResponse(true, count, $"{count} messages waiting for their configuration are queued again."));
    }
}
