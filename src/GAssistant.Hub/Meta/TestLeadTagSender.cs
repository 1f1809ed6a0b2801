using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Puts the test-lead tag (<see cref="MetaOptions.TestLeadTag"/>, a <c>crm.tag</c> made when missing) on an Odoo lead, or
/// takes it off, after an administrator's mark (<see cref="MetaTestLeads"/>). Odoo's x2many commands <c>(4, id)</c> and
/// <c>(3, id)</c> add and remove a link without touching the lead's other tags, so a repeat changes nothing
/// (https://www.odoo.com/documentation/17.0/developer/reference/backend/orm.html#odoo.fields.Command).
/// Each message writes what the lead is now, not what it was when queued: a mark and its undo may be sent in any order
/// (a retry, two workers) and Odoo still ends as the administrator left it.
/// </summary>
public sealed class TestLeadTagSender(IServiceScopeFactory scopes, IOptionsMonitor<MetaOptions> meta, IOptionsMonitor<OdooOptions> odoo) : IOutboxHandler
{
    public string Kind => MetaTestLeads.TagKind;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<TestLeadTagJob>(message.Payload, MetaJson.Options) ?? throw new PermanentOutboxException("Empty test tag message.");
        if (!odoo.CurrentValue.IsConfigured)
        {
            throw new InvalidOperationException("Odoo is not configured; the test tag waits until it is.");
        }

        using var scope = scopes.CreateScope();
        var test = await scope.ServiceProvider.GetRequiredService<HubDbContext>().MetaLeadLinks.AsNoTracking()
            .Where(l => l.OdooLeadId == job.OdooLeadId).Select(l => (TestLeadStatus?)l.TestStatus).FirstOrDefaultAsync(cancellationToken) is { } status
            ? MetaLeadLink.IsTestStatus(status)
            : job.Test;
        var tag = await scope.ServiceProvider.GetRequiredService<UtmResolver>().ResolveAsync("crm.tag", meta.CurrentValue.TestLeadTag, cancellationToken)
            ?? throw new PermanentOutboxException("Meta:TestLeadTag is empty.");
        await scope.ServiceProvider.GetRequiredService<OdooClient>().WriteAsync("crm.lead", job.OdooLeadId,
            new JsonObject { ["tag_ids"] = new JsonArray(new JsonArray(test ? 4 : 3, tag)) }, cancellationToken);
    }
}
