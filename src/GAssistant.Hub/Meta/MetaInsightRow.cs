using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>
/// One row of <c>/act_{id}/insights</c> at <c>level=campaign</c>, <c>time_increment=1</c>
/// (https://developers.facebook.com/docs/marketing-api/insights): every number arrives as a string
/// (<c>"spend": "12.34"</c>), and <c>actions</c>/<c>action_values</c> are arrays of <c>{"action_type", "value"}</c>.
/// Meta's action types (https://developers.facebook.com/docs/marketing-api/reference/ads-action-stats/) count leads three
/// ways: <c>onsite_conversion.lead_grouped</c> is the leads of Instant Forms (on Facebook and Instagram),
/// <c>offsite_conversion.fb_pixel_lead</c> the leads the website's pixel saw, and <c>lead</c> both together. A lead-ads cost per
/// lead counts Instant Forms leads (<see cref="Leads"/>; <c>lead</c> minus the pixel's when Meta sends no grouped figure);
/// website leads are kept apart (<see cref="WebsiteLeads"/>). Pure.
/// </summary>
public sealed record MetaInsightRow(string CampaignId, string? CampaignName, DateOnly Date, decimal Spend, long Impressions, long Clicks, long Reach, long Leads,
    decimal LeadValue, long WebsiteLeads = 0)
{
    public const string Fields = "campaign_id,campaign_name,spend,impressions,clicks,reach,actions,action_values,date_start,date_stop";

    public const string InstantFormLead = "onsite_conversion.lead_grouped";
    public const string PixelLead = "offsite_conversion.fb_pixel_lead";
    public const string AllLeads = "lead";

    public static MetaInsightRow Parse(JsonElement row)
    {
        var campaign = MetaNotification.Id(row, "campaign_id") ?? throw new JsonException("An insights row without campaign_id.");
        var date = DateOnly.ParseExact(MetaNotification.Id(row, "date_start") ?? throw new JsonException("An insights row without date_start."),
            "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new MetaInsightRow(campaign,
            Text(row, "campaign_name"),
            date, Number(row, "spend"), (long)Number(row, "impressions"), (long)Number(row, "clicks"), (long)Number(row, "reach"),
            (long)Math.Round(InstantForms(row, "actions")), InstantForms(row, "action_values"),
            (long)Math.Round(Action(row, "actions", PixelLead) ?? 0));
    }

    /// <summary>Instant Forms leads (or their value): the grouped figure, else all leads less the pixel's.</summary>
    private static decimal InstantForms(JsonElement row, string property) =>
        Action(row, property, InstantFormLead)
        ?? (Action(row, property, AllLeads) is { } all ? Math.Max(0, all - (Action(row, property, PixelLead) ?? 0)) : 0);

    private static decimal? Action(JsonElement row, string property, string type)
    {
        if (!row.TryGetProperty(property, out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var action in actions.EnumerateArray())
        {
            if (MetaNotification.Id(action, "action_type") == type)
            {
                return Number(action, "value");
            }
        }

        return null;
    }

    /// <summary>A name, when the row carries one.</summary>
    public static string? Text(JsonElement row, string property) =>
        row.TryGetProperty(property, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    /// <summary>A number Meta sent as a string (or, leniently, as a number).</summary>
    public static decimal Number(JsonElement element, string property) =>
        MetaNotification.Id(element, property) is { } text
        && decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0m;
}
