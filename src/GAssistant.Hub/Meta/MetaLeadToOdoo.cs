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
    IOptionsMonitor<OdooOptions> odooOptions,
    IOptionsMonitor<MetaOptions> meta,
    MetaFormCatalog catalog,
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

        if (!odooOptions.CurrentValue.IsConfigured)
        {
            throw new InvalidOperationException("Odoo is not configured; the Meta lead waits until it is.");
        }

        var graph = scope.ServiceProvider.GetRequiredService<GraphClient>();
        var lead = job.Lead is { } known ? MetaLead.Parse(known) : await ReadLeadAsync(graph, job, cancellationToken);
        var formId = lead.FormId ?? job.FormId;
        var test = await RecogniseTestAsync(db, graph, lead, formId, job.PageId, cancellationToken);
        var odoo = scope.ServiceProvider.GetRequiredService<OdooClient>();
        var context = await catalog.ContextAsync(formId, job.PageId, cancellationToken);
        var values = LeadFieldMapping.Map(lead, meta.CurrentValue.FieldMapping, context);
        if (values.Problems.Count > 0)
        {
            Log.MappingProblems(logger, lead.Id, formId, values.Problems.Count);
        }

        var countries = await MetaLeadCountries.OfAsync(db, lead, formId, job.PageId, meta.CurrentValue, cancellationToken);
        var phone = PhoneNumbering.Normalize(values.Fields.GetValueOrDefault("phone"), countries);
        var (odooId, person, repeat) = await FindAsync(odoo, job.LeadgenId, cancellationToken) is { } made
            ? (made, KnownPerson.Nobody, false)
            : await PlaceAsync(odoo, scope.ServiceProvider.GetRequiredService<UtmResolver>(), lead, formId, values, phone, countries, test, cancellationToken);

        // The form's team without a fixed salesperson: one of its members at once (again after a crash: it skips an assigned lead);
        // then the salesperson's "Call" activity, which Odoo notifies them of. Neither for a repeat noted on the person's open lead, nor for a test lead.
        // Then, in the transaction that links the lead, the salesperson's email and the escalation if nobody answers.
        var form = formId is null ? null : meta.CurrentValue.Forms.GetValueOrDefault(formId);
        if (odooId != person.OpenLeadId && test == TestLeadStatus.None && form is not null)
        {
            var owner = form.UserId ?? (form.TeamId is { } team
                ? await scope.ServiceProvider.GetRequiredService<LeadAssignment>().AssignAsync(odooId, team, cancellationToken)
                : null);
            if (owner is { } salesperson)
            {
                if (meta.CurrentValue.FirstCallWithin > TimeSpan.Zero)
                {
                    await scope.ServiceProvider.GetRequiredService<FirstCallActivity>().EnsureAsync(odooId, salesperson, LeadFieldMapping.Marker(lead.Id),
                        meta.CurrentValue.FirstCallWithin, cancellationToken);
                }

                foreach (var followUp in scope.ServiceProvider.GetServices<IMetaLeadFollowUp>())
                {
                    await followUp.QueueAsync(db, new NewMetaLead(lead, odooId, salesperson, form.TeamId, values, phone, context.Form), cancellationToken);
                }
            }
        }

        db.MetaLeadLinks.Add(new MetaLeadLink
        {
            LeadgenId = lead.Id, OdooLeadId = odooId, PageId = job.PageId, FormId = formId,
            AdId = lead.AdId ?? job.AdId, AdName = lead.AdName, AdsetId = lead.AdsetId, AdsetName = lead.AdsetName,
            CampaignId = lead.CampaignId, CampaignName = lead.CampaignName, Platform = lead.Platform, IsOrganic = lead.IsOrganic,
            CreatedTime = lead.CreatedTime ?? job.CreatedTime, LinkedAt = clock.GetUtcNow().UtcDateTime,
            Consents = lead.Consents.Count == 0 ? null : JsonSerializer.Serialize(lead.Consents, MetaJson.Options),
            TestStatus = test, PhoneProblem = phone?.Problem ?? PhoneProblem.None, KnownPartnerId = person.PartnerId, IsRepeat = repeat,

            // The backfill queues the lead it read; a webhook only its ids. The first to queue it wins (same dedup key).
            Arrival = job.Lead is null ? LeadArrival.Webhook : LeadArrival.Backfill,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<TestLeadStatus> RecogniseTestAsync(HubDbContext db, GraphClient graph, MetaLead lead, string? formId, string? pageId,
        CancellationToken cancellationToken)
    {
        try
        {
            return await MetaTestLeads.RecogniseAsync(db, graph, lead, formId, pageId, cancellationToken);
        }
        catch (GraphApiException ex) when (ex.Kind != GraphErrorKind.Transient)
        {
            throw MetaOutboxFailure.From(ex, MetaFeature.LeadRetrieval, meta.CurrentValue.ApiVersion, $"The test leads of form {formId} cannot be read");
        }
    }

    private async Task<MetaLead> ReadLeadAsync(GraphClient graph, MetaLeadJob job, CancellationToken cancellationToken)
    {
        try
        {
            var json = await graph.GetAsync(job.LeadgenId, new Dictionary<string, string> { ["fields"] = MetaLead.Fields },
                GraphScope.Leads(job.PageId).Queued(), cancellationToken);
            return MetaLead.Parse(json);
        }
        catch (GraphApiException ex) when (ex.Kind != GraphErrorKind.Transient)
        {
            // A permanent error is e.g. a deleted lead (Meta deletes leads after 90 days): retrying cannot bring it back.
            throw MetaOutboxFailure.From(ex, MetaFeature.LeadRetrieval, meta.CurrentValue.ApiVersion, $"Meta lead {job.LeadgenId} cannot be read");
        }
    }

    /// <summary>The Odoo lead already made from this Meta lead (or noted on), by external id, else by description marker.</summary>
    private static async Task<long?> FindAsync(OdooClient odoo, string leadgenId, CancellationToken cancellationToken)
    {
        var external = await odoo.SearchReadAsync("ir.model.data",
            [Condition("module", "=", ExternalIdModule), Condition("name", "=", ExternalIdName(leadgenId)), Condition("model", "=", "crm.lead")],
            ["res_id"], order: null, limit: 1, includeArchived: true, cancellationToken);
        if (external.Count > 0 && external[0].TryGetProperty("res_id", out var resId) && resId.ValueKind == JsonValueKind.Number)
        {
            return resId.GetInt64();
        }

        // Created, then crashed before the external id was written: adopt that lead instead of making another.
        var marked = await odoo.SearchReadAsync("crm.lead", [Condition("description", "ilike", LeadFieldMapping.Marker(leadgenId))],
            ["id"], order: "id", limit: 1, includeArchived: true, cancellationToken);
        if (marked.Count > 0)
        {
            var id = marked[0].GetProperty("id").GetInt64();
            await CreateExternalIdAsync(odoo, leadgenId, id, cancellationToken);
            return id;
        }

        return null;
    }

    /// <summary>
    /// A new Odoo lead, or — a repeat under <see cref="RepeatPolicy.LogOnExisting"/> — a note on the person's open lead.
    /// The note carries the Meta lead's marker and is looked for before posting, so a retry after a crash between the
    /// post and the external id posts nothing twice; the external id then points at that lead.
    /// </summary>
    private async Task<(long OdooId, KnownPerson Person, bool Repeat)> PlaceAsync(OdooClient odoo, UtmResolver utm, MetaLead lead, string? formId,
        OdooLeadValues values, LeadPhone? phone, IReadOnlyList<string?> countries, TestLeadStatus test, CancellationToken cancellationToken)
    {
        var o = meta.CurrentValue;
        var policy = test != TestLeadStatus.None ? RepeatPolicy.AlwaysCreate : o.RepeatPolicyOf(formId);
        var person = policy == RepeatPolicy.AlwaysCreate ? KnownPerson.Nobody
            : await OdooPeople.FindAsync(odoo, values.Fields.GetValueOrDefault("email_from"), phone, countries,
                clock.GetUtcNow().UtcDateTime - o.RepeatWindow, cancellationToken);
        if (policy == RepeatPolicy.LogOnExisting && person.OpenLeadId is { } existing)
        {
            if (!await OdooPeople.HasMessageAsync(odoo, existing, LeadFieldMapping.Marker(lead.Id), cancellationToken))
            {
                await OdooPeople.PostNoteAsync(odoo, existing, RepeatNote(lead, values, phone), cancellationToken);
            }

            await CreateExternalIdAsync(odoo, lead.Id, existing, cancellationToken);
            var email = Redact.Email(values.Fields.GetValueOrDefault("email_from"));
            Log.Repeat(logger, lead.Id, existing, email);
            return (existing, person, true);
        }

        var id = await CreateAsync(odoo, utm, lead, formId, values, phone, person.PartnerId, countries, test != TestLeadStatus.None, cancellationToken);
        return (id, person, person.OpenLeadId is not null);
    }

    private static string RepeatNote(MetaLead lead, OdooLeadValues values, LeadPhone? phone) =>
        $"Repeat submission on {lead.SourceName}{(lead.CreatedTime is { } at ? $" at {at:yyyy-MM-dd HH:mm} UTC" : "")}: "
        + $"campaign {lead.CampaignName ?? "-"}, ad set {lead.AdsetName ?? "-"}, ad {lead.AdName ?? "-"}.\n"
        + string.Join("\n", values.Fields.Select(f => $"{f.Key}: {(f.Key == "phone" && phone is not null ? phone.ForOdoo : f.Value)}"))
        + "\n" + values.Description + PhoneNote(phone);

    private async Task<long> CreateAsync(OdooClient odoo, UtmResolver utm, MetaLead lead, string? formId, OdooLeadValues values, LeadPhone? phone, long? partnerId,
        IReadOnlyList<string?> countries, bool test, CancellationToken cancellationToken)
    {
        var o = meta.CurrentValue;
        var record = new JsonObject { ["name"] = values.Name };
        foreach (var (field, value) in values.Fields)
        {
            record[field] = value;
        }

        if (phone is not null)
        {
            record["phone"] = phone.ForOdoo;
        }

        var kept = "";
        if (partnerId is not null)
        {
            record["partner_id"] = partnerId.Value;
            kept = await OdooPeople.KeepCustomerContactAsync(odoo, partnerId.Value, record, countries, cancellationToken);
        }

        record["description"] = values.Description + PhoneNote(phone) + kept;

        record["source_id"] = await utm.ResolveAsync("utm.source", lead.SourceName, cancellationToken);
        record["medium_id"] = await utm.ResolveAsync("utm.medium", lead.IsOrganic || lead.AdId is null ? o.OrganicMedium : o.PaidMedium, cancellationToken);
        if (lead.CampaignName is { } campaign)
        {
            record["campaign_id"] = await utm.ResolveAsync("utm.campaign", campaign, cancellationToken);
        }

        var tags = new JsonArray();
        foreach (var name in test ? [.. values.Tags, o.TestLeadTag] : values.Tags)
        {
            if (await utm.ResolveAsync("crm.tag", name, cancellationToken) is { } tag)
            {
                tags.Add(new JsonArray(4, tag));
            }
        }

        if (tags.Count > 0)
        {
            record["tag_ids"] = tags;
        }

        // The form's own team and salesperson (Settings → Meta → Form mapping); unset, Odoo assigns as it always does.
        if (formId is not null && o.Forms.GetValueOrDefault(formId) is { } form)
        {
            if (form.TeamId is { } team)
            {
                record["team_id"] = team;
            }

            // A fixed salesperson, or none yet so the round-robin gives one (Odoo's default would be this integration's own user).
            record["user_id"] = form.UserId is { } user ? user : form.TeamId is not null ? false : record["user_id"]?.DeepClone();
            if (record["user_id"] is null)
            {
                record.Remove("user_id");
            }
        }

        var id = await odoo.CreateAsync("crm.lead", record, cancellationToken);
        await CreateExternalIdAsync(odoo, lead.Id, id, cancellationToken);
        var email = Redact.Email(values.Fields.GetValueOrDefault("email_from"));
        Log.Created(logger, lead.Id, id, lead.SourceName, email);
        return id;
    }

    /// <summary>A line telling the salesperson the phone is as typed and why, so it is checked before a call or a WhatsApp.</summary>
    private static string PhoneNote(LeadPhone? phone) => phone?.Problem switch
    {
        PhoneProblem.NoCountry => $"Phone to check: {phone.Typed} has no country code and the form gave no country; kept as typed.\n",
        PhoneProblem.NotANumber => $"Phone to check: {phone.Typed} is not a valid phone number; kept as typed.\n",
        _ => "",
    };

    private static async Task CreateExternalIdAsync(OdooClient odoo, string leadgenId, long odooId, CancellationToken cancellationToken) =>
        await odoo.CreateAsync("ir.model.data", new JsonObject
        {
            ["module"] = ExternalIdModule, ["name"] = ExternalIdName(leadgenId), ["model"] = "crm.lead", ["res_id"] = odooId, ["noupdate"] = true,
        }, cancellationToken);

    private static JsonArray Condition(string field, string op, JsonNode? value) => new(field, op, value);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2731, Level = LogLevel.Information, Message = "Meta lead {LeadgenId} created as Odoo lead {OdooId} ({Source}, {Email})")]
        public static partial void Created(ILogger logger, string leadgenId, long odooId, string source, string email);

        [LoggerMessage(EventId = 2732, Level = LogLevel.Information, Message = "Meta lead {LeadgenId} is a repeat of open Odoo lead {OdooId} ({Email}): posted on it")]
        public static partial void Repeat(ILogger logger, string leadgenId, long odooId, string email);

        [LoggerMessage(EventId = 2733, Level = LogLevel.Warning, Message = "Meta lead {LeadgenId} of form {FormId}: {Count} answers could not go where the form's mapping says and are kept in the description")]
        public static partial void MappingProblems(ILogger logger, string leadgenId, string? formId, int count);
    }
}
