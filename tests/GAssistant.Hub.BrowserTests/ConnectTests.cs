using GAssistant.Hub.Meta;
using GAssistant.Hub.Tests.Meta;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.BrowserTests;

/// <summary>
/// Issue 18 as a business owner does it, in a real Chromium, in English and in Arabic: a fresh hub → sign in → connect
/// Odoo (the recorded-fixture double) → copy the webhook URL and a generated secret → a signed event arrives → the
/// checklist step turns done → connect Meta through the Login dialog double → pick a Page and an ad account →
/// subscribed → a leadgen webhook → done. Bad input on the way (wrong password, a short secret, a forged OAuth state)
/// gets a clear message and saves nothing. Screenshots of each page go to artifacts/screenshots for the docs.
/// </summary>
public sealed class ConnectTests
{
    private static readonly Dictionary<string, string> NothingSaved = new() { ["en"] = "Nothing was saved", ["ar"] = "لم يُحفَظ شيء" };

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task A_business_owner_connects_odoo_and_meta_from_a_fresh_hub_and_every_step_turns_done(string language)
    {
        var hub = new ConnectBrowserHub();
        await hub.InitializeAsync();
        try
        {
            var page = await hub.SignedInPageAsync(language);
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            var connect = new ConnectionPage(page);
            await page.WaitForSelectorAsync("[data-testid=empty-guide] [data-testid=setup-checklist]");
            await DashboardPage.WaitForInteractiveAsync(page);
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
            Assert.Equal("False", await page.GetAttributeAsync("[data-testid=setup-step][data-step=odoo]", "data-done"));
            await Artifacts.ScreenshotAsync(page, $"connect-{language}-1-empty-dashboard-checklist");
            await Artifacts.PanelAsync(page, "empty-guide", $"docs-{language}-empty-dashboard");

            await ConnectOdooAsync(hub, connect, language);
            await ConnectMetaAsync(hub, connect, language);

            await connect.OpenAsync("/settings");
            foreach (var step in new[] { "odoo", "addon", "odoo-event", "meta", "pages", "lead" })
            {
                await connect.WaitForStepDoneAsync(step);
            }

            await Artifacts.ScreenshotAsync(page, $"connect-{language}-9-settings-checklist-done");
            await Artifacts.PanelAsync(page, "setup-checklist", $"docs-{language}-checklist-done");
            Assert.Equal(0, hub.DialogsOpened);
            await page.Context.CloseAsync();
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private static async Task ConnectOdooAsync(ConnectBrowserHub hub, ConnectionPage connect, string language)
    {
        await connect.OpenAsync("/settings/odoo");
        await connect.FillAsync("odoo-url", GAssistant.Hub.Tests.Odoo.OdooFixtures.Url);
        await connect.FillAsync("odoo-database", GAssistant.Hub.Tests.Odoo.OdooFixtures.Database);
        await connect.FillAsync("odoo-username", GAssistant.Hub.Tests.Odoo.OdooFixtures.Login);
        await connect.FillAsync("odoo-apikey", "not-the-password");
        await connect.ClickAsync("odoo-save");
        var refused = await connect.WaitForAsync("odoo-result", "data-problem", "WrongCredentials");
        Assert.Contains(NothingSaved[language], await refused.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(hub.Hub.Services.GetRequiredService<IOptionsMonitor<GAssistant.Hub.Odoo.OdooOptions>>().CurrentValue.IsConfigured);
        await Artifacts.ScreenshotAsync(connect.Page, $"connect-{language}-2-odoo-wrong-password");
        await Artifacts.PanelAsync(connect.Page, "odoo-result", $"docs-{language}-odoo-wrong-password");

        await connect.FillAsync("odoo-apikey", GAssistant.Hub.Tests.Odoo.OdooFixtures.Password);
        await connect.ClickAsync("odoo-save");
        await connect.WaitForAsync("odoo-result", "data-problem", "None");
        await connect.Page.WaitForSelectorAsync("[data-testid=odoo-saved]");

        var url = await connect.CopyAsync("copy-webhook-url");
        Assert.Equal(new Uri(hub.Address, "/api/webhook/odoo").ToString(), url);
        await connect.FillAsync("addon-secret-input", "whsec_c2hvcnQtc2VjcmV0");
        await connect.ClickAsync("addon-secret-save");
        var shortSecret = await connect.WaitForAsync("addon-secret-error", "data-problem", "TooShort");
        Assert.Contains(NothingSaved[language], await shortSecret.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Unset", await connect.Page.GetAttributeAsync("[data-testid=addon-secret-state]", "data-source"));

        await connect.ClickAsync("addon-generate");
        await connect.Page.WaitForSelectorAsync("[data-testid=addon-secret-value]");
        var secret = await connect.CopyAsync("copy-secret");
        Assert.Equal(await connect.TextAsync("addon-secret-value"), secret);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await Artifacts.ScreenshotAsync(connect.Page, $"connect-{language}-3-odoo-connected-secret-once");
        await Artifacts.PanelAsync(connect.Page, "odoo-connection", $"docs-{language}-odoo-connection");
        await Artifacts.PanelAsync(connect.Page, "odoo-addon", $"docs-{language}-odoo-addon");

        // The addon's "Send test event", signed with the copied secret and sent to the copied URL.
        using var odoo = new HttpClient { BaseAddress = new Uri(url) };
        var sent = await new OdooWebhookSender(odoo, TimeProvider.System, secret).SendAsync(OdooWebhookSender.LeadEvent(id: 42));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await connect.OpenAsync("/settings");
        await connect.WaitForStepDoneAsync("odoo-event");
        await connect.WaitForStepDoneAsync("addon");
    }

    private static async Task ConnectMetaAsync(ConnectBrowserHub hub, ConnectionPage connect, string language)
    {
        await connect.OpenAsync("/settings/meta");
        await connect.Page.WaitForSelectorAsync("[data-testid=meta-app-first]");
        await connect.FillAsync("meta-app-id", ConnectBrowserHub.AppId);
        await connect.FillAsync("meta-app-secret", ConnectBrowserHub.AppSecret);
        await connect.ClickAsync("meta-app-save");
        await connect.WaitForAsync("meta-app-result", "data-saved", "True");

        // A callback whose state this browser never started: refused, nothing exchanged, nothing saved.
        await connect.Page.GotoAsync("/settings/meta/callback?code=AQDforged&state=forged-state");
        var forged = await connect.WaitForAsync("meta-outcome", "data-outcome", "state");
        Assert.Contains(NothingSaved[language], await forged.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("GET oauth/access_token", hub.Meta.Requests);
        await Artifacts.ScreenshotAsync(connect.Page, $"connect-{language}-4-meta-state-refused");

        await DashboardPage.WaitForInteractiveAsync(connect.Page);
        await connect.ClickAsync("meta-connect");
        await connect.Page.WaitForURLAsync(u => u.StartsWith(hub.Dialog.Address.ToString(), StringComparison.Ordinal));
        await connect.Page.ClickAsync("#continue");
        await connect.WaitForAsync("meta-outcome", "data-outcome", "connected");
        await connect.WaitForAsync("meta-token-status", "data-can-connect", "True");
        await connect.Page.WaitForSelectorAsync("[data-testid=meta-permission][data-permission=leads_retrieval][data-status=granted]");
        await Artifacts.ScreenshotAsync(connect.Page, $"connect-{language}-5-meta-connected");
        await Artifacts.PanelAsync(connect.Page, "meta-app", $"docs-{language}-meta-app");
        await Artifacts.PanelAsync(connect.Page, "meta-token", $"docs-{language}-meta-token");

        await connect.Page.WaitForSelectorAsync("[data-testid=meta-page][data-page-id=\"1003\"] [data-testid=meta-page-not-admin]");
        await connect.Page.ClickAsync("[data-testid=meta-page][data-page-id=\"1001\"] input[type=checkbox]");
        await connect.Page.ClickAsync("[data-testid=meta-adaccount][data-account-id=act_2001] input[type=checkbox]");
        await connect.ClickAsync("meta-assets-save");
        await connect.WaitForAsync("meta-assets-result", "data-saved", "True");
        await connect.Page.WaitForSelectorAsync("[data-testid=meta-page][data-page-id=\"1001\"] [data-testid=meta-page-subscribed]");
        Assert.Equal(["leadgen"], hub.Meta.Subscriptions["1001"][ConnectBrowserHub.AppId]);

        await connect.ClickAsync("meta-verify-generate");
        await connect.Page.WaitForSelectorAsync("[data-testid=meta-verify-value]");
        var verifyToken = await connect.CopyAsync("copy-verify-token");
        var callback = await connect.CopyAsync("copy-callback-url");
        Assert.Equal(new Uri(hub.Address, "/api/webhook/meta").ToString(), callback);
        await Artifacts.ScreenshotAsync(connect.Page, $"connect-{language}-6-meta-pages-webhook");
        await Artifacts.PanelAsync(connect.Page, "meta-assets", $"docs-{language}-meta-assets");
        await Artifacts.PanelAsync(connect.Page, "meta-webhook", $"docs-{language}-meta-webhook");

        // Meta's side: the subscription check with the verify token, then a lead from the Lead Ads Testing Tool.
        using var meta = new HttpClient { BaseAddress = hub.Address };
        var check = await meta.GetStringAsync($"/api/webhook/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={Uri.EscapeDataString(verifyToken)}");
        Assert.Equal("1158201444", check);
        var token = hub.Hub.Services.GetRequiredService<IOptionsMonitor<MetaOptions>>().CurrentValue.AccessToken!;
        var graph = new GraphApiDouble(ConnectBrowserHub.AppSecret, token);
        graph.AddLead("444444444444", "form1", null, null, fullName: "<test lead: dummy data for full_name>");
        hub.Meta.Others = graph.HandleAsync;
        var notification = MetaTestHub.Notification([("444444444444", "form1", null)]).Replace(MetaTestHub.PageId, "1001", StringComparison.Ordinal);
        var delivered = await MetaTestHub.PostSignedAsync(meta, notification, ConnectBrowserHub.AppSecret);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
    }
}
