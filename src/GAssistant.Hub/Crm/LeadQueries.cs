using GAssistant.Hub.Data;

namespace GAssistant.Hub.Crm;

/// <summary>The replica's leads narrowed by a <see cref="LeadFilter"/>; deleted leads never show.</summary>
public static class LeadQueries
{
    public static IQueryable<Lead> Filtered(this IQueryable<Lead> leads, LeadFilter filter)
    {
        var test = false;
        return leads.Matching(filter).Where(l => l.IsTest == test);
    }

    /// <summary>The leads the filter selects, test leads included (what the daily rollups count).</summary>
    public static IQueryable<Lead> Matching(this IQueryable<Lead> leads, LeadFilter filter)
    {
        // "deleted = @p" rather than "NOT deleted": SQLite then treats it as an equality on the (deleted, create_date)
        // index and reads the newest leads in index order instead of sorting the whole date range.
        var deleted = false;
        leads = leads.Where(l => l.Deleted == deleted);
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

        if (filter.LeadIds is { } ids)
        {
            leads = leads.Where(l => ids.Contains(l.OdooId));
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

    /// <summary>Orders the list by a column the leads table offers; unknown columns fall back to newest first. Ties break by id.</summary>
    public static IQueryable<Lead> Sorted(this IQueryable<Lead> leads, string? column, bool descending) => column switch
    {
        "name" => descending ? leads.OrderByDescending(l => l.Name).ThenByDescending(l => l.OdooId) : leads.OrderBy(l => l.Name).ThenBy(l => l.OdooId),
        "stage" => descending ? leads.OrderByDescending(l => l.StageName).ThenByDescending(l => l.OdooId) : leads.OrderBy(l => l.StageName).ThenBy(l => l.OdooId),
        "source" => descending ? leads.OrderByDescending(l => l.Source).ThenByDescending(l => l.OdooId) : leads.OrderBy(l => l.Source).ThenBy(l => l.OdooId),
        "campaign" => descending ? leads.OrderByDescending(l => l.Campaign).ThenByDescending(l => l.OdooId) : leads.OrderBy(l => l.Campaign).ThenBy(l => l.OdooId),
        "expected_revenue" => descending ? leads.OrderByDescending(l => l.ExpectedRevenue).ThenByDescending(l => l.OdooId) : leads.OrderBy(l => l.ExpectedRevenue).ThenBy(l => l.OdooId),
        "probability" => descending ? leads.OrderByDescending(l => l.Probability).ThenByDescending(l => l.OdooId) : leads.OrderBy(l => l.Probability).ThenBy(l => l.OdooId),
        "score" => descending ? leads.OrderBy(l => l.Score == null).ThenByDescending(l => l.Score).ThenByDescending(l => l.OdooId) : leads.OrderBy(l => l.Score == null).ThenBy(l => l.Score).ThenBy(l => l.OdooId),
        "create_date" when !descending => leads.OrderBy(l => l.CreateDate).ThenBy(l => l.OdooId),
        _ => leads.OrderByDescending(l => l.CreateDate).ThenByDescending(l => l.OdooId),
    };
}
