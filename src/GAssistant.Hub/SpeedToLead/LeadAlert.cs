using System.Text.Json;
using GAssistant.Hub.Meta;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>One answer of the form as the person gave it, under the form's own question.</summary>
public sealed record LeadAlertAnswer(string Label, string Value);

/// <summary>
/// What the salesperson's and the team leader's emails say about a new lead, kept in their outbox messages so that
/// neither needs Meta again: who, how to reach them (the phone in E.164 when it was understood), what they answered
/// and which campaign brought them. A lead made through the API (<see cref="Api"/>) has <c>odoo-&lt;id&gt;</c> for its
/// leadgen id, its source and its description instead of a form's answers.
/// </summary>
public sealed record LeadAlert(
    string LeadgenId,
    long OdooLeadId,
    long UserId,
    long? TeamId,
    string Name,
    string? PhoneE164,
    string? PhoneTyped,
    string? Email,
    string? Campaign,
    string? Ad,
    string? Form,
    IReadOnlyList<LeadAlertAnswer> Answers,
    DateTime CameAt,
    bool Api = false,
    string? Source = null,
    string? Notes = null)
{
    public string Json() => JsonSerializer.Serialize(this, MetaJson.Options);

    public static LeadAlert Read(string payload) =>
        JsonSerializer.Deserialize<LeadAlert>(payload, MetaJson.Options) ?? throw new JsonException("An empty lead alert.");

    /// <summary><c>https://wa.me/966501234567</c>: WhatsApp's click-to-chat link takes the full number without + (https://faq.whatsapp.com/5913398998672934).</summary>
    public string? WhatsAppLink => PhoneE164 is { Length: > 1 } e164 ? $"https://wa.me/{e164[1..]}" : null;

    public string? TelLink => PhoneE164 is { } e164 ? $"tel:{e164}" : null;

    /// <summary>The lead's form in Odoo: <c>/web#id=…&amp;model=crm.lead&amp;view_type=form</c>, which 17 opens and 18 and 19 redirect to <c>/odoo/…</c>.</summary>
    public static string OdooLink(string odooUrl, long leadId) => $"{odooUrl.TrimEnd('/')}/web#id={leadId}&model=crm.lead&view_type=form";
}
