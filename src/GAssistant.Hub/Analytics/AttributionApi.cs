using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Analytics;

/// <summary><c>GET /api/analytics/attribution</c> (CONTRACT.md): <c>from</c>, <c>to</c> (dates, default the last 30 days), <c>level</c>.</summary>
public static class AttributionApi
{
    public static RouteGroupBuilder MapAttributionEndpoints(this RouteGroupBuilder analytics)
    {
        analytics.MapGet("/attribution", GetAttributionAsync).WithName("GetAttribution")
            .WithSummary("Meta spend against Odoo leads, won deals and confirmed revenue per campaign, ad set or ad.");
        return analytics;
    }

    internal static async Task<Results<Ok<AttributionReport>, ValidationProblem>> GetAttributionAsync(
        HttpRequest request, AttributionService attribution, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = ApiProblems.Date(request.Query["from"], "from", errors) ?? today.AddDays(-29);
        var to = ApiProblems.Date(request.Query["to"], "to", errors) ?? today;
        if (from > to)
        {
            errors["from"] = ["from must not be after to."];
        }

        var levelText = request.Query["level"].ToString();
        var level = AttributionLevel.Campaign;
        if (levelText.Length > 0 && !(Enum.TryParse(levelText, ignoreCase: true, out level) && Enum.IsDefined(level) && !char.IsDigit(levelText[0])))
        {
            errors["level"] = ["Expected campaign, adset or ad."];
        }

        return errors.Count > 0 ? ApiProblems.Validation(errors) : TypedResults.Ok(await attribution.BuildAsync(from, to, level, cancellationToken));
    }
}
