using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>
/// One row of <c>/act_{id}/insights</c> at <c>level=campaign</c>, <c>time_increment=1</c>
/// (https://developers.facebook.com/docs/marketing-api/insights): every number arrives as a string
/// (<c>"spend": "12.34"</c>), and <c>actions</c>/<c>action_values</c> are arrays of
/// <c>{"action_type", "value"}</c>. Leads are the <c>lead</c> action, else <c>onsite_conversion.lead_grouped</c>
/// (the same leads counted another way), never their sum. Pure.
/// </summary>
public sealed record MetaInsightRow(string CampaignId, string? CampaignName, DateOnly Date, decimal Spend, long Impressions, long Clicks, long Reach, long Leads, decimal LeadValue)
{
    public const string Fields = "campaign_id,campaign_name,spend,impressions,clicks,reach,actions,action_values,date_start,date_stop";

    private static readonly string[] LeadActions = ["lead", "onsite_conversion.lead_grouped"];

    public static MetaInsightRow Parse(JsonElement row)
    {
        var campaign = MetaNotification.Id(row, "campaign_id") ?? throw new JsonException("An insights row without campaign_id.");
        var date = DateOnly.ParseExact(MetaNotification.Id(row, "date_start") ?? throw new JsonException("An insights row without date_start."),
            "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new MetaInsightRow(campaign,
            Text(row, "campaign_name"),
            date, Number(row, "spend"), (long)Number(row, "impressions"), (long)Number(row, "clicks"), (long)Number(row, "reach"),
            (long)Math.Round(LeadAction(row, "actions")), LeadAction(row, "action_values"));
    }

    private static decimal LeadAction(JsonElement row, string property)
    {
        if (!row.TryGetProperty(property, out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        foreach (var type in LeadActions)
        {
            foreach (var action in actions.EnumerateArray())
            {
                if (MetaNotification.Id(action, "action_type") == type)
                {
                    return Number(action, "value");
                }
            }
        }

        return 0;
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
