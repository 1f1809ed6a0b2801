using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.SpeedToLead;

public sealed record FirstResponse(long LeadId, DateTime At, FirstResponseKind Kind, long? UserId);

/// <summary>
/// The first human touch on a lead (issue 21 item 4), read from Odoo's chatter: the first <c>mail.message</c> on the lead
/// written by an internal user other than the hub's own Odoo user — a logged note, a sent message, an activity marked
/// done (Odoo posts it with <c>mail_activity_type_id</c>), or a tracked change such as the stage (with
/// <c>tracking_value_ids</c>). An email from the customer (their partner is no internal user), Odoo's automatic messages
/// (OdooBot is archived) and the hub's own notes are not a response.
/// </summary>
public static class FirstResponses
{
    private static readonly string[] MessageFields = ["res_id", "date", "author_id", "message_type", "subtype_id", "mail_activity_type_id", "tracking_value_ids"];

    /// <param name="leads">The leads to look at, each with when it was created: what Odoo logs in that second (its "created"
    /// message, the values set at creation) is the creation, not a response.</param>
    public static async Task<IReadOnlyList<FirstResponse>> ReadAsync(OdooClient odoo, IReadOnlyDictionary<long, DateTime> leads, CancellationToken cancellationToken) =>
        leads.Count == 0 ? [] : await ReadAsync(odoo, await RespondersAsync(odoo, cancellationToken), leads, cancellationToken);

    /// <summary>
    /// Who can respond (Odoo's internal users but the hub's own, by partner) and the ids that tell a call and a note: the same
    /// for every batch of a catch-up, so read once. The hub's own user comes from the remembered login: authenticating
    /// again costs Odoo a password hash per call (about a second and a half each on a loaded 2-core server).
    /// </summary>
    private static async Task<Responders> RespondersAsync(OdooClient odoo, CancellationToken cancellationToken)
    {
        var integration = (await odoo.LoginAsync(cancellationToken)).Uid;
        var users = await odoo.SearchReadAsync("res.users", [new JsonArray("share", "=", false)], ["partner_id"], order: null, limit: null,
            includeArchived: false, cancellationToken);
        var people = new Dictionary<long, long>();
        foreach (var user in users)
        {
            var id = user.GetProperty("id").GetInt64();
            if (id != integration && OdooJson.Id(user, "partner_id") is { } partner)
            {
                people[partner] = id;
            }
        }

        if (people.Count == 0)
        {
            return new Responders(people, null, null);
        }

        var xmlIds = await odoo.SearchReadAsync("ir.model.data",
            [new JsonArray("module", "=", "mail"), new JsonArray("name", "in", new JsonArray(Meta.FirstCallActivity.CallType, NoteSubtype))],
            ["name", "res_id"], order: null, limit: null, includeArchived: false, cancellationToken);
        long? Of(string name) => xmlIds.FirstOrDefault(x => OdooJson.Text(x, "name") == name) is { ValueKind: JsonValueKind.Object } x ? OdooJson.Id(x, "res_id") : null;
        return new Responders(people, Of(Meta.FirstCallActivity.CallType), Of(NoteSubtype));
    }

    private static async Task<IReadOnlyList<FirstResponse>> ReadAsync(OdooClient odoo, Responders responders, IReadOnlyDictionary<long, DateTime> leads,
        CancellationToken cancellationToken)
    {
        var (people, callType, noteSubtype) = responders;
        if (people.Count == 0 || leads.Count == 0)
        {
            return [];
        }

        var leadIds = leads.Keys.ToList();
        var messages = await odoo.SearchReadAsync("mail.message",
            [
                new JsonArray("model", "=", "crm.lead"),
                new JsonArray("res_id", "in", new JsonArray([.. leadIds.Select(id => (JsonNode?)id)])),
                new JsonArray("author_id", "in", new JsonArray([.. people.Keys.Select(id => (JsonNode?)id)])),
                new JsonArray("message_type", "in", new JsonArray("comment", "notification")),
            ],
            MessageFields, order: "date, id", limit: null, includeArchived: false, cancellationToken);
        var first = new Dictionary<long, FirstResponse>();
        foreach (var message in messages)
        {
            if (OdooJson.Id(message, "res_id") is not { } lead || first.ContainsKey(lead) || OdooJson.Time(message, "date") is not { } at
                || OdooJson.Id(message, "author_id") is not { } author || KindOf(message, callType, noteSubtype) is not { } kind
                || at < leads.GetValueOrDefault(lead).AddSeconds(2))
            {
                continue;
            }

            first[lead] = new FirstResponse(lead, at, kind, people.GetValueOrDefault(author));
        }

        return [.. first.Values];
    }

    /// <summary>
    /// The reconciliation pull's part: the replica's leads of the last <paramref name="window"/> nobody has answered yet,
    /// newest first, looked up in Odoo in batches; answers how many now have their first response.
    /// </summary>
    public static async Task<int> CatchUpAsync(OdooClient odoo, HubDbContext db, DateTime now, TimeSpan window, CancellationToken cancellationToken)
    {
        var since = now - window;
        var open = await db.Leads.AsNoTracking()
            .Where(l => !l.Deleted && !l.IsTest && l.FirstResponseAt == null && l.CreateDate != null && l.CreateDate >= since)
            .OrderByDescending(l => l.CreateDate).Take(CatchUpLimit)
            .Select(l => new { l.OdooId, Created = l.CreateDate!.Value }).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        var responders = await RespondersAsync(odoo, cancellationToken);
        var stored = 0;
        foreach (var batch in open.Chunk(CatchUpBatch))
        {
            var found = await ReadAsync(odoo, responders, batch.ToDictionary(l => l.OdooId, l => l.Created), cancellationToken);
            stored += await StoreAsync(db, found, cancellationToken);
        }

        return stored;
    }

    private const int CatchUpLimit = 2000;
    private const int CatchUpBatch = 1000;

    /// <summary>Keeps each lead's first response in the replica, once: a later, different touch never moves it.</summary>
    public static async Task<int> StoreAsync(HubDbContext db, IEnumerable<FirstResponse> responses, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var r in responses)
        {
            stored += await db.Leads.Where(l => l.OdooId == r.LeadId && l.FirstResponseAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.FirstResponseAt, r.At).SetProperty(l => l.FirstResponseKind, r.Kind)
                    .SetProperty(l => l.FirstResponseUserId, r.UserId), cancellationToken);
        }

        return stored;
    }

    private const string NoteSubtype = "mt_note";

    /// <param name="People">Internal users but the hub's own: partner id to user id.</param>
    private sealed record Responders(IReadOnlyDictionary<long, long> People, long? CallType, long? NoteSubtype);

    private static FirstResponseKind? KindOf(JsonElement message, long? callType, long? noteSubtype)
    {
        if (OdooJson.Id(message, "mail_activity_type_id") is { } type)
        {
            return type == callType ? FirstResponseKind.Call : FirstResponseKind.Activity;
        }

        if (message.TryGetProperty("tracking_value_ids", out var tracking) && tracking.ValueKind == JsonValueKind.Array && tracking.GetArrayLength() > 0)
        {
            return FirstResponseKind.Update;
        }

        return OdooJson.Text(message, "message_type") switch
        {
            "comment" => OdooJson.Id(message, "subtype_id") == noteSubtype ? FirstResponseKind.Note : FirstResponseKind.Message,

            // A notification with neither an activity nor a tracked value: Odoo's own (e.g. "Lead created"), no response.
            _ => null,
        };
    }
}
