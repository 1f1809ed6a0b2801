namespace GAssistant.Hub.BrowserTests.PageObjects;

/// <summary>/login: an email field, a password field and a submit button (CONTRACT.md).</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string email, string password, string returnUrl = "/crm")
    {
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("form[action='/account/login'] button[type=submit]");
        // Signed in once the browser has left /login; the next page object waits for what it needs.
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
    }
}
