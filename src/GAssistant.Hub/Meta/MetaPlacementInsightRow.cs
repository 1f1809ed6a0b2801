using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>
/// One row of <c>/act_{id}/insights</c> at <c>level=campaign</c>, <c>time_increment=1</c>,
/// <c>breakdowns=publisher_platform,platform_position</c>
/// (https://developers.facebook.com/docs/marketing-api/insights/breakdowns): a campaign row (<see cref="MetaInsightRow"/>,
/// whose lead counting it shares) with the platform and the position as Meta names them. <c>platform_position</c> is asked
/// only with <c>publisher_platform</c>, as Meta requires. Pure.
/// </summary>
public sealed record MetaPlacementInsightRow(string PublisherPlatform, string PlatformPosition, MetaInsightRow Delivery)
{
    public const string Breakdowns = "publisher_platform,platform_position";

    /// <summary>
    /// No <c>reach</c> (nor <c>action_values</c>, which nothing here shows): with breakdowns Meta omits reach for start
    /// dates older than 13 months and limits it per account (https://developers.facebook.com/docs/marketing-api/insights/best-practices),
    /// and none of the fields Meta refuses with any breakdown (<c>newsfeed_*</c>, <c>app_store_clicks</c>, <c>relevance_score</c>).
    /// The breakdown values come with every row without being asked in <c>fields</c>.
    /// </summary>
    public const string Fields = "campaign_id,campaign_name,spend,impressions,clicks,actions,date_start,date_stop";

    /// <summary>Meta sends both breakdown values on every row; a missing one is kept as "" rather than losing the row's spend.</summary>
    public static MetaPlacementInsightRow Parse(JsonElement row) => new(
        MetaInsightRow.Text(row, "publisher_platform") ?? "",
        MetaInsightRow.Text(row, "platform_position") ?? "",
        MetaInsightRow.Parse(row));
}
