namespace GAssistant.Hub.Tests.Operations;

/// <summary>Issue 13, 3 and 8: no address a caller writes (Host, X-Forwarded-Host, returnUrl) is sent back; OpenAPI says how to authenticate.</summary>
public sealed class HostTrustTests : IAsyncLifetime
{
    private HubFactory _hub = default!;

    public async Task InitializeAsync() => _hub = await HubFactory.CreateAsync(HubProvider.Sqlite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static HttpRequestMessage Forged(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        return request;
    }

    [Fact]
    public async Task The_login_redirect_names_no_host_a_caller_chose()
    {
        var response = await _hub.CreateAnonymousClient().SendAsync(Forged("/crm"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Location!.IsAbsoluteUri, response.Headers.Location.ToString());
        Assert.StartsWith("/login", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_no_server_from_the_request_and_declares_its_security_schemes()
    {
        var text = await (await _hub.CreateAnonymousClient().SendAsync(Forged("/openapi/v1.json"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        var document = JsonDocument.Parse(text).RootElement;
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        var paths = document.GetProperty("paths");
        Assert.NotEmpty(paths.GetProperty("/api/odoo/leads").GetProperty("get").GetProperty("security").EnumerateArray());
        Assert.Empty(paths.GetProperty("/api/webhook/odoo").GetProperty("post").GetProperty("security").EnumerateArray());
    }

    [Theory]
    [InlineData("/culture/en?returnUrl=/%5Cevil.example")]
    [InlineData("/culture/en?returnUrl=/%09/evil.example")]
    public async Task The_language_switch_never_redirects_off_the_site(string url)
    {
        var response = await _hub.CreateAnonymousClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/crm", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_inline_scripts()
    {
        var response = await _hub.CreateAnonymousClient().GetAsync("/login");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Auth:ApiKeys:0", "short-key")]
    [InlineData("Odoo:AutomationToken", "short")]
    [InlineData("Odoo:WebhookSecret", "whsec_c2hvcnQ=")]
    [InlineData("Meta:VerifyToken", "abc")]
    public async Task A_key_or_token_short_enough_to_guess_stops_the_hub_at_start_naming_it(string key, string value)
    {
        await using var hub = await HubFactory.CreateAsync(HubProvider.Sqlite, new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => { _ = hub.Server; });
        Assert.Contains(key.Split(':')[0] + ":" + key.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }
}
