using GAssistant.Hub.Crm;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>The daily rollups the dashboards read give exactly what the same sums over the leads themselves give.</summary>
internal static class RollupAssert
{
    public static async Task MatchesLeadsAsync(HubFactory hub, LeadFilter filter)
    {
        Assert.True(LeadSlices.UsesRollup(filter));
        // Each rollup is compared with the same sums read from the leads, for the filters that rollup answers.
        var (slices, days) = await hub.WithDbAsync(db => LeadSlices.SlicesFromRollupAsync(db, filter with { Campaign = null }, CancellationToken.None));
        var (rawSlices, rawDays) = await hub.WithDbAsync(db => LeadSlices.SlicesFromLeadsAsync(db, filter with { Campaign = null }, CancellationToken.None));
        Assert.Equal(Normalize(rawSlices), Normalize(slices));
        Assert.Equal(rawDays, days);
        var campaigns = await hub.WithDbAsync(db => LeadSlices.CampaignsFromRollupAsync(db, filter with { Stage = null, Source = null }, CancellationToken.None));
        var rawCampaigns = await hub.WithDbAsync(db => LeadSlices.CampaignsFromLeadsAsync(db, filter with { Stage = null, Source = null }, CancellationToken.None));
        foreach (var narrowed in new[] { filter with { Campaign = null }, filter with { Stage = null, Source = null } })
        {
            Assert.Equal(await hub.WithDbAsync(db => db.Leads.Filtered(narrowed).CountAsync()),
                await hub.WithDbAsync(db => LeadSlices.CountAsync(db, narrowed, CancellationToken.None)));
        }

        Assert.Equal(rawCampaigns.Select(c => $"{c.Campaign}|{c.Won}|{c.Open}|{c.Leads}|{Math.Round(c.Revenue, 2)}").Order(StringComparer.Ordinal),
            campaigns.Select(c => $"{c.Campaign}|{c.Won}|{c.Open}|{c.Leads}|{Math.Round(c.Revenue, 2)}").Order(StringComparer.Ordinal));
    }

    private static string[] Normalize(IEnumerable<LeadSlice> slices) => slices
        .Select(s => $"{s.Stage}|{s.Source}|{s.Currency}|{s.Won}|{s.Open}|{s.Leads}|{Math.Round(s.Revenue, 2)}|{Math.Round(s.RevenueTimesProbability, 2)}|{Math.Round(s.ProbabilitySum, 2)}")
        .Order(StringComparer.Ordinal).ToArray();
}
