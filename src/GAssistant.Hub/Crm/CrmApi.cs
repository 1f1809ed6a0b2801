using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Crm;

/// <summary><c>GET /api/crm/summary</c> (CONTRACT.md).</summary>
public static class CrmApi
{
    public static WebApplication MapCrmApi(this WebApplication app)
    {
        var crm = app.MapGroup("/api/crm").WithTags("CRM").RequireRateLimiting(RateLimits.Api);
        crm.MapGet("/summary", GetSummaryAsync)
            .WithName("GetCrmSummary")
            .WithSummary("Lead figures for a date range: totals, expected and weighted revenue, won, conversion, by stage and source.");
        crm.MapLeadCsv();
        return app;
    }

    internal static async Task<Results<Ok<CrmSummaryResponse>, ValidationProblem>> GetSummaryAsync(
        HttpRequest request, HubDbContext db, CancellationToken cancellationToken)
    {
        var filter = LeadFilter.Parse(request.Query, out var errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var summary = await CrmSummary.ComputeAsync(db, filter, cancellationToken);
        return TypedResults.Ok(CrmSummaryResponse.From(summary));
    }
}

public sealed record CrmSummaryResponse(
    bool Success,
    string Message,
    int TotalLeads,
    decimal ExpectedRevenue,
    decimal WeightedRevenue,
    double AvgProbability,
    int ActiveCampaigns,
    int Won,
    double ConversionRate,
    string? Currency,
    IReadOnlyList<StageFigure> ByStage,
    IReadOnlyList<SourceFigure> BySource)
{
    public static CrmSummaryResponse From(CrmSummary s) => new(
        true, $"{s.TotalLeads} leads, {s.Won} won.", s.TotalLeads, s.ExpectedRevenue, s.WeightedRevenue, s.AvgProbability,
        s.ActiveCampaigns, s.Won, s.ConversionRate, s.Currency, s.ByStage, s.BySource);
}
