namespace GAssistant.Hub.Data;

/// <summary>
/// One campaign's delivery on one day in one placement (<c>/act_{id}/insights</c>, level campaign, daily,
/// <c>breakdowns=publisher_platform,platform_position</c>), in the account currency. The campaign's own spend stays in
/// <see cref="MetaDailyInsight"/>: Meta estimates breakdown values, so their sum may differ slightly from it.
/// </summary>
public sealed class MetaPlacementDailyInsight
{
    public string CampaignId { get; set; } = "";
    public DateOnly Date { get; set; }

    /// <summary>Meta's <c>publisher_platform</c>: <c>facebook</c>, <c>instagram</c>, <c>audience_network</c>, <c>messenger</c>, <c>threads</c>…</summary>
    public string PublisherPlatform { get; set; } = "";

    /// <summary>Meta's <c>platform_position</c>: <c>feed</c>, <c>facebook_reels</c>, <c>instagram_stories</c>, <c>marketplace</c>…</summary>
    public string PlatformPosition { get; set; } = "";
    public string AdAccountId { get; set; } = "";
    public string? CampaignName { get; set; }
    public decimal Spend { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }

    /// <summary>Instant Forms leads, counted as <see cref="MetaDailyInsight.Leads"/> is: what a cost per lead divides by.</summary>
    public long Leads { get; set; }
    public string Currency { get; set; } = "";
    public DateTime SyncedAt { get; set; }
}
