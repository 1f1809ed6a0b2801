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
}
