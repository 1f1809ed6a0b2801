using System.Globalization;
using System.Text.Json;
using GAssistant.Hub.Analytics;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary><c>/api/meta/*</c> (CONTRACT.md): the campaigns report and the two syncs, run as jobs.</summary>
public static class MetaApi
{
    public static RouteGroupBuilder MapMetaEndpoints(this RouteGroupBuilder meta)
    {
        meta.MapGet("/campaigns", GetCampaignsAsync).WithName("GetMetaCampaigns")
            .WithSummary("Spend, leads, CPL and CTR per campaign from Meta; won deals, revenue and ROAS from Odoo.");
        meta.MapPost("/sync-leads", SyncLeadsAsync).WithName("SyncMetaLeads").RequireAdmin()
            .WithSummary("Reads every configured Page's lead forms for leads (optionally since a time) and queues them for Odoo.");
        meta.MapPost("/sync-campaigns", SyncCampaignsAsync).WithName("SyncMetaCampaigns").RequireAdmin()
            .WithSummary("Reads campaigns and daily insights (default: the last 28 days).");
        return meta;
    }

    internal static async Task<Results<Ok<CampaignsResponse>, ValidationProblem>> GetCampaignsAsync(
        HttpRequest request, HubDbContext db, AttributionService attribution, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = ApiProblems.Date(request.Query["from"], "from", errors) ?? today.AddDays(-29);
        var to = ApiProblems.Date(request.Query["to"], "to", errors) ?? today;
        if (from > to)
        {
            errors["from"] = ["from must not be after to."];
        }

        return errors.Count > 0 ? ApiProblems.Validation(errors) : TypedResults.Ok(await CampaignReport.BuildAsync(db, attribution, from, to, cancellationToken));
    }

    internal static async Task<Results<Accepted<JobResponse>, ValidationProblem, ProblemHttpResult>> SyncLeadsAsync(
        HttpRequest request, MetaSyncJobs syncs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var body = await BodyAsync(request, errors, cancellationToken);
        DateTime? since = null;
        if (body?.TryGetProperty("since", out var value) == true && value.ValueKind != JsonValueKind.Null)
        {
            since = value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed.UtcDateTime : null;
            if (since is { } time && !ApiProblems.InRange(DateOnly.FromDateTime(time)))
            {
                errors["since"] = [ApiProblems.DateRangeError("since")];
            }
            else if (since is null)
            {
                errors["since"] = ["Expected an ISO 8601 time, e.g. 2026-11-01T00:00:00Z."];
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        return await syncs.StartLeadSyncAsync(since, cancellationToken) is { } job ? JobsApi.Accepted(job) : NotConfigured();
    }

    internal static async Task<Results<Accepted<JobResponse>, ValidationProblem, ProblemHttpResult>> SyncCampaignsAsync(
        HttpRequest request, MetaSyncJobs syncs, IOptionsMonitor<MetaOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var body = await BodyAsync(request, errors, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = ApiProblems.Date(body is { } b && b.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null, "from", errors)
            ?? today.AddDays(-options.CurrentValue.RestatementDays);
        var to = ApiProblems.Date(body is { } c && c.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null, "to", errors) ?? today;
        if (from > to)
        {
            errors["from"] = ["from must not be after to."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        return await syncs.StartCampaignSyncAsync((from, to), cancellationToken) is { } job ? JobsApi.Accepted(job) : NotConfigured();
    }

    private static ProblemHttpResult NotConfigured() =>
        ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Meta is not configured", "Set Meta:AccessToken and Meta:AppSecret first.");

    /// <summary>The optional JSON body; an empty body is no body.</summary>
    private static Task<JsonElement?> BodyAsync(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken cancellationToken) =>
        ApiJson.ReadObjectAsync(request, errors, optional: true, cancellationToken);
}
