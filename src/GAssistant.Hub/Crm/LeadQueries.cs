using GAssistant.Hub.Data;

namespace GAssistant.Hub.Crm;

/// <summary>The replica's leads narrowed by a <see cref="LeadFilter"/>; deleted leads never show.</summary>
public static class LeadQueries
{
    public static IQueryable<Lead> Filtered(this IQueryable<Lead> leads, LeadFilter filter)
    {
        leads = leads.Where(l => !l.Deleted);
        if (filter.From is { } from)
        {
            leads = leads.Where(l => l.CreateDate >= from);
        }

        if (filter.To is { } to)
        {
            leads = leads.Where(l => l.CreateDate < to);
        }

        if (filter.Stage is { } stage)
        {
            leads = leads.Where(l => l.StageName == stage);
        }

        if (filter.Source is { } source)
        {
            leads = leads.Where(l => l.Source == source);
        }

        if (filter.Campaign is { } campaign)
        {
            leads = leads.Where(l => l.Campaign == campaign);
        }

        if (filter.MinScore is { } minScore)
        {
            leads = leads.Where(l => l.Score >= minScore);
        }

        if (filter.Query is { } q)
        {
            // Plain substring match; Arabic has no case, Latin is matched as typed or lowered.
            var lower = q.ToLowerInvariant();
            leads = leads.Where(l => l.Name.Contains(q) || l.Name.ToLower().Contains(lower)
                || (l.PartnerName != null && (l.PartnerName.Contains(q) || l.PartnerName.ToLower().Contains(lower)))
                || (l.ContactName != null && l.ContactName.Contains(q))
                || (l.Email != null && l.Email.ToLower().Contains(lower))
                || (l.Phone != null && l.Phone.Contains(q)));
        }

        return leads;
    }

    /// <summary>The list's order: newest first, or best score first with <c>sort=score</c>.</summary>
    public static IOrderedQueryable<Lead> Ordered(this IQueryable<Lead> leads, LeadFilter filter) =>
        filter.SortByScore
            ? leads.OrderBy(l => l.Score == null).ThenByDescending(l => l.Score).ThenByDescending(l => l.OdooId)
            : leads.OrderByDescending(l => l.CreateDate).ThenByDescending(l => l.OdooId);
}
