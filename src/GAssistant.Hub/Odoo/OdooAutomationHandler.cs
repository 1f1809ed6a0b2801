using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Applies a stored "Send Webhook Notification" event: the notification carries only what the rule's
/// author selected, so the full record is read back over the API and upserted (newest state wins).
/// A record Odoo no longer has (<c>read</c> answers <c>[]</c>) is marked deleted.
/// </summary>
public sealed class OdooAutomationHandler(IServiceScopeFactory scopes, TimeProvider clock) : IInboxEventHandler
{
    public string Source => InboxSources.OdooAutomation;

    public async Task HandleAsync(HubDbContext db, InboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        if (!OdooAutomationEndpoints.TryRead(System.Text.Encoding.UTF8.GetBytes(inboxEvent.Payload), out var model, out var id, out var errors))
        {
            throw new InvalidDataException("The stored notification is not valid: " + string.Join("; ", errors.Keys));
        }

        using var scope = scopes.CreateScope();
        var odoo = scope.ServiceProvider.GetRequiredService<OdooClient>();
        var isLead = model == OdooFields.Lead;
        var records = await odoo.ReadAsync(model!, id, isLead ? OdooFields.LeadFields : OdooFields.SaleOrderFields, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (records.Count == 0)
        {
            await MarkDeletedAsync(db, isLead, id, inboxEvent.ReceivedAt, now, cancellationToken);
            return;
        }

        var record = records[0];
        var version = OdooJson.Time(record, "write_date") ?? inboxEvent.ReceivedAt;
        if (isLead)
        {
            var wonStages = await OdooStages.WonStageIdsAsync(odoo, cancellationToken);
            await ReplicaUpsert.LeadAsync(db, id, version, now, lead => OdooRecordMapper.ApplyLead(record, lead, wonStages), cancellationToken);
        }
        else
        {
            await ReplicaUpsert.SaleOrderAsync(db, id, version, now, order => OdooRecordMapper.ApplySaleOrder(record, order), cancellationToken);
        }
    }

    private static async Task MarkDeletedAsync(HubDbContext db, bool isLead, long id, DateTime version, DateTime now, CancellationToken cancellationToken)
    {
        if (isLead)
        {
            await ReplicaUpsert.LeadAsync(db, id, version, now, lead => { lead.Deleted = true; lead.Active = false; }, cancellationToken);
        }
        else
        {
            await ReplicaUpsert.SaleOrderAsync(db, id, version, now, order => order.Deleted = true, cancellationToken);
        }
    }
}
