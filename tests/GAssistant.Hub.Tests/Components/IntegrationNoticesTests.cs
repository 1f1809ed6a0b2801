using Bunit;
using GAssistant.Hub.Components.Pages.Settings;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Tests.Components;

/// <summary>Settings' notices come from the resources in both languages; only Meta's own words stay as Meta wrote them.</summary>
public sealed class IntegrationNoticesTests : ComponentTest
{
    private static readonly IntegrationNotice Expired = new("api_version_expired", ["v23.0", "2026-06-09", "v26.0"], "English detail");
    private static readonly IntegrationNotice Permission = new("permission_missing", ["LeadRetrieval", "leads_retrieval"], "English detail");

    [Fact]
    public void An_expired_version_and_a_missing_permission_are_said_in_english()
    {
        var notices = Render<IntegrationNotices>(p => p.Add(c => c.Notices, [Expired, Permission]));

        var texts = notices.FindAll("[data-testid=integration-notice]").Select(n => n.TextContent.Trim()).ToList();
        Assert.Equal("Meta:ApiVersion v23.0 passed its end on 2026-06-09: calls may fail. Set it to v26.0.", texts[0]);
        Assert.StartsWith("Lead retrieval is stopped: the permission leads_retrieval is missing.", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_notices_are_said_in_arabic()
    {
        UseCulture("ar");

        var notices = Render<IntegrationNotices>(p => p.Add(c => c.Notices, [Expired, Permission]));

        var texts = notices.FindAll("[data-testid=integration-notice]").Select(n => n.TextContent.Trim()).ToList();
        Assert.Contains("v23.0", texts[0], StringComparison.Ordinal);
        Assert.Contains("انتهى دعم الإصدار", texts[0], StringComparison.Ordinal);
        Assert.Contains("جلب العملاء المحتملين", texts[1], StringComparison.Ordinal);
        Assert.DoesNotContain("English detail", notices.Markup, StringComparison.Ordinal);
    }
}
