using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>
/// Leads of one creation day that share stage, source, campaign, currency and outcome, summed.
/// Every CRM figure (API and /crm page) is derived from these, so both always agree.
/// </summary>
public sealed record LeadSlice(
    DateOnly? Day,
    string? Stage,
    string? Source,
    string? Campaign,
    string? Currency,
    bool Won,
    bool Open,
    int Leads,
    decimal Revenue,
    decimal RevenueTimesProbability,
    double ProbabilitySum);

public static class LeadSlices
{
    /// <summary>One grouped query over the filtered leads; only the groups come back.</summary>
    public static async Task<IReadOnlyList<LeadSlice>> LoadAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var groups = await db.Leads.AsNoTracking().Filtered(filter)
            .GroupBy(l => new
            {
                Day = l.CreateDate.HasValue ? (DateTime?)l.CreateDate.Value.Date : null,
                l.StageName,
                l.Source,
                l.Campaign,
                l.Currency,
                l.IsWon,
                Open = l.Active && !l.IsWon && !l.IsLost,
            })
            .Select(g => new
            {
                g.Key,
                Leads = g.Count(),
                Revenue = g.Sum(l => l.ExpectedRevenue),
                Weighted = g.Sum(l => l.ExpectedRevenue * (decimal)l.Probability),
                Probability = g.Sum(l => l.Probability),
            })
            .ToListAsync(cancellationToken);
        return groups.Select(g => new LeadSlice(
                g.Key.Day is { } d ? DateOnly.FromDateTime(d) : null, g.Key.StageName, g.Key.Source, g.Key.Campaign, g.Key.Currency,
                g.Key.IsWon, g.Key.Open, g.Leads, g.Revenue, g.Weighted, g.Probability))
            .ToList();
    }
}
