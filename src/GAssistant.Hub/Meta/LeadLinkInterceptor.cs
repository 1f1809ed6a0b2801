using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Keeps what the replica's leads carry of their Meta lead links in step with the links, whichever arrives first: the
/// test flag (<see cref="Lead.IsTest"/>) and the Meta campaign (<see cref="Lead.MetaCampaignId"/>). An Odoo lead replicated
/// after its link gets both as it is inserted, and a link saved after its lead sets them on the lead. The replica from
/// Odoo never touches either, so later changes keep them; the rollup triggers see them as any other column.
/// </summary>
public sealed class LeadLinkInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is HubDbContext db)
        {
            await ApplyAsync(db, cancellationToken);
        }

        return result;
    }

    private static async Task ApplyAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        await LeadLinks.ApplyToNewAsync(db,
            db.ChangeTracker.Entries<Lead>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList(), cancellationToken);

        foreach (var link in db.ChangeTracker.Entries<MetaLeadLink>().Where(e => e.State == EntityState.Added && (e.Entity.IsTest || e.Entity.CampaignId is not null))
            .Select(e => e.Entity).ToList())
        {
            if (await db.Leads.FindAsync([link.OdooLeadId], cancellationToken) is { } lead)
            {
                lead.IsTest |= link.IsTest;
                lead.MetaCampaignId ??= link.CampaignId;
            }
        }
    }
}
