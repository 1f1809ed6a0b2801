using System.Text;
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
/// A batch loads its leads, stages and orders in one query each and applies its events in order on
/// those rows (several events of one lead: the newest state wins, as one by one), saved by the worker at once.
/// </summary>
public sealed class OdooWebhookHandler(TimeProvider clock) : IInboxEventHandler
{
    public string Source => InboxSources.Odoo;

    public Task HandleAsync(HubDbContext db, InboxEvent inboxEvent, CancellationToken cancellationToken) =>
        HandleBatchAsync(db, [inboxEvent], cancellationToken);

    public async Task HandleBatchAsync(HubDbContext db, IReadOnlyList<InboxEvent> batch, CancellationToken cancellationToken)
    {
        var events = batch.Select(Parse).ToList();
        var leadIds = events.Where(IsLead).Select(e => e.RecordId).Distinct().ToList();
        var orderIds = events.Where(e => !IsLead(e)).Select(e => e.RecordId).Distinct().ToList();
        var stageIds = events.Where(IsLead).Select(e => OdooJson.Id(e.Data, "stage_id")).OfType<long>().Distinct().ToList();
        var leads = leadIds.Count == 0 ? [] : await db.Leads.Where(l => leadIds.Contains(l.OdooId)).ToDictionaryAsync(l => l.OdooId, cancellationToken);
        var orders = orderIds.Count == 0 ? [] : await db.SaleOrders.Where(o => orderIds.Contains(o.OdooId)).ToDictionaryAsync(o => o.OdooId, cancellationToken);
        var stages = stageIds.Count == 0 ? [] : await db.CrmStages.Where(s => stageIds.Contains(s.OdooId)).ToDictionaryAsync(s => s.OdooId, s => s.Name, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var parsed in events)
        {
            Apply(db, parsed, leads, orders, stages, now);
        }
    }

    /// <summary>The endpoint's own check, so what it acknowledged applies; only an event stored before a rule existed can fail here.</summary>
    private static OdooWebhookEvent Parse(InboxEvent inboxEvent) =>
        OdooWebhookEvent.TryParse(Encoding.UTF8.GetBytes(inboxEvent.Payload), inboxEvent.ReceivedAt, out var parsed, out var errors)
            ? parsed!
            : throw new InvalidDataException($"Stored event {inboxEvent.Id} is not a valid Odoo event: "
                + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    private static bool IsLead(OdooWebhookEvent parsed) => parsed.Event.StartsWith("lead_", StringComparison.Ordinal);

    private static void Apply(HubDbContext db, OdooWebhookEvent parsed, Dictionary<long, Lead> leads, Dictionary<long, SaleOrder> orders,
        Dictionary<long, string> stages, DateTime now)
    {
        var data = parsed.Data;
        var id = parsed.RecordId;
        var version = OdooJson.Time(data, "write_date") ?? parsed.Timestamp;
        switch (parsed.Event)
        {
            case "lead_created" or "lead_updated":
                var stage = OdooJson.Id(data, "stage_id") is { } stageId ? stages.GetValueOrDefault(stageId) : null;
                UpsertLead(db, leads, id, version, now, lead =>
                {
                    OdooRecordMapper.ApplyLead(data, lead);
                    lead.StageName = stage ?? lead.StageName;
                });
                break;
            case "lead_deleted":
                UpsertLead(db, leads, id, parsed.Timestamp, now, lead =>
                {
                    lead.Deleted = true;
                    lead.Active = false;
                    lead.Name = lead.Name.Length > 0 ? lead.Name : OdooRecordMapper.Fit(OdooJson.Text(data, "name") ?? "", 512)!;
                });
                break;
            case "sale_order_created" or "sale_order_updated":
                ReplicaUpsert.Upsert(db.SaleOrders, orders.GetValueOrDefault(id), () => orders[id] = new SaleOrder { OdooId = id }, version, now,
                    order => OdooRecordMapper.ApplySaleOrder(data, order));
                break;
            case "sale_order_deleted":
                ReplicaUpsert.Upsert(db.SaleOrders, orders.GetValueOrDefault(id), () => orders[id] = new SaleOrder { OdooId = id }, parsed.Timestamp, now, order =>
                {
                    order.Deleted = true;
                    order.Name = order.Name.Length > 0 ? order.Name : OdooJson.Text(data, "name") ?? "";
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown Odoo event '{parsed.Event}'.");
        }
    }

    /// <summary>
    /// The addon's webhook named this lead, even when the pull had already stored a newer state: it is no longer one that
    /// only the reconciliation found (<see cref="Lead.OnlyPulled"/>).
    /// </summary>
    private static void UpsertLead(HubDbContext db, Dictionary<long, Lead> leads, long id, DateTime version, DateTime now, Action<Lead> apply)
    {
        ReplicaUpsert.Upsert(db.Leads, leads.GetValueOrDefault(id), () => leads[id] = new Lead { OdooId = id }, version, now, apply);
        leads[id].OnlyPulled = false;
    }
}
