using System.Text.RegularExpressions;
using GAssistant.Hub.Tests.Meta;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Auth;

/// <summary>Issue 13, 8: wrong keys and tokens are throttled per address, and a local sender cannot pick its address.</summary>
public abstract partial class CredentialThrottleTests(HubProvider provider)
{
    private static async Task<HubFactory> HubAsync(HubProvider provider, int failures)
    {
        var settings = MetaTestHub.Settings();
        settings["RateLimits:FailedCredentialsPerMinute"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Odoo:AutomationToken"] = "automation-token-for-throttle-tests";
        return await HubFactory.CreateAsync(provider, settings);
    }

    [Fact]
    public async Task Guessing_api_keys_gets_429_and_then_even_the_right_key_waits()
    {
        await using var hub = await HubAsync(provider, 5);
        var client = hub.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/odoo/leads");
            request.Headers.Authorization = new("Bearer", $"gah_guess_{i:D20}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
        var right = await hub.CreateApiClient().GetAsync("/api/odoo/leads");
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Guessing_the_automation_token_or_the_verify_token_gets_429()
    {
        await using var hub = await HubAsync(provider, 3);
        var client = hub.CreateAnonymousClient();
        var last = HttpStatusCode.OK;
        for (var i = 0; i < 4; i++)
        {
            using var body = new StringContent("""{"_model": "crm.lead", "_id": 1}""", System.Text.Encoding.UTF8, "application/json");
            last = (await client.PostAsync($"/api/webhook/odoo/automation?token=guess{i}", body)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        var verify = await client.GetAsync($"/api/webhook/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token={MetaTestHub.VerifyToken}");
        Assert.Equal(HttpStatusCode.TooManyRequests, verify.StatusCode);
    }

    [Fact]
    public async Task X_forwarded_for_from_the_same_machine_does_not_reset_the_login_limit()
    {
        await using var hub = await HubFactory.CreateAsync(provider, new Dictionary<string, string?> { ["RateLimits:LoginPerMinute"] = "3", ["urls"] = "http://127.0.0.1:0" });
        hub.UseKestrel();
        hub.StartServer();
        var address = new Uri(hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = address };
        var token = AntiforgeryField().Match(await client.GetStringAsync("/login")).Groups[1].Value;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["Email"] = TestSecrets.AdminEmail, ["Password"] = "guess " + i,
                }),
            };
            if (Environment.GetEnvironmentVariable("XFF_DEBUG") is null)
            {
                request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            }
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.True(statuses[^1] == HttpStatusCode.TooManyRequests, string.Join(", ", statuses));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class CredentialThrottleTestsOnSqlite() : CredentialThrottleTests(HubProvider.Sqlite);

public sealed class CredentialThrottleTestsOnPostgres() : CredentialThrottleTests(HubProvider.Postgres);
