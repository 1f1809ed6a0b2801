using System.Globalization;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Creates a <c>crm.lead</c> in Odoo with its source, medium and campaign resolved to <c>utm.*</c>
/// records, then stores Odoo's state of it in the replica. The create is sent once; when its answer
/// is lost (timeout, dropped connection) the lead is looked up before a second attempt, so a retry
/// never makes a duplicate.
/// </summary>
public sealed partial class OdooLeadCreator(
    OdooClient odoo, UtmResolver utm, HubDbContext db, LeadAssignment assignment, IEnumerable<IOdooLeadFollowUp> followUps,
    IOptionsMonitor<OdooOptions> options, TimeProvider clock, ILogger<OdooLeadCreator> logger)
{
    /// <summary>The lead as Odoo stored it, and its phone (null when none was given; flagged when kept as typed).</summary>
    public async Task<(Lead Lead, LeadPhone? Phone)> CreateAsync(NewLead input, CancellationToken cancellationToken)
    {
        var phone = input.NormalizedPhone(options.CurrentValue.DefaultCountry);
        var values = new JsonObject { ["name"] = input.LeadName };
        Set(values, "partner_name", NewLead.Clean(input.PartnerName));
        Set(values, "email_from", NewLead.Clean(input.Email));
        Set(values, "phone", phone?.ForOdoo);
        Set(values, "description", NewLead.Clean(input.Description));
        if (input.ExpectedRevenue is { } revenue)
        {
            values["expected_revenue"] = revenue;
        }

        if (input.Probability is { } probability)
        {
            values["probability"] = probability;
        }

        Set(values, "source_id", await utm.ResolveAsync("utm.source", input.Source, cancellationToken));
        Set(values, "medium_id", await utm.ResolveAsync("utm.medium", input.Medium, cancellationToken));
        Set(values, "campaign_id", await utm.ResolveAsync("utm.campaign", input.Campaign, cancellationToken));

        // A team without a salesperson: no salesperson at create (Odoo would make it the hub's own user), one of the team's
        // members right after, as Odoo's own assignment would allow them.
        if (input.TeamId is { } team)
        {
            values["team_id"] = team;
        }

        if (input.UserId is { } user)
        {
            values["user_id"] = user;
        }
        else if (input.TeamId is not null)
        {
            values["user_id"] = false;
        }

        var started = clock.GetUtcNow().UtcDateTime;
        long id;
        try
        {
            id = await odoo.CreateAsync(OdooFields.Lead, values, cancellationToken);
        }
        catch (OdooException e) when (e.Kind == OdooErrorKind.Unreachable)
        {
            Log.CreateAnswerLost(logger, Redact.Email(input.Email));
            id = await FindCreatedAsync(values, started, cancellationToken) ?? await odoo.CreateAsync(OdooFields.Lead, values, cancellationToken);
        }

        var owner = input.TeamId is { } teamId && input.UserId is null ? await assignment.AssignAsync(id, teamId, cancellationToken) : input.UserId;
        if (owner is { } salesperson)
        {
            foreach (var followUp in followUps)
            {
                await followUp.QueueAsync(db, new NewOdooLead(id, salesperson, input.TeamId, input, phone, started), cancellationToken);
            }
        }

        var record = await odoo.ReadAsync(OdooFields.Lead, id, OdooFields.LeadFields, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        Lead? stored = null;
        if (record.Count > 0)
        {
            var version = OdooJson.Time(record[0], "write_date") ?? now;
            await ReplicaUpsert.LeadAsync(db, id, version, now, lead => { OdooRecordMapper.ApplyLead(record[0], lead); stored = lead; }, cancellationToken);
            try
            {
                await DeadlockRetry.SaveChangesAsync(db, cancellationToken);
            }
            catch (DbUpdateException) when (stored is not null && db.Entry(stored).State == EntityState.Added)
            {
                // The lead's own webhook (the addon reports the new lead at once) stored it between the look-up and this
                // insert: the row exists now, so the record read from Odoo is applied to it as any newer state would be.
                db.Entry(stored).State = EntityState.Detached;
                stored = null;
                await ReplicaUpsert.LeadAsync(db, id, version, now, lead => { OdooRecordMapper.ApplyLead(record[0], lead); stored = lead; }, cancellationToken);
                await DeadlockRetry.SaveChangesAsync(db, cancellationToken);
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await DeadlockRetry.SaveChangesAsync(db, cancellationToken); // what the follow-ups queued, when Odoo did not let the lead be read
        }

        Log.Created(logger, id);
        return (stored ?? await db.Leads.FindAsync([id], cancellationToken) ?? new Lead { OdooId = id, Name = input.LeadName }, phone);
    }

    /// <summary>The lead a lost create answer may have made: same name and contact, created since just before the attempt.</summary>
    private async Task<long?> FindCreatedAsync(JsonObject values, DateTime started, CancellationToken cancellationToken)
    {
        var since = started.AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var domain = new JsonArray(new JsonArray("create_date", ">=", since));
        foreach (var field in new[] { "name", "email_from", "partner_name", "phone" })
        {
            if (values[field] is { } value)
            {
                domain.Add(new JsonArray(field, "=", value.DeepClone()));
            }
        }

        var found = await odoo.SearchReadAsync(OdooFields.Lead, domain, ["id"], "id desc", 1, includeArchived: true, cancellationToken);
        return found.Count > 0 ? found[0].GetProperty("id").GetInt64() : null;
    }

    private static void Set(JsonObject values, string field, string? text)
    {
        if (text is not null)
        {
            values[field] = text;
        }
    }

    private static void Set(JsonObject values, string field, long? id)
    {
        if (id is not null)
        {
            values[field] = id.Value;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Created crm.lead {Id} in Odoo")]
        public static partial void Created(ILogger logger, long id);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "The answer to creating a lead for {Email} was lost; looking it up before trying again")]
        public static partial void CreateAnswerLost(ILogger logger, string email);
    }
}
