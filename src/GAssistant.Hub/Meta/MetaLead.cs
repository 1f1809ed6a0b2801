using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>A ticked or unticked checkbox of a form's custom disclaimer: <c>{"checkbox_key": "optional_1", "is_checked": "1"}</c>.</summary>
public sealed record LeadConsent(string Key, bool Checked);

/// <summary>A form answer: <c>{"name": "email", "values": ["a@b.c"]}</c>.</summary>
public sealed record LeadAnswer(string Name, IReadOnlyList<string> Values)
{
    public string Text => string.Join(", ", Values);
}

/// <summary>
/// A lead as <c>GET /{leadgen_id}</c> and <c>/{form_id}/leads</c> return it
/// (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving): ids as strings,
/// <c>created_time</c> like <c>2015-02-28T08:49:14+0000</c>, <c>platform</c> <c>fb</c> or <c>ig</c>, and
/// <c>ad_*</c>/<c>adset_*</c>/<c>campaign_*</c> absent for organic and test leads, and <c>custom_disclaimer_responses</c>, what the
/// person agreed to in the form's custom disclaimer (<c>is_checked</c> is a string: <c>"1"</c> ticked, <c>""</c> not;
/// https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving#reading-custom-disclaimer-responses).
/// </summary>
public sealed record MetaLead(
    string Id,
    DateTime? CreatedTime,
    string? AdId,
    string? AdName,
    string? AdsetId,
    string? AdsetName,
    string? CampaignId,
    string? CampaignName,
    string? FormId,
    string? Platform,
    bool IsOrganic,
    IReadOnlyList<LeadAnswer> Answers)
{
    /// <summary>The fields asked of <c>GET /{leadgen_id}</c> and <c>/{form_id}/leads</c>.</summary>
    public const string Fields = "id,created_time,field_data,ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name,form_id,platform,is_organic," +
        "custom_disclaimer_responses";

    public IReadOnlyList<LeadConsent> Consents { get; init; } = [];

    /// <summary>Odoo's utm.source: Instagram for <c>ig</c>, Facebook otherwise.</summary>
    public string SourceName => string.Equals(Platform, "ig", StringComparison.OrdinalIgnoreCase) ? "Instagram" : "Facebook";

    public static MetaLead Parse(JsonElement lead)
    {
        var answers = new List<LeadAnswer>();
        if (lead.TryGetProperty("field_data", out var fields) && fields.ValueKind == JsonValueKind.Array)
        {
            foreach (var field in fields.EnumerateArray())
            {
                if (MetaNotification.Id(field, "name") is not { } name)
                {
                    continue;
                }

                var values = field.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array
                    ? v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() ?? "" : x.GetRawText()).ToList()
                    : [];
                answers.Add(new LeadAnswer(name, values));
            }
        }

        return new MetaLead(
            MetaNotification.Id(lead, "id") ?? throw new JsonException("A lead without an id."),
            ParseTime(MetaNotification.Id(lead, "created_time")),
            MetaNotification.Id(lead, "ad_id"), Text(lead, "ad_name"),
            MetaNotification.Id(lead, "adset_id"), Text(lead, "adset_name"),
            MetaNotification.Id(lead, "campaign_id"), Text(lead, "campaign_name"),
            MetaNotification.Id(lead, "form_id"), Text(lead, "platform"),
            lead.TryGetProperty("is_organic", out var organic) && organic.ValueKind == JsonValueKind.True,
            answers)
        {
            Consents = ParseConsents(lead),
        };
    }

    private static List<LeadConsent> ParseConsents(JsonElement lead)
    {
        if (!lead.TryGetProperty("custom_disclaimer_responses", out var responses) || responses.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return responses.EnumerateArray()
            .Where(r => r.ValueKind == JsonValueKind.Object && MetaNotification.Id(r, "checkbox_key") is not null)
            .Select(r => new LeadConsent(MetaNotification.Id(r, "checkbox_key")!, r.TryGetProperty("is_checked", out var c) && c.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.String => c.GetString() is "1" or "true" or "TRUE",
                JsonValueKind.Number => c.GetRawText() != "0",
                _ => false,
            }))
            .ToList();
    }

    /// <summary>Meta's <c>2015-02-28T08:49:14+0000</c> (no colon in the offset, which System.Text.Json rejects).</summary>
    public static DateTime? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.fffK"];
        var normalized = text.Length > 5 && text[^5] is '+' or '-' && text[^3] != ':' ? text.Insert(text.Length - 2, ":") : text;
        return DateTimeOffset.TryParseExact(normalized, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
