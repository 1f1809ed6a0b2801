namespace GAssistant.Hub.Data;

/// <summary>
/// One ad's delivery on one day (<c>/act_{id}/insights</c>, level ad, daily), in the account currency, with the ad set and
/// campaign it belongs to. Ad sets are sums of their ads; campaign spend stays in <see cref="MetaDailyInsight"/>.
/// </summary>
public sealed class MetaAdDailyInsight
{
    public string AdAccountId { get; set; } = "";
    public string AdId { get; set; } = "";
    public DateOnly Date { get; set; }
    public string? AdName { get; set; }
    public string AdsetId { get; set; } = "";
    public string? AdsetName { get; set; }
    public string CampaignId { get; set; } = "";
    public string? CampaignName { get; set; }
    public decimal Spend { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public long Reach { get; set; }

    /// <summary>Instant Forms leads (<c>onsite_conversion.lead_grouped</c>, else <c>lead</c> less the pixel's): what a cost per lead divides by.</summary>
    public long Leads { get; set; }

    /// <summary>The matching <c>action_values</c> entry, when Meta reports one.</summary>
    public decimal LeadValue { get; set; }

    /// <summary>Leads the website's pixel saw (<c>offsite_conversion.fb_pixel_lead</c>), apart from the Instant Forms leads.</summary>
    public long WebsiteLeads { get; set; }
    public string Currency { get; set; } = "";
    public DateTime SyncedAt { get; set; }
}
