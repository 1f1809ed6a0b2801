using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Computed in the database with grouped aggregates; only the groups come back.</summary>
    public static async Task<CrmSummary> ComputeAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking().Filtered(filter);

        var byStage = await leads
            .GroupBy(l => l.StageName)
            .Select(g => new
            {
                Stage = g.Key,
                Leads = g.Count(),
                Won = g.Count(l => l.IsWon),
                Revenue = g.Sum(l => l.ExpectedRevenue),
                Weighted = g.Sum(l => l.ExpectedRevenue * (decimal)l.Probability),
                Probability = g.Sum(l => l.Probability),
            })
            .ToListAsync(cancellationToken);

        var bySource = await leads
            .GroupBy(l => l.Source)
            .Select(g => new SourceFigure(g.Key ?? NoSource, g.Count(), g.Count(l => l.IsWon), g.Sum(l => l.ExpectedRevenue)))
            .ToListAsync(cancellationToken);

        var campaigns = await leads.Where(l => l.Campaign != null && l.Active && !l.IsWon && !l.IsLost)
            .Select(l => l.Campaign).Distinct().CountAsync(cancellationToken);
        var currency = await leads.Where(l => l.Currency != null)
            .GroupBy(l => l.Currency).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(cancellationToken);

        var total = byStage.Sum(s => s.Leads);
        var won = byStage.Sum(s => s.Won);
        return new CrmSummary(
            total,
            byStage.Sum(s => s.Revenue),
            Math.Round(byStage.Sum(s => s.Weighted) / 100m, 2),
            total == 0 ? 0 : Math.Round(byStage.Sum(s => s.Probability) / total, 2),
            campaigns,
            won,
            total == 0 ? 0 : Math.Round(100.0 * won / total, 2),
            currency,
            byStage.OrderByDescending(s => s.Leads).Select(s => new StageFigure(s.Stage ?? NoStage, s.Leads, s.Revenue)).ToList(),
            bySource.OrderByDescending(s => s.Leads).ToList());
    }
}
