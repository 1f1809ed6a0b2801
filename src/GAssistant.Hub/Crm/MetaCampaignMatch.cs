using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>
/// Which Meta campaign a lead belongs to, the one rule of closed-loop attribution (Analytics/AttributionCalculator) and of
/// /crm's funnel costs: the campaign of its Meta lead (<see cref="MetaLeadLink"/>), else the Meta campaign whose name its
/// UTM campaign carries (trimmed, any case; of two campaigns with one name, the lower id).
/// </summary>
public sealed class MetaCampaignMatch
{
    private readonly Dictionary<string, MetaCampaign> _byName;
    private readonly Dictionary<long, MetaLeadLink> _links;

    public MetaCampaignMatch(IEnumerable<MetaCampaign> campaigns, IEnumerable<MetaLeadLink> links)
    {
        var all = campaigns.ToList();
        ById = all.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _byName = all.Where(c => !string.IsNullOrWhiteSpace(c.Name)).OrderBy(c => c.Id, StringComparer.Ordinal)
            .GroupBy(c => c.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _links = links.GroupBy(l => l.OdooLeadId).ToDictionary(g => g.Key, g => g.First());
    }

    public IReadOnlyDictionary<string, MetaCampaign> ById { get; }

    /// <summary>The Meta lead the hub made this Odoo lead from, if any.</summary>
    public MetaLeadLink? LinkOf(long odooLeadId) => _links.GetValueOrDefault(odooLeadId);

    /// <summary>The Meta campaign a UTM campaign names, if any.</summary>
    public MetaCampaign? Named(string? utmCampaign) =>
        utmCampaign is { } utm && _byName.TryGetValue(utm.Trim(), out var campaign) ? campaign : null;

    /// <summary>The id of the Meta campaign the lead belongs to: its Meta lead's, else the one its UTM campaign names.</summary>
    public string? CampaignIdOf(long odooLeadId, string? utmCampaign) =>
        LinkOf(odooLeadId)?.CampaignId ?? Named(utmCampaign)?.Id;

    /// <summary>
    /// Every known campaign with its ad account's currency; a campaign seen only in the insights of the range is known by
    /// its insight name.
    /// </summary>
    public static async Task<List<MetaCampaign>> CampaignsAsync(HubDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var campaigns = await db.MetaCampaigns.AsNoTracking().ToListAsync(cancellationToken);
        var accounts = await db.MetaAdAccounts.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Currency, cancellationToken);
        foreach (var campaign in campaigns.Where(c => string.IsNullOrEmpty(c.Currency)))
        {
            campaign.Currency = accounts.GetValueOrDefault(campaign.AdAccountId);
        }

        var known = campaigns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= from && i.Date <= to && !known.Contains(i.CampaignId))
            .Select(i => new { i.CampaignId, i.CampaignName, i.Currency, i.AdAccountId }).Distinct().ToListAsync(cancellationToken);
        campaigns.AddRange(orphans.DistinctBy(o => o.CampaignId).Select(o => new MetaCampaign
        {
            Id = o.CampaignId, Name = o.CampaignName ?? o.CampaignId, Currency = o.Currency, AdAccountId = o.AdAccountId,
        }));
        return campaigns;
    }
}
