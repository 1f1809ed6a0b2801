using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Meta;

/// <summary>
/// The salesperson's first task on a new Meta lead (issue 21 item 2): an Odoo "Call" activity (<c>mail.activity</c>,
/// type <c>mail.mail_activity_data_call</c>) for them, due <see cref="MetaOptions.FirstCallWithin"/> after the lead came,
/// its summary in their Odoo language — Odoo itself notifies them and lists it in their activities. Created with
/// <c>create</c> (answered with ids on every series) and found again by the Meta lead's marker in its note, so a retry
/// after a crash makes no second one.
/// </summary>
public sealed class FirstCallActivity(OdooClient odoo, TimeProvider clock)
{
    public const string CallType = "mail_activity_data_call";

    /// <summary>The activity's id (an existing one when a retry finds it), or null when Odoo lacks what it needs.</summary>
    /// <param name="noteKey">The note's text (which says where the lead came from), before the marker.</param>
    public async Task<long?> EnsureAsync(long leadId, long userId, string marker, TimeSpan within, CancellationToken cancellationToken,
        string noteKey = "Activity.FirstCallNote")
    {
        var existing = await odoo.SearchReadAsync("mail.activity",
            [new JsonArray("res_model", "=", "crm.lead"), new JsonArray("res_id", "=", leadId), new JsonArray("note", "ilike", marker)],
            ["id"], order: "id", limit: 1, includeArchived: true, cancellationToken);
        if (existing.Count > 0)
        {
            return existing[0].GetProperty("id").GetInt64();
        }

        var model = await odoo.SearchReadAsync("ir.model", [new JsonArray("model", "=", "crm.lead")], ["id"], order: null, limit: 1, includeArchived: false, cancellationToken);
        var type = await odoo.SearchReadAsync("ir.model.data", [new JsonArray("module", "=", "mail"), new JsonArray("name", "=", CallType)],
            ["res_id"], order: null, limit: 1, includeArchived: false, cancellationToken);
        if (model.Count == 0 || type.Count == 0 || OdooJson.Id(type[0], "res_id") is not { } typeId)
        {
            return null;
        }

        var user = await odoo.ReadAsync("res.users", userId, ["lang"], cancellationToken);
        var language = user.Count > 0 && user[0].TryGetProperty("lang", out var lang) && lang.ValueKind == JsonValueKind.String
            && lang.GetString()!.StartsWith("ar", StringComparison.Ordinal) ? "ar" : "en";
        return await odoo.CreateAsync("mail.activity", new JsonObject
        {
            ["res_model_id"] = model[0].GetProperty("id").GetInt64(),
            ["res_id"] = leadId,
            ["activity_type_id"] = typeId,
            ["user_id"] = userId,
            ["date_deadline"] = (clock.GetUtcNow() + within).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["summary"] = Strings.Get("Activity.FirstCall", language),
            ["note"] = $"{Strings.Get(noteKey, language)} {marker}",
        }, cancellationToken);
    }
}
