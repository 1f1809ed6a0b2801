using System.Text;
using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Applies the addon's events to the replica. Each record keeps the Odoo time of the newest state
/// applied (<c>write_date</c>, else the event timestamp), so an event that arrives late never
/// overwrites a newer state, and a delete is not undone by an older update. A lead's stage is named
/// by its id: the name of the <see cref="CrmStage"/> the reconciliation stored, so an event sent in
/// another language (or an older addon that sent the editing user's) never splits one stage in two.
/// </summary>
public sealed class OdooWebhookHandler(TimeProvider clock) : IInboxEventHandler
{
    public string Source => InboxSources.Odoo;

    /// <summary>Loads the batch's leads and orders in two queries; <c>FindAsync</c> then finds them tracked.</summary>
    public async Task PrefetchAsync(HubDbContext db, IReadOnlyList<InboxEvent> batch, CancellationToken cancellationToken)
    {
        var leadIds = new List<long>();
        var orderIds = new List<long>();
        foreach (var inboxEvent in batch)
        {
            using var document = JsonDocument.Parse(inboxEvent.Payload);
            if (document.RootElement.TryGetProperty("data", out var data) && OdooJson.Id(data, "id") is { } id)
            {
                (inboxEvent.EventType.StartsWith("lead_", StringComparison.Ordinal) ? leadIds : orderIds).Add(id);
            }
        }

        if (leadIds.Count > 0)
        {
            await db.Leads.Where(l => leadIds.Contains(l.OdooId)).LoadAsync(cancellationToken);
            await db.CrmStages.LoadAsync(cancellationToken);
        }

        if (orderIds.Count > 0)
        {
            await db.SaleOrders.Where(o => orderIds.Contains(o.OdooId)).LoadAsync(cancellationToken);
        }
    }

    public async Task HandleAsync(HubDbContext db, InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        // The endpoint's own check, so what it acknowledged applies; only an event stored before a rule existed can fail here.
        if (!OdooWebhookEvent.TryParse(Encoding.UTF8.GetBytes(inboxEvent.Payload), inboxEvent.ReceivedAt, out var parsed, out var errors))
        {
            throw new InvalidDataException("The stored event is not a valid Odoo event: "
                + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        var data = parsed!.Data;
        var id = parsed.RecordId;
        var eventTime = parsed.Timestamp;
        var version = OdooJson.Time(data, "write_date") ?? eventTime;
        var now = clock.GetUtcNow().UtcDateTime;

        switch (parsed.Event)
        {
            case "lead_created" or "lead_updated":
                var stage = OdooJson.Id(data, "stage_id") is { } stageId ? await db.CrmStages.FindAsync([stageId], cancellationToken) : null;
                await ReplicaUpsert.LeadAsync(db, id, version, now, lead =>
                {
                    OdooRecordMapper.ApplyLead(data, lead);
                    lead.StageName = stage?.Name ?? lead.StageName;
                }, cancellationToken);
                await WebhookReachedAsync(db, id, cancellationToken);
                break;
            case "lead_deleted":
                await ReplicaUpsert.LeadAsync(db, id, eventTime, now, lead =>
                {
                    lead.Deleted = true;
                    lead.Active = false;
                    lead.Name = lead.Name.Length > 0 ? lead.Name : OdooRecordMapper.Fit(OdooJson.Text(data, "name") ?? "", 512)!;
                }, cancellationToken);
                await WebhookReachedAsync(db, id, cancellationToken);
                break;
            case "sale_order_created" or "sale_order_updated":
                await ReplicaUpsert.SaleOrderAsync(db, id, version, now, order => OdooRecordMapper.ApplySaleOrder(data, order), cancellationToken);
                break;
            case "sale_order_deleted":
                await ReplicaUpsert.SaleOrderAsync(db, id, eventTime, now, order =>
                {
                    order.Deleted = true;
                    order.Name = order.Name.Length > 0 ? order.Name : OdooJson.Text(data, "name") ?? "";
                }, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown Odoo event '{inboxEvent.EventType}'.");
        }
    }

    /// <summary>
    /// The addon's webhook named this lead, even when the pull had already stored a newer state: it is no longer one that
    /// only the reconciliation found (<see cref="Lead.OnlyPulled"/>). The row is tracked (prefetched or just upserted).
    /// </summary>
    private static async Task WebhookReachedAsync(HubDbContext db, long id, CancellationToken cancellationToken)
    {
        if (await db.Leads.FindAsync([id], cancellationToken) is { OnlyPulled: true } lead)
        {
            lead.OnlyPulled = false;
        }
    }
}
