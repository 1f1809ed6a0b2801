using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Where a Meta lead becomes an Odoo lead, exactly once. The Odoo record carries the Meta lead id as an
/// external identifier (<c>ir.model.data</c> <c>g_assistant_meta.lead_&lt;leadgen_id&gt;</c>, no addon needed), looked
/// up before anything is created; a lead created just before a crash (no external id yet) is found by the
/// marker in its description. So a repeated notification, a retry after a crash, a backfill, or a hub on a
/// fresh database never create a second lead. Odoo down: the outbox retries later.
/// </summary>
public sealed partial class MetaLeadToOdoo(
    IServiceScopeFactory scopes,
    MetaOdooRpc odoo,
    IOptionsMonitor<MetaOptions> meta,
    TimeProvider clock,
    ILogger<MetaLeadToOdoo> logger) : IOutboxHandler
{
    public const string ExternalIdModule = "g_assistant_meta";

    public string Kind => MetaLeadQueue.Kind;

    public static string ExternalIdName(string leadgenId) => $"lead_{leadgenId}";

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<MetaLeadJob>(message.Payload, MetaJson.Options)
            ?? throw new PermanentOutboxException("Empty Meta lead message.");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (await db.MetaLeadLinks.AnyAsync(l => l.LeadgenId == job.LeadgenId, cancellationToken))
        {
            return;
        }

        if (!odoo.IsConfigured)
        {
            throw new InvalidOperationException("Odoo is not configured; the Meta lead waits until it is.");
        }

        var lead = job.Lead is { } known ? MetaLead.Parse(known) : await ReadLeadAsync(scope.ServiceProvider.GetRequiredService<GraphClient>(), job.LeadgenId, cancellationToken);
        var odooId = await FindAsync(job.LeadgenId, cancellationToken) ?? await CreateAsync(lead, cancellationToken);
        db.MetaLeadLinks.Add(new MetaLeadLink
        {
            LeadgenId = lead.Id, OdooLeadId = odooId, PageId = job.PageId, FormId = lead.FormId ?? job.FormId,
            AdId = lead.AdId ?? job.AdId, AdName = lead.AdName, AdsetId = lead.AdsetId, AdsetName = lead.AdsetName,
            CampaignId = lead.CampaignId, CampaignName = lead.CampaignName, Platform = lead.Platform, IsOrganic = lead.IsOrganic,
            CreatedTime = lead.CreatedTime ?? job.CreatedTime, LinkedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<MetaLead> ReadLeadAsync(GraphClient graph, string leadgenId, CancellationToken cancellationToken)
    {
        try
        {
            var json = await graph.GetAsync(leadgenId, new Dictionary<string, string> { ["fields"] = MetaLead.Fields }, cancellationToken);
            return MetaLead.Parse(json);
        }
        catch (GraphApiException ex) when (ex.Kind == GraphErrorKind.Permanent)
        {
            // E.g. the lead was deleted (Meta deletes leads after 90 days): retrying cannot bring it back.
            throw new PermanentOutboxException($"Meta lead {leadgenId} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The Odoo lead already made from this Meta lead, by external id, else by description marker.</summary>
    private async Task<long?> FindAsync(string leadgenId, CancellationToken cancellationToken)
    {
        var external = await odoo.ExecuteAsync("ir.model.data", "search_read",
            [new JsonArray(Condition("module", "=", ExternalIdModule), Condition("name", "=", ExternalIdName(leadgenId)), Condition("model", "=", "crm.lead"))],
            new JsonObject { ["fields"] = new JsonArray("res_id"), ["limit"] = 1 }, cancellationToken);
        if (external is JsonArray { Count: > 0 } rows && rows[0]?["res_id"]?.GetValue<long>() is { } resId)
        {
            return resId;
        }

        // Created, then crashed before the external id was written: adopt that lead instead of making another.
        var marked = await odoo.ExecuteAsync("crm.lead", "search",
            [new JsonArray(Condition("description", "ilike", LeadFieldMapping.Marker(leadgenId)), Condition("active", "in", new JsonArray(true, false)))],
            new JsonObject { ["limit"] = 1 }, cancellationToken);
        if (marked is JsonArray { Count: > 0 } ids && ids[0]?.GetValue<long>() is { } id)
        {
            await CreateExternalIdAsync(leadgenId, id, cancellationToken);
            return id;
        }

        return null;
    }

    private async Task<long> CreateAsync(MetaLead lead, CancellationToken cancellationToken)
    {
        var o = meta.CurrentValue;
        var values = LeadFieldMapping.Map(lead, o.FieldMapping);
        var record = new JsonObject { ["name"] = values.Name, ["description"] = values.Description };
        foreach (var (field, value) in values.Fields)
        {
            record[field] = value;
        }

        record["source_id"] = await UtmIdAsync("utm.source", lead.SourceName, cancellationToken);
        record["medium_id"] = await UtmIdAsync("utm.medium", lead.IsOrganic || lead.AdId is null ? o.OrganicMedium : o.PaidMedium, cancellationToken);
        if (lead.CampaignName is { } campaign)
        {
            record["campaign_id"] = await UtmIdAsync("utm.campaign", campaign, cancellationToken);
        }

        var created = await odoo.ExecuteAsync("crm.lead", "create", [record], null, cancellationToken);
        var id = created switch
        {
            JsonArray { Count: > 0 } list => list[0]!.GetValue<long>(),
            JsonValue single => single.GetValue<long>(),
            _ => throw new OdooRpcException("Odoo's create answered no id.", null),
        };
        await CreateExternalIdAsync(lead.Id, id, cancellationToken);
        var email = Redact.Email(values.Fields.GetValueOrDefault("email_from"));
        Log.Created(logger, lead.Id, id, lead.SourceName, email);
        return id;
    }

    private async Task CreateExternalIdAsync(string leadgenId, long odooId, CancellationToken cancellationToken) =>
        await odoo.ExecuteAsync("ir.model.data", "create",
            [new JsonObject
            {
                ["module"] = ExternalIdModule, ["name"] = ExternalIdName(leadgenId), ["model"] = "crm.lead",
                ["res_id"] = odooId, ["noupdate"] = true,
            }], null, cancellationToken);

    /// <summary>The id of the utm record with this name, created when missing (utm records are matched by name).</summary>
    private async Task<long> UtmIdAsync(string model, string name, CancellationToken cancellationToken)
    {
        var found = await odoo.ExecuteAsync(model, "search", [new JsonArray(Condition("name", "=", name))], new JsonObject { ["limit"] = 1 }, cancellationToken);
        if (found is JsonArray { Count: > 0 } ids)
        {
            return ids[0]!.GetValue<long>();
        }

        var created = await odoo.ExecuteAsync(model, "create", [new JsonObject { ["name"] = name }], null, cancellationToken);
        return created is JsonArray list ? list[0]!.GetValue<long>() : created!.GetValue<long>();
    }

    private static JsonArray Condition(string field, string op, JsonNode? value) => new(field, op, value);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Meta lead {LeadgenId} created as Odoo lead {OdooId} ({Source}, {Email})")]
        public static partial void Created(ILogger logger, string leadgenId, long odooId, string source, string email);
    }
}
