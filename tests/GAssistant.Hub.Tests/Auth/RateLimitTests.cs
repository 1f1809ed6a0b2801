namespace GAssistant.Hub.Tests.Auth;

/// <summary>ASP.NET Core's rate limiter on login and the API: 429 with Retry-After.</summary>
public abstract class RateLimitTests(HubProvider provider)
{
    [Fact]
    public async Task Repeated_logins_from_one_address_get_429_with_retry_after()
    {
        await using var hub = await HubFactory.CreateAsync(provider, new Dictionary<string, string?> { ["RateLimits:LoginPerMinute"] = "3" });
        var client = hub.CreateAnonymousClient();
        var page = await client.GetStringAsync("/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await AuthTests.PostLoginAsync(client, page, TestSecrets.AdminEmail, "guess " + i)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        var limited = await AuthTests.PostLoginAsync(client, page, TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Api_callers_over_their_limit_get_429_with_retry_after()
    {
        await using var hub = await HubFactory.CreateAsync(provider, new Dictionary<string, string?> { ["RateLimits:ApiPerMinute"] = "2" });
        var client = hub.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/odoo/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/crm/summary")).StatusCode);
        var limited = await client.GetAsync("/api/odoo/leads");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}

public sealed class RateLimitTestsOnSqlite() : RateLimitTests(HubProvider.Sqlite);

public sealed class RateLimitTestsOnPostgres() : RateLimitTests(HubProvider.Postgres);
