using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Data;

/// <summary>What a replica lead takes from its Meta lead links: the test flag and the Meta campaign of its first link.</summary>
public static class LeadLinks
{
    /// <summary>
    /// Sets <see cref="Lead.IsTest"/> and <see cref="Lead.MetaCampaignId"/> on leads about to be inserted from their links,
    /// one query for all of them. Every way a lead enters the replica calls it: EF's saves (Meta/LeadLinkInterceptor) and
    /// the reconciliation pull's set-based page writes alike.
    /// </summary>
    public static async Task ApplyToNewAsync(HubDbContext db, IReadOnlyCollection<Lead> leads, CancellationToken cancellationToken)
    {
        if (leads.Count == 0)
        {
            return;
        }

        var ids = leads.Select(l => l.OdooId).Distinct().ToList();
        var links = (await db.MetaLeadLinks.AsNoTracking().Where(k => EF.Parameter(ids).Contains(k.OdooLeadId))
                .Select(k => new { k.OdooLeadId, k.LeadgenId, k.CampaignId, k.LinkedAt, k.TestStatus }).ToListAsync(cancellationToken))
            .ToLookup(k => k.OdooLeadId);
        foreach (var lead in leads)
        {
            var mine = links[lead.OdooId].OrderBy(k => k.LinkedAt).ThenBy(k => k.LeadgenId, StringComparer.Ordinal).ToList();
            lead.IsTest |= mine.Any(k => MetaLeadLink.IsTestStatus(k.TestStatus));
            lead.MetaCampaignId ??= mine.FirstOrDefault(k => k.CampaignId is not null)?.CampaignId;
        }
    }
}
