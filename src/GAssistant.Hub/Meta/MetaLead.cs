using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>A form answer: <c>{"name": "email", "values": ["a@b.c"]}</c>.</summary>
public sealed record LeadAnswer(string Name, IReadOnlyList<string> Values)
{
    public string Text => string.Join(", ", Values);
}

/// <summary>
/// A lead as <c>GET /{leadgen_id}</c> and <c>/{form_id}/leads</c> return it
/// (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving): ids as strings,
/// <c>created_time</c> like <c>2015-02-28T08:49:14+0000</c>, <c>platform</c> <c>fb</c> or <c>ig</c>, and
/// <c>ad_*</c>/<c>adset_*</c>/<c>campaign_*</c> absent for organic and test leads.
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
    /// <summary>The fields asked of <c>GET /{leadgen_id}</c>.</summary>
    public const string Fields = "id,created_time,field_data,ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name,form_id,platform,is_organic";

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
            answers);
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
