using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>
/// One row of <c>/act_{id}/insights</c> at <c>level=ad</c>, <c>time_increment=1</c>
/// (https://developers.facebook.com/docs/marketing-api/insights): the ad, its ad set and its campaign, and the same
/// delivery numbers as a campaign row, read by the same rules (<see cref="MetaInsightRow"/>: string numbers, leads are
/// <c>lead</c> else <c>onsite_conversion.lead_grouped</c>). Pure.
/// </summary>
public sealed record MetaAdInsightRow(string AdId, string? AdName, string AdsetId, string? AdsetName, MetaInsightRow Delivery)
{
    public const string Fields = "ad_id,ad_name,adset_id,adset_name," + MetaInsightRow.Fields;

    public static MetaAdInsightRow Parse(JsonElement row) => new(
        MetaNotification.Id(row, "ad_id") ?? throw new JsonException("An ad insights row without ad_id."),
        MetaInsightRow.Text(row, "ad_name"),
        MetaNotification.Id(row, "adset_id") ?? throw new JsonException("An ad insights row without adset_id."),
        MetaInsightRow.Text(row, "adset_name"),
        MetaInsightRow.Parse(row));
}
