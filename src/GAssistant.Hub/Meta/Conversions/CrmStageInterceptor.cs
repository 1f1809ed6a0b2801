using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// Where a Meta lead's stage change in Odoo becomes a Conversions API event. It watches the replica as it is saved, so
/// every way a lead change arrives (addon webhook, Odoo's automation webhook, the reconciliation pull) is seen, and the
/// event is queued in the outbox in the same transaction as the change. A lead came from Meta when the hub made it from a
/// Meta lead (<see cref="MetaLeadLink"/>: sent with its lead id) or when its UTM source is Facebook or Instagram (sent with
/// hashed email and phone). Off while <c>Meta:PixelId</c> is unset. Stages passed through between two saves of one batch
/// are not seen: Meta gets the stage the lead is in. Only asynchronous saves are watched; the hub saves leads no other way.
/// </summary>
public sealed class CrmStageInterceptor(IOptionsMonitor<MetaOptions> meta, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> MetaSources = new(["Facebook", "Instagram", "Meta"], StringComparer.OrdinalIgnoreCase);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is HubDbContext db && !string.IsNullOrWhiteSpace(meta.CurrentValue.PixelId))
        {
            await QueueStageChangesAsync(db, cancellationToken);
        }

        return result;
    }

    private async Task QueueStageChangesAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries<Lead>()
            .Where(e => e.Entity is { Deleted: false, StageName.Length: > 0 }
                && (e.State == EntityState.Added
                    || (e.State == EntityState.Modified && !string.Equals(e.OriginalValues.GetValue<string?>(nameof(Lead.StageName)), e.Entity.StageName, StringComparison.Ordinal))))
            .Select(e => e.Entity).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var ids = changed.Select(l => l.OdooId).ToList();
        var links = await db.MetaLeadLinks.AsNoTracking().Where(l => ids.Contains(l.OdooLeadId))
            .Select(l => new { l.OdooLeadId, l.LeadgenId }).ToListAsync(cancellationToken);
        var leadgenIds = links.GroupBy(l => l.OdooLeadId).ToDictionary(g => g.Key, g => g.Select(l => l.LeadgenId).Min(StringComparer.Ordinal));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var lead in changed)
        {
            if (lead.IsTest)
            {
                // A test lead (TestLeadInterceptor flags it before this runs) never goes to Meta.
                continue;
            }

            var leadgenId = leadgenIds.GetValueOrDefault(lead.OdooId);
            if (leadgenId is null && (lead.Source is null || !MetaSources.Contains(lead.Source)))
            {
                continue;
            }

            var stageEvent = new CrmStageEvent(lead.OdooId, leadgenId, lead.StageName!, lead.SourceVersion,
                leadgenId is null ? CustomerHashing.HashEmail(lead.Email) : null,
                leadgenId is null ? CustomerHashing.HashPhone(lead.Phone, lead.CountryCode) : null);
            if (stageEvent.LeadgenId is null && stageEvent.EmailHash is null && stageEvent.PhoneHash is null)
            {
                continue;
            }

            await OutboxQueue.EnqueueAsync(db, CrmStageEvent.Kind, stageEvent.DedupKey, JsonSerializer.Serialize(stageEvent), now, cancellationToken);
        }
    }
}
