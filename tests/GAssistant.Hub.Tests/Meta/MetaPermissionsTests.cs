using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Which feature needs which permission, from https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving
/// and https://developers.facebook.com/docs/marketing-api/insights; the answer shape of <c>GET /me/permissions</c> from
/// https://developers.facebook.com/docs/graph-api/reference/user/permissions/.
/// </summary>
public sealed class MetaPermissionsTests
{
    [Fact]
    public void Lead_retrieval_needs_the_permissions_Meta_lists_for_lead_and_ad_data()
    {
        Assert.Equal(["leads_retrieval", "pages_show_list", "pages_read_engagement", "pages_manage_ads", "ads_management"],
            MetaPermissions.For(MetaFeature.LeadRetrieval));
        Assert.Equal(["ads_read"], MetaPermissions.For(MetaFeature.Insights));
        Assert.Contains("pages_manage_metadata", MetaPermissions.For(MetaFeature.LeadWebhooks));
        Assert.Empty(MetaPermissions.For(MetaFeature.Conversions));
    }

    [Fact]
    public void The_login_scope_asks_each_permission_once()
    {
        Assert.Equal(MetaPermissions.All.Distinct().Count(), MetaPermissions.All.Count);
        Assert.Equal(7, MetaPermissions.All.Count);
        Assert.Equal([MetaFeature.LeadRetrieval, MetaFeature.LeadWebhooks], MetaPermissions.FeaturesNeeding("pages_show_list"));
    }

    [Fact]
    public void What_a_feature_lacks_is_read_from_the_granted_permissions_only()
    {
        using var answer = JsonDocument.Parse("""
            {"data": [{"permission": "ads_read", "status": "granted"}, {"permission": "leads_retrieval", "status": "declined"},
                      {"permission": "pages_show_list", "status": "granted"}, {"permission": "pages_read_engagement", "status": "expired"},
                      {"permission": "pages_manage_ads", "status": "granted"}, {"permission": "ads_management", "status": "granted"}]}
            """);

        var granted = MetaPermissions.Granted(answer.RootElement);

        Assert.Equal(["leads_retrieval", "pages_read_engagement"], MetaPermissions.Missing(MetaFeature.LeadRetrieval, granted));
        Assert.Empty(MetaPermissions.Missing(MetaFeature.Insights, granted));
    }

    [Theory]
    [InlineData("(#200) Requires ads_management permission to manage the object", "ads_management")]
    [InlineData("(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature.", "pages_read_engagement")]
    [InlineData("(#200) The user hasn't authorized the application to perform this action", "")]
    public void A_permission_error_names_the_permissions_Meta_put_in_its_message(string message, string named)
    {
        Assert.Equal(named.Length == 0 ? [] : [named], MetaPermissions.NamedIn(message));
    }
}
