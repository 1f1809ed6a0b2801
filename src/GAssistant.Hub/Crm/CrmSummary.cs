using GAssistant.Hub.Data;

namespace GAssistant.Hub.Crm;

public sealed record StageFigure(string Stage, int Leads, decimal ExpectedRevenue);

public sealed record SourceFigure(string Source, int Leads, int Won, decimal ExpectedRevenue);

/// <summary>The CRM figures of <c>GET /api/crm/summary</c> and the /crm cards, for one filter.</summary>
public sealed record CrmSummary(
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
    public const string NoSource = "(none)";
    public const string NoStage = "(none)";

    /// <summary>Computed in the database as grouped slices (<see cref="LeadSlices"/>, the same as /crm); only the groups come back.</summary>
    public static async Task<CrmSummary> ComputeAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken) =>
        From(await LeadSlices.LoadAsync(db, filter, cancellationToken));

    public static CrmSummary From(LeadCube cube)
    {
        var slices = cube.Slices;
        var total = slices.Sum(s => s.Leads);
        var won = slices.Where(s => s.Won).Sum(s => s.Leads);
        // Odoo's pipeline order where the stage is known; stages Odoo no longer has, and leads without one, after them by size.
        var position = StageOrder.Positions(cube.StageOrder);
        var byStage = slices.GroupBy(s => s.Stage ?? NoStage)
            .Select(g => new StageFigure(g.Key, g.Sum(s => s.Leads), g.Sum(s => s.Revenue)))
            .OrderBy(s => position(s.Stage)).ThenByDescending(s => s.Leads).ThenBy(s => s.Stage, StringComparer.Ordinal).ToList();
        var bySource = slices.GroupBy(s => s.Source ?? NoSource)
            .Select(g => new SourceFigure(g.Key, g.Sum(s => s.Leads), g.Where(s => s.Won).Sum(s => s.Leads), g.Sum(s => s.Revenue)))
            .OrderByDescending(s => s.Leads).ThenBy(s => s.Source, StringComparer.Ordinal).ToList();
        var currency = slices.Where(s => s.Currency is not null).GroupBy(s => s.Currency)
            .OrderByDescending(g => g.Sum(s => s.Leads)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        return new CrmSummary(
            total,
            slices.Sum(s => s.Revenue),
            Math.Round(slices.Sum(s => s.RevenueTimesProbability) / 100m, 2),
            total == 0 ? 0 : Math.Round(slices.Sum(s => s.ProbabilitySum) / total, 2),
            cube.Campaigns.Where(s => s.Open && s.Leads > 0 && s.Campaign is not null).Select(s => s.Campaign).Distinct().Count(),
            won,
            total == 0 ? 0 : Math.Round(100.0 * won / total, 2),
            currency,
            byStage,
            bySource);
    }
}
