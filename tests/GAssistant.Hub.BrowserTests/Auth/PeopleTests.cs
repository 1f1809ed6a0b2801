using GAssistant.Hub.Data;
using GAssistant.Hub.Auth;

namespace GAssistant.Hub.BrowserTests.Auth;

/// <summary>People and roles as a browser sees them: what a viewer can open, an invitation from Settings to a first sign-in, the audit list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleTests(BrowserHub hub)
{
    [Fact]
    public async Task A_viewer_sees_the_dashboards_and_no_settings_link_and_cannot_open_settings()
    {
        await hub.Hub.AddPersonAsync("viewer-browser@example.com", HubRoles.Viewer, "viewer browser password");
        var page = await hub.SignedInPageAsync("en", email: "viewer-browser@example.com", password: "viewer browser password");
        await new CrmDashboard(page).OpenAsync();

        Assert.Equal(0, await page.Locator("[data-testid=nav] a[href='/settings']").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=nav] a[href='/deliveries']").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=nav] a[href='/campaigns']").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=odoo-sync-button]").CountAsync());

        await page.GotoAsync("/settings");
        await page.WaitForSelectorAsync("[data-testid=forbidden]");
        Assert.Equal(0, await page.Locator("[data-testid=api-keys]").CountAsync());
        var status = await page.EvaluateAsync<int>("() => fetch('/api/odoo/sync', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(r => r.status)");
        Assert.Equal(403, status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_invited_person_signs_in_with_their_own_password_and_the_audit_list_shows_who_invited_them_and_when()
    {
        var admin = await hub.SignedInPageAsync("en");
        await admin.GotoAsync("/settings");
        await DashboardPage.WaitForInteractiveAsync(admin);
        await admin.FillAsync("[data-testid=invite-email]", "huda@example.com");
        await admin.ClickAsync("[data-testid=invite]");
        var link = await admin.InnerTextAsync("[data-testid=invite-link]");
        Assert.Contains("/invite?token=", link, StringComparison.Ordinal);

        var audit = admin.Locator("[data-testid=audit-row][data-action='user.invited']").Filter(new() { HasText = "huda@example.com" });
        await audit.WaitForAsync();
        var row = await audit.InnerTextAsync();
        Assert.Contains(TestSecrets.AdminEmail, row, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        await Artifacts.ScreenshotAsync(admin, "settings-invited-en-desktop");
        await admin.Context.CloseAsync();

        var context = await hub.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = hub.Address.ToString() });
        var invited = await context.NewPageAsync();
        await invited.GotoAsync(link);
        await invited.FillAsync("input[name=Password]", "huda's own password");
        await invited.FillAsync("input[name=Confirm]", "huda's own password");
        await Artifacts.ScreenshotAsync(invited, "invite-en-desktop");
        await invited.ClickAsync("form[action='/account/invitation'] button[type=submit]");
        await invited.WaitForSelectorAsync("[data-testid=welcome]");
        Assert.Equal("huda@example.com", await invited.InputValueAsync("input[name=Email]"));
        await invited.FillAsync("input[name=Password]", "huda's own password");
        await invited.ClickAsync("form[action='/account/login'] button[type=submit]");
        await invited.WaitForURLAsync(url => url.EndsWith("/crm", StringComparison.Ordinal));
        await new CrmDashboard(invited).OpenAsync();
        Assert.Equal(0, await invited.Locator("[data-testid=nav] a[href='/settings']").CountAsync());
        await context.CloseAsync();
    }
}
