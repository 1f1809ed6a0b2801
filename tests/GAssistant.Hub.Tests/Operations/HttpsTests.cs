using GAssistant.Hub.Tests.Auth;

namespace GAssistant.Hub.Tests.Operations;

/// <summary>CONTRACT.md: behind a TLS-terminating proxy the hub honours X-Forwarded-Proto; cookies are Secure on HTTPS.</summary>
public abstract class HttpsTests(HubProvider provider)
{
    private static async Task<string> LoginCookieAsync(HubFactory hub, string? forwardedProto)
    {
        var client = hub.CreateAnonymousClient();
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        var response = await AuthTests.PostLoginAsync(client, await client.GetStringAsync("/login"), TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gah_auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_login_cookie_is_secure_when_the_proxy_says_the_request_was_https()
    {
        await using var hub = await HubFactory.CreateAsync(provider, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        Assert.Contains("secure", await LoginCookieAsync(hub, "https"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_login_cookie_is_httponly_and_not_secure_on_plain_http()
    {
        await using var hub = await HubFactory.CreateAsync(provider);
        var cookie = await LoginCookieAsync(hub, null);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class HttpsTestsOnSqlite() : HttpsTests(HubProvider.Sqlite);

public sealed class HttpsTestsOnPostgres() : HttpsTests(HubProvider.Postgres);
