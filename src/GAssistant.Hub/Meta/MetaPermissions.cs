using System.Text.Json;
using System.Text.RegularExpressions;

namespace GAssistant.Hub.Meta;

/// <summary>What the hub does with Meta, each needing its own permissions; one can stop while the others go on.</summary>
public enum MetaFeature
{
    /// <summary>Reading leads and lead forms: <c>/{leadgen_id}</c>, <c>/{form_id}/leads</c>, <c>/{page_id}/leadgen_forms</c>.</summary>
    LeadRetrieval,

    /// <summary>Receiving leadgen webhooks: the Page subscribed to the app (<c>/{page_id}/subscribed_apps</c>).</summary>
    LeadWebhooks,

    /// <summary>Ad accounts, campaigns and insights.</summary>
    Insights,

    /// <summary>CRM stages sent back through the Conversions API (<c>/{pixel_id}/events</c>).</summary>
    Conversions,
}

/// <summary>
/// The one place that knows which Meta permission each feature needs (Settings' hints, the Facebook Login scope, the
/// <c>/me/permissions</c> check, and which feature a permission error stops). From Meta's pages:
/// lead retrieval https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving ("To retrieve all lead data
/// and ad level data": ads_management, leads_retrieval, pages_show_list, pages_read_engagement, pages_manage_ads; webhooks
/// also pages_manage_metadata), insights https://developers.facebook.com/docs/marketing-api/insights (ads_read), and the
/// Conversions API https://developers.facebook.com/documentation/ads-commerce/conversions-api/get-started (no permission:
/// the dataset is assigned to the token's system user in Business Settings). Pure.
/// </summary>
public static partial class MetaPermissions
{
    public const string AdsRead = "ads_read";
    public const string AdsManagement = "ads_management";
    public const string LeadsRetrieval = "leads_retrieval";
    public const string PagesShowList = "pages_show_list";
    public const string PagesReadEngagement = "pages_read_engagement";
    public const string PagesManageAds = "pages_manage_ads";
    public const string PagesManageMetadata = "pages_manage_metadata";

    private static readonly Dictionary<MetaFeature, string[]> Needed = new()
    {
        // ads_management only for the ad fields (ad_id, campaign_id…); without it leads still arrive, unattributed.
        [MetaFeature.LeadRetrieval] = [LeadsRetrieval, PagesShowList, PagesReadEngagement, PagesManageAds, AdsManagement],
        [MetaFeature.LeadWebhooks] = [PagesManageMetadata, PagesShowList],
        [MetaFeature.Insights] = [AdsRead],
        [MetaFeature.Conversions] = [],
    };

    /// <summary>Every permission the hub asks for, in a stable order (the Facebook Login <c>scope</c>).</summary>
    public static IReadOnlyList<string> All { get; } = Needed.Values.SelectMany(p => p).Distinct(StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<string> For(MetaFeature feature) => Needed[feature];

    /// <summary>
    /// Without any of these the hub receives no lead at all (reading leads, listing and subscribing Pages), so Settings
    /// saves no token that lacks one; ads_management only adds the ad fields and ads_read the insights.
    /// </summary>
    public static IReadOnlyList<string> RequiredToConnect { get; } =
        For(MetaFeature.LeadRetrieval).Concat(For(MetaFeature.LeadWebhooks)).Where(p => p != AdsManagement).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The features that stop without <paramref name="permission"/>.</summary>
    public static IReadOnlyList<MetaFeature> FeaturesNeeding(string permission) =>
        Needed.Where(f => f.Value.Contains(permission, StringComparer.Ordinal)).Select(f => f.Key).ToArray();

    /// <summary>What <paramref name="feature"/> still lacks, given the granted permissions (from <see cref="Granted"/>).</summary>
    public static IReadOnlyList<string> Missing(MetaFeature feature, IEnumerable<string> granted)
    {
        var have = granted.ToHashSet(StringComparer.Ordinal);
        return Needed[feature].Where(p => !have.Contains(p)).ToArray();
    }

    /// <summary>
    /// The granted permissions from <c>GET /me/permissions</c>
    /// (https://developers.facebook.com/docs/graph-api/reference/user/permissions/):
    /// <c>{"data": [{"permission": "ads_read", "status": "granted" | "declined" | "expired"}]}</c>.
    /// </summary>
    public static IReadOnlyList<string> Granted(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return data.EnumerateArray()
            .Where(p => MetaNotification.Id(p, "status") == "granted")
            .Select(p => MetaNotification.Id(p, "permission"))
            .OfType<string>().ToArray();
    }

    /// <summary>
    /// The permissions a Graph error message names, e.g. <c>(#200) Requires ads_management permission to manage the object</c>
    /// or <c>(#10) This endpoint requires the 'pages_read_engagement' permission</c>; only names the hub knows.
    /// </summary>
    public static IReadOnlyList<string> NamedIn(string? message) =>
        message is null ? [] : PermissionName().Matches(message).Select(m => m.Value).Where(All.Contains).Distinct(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\b[a-z]+(?:_[a-z]+)+\b", RegexOptions.CultureInvariant)]
    private static partial Regex PermissionName();
}
