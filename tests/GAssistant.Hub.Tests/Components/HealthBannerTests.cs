using Bunit;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Health;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Components;

/// <summary>
/// The banner administrators see on every page while a connection check is warning or failing (issue 19 item 3): in the
/// reader's language, the worst check first, Meta's own words shown as text, gone when everything is ok again.
/// </summary>
public sealed class HealthBannerTests : ComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly HealthBoard _board = new();

    public HealthBannerTests()
    {
        Services.AddSingleton(_board);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
    }

    [Fact]
    public void A_failing_page_subscription_is_said_in_arabic_first_with_metas_words_as_text()
    {
        UseCulture("ar");
        _board.Apply(
        [
            new CheckResult("meta.token", "", CheckState.Warning, "meta_token_expiring", ["2026-12-08"]),
            new CheckResult("meta.page:1001", "<b>عيادة الرياض</b>", CheckState.Failing, "meta_page_unsubscribed", ["<img src=x onerror=alert(1)>"]),
            new CheckResult("odoo.connection", "odoo17", CheckState.Ok, "odoo_ok", ["17.0"]),
        ], Now);

        var banner = Render<HealthBanner>();

        var alert = banner.Find("[data-testid=health-banner]");
        Assert.Equal(("Failing", "2"), (alert.GetAttribute("data-state"), alert.GetAttribute("data-count")));
        var text = banner.Find("[data-testid=health-banner-text]").TextContent;
        Assert.Contains("تحتاج إلى انتباهك", text, StringComparison.Ordinal);
        Assert.Contains("<b>عيادة الرياض</b>", text, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", text, StringComparison.Ordinal);
        Assert.Empty(banner.FindAll("img"));
        Assert.Empty(banner.FindAll("b"));
        Assert.Equal("/settings#health", banner.Find("[data-testid=health-banner-open]").GetAttribute("href"));
    }

    [Fact]
    public void The_banner_says_it_in_english_and_is_gone_when_every_check_is_ok()
    {
        UseCulture("en");
        _board.Apply([new CheckResult("odoo.connection", "odoo17", CheckState.Failing, "odoo_unreachable", ["http://odoo.test", "502"])], Now);
        var banner = Render<HealthBanner>();
        Assert.Contains("1 connection checks need attention", banner.Find("[data-testid=health-banner-text]").TextContent, StringComparison.Ordinal);

        _board.Apply([new CheckResult("odoo.connection", "odoo17", CheckState.Ok, "odoo_ok", ["17.0"])], Now.AddMinutes(1));
        banner.Render();
        Assert.Empty(banner.FindAll("[data-testid=health-banner]"));
    }
}
