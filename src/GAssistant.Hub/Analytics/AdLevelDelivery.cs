namespace GAssistant.Hub.Analytics;

/// <summary>
/// Meta's ad-level spend and leads summed to the rows of an ad set or ad report. Pure. A row's delivery is unknown (null)
/// when it has no ad set (a lead known only by its UTM campaign), or when its campaign spent in the range but has no ad
/// rows (insights synced before ad-level reading); a campaign with ad rows, or with no spend at all, gives its ad sets
/// and ads without rows a delivery of zero, since Meta omits days without delivery.
/// </summary>
internal sealed class AdLevelDelivery
{
    private readonly HashSet<string> _withAds;
    private readonly IReadOnlyDictionary<string, CampaignDelivery> _campaigns;

    private AdLevelDelivery(Dictionary<(string CampaignId, string? AdsetId, string? AdId), Delivered> byKey, HashSet<string> withAds,
        IReadOnlyDictionary<string, CampaignDelivery> campaigns)
    {
        ByKey = byKey;
        _withAds = withAds;
        _campaigns = campaigns;
    }

    public IReadOnlyDictionary<(string CampaignId, string? AdsetId, string? AdId), Delivered> ByKey { get; }

    public static AdLevelDelivery Build(AttributionLevel level, AttributionInputs input)
    {
        if (level == AttributionLevel.Campaign)
        {
            return new AdLevelDelivery([], [], input.Delivery);
        }

        var byKey = input.Ads
            .GroupBy(a => (a.CampaignId, (string?)a.AdsetId, level == AttributionLevel.Ad ? a.AdId : null))
            .ToDictionary(g => g.Key, g => new Delivered(g.Sum(a => a.Spend), g.Sum(a => a.Leads),
                g.Select(a => a.AdsetName).FirstOrDefault(n => n is not null), level == AttributionLevel.Ad ? g.First().AdName : null));
        return new AdLevelDelivery(byKey, input.Ads.Select(a => a.CampaignId).ToHashSet(StringComparer.Ordinal), input.Delivery);
    }

    /// <summary>The delivery of a row's ids; null when it cannot be known (see the class summary).</summary>
    public Delivered? Find((string CampaignId, string? AdsetId, string? AdId) ids)
    {
        if (ids.AdsetId is null)
        {
            return null;
        }

        if (ByKey.TryGetValue(ids, out var delivery))
        {
            return delivery;
        }

        var known = _withAds.Contains(ids.CampaignId) || (_campaigns.GetValueOrDefault(ids.CampaignId)?.Spend ?? 0) == 0;
        return known ? new Delivered(0, 0, null, null) : null;
    }

    public sealed record Delivered(decimal Spend, long Leads, string? AdsetName, string? AdName);
}
