using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Meta;

/// <summary>One placement's figures over a range; money in <see cref="PlacementFigures.Currency"/>.</summary>
/// <param name="SpendShare">This placement's part of the range's spend, 0–100; null when nothing was spent.</param>
/// <param name="Cpl">Spend per Instant Forms lead; null without leads.</param>
public sealed record PlacementRow(string PublisherPlatform, string PlatformPosition, decimal Spend, long Impressions, long Clicks, long Leads,
    decimal? Cpl, decimal? SpendShare);

/// <summary>
/// Spend and leads by placement. <see cref="Currency"/> is the accounts' one currency, null when the rows mix currencies
/// (then, as in <see cref="CampaignReport"/>'s totals, the sums are of the accounts' own amounts).
/// </summary>
public sealed record PlacementFigures(IReadOnlyList<PlacementRow> Rows, decimal Spend, long Leads, decimal? Cpl, string? Currency);

/// <summary>
/// Sums the stored placement days (<see cref="MetaPlacementDailyInsight"/>) of a date range, for every campaign or one,
/// by <c>publisher_platform</c> and <c>platform_position</c>: spend, impressions, clicks, Instant Forms leads, cost per lead
/// and share of spend, most spent first. The share is of the placements' own total, which Meta estimates per breakdown
/// (https://developers.facebook.com/docs/marketing-api/insights/breakdowns), so it adds up to 100 even where that total
/// differs by a few cents from the campaigns' spend.
/// </summary>
public static class PlacementBreakdown
{
    public static async Task<PlacementFigures> BuildAsync(HubDbContext db, DateOnly from, DateOnly to, string? campaignId, CancellationToken cancellationToken)
    {
        var days = db.MetaPlacementDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to);
        if (campaignId is not null)
        {
            days = days.Where(i => i.CampaignId == campaignId);
        }

        var sums = await days.GroupBy(i => new { i.PublisherPlatform, i.PlatformPosition })
            .Select(g => new
            {
                g.Key.PublisherPlatform, g.Key.PlatformPosition, Spend = g.Sum(i => i.Spend), Impressions = g.Sum(i => i.Impressions),
                Clicks = g.Sum(i => i.Clicks), Leads = g.Sum(i => i.Leads),
            })
            .ToListAsync(cancellationToken);
        var currencies = await days.Select(i => i.Currency).Distinct().ToListAsync(cancellationToken);

        var total = sums.Sum(s => s.Spend);
        var rows = sums
            .Select(s => new PlacementRow(s.PublisherPlatform, s.PlatformPosition, Round(s.Spend), s.Impressions, s.Clicks, s.Leads,
                s.Leads == 0 ? null : Round(s.Spend / s.Leads), total == 0 ? null : Round(100m * s.Spend / total)))
            .OrderByDescending(r => r.Spend).ThenBy(r => r.PublisherPlatform, StringComparer.Ordinal).ThenBy(r => r.PlatformPosition, StringComparer.Ordinal)
            .ToList();
        var leads = rows.Sum(r => r.Leads);
        return new PlacementFigures(rows, Round(total), leads, leads == 0 ? null : Round(total / leads), currencies.Count == 1 ? currencies[0] : null);
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
