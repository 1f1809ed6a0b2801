using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Keeps the replica's test flag in step with the Meta lead links, whichever arrives first: an Odoo lead replicated after
/// its test link is flagged as it is inserted, and a test link saved after its lead flags the lead. The replica from Odoo
/// never touches the flag, so later changes keep it.
/// </summary>
public sealed class TestLeadInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is HubDbContext db)
        {
            await FlagAsync(db, cancellationToken);
        }

        return result;
    }

    private static async Task FlagAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<Lead>().Where(e => e.State == EntityState.Added && !e.Entity.IsTest).Select(e => e.Entity).ToList();
        if (added.Count > 0)
        {
            var ids = added.Select(l => l.OdooId).ToList();
            var tests = (await db.MetaLeadLinks.AsNoTracking()
                .Where(k => ids.Contains(k.OdooLeadId)
                    && (k.TestStatus == TestLeadStatus.FromMeta || k.TestStatus == TestLeadStatus.TestForm || k.TestStatus == TestLeadStatus.MarkedByAdmin))
                .Select(k => k.OdooLeadId).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var lead in added.Where(l => tests.Contains(l.OdooId)))
            {
                lead.IsTest = true;
            }
        }

        foreach (var link in db.ChangeTracker.Entries<MetaLeadLink>().Where(e => e.State == EntityState.Added && e.Entity.IsTest).Select(e => e.Entity).ToList())
        {
            if (await db.Leads.FindAsync([link.OdooLeadId], cancellationToken) is { } lead)
            {
                lead.IsTest = true;
            }
        }
    }
}
