using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// Where a lead's stage change in Odoo becomes Conversions API work. It watches the replica and the Meta lead links as they
/// are saved, so every way a change arrives (addon webhook, Odoo's automation webhook, the reconciliation pull) is seen, in
/// the same transaction as the change; and whichever of the lead and its Meta link is saved last, the lead's stage is
/// queued with its Meta <c>lead_id</c> (the lead's first event once went without it: Odoo's "lead created" webhook arrived
/// before the hub had stored the link). Meta's Conversion Leads optimisation takes native Lead Ads leads only
/// (https://developers.facebook.com/documentation/ads-commerce/conversions-api/conversion-leads-integration/payload-specification),
/// so only leads the hub made from a Meta lead are sent, and leads of another source only when an administrator opted that
/// source in (<see cref="MetaOptions.ConversionSources"/>: hashed email and phone). Test leads never are. Off while
/// <c>Meta:PixelId</c> is unset.
/// </summary>
public sealed class CrmStageInterceptor(IOptionsMonitor<MetaOptions> meta, TimeProvider clock) : SaveChangesInterceptor
{
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
        var linked = db.ChangeTracker.Entries<MetaLeadLink>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (changed.Count == 0 && linked.Count == 0)
        {
            return;
        }

        var ids = changed.Select(l => l.OdooId).ToList();
        var links = (await db.MetaLeadLinks.AsNoTracking().Where(l => ids.Contains(l.OdooLeadId)).ToListAsync(cancellationToken))
            .Concat(linked).GroupBy(l => l.OdooLeadId).ToDictionary(g => g.Key, g => g.MinBy(l => l.LeadgenId, StringComparer.Ordinal)!);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var lead in changed)
        {
            await QueueAsync(db, lead, links.GetValueOrDefault(lead.OdooId), now, cancellationToken);
        }

        // A link saved after its lead: the lead's stage, now with its lead id.
        foreach (var link in linked.Where(l => !ids.Contains(l.OdooLeadId)))
        {
            if (await db.Leads.FindAsync([link.OdooLeadId], cancellationToken) is { Deleted: false, StageName.Length: > 0 } lead)
            {
                await QueueAsync(db, lead, link, now, cancellationToken);
            }
        }
    }

    private async Task QueueAsync(HubDbContext db, Lead lead, MetaLeadLink? link, DateTime now, CancellationToken cancellationToken)
    {
        if (lead.IsTest || link?.IsTest == true)
        {
            return;
        }

        if (link is null && (lead.Source is null || !meta.CurrentValue.ConversionSources.Contains(lead.Source, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        var earliest = new[] { lead.CreateDate ?? DateTime.MinValue, link?.CreatedTime?.AddSeconds(1) ?? DateTime.MinValue }.Max();
        var change = new CrmStageChange(lead.OdooId, link?.LeadgenId, lead.StageName!, lead.SourceVersion, earliest,
            link is null ? CustomerHashing.HashEmail(lead.Email) : null,
            link is null ? CustomerHashing.HashPhone(lead.Phone, lead.CountryCode) : null);
        if (change.LeadgenId is null && change.EmailHash is null && change.PhoneHash is null)
        {
            return;
        }

        await OutboxQueue.EnqueueAsync(db, CrmStageChange.Kind, change.DedupKey, JsonSerializer.Serialize(change), now, cancellationToken);
    }
}
