using System.Text.RegularExpressions;

namespace GAssistant.Hub.Tests.Auth;

/// <summary>Issue 13, 4 and 5: sign-out ends the session server side; the cookie opens the API to the hub's own pages only.</summary>
public abstract partial class SessionTests(HubProvider provider) : HubTest(provider)
{
    private async Task<(HttpClient Client, string Cookie)> SignedInAsync()
    {
        var client = Hub.CreateAnonymousClient();
        var login = await AuthTests.PostLoginAsync(client, await client.GetStringAsync("/login"), TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gah_auth=", StringComparison.Ordinal)).Split(';')[0];
        return (client, cookie);
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = Hub.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<string> PageTokenAsync(HttpClient client) =>
        AntiforgeryField().Match(await client.GetStringAsync("/crm")).Groups[1].Value;

    [Fact]
    public async Task A_cookie_saved_before_signing_out_no_longer_opens_the_api()
    {
        var (client, cookie) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/api/crm/summary")).StatusCode);

        var token = await PageTokenAsync(client);
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(cookie).GetAsync("/api/crm/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookie(cookie).GetAsync("/crm")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused_and_the_session_lives_on()
    {
        var (_, cookie) = await SignedInAsync();
        var logout = await WithCookie(cookie).PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/api/crm/summary")).StatusCode);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "http://evil.example")]
    public async Task A_cookie_post_to_the_api_from_another_origin_is_refused(string header, string value)
    {
        var (_, cookie) = await SignedInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scoring/train") { Content = new StringContent("x=1", System.Text.Encoding.UTF8, "text/plain") };
        request.Headers.Add(header, value);
        var response = await WithCookie(cookie).SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_hubs_own_pages_and_api_keys_still_post_to_the_api()
    {
        var (_, cookie) = await SignedInAsync();
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/scoring/train");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.Accepted, (await WithCookie(cookie).SendAsync(own)).StatusCode);

        using var script = new HttpRequestMessage(HttpMethod.Post, "/api/scoring/train");
        script.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Accepted, (await Hub.CreateApiClient().SendAsync(script)).StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    public async Task A_login_with_a_return_address_off_the_site_goes_to_the_dashboard(string returnUrl)
    {
        var client = Hub.CreateAnonymousClient();
        var page = await client.GetStringAsync("/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["Email"] = TestSecrets.AdminEmail, ["Password"] = TestSecrets.AdminPassword, ["ReturnUrl"] = returnUrl,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/crm", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SessionTestsOnSqlite() : SessionTests(HubProvider.Sqlite);

public sealed class SessionTestsOnPostgres() : SessionTests(HubProvider.Postgres);
