using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>One campaign's Meta leads as they came in: how many, how many repeated a person's open lead, how many were
/// people Odoo already knew, and how many phones were kept as typed for a salesperson to check.</summary>
public sealed record LeadQualityRow(string Campaign, int Leads, int Repeats, int KnownCustomers, int FlaggedPhones)
{
    /// <summary>The share of leads that were existing customers, in percent: a campaign that mostly reaches them is worth knowing.</summary>
    public decimal? KnownShare => Leads == 0 ? null : Math.Round(100m * KnownCustomers / Leads, 1);
}

/// <summary>
/// The quality of Meta leads at the door, per campaign, for the days people submitted the forms (test leads left out);
/// organic leads and leads without a campaign are one row with an empty name.
/// </summary>
public static class LeadQuality
{
    public static async Task<IReadOnlyList<LeadQualityRow>> PerCampaignAsync(HubDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var rows = await MetaLeadLink.Real(db.MetaLeadLinks.AsNoTracking())
            .Where(l => (l.CreatedTime ?? l.LinkedAt) >= start && (l.CreatedTime ?? l.LinkedAt) < end)
            .GroupBy(l => l.CampaignName ?? "")
            .Select(g => new
            {
                Campaign = g.Key,
                Leads = g.Count(),
                Repeats = g.Count(l => l.IsRepeat),
                Known = g.Count(l => l.KnownPartnerId != null),
                Flagged = g.Count(l => l.PhoneProblem != PhoneProblem.None),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new LeadQualityRow(r.Campaign, r.Leads, r.Repeats, r.Known, r.Flagged))
            .OrderByDescending(r => r.Leads).ThenBy(r => r.Campaign, StringComparer.Ordinal).ToList();
    }
}
