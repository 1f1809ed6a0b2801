using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>The list's order: a column the leads table offers (<see cref="LeadQueries.Sorted"/>), newest first by default.</summary>
public sealed record LeadOrder(string? Column, bool Descending)
{
    /// <summary><c>GET /api/odoo/leads</c>: best score first with <c>sort=score</c> (unscored last), otherwise newest first.</summary>
    public static LeadOrder Of(LeadFilter filter) => filter.SortByScore ? new("score", true) : new(null, true);
}

/// <summary>One page of the lead list and how many leads the filter selects in all.</summary>
public sealed record LeadPage(IReadOnlyList<Lead> Leads, int Total);

/// <summary>
/// The lead list, one query for <c>GET /api/odoo/leads</c>, the /crm leads table and <c>GET /api/crm/leads.csv</c>: the
/// replica's leads a <see cref="LeadFilter"/> selects (never deleted ones), in a <see cref="LeadOrder"/>. The total comes
/// from the daily rollups where they answer the filter (<see cref="LeadSlices.CountAsync"/>), so the table, the API and
/// the dashboard figures count alike.
/// </summary>
public static class LeadList
{
    public static IQueryable<Lead> Query(HubDbContext db, LeadFilter filter, LeadOrder order) =>
        db.Leads.AsNoTracking().Filtered(filter).Sorted(order.Column, order.Descending);

    public static async Task<LeadPage> PageAsync(HubDbContext db, LeadFilter filter, LeadOrder order, int skip, int take, CancellationToken cancellationToken)
    {
        var total = await LeadSlices.CountAsync(db, filter, cancellationToken);
        var leads = await Query(db, filter, order).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new LeadPage(leads, total);
    }
}
