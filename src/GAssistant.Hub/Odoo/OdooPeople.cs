using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>Who Odoo already knows: the partner with this email or phone, and their open lead of the last days.</summary>
public sealed record KnownPerson(long? PartnerId, long? OpenLeadId)
{
    public static readonly KnownPerson Nobody = new(null, null);
}

/// <summary>
/// Finds the person a new lead is about before it is created: <c>res.partner</c> by normalised email
/// (<c>email_normalized</c>), then by phone in E.164 (<c>phone_sanitized</c>, or <c>phone</c>/<c>mobile</c> as stored,
/// compared in E.164 here); then an open lead or opportunity (active, not in a won
/// stage) of that partner, email or phone created since a given time. Reads only, so a crash after them loses nothing.
/// </summary>
public static class OdooPeople
{
    /// <param name="countries">Where the partners' national numbers are read, as the lead's own (<see cref="PhoneNumbering.Normalize"/>).</param>
    public static async Task<KnownPerson> FindAsync(OdooClient odoo, string? email, LeadPhone? phone, IReadOnlyList<string?> countries, DateTime openLeadsSince,
        CancellationToken cancellationToken)
    {
        var matchEmail = LeadEmail.ForMatching(email);
        var e164 = phone?.E164;
        if (matchEmail is null && e164 is null)
        {
            return KnownPerson.Nobody;
        }

        var partner = await FindPartnerAsync(odoo, matchEmail, phone, countries, cancellationToken);
        var who = new (string Field, JsonNode? Value)[] { ("partner_id", partner), ("email_normalized", matchEmail), ("phone_sanitized", e164) }
            .Where(c => c.Value is not null).ToList();
        var domain = new JsonArray(
            new JsonArray("create_date", ">=", openLeadsSince.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            new JsonArray("stage_id.is_won", "=", false));
        foreach (var _ in who.Skip(1))
        {
            domain.Add("|");
        }

        foreach (var (field, value) in who)
        {
            domain.Add(new JsonArray(field, "=", value));
        }

        var open = await odoo.SearchReadAsync(OdooFields.Lead, domain, ["id"], "create_date desc, id desc", 1, includeArchived: false, cancellationToken);
        return new KnownPerson(partner, open.Count > 0 ? open[0].GetProperty("id").GetInt64() : null);
    }

    private static async Task<long?> FindPartnerAsync(OdooClient odoo, string? email, LeadPhone? phone, IReadOnlyList<string?> countries,
        CancellationToken cancellationToken)
    {
        if (email is not null)
        {
            var byEmail = await odoo.SearchReadAsync("res.partner", [new JsonArray("email_normalized", "=", email)], ["id"], "id", 1, includeArchived: false,
                cancellationToken);
            if (byEmail.Count > 0)
            {
                return byEmail[0].GetProperty("id").GetInt64();
            }
        }

        if (phone?.E164 is not { } e164)
        {
            return null;
        }

        // phone_sanitized is E.164 only where Odoo has the phonenumbers library; without it, it is the number as typed
        // ("+1 555-555-5556" on the demo databases). So: exact E.164, or the same last four digits, compared here in E.164.
        var numberFields = await PhoneFieldsAsync(odoo, cancellationToken);
        var domain = new JsonArray("|", new JsonArray("phone_sanitized", "=", e164));
        for (var i = 1; i < numberFields.Count; i++)
        {
            domain.Add("|");
        }

        foreach (var field in numberFields)
        {
            domain.Add(new JsonArray(field, "ilike", e164[^4..]));
        }

        var fields = numberFields.Append("phone_sanitized").ToList();
        var candidates = await odoo.SearchReadAsync("res.partner", domain, fields, "id", CandidateLimit, includeArchived: false, cancellationToken);
        return candidates.Where(c => fields.Any(f => Same(c, f, e164, countries))).Select(c => (long?)c.GetProperty("id").GetInt64()).FirstOrDefault();
    }

    private const int CandidateLimit = 80;

    private static bool Same(JsonElement partner, string field, string e164, IReadOnlyList<string?> countries) =>
        partner.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
        && PhoneNumbering.Normalize(value.GetString(), countries)?.E164 == e164;

    /// <summary><c>phone</c>, and <c>mobile</c> where the series still has it (17 and 18; 19 dropped it from res.partner).</summary>
    private static async Task<IReadOnlyList<string>> PhoneFieldsAsync(OdooClient odoo, CancellationToken cancellationToken)
    {
        var fields = await odoo.ExecuteAsync(new OdooCall("res.partner", "fields_get")
        {
            Keywords = [new("allfields", new JsonArray("mobile")), new("attributes", new JsonArray("type"))],
        }, cancellationToken);
        return fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty("mobile", out _) ? ["phone", "mobile"] : ["phone"];
    }

    /// <summary>
    /// Keeps the known customer's own email and phone: Odoo writes a lead's <c>email_from</c> and <c>phone</c> back onto
    /// its partner (seen on 17, 18 and 19), so a form answer that differs from what the partner has is taken out of the
    /// new lead's values and answered as a line for its description instead. A partner without one gets the lead's.
    /// </summary>
    public static async Task<string> KeepCustomerContactAsync(OdooClient odoo, long partnerId, JsonObject lead, IReadOnlyList<string?> countries,
        CancellationToken cancellationToken)
    {
        var found = await odoo.ReadAsync("res.partner", partnerId, ["email", "phone"], cancellationToken);
        if (found.Count == 0)
        {
            return "";
        }

        var note = new StringBuilder();
        if (Text(found[0], "email") is { } email && lead["email_from"]?.GetValue<string>() is { } typed
            && LeadEmail.ForMatching(email) != LeadEmail.ForMatching(typed))
        {
            lead.Remove("email_from");
            note.Append("Email given in the form: ").Append(typed).AppendLine(" (the customer's email in Odoo is kept).");
        }

        if (Text(found[0], "phone") is { } phone && lead["phone"]?.GetValue<string>() is { } given
            && (PhoneNumbering.Normalize(phone, countries)?.E164 ?? phone) != (PhoneNumbering.Normalize(given, countries)?.E164 ?? given))
        {
            lead.Remove("phone");
            note.Append("Phone given in the form: ").Append(given).AppendLine(" (the customer's phone in Odoo is kept).");
        }

        return note.ToString();
    }

    private static string? Text(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Whether a message containing <paramref name="marker"/> was already posted on the lead (a retry after a crash).</summary>
    public static async Task<bool> HasMessageAsync(OdooClient odoo, long leadId, string marker, CancellationToken cancellationToken) =>
        await odoo.SearchCountAsync("mail.message",
            [new JsonArray("model", "=", OdooFields.Lead), new JsonArray("res_id", "=", leadId), new JsonArray("body", "ilike", marker)],
            includeArchived: false, cancellationToken) > 0;

    /// <summary>Posts an internal note (<c>message_post</c>, subtype <c>mail.mt_note</c>) on a lead, as plain text.</summary>
    public static async Task PostNoteAsync(OdooClient odoo, long leadId, string text, CancellationToken cancellationToken) =>
        await odoo.ExecuteAsync(new OdooCall(OdooFields.Lead, "message_post")
        {
            Ids = [leadId],
            Keywords = [new("body", text), new("message_type", "comment"), new("subtype_xmlid", "mail.mt_note")],
        }, cancellationToken);
}
