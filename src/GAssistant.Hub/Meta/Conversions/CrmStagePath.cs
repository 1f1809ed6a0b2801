using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// Turns a <see cref="CrmStageChange"/> into one <see cref="CrmStageEvent"/> per stage the lead passed, in order, each at
/// the time it was reached: Meta asks for "all stages as they are updated, including the initial lead stage", every earlier
/// stage sent before a later one (Conversion Leads payload specification). The hub may see only the last of several changes
/// (a reconciliation pull, a batch of webhooks saved at once), so the path is read from Odoo's own record of the lead's
/// stage changes, the <c>mail.tracking.value</c> rows of <c>stage_id</c> (Odoo 17+: <c>field_id</c>, the old and new stage ids
/// and names, <c>create_date</c>); without Odoo, the stage the hub saw is sent. Stages already queued for the lead are not
/// queued again, so a second change adds only what is new.
/// </summary>
public sealed partial class CrmStagePath(IServiceScopeFactory scopes, IOptionsMonitor<OdooOptions> odooOptions, TimeProvider clock, ILogger<CrmStagePath> logger)
    : IOutboxHandler
{
    public string Kind => CrmStageChange.Kind;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var change = JsonSerializer.Deserialize<CrmStageChange>(message.Payload) ?? throw new PermanentOutboxException("Empty CRM stage change.");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (await IsTestLeadAsync(db, change.OdooLeadId, cancellationToken))
        {
            Log.TestLead(logger, change.OdooLeadId);
            return;
        }

        // The Meta lead id known now wins over what was known when the change was queued.
        var leadgenId = await db.MetaLeadLinks.Where(l => l.OdooLeadId == change.OdooLeadId).OrderBy(l => l.LeadgenId)
            .Select(l => l.LeadgenId).FirstOrDefaultAsync(cancellationToken) ?? change.LeadgenId;
        change = change with { LeadgenId = leadgenId, EmailHash = leadgenId is null ? change.EmailHash : null, PhoneHash = leadgenId is null ? change.PhoneHash : null };

        var path = odooOptions.CurrentValue.IsConfigured
            ? await PathAsync(scope.ServiceProvider.GetRequiredService<OdooClient>(), db, change, cancellationToken)
            : [(change.Stage, change.ChangedAt)];
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (stage, at) in path)
        {
            var stageEvent = change.EventAt(stage, at);
            await OutboxQueue.EnqueueAsync(db, CrmStageEvent.Kind, stageEvent.DedupKey, JsonSerializer.Serialize(stageEvent), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static Task<bool> IsTestLeadAsync(HubDbContext db, long odooLeadId, CancellationToken cancellationToken) =>
        db.Leads.AnyAsync(l => l.OdooId == odooLeadId && l.IsTest, cancellationToken);

    /// <summary>The stages the lead passed up to the changed one: its first stage at its creation, then each tracked change.</summary>
    private static async Task<IReadOnlyList<(string Stage, DateTime At)>> PathAsync(OdooClient odoo, HubDbContext db, CrmStageChange change,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<JsonElement> tracked;
        try
        {
            tracked = await odoo.SearchReadAsync("mail.tracking.value",
                [new JsonArray("mail_message_id.model", "=", "crm.lead"), new JsonArray("mail_message_id.res_id", "=", change.OdooLeadId),
                 new JsonArray("field_id.name", "=", "stage_id")],
                ["old_value_integer", "old_value_char", "new_value_integer", "new_value_char", "create_date"], order: "id", limit: 500,
                includeArchived: false, cancellationToken);
        }
        catch (OdooException ex) when (ex.Kind is OdooErrorKind.MissingAccessRights or OdooErrorKind.Invalid)
        {
            // An Odoo user without access to the tracking (or an Odoo without field_id): the stage the hub saw.
            tracked = [];
        }

        if (tracked.Count == 0)
        {
            return [(change.Stage, change.ChangedAt)];
        }

        // Stage names as the replica holds them (crm.stage read by the reconciliation); a tracked name when the stage is unknown.
        var names = await db.CrmStages.AsNoTracking().ToDictionaryAsync(s => s.OdooId, s => s.Name, cancellationToken);
        string Name(JsonElement row, string prefix) =>
            OdooJson.Id(row, prefix + "_integer") is { } id && names.TryGetValue(id, out var name) ? name : OdooJson.Text(row, prefix + "_char") ?? "";

        var path = new List<(string Stage, DateTime At)> { (Name(tracked[0], "old_value"), DateTime.MinValue) };
        path.AddRange(tracked.Select(row => (Name(row, "new_value"), OdooJson.Time(row, "create_date") ?? change.ChangedAt)));
        var last = path.FindLastIndex(p => string.Equals(p.Stage, change.Stage, StringComparison.Ordinal));
        return last < 0
            ? [(change.Stage, change.ChangedAt)]
            : path.Take(last + 1).Where(p => p.Stage.Length > 0).DistinctBy(p => p.Stage).ToList();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2813, Level = LogLevel.Information, Message = "Odoo lead {LeadId} is a test lead: no Conversions API event")]
        public static partial void TestLead(ILogger logger, long leadId);
    }
}
