using System.Net;
using GAssistant.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// <c>/api/webhook/meta</c> as Meta calls it: the verification request and signed event notifications
/// (https://developers.facebook.com/docs/graph-api/webhooks/getting-started).
/// </summary>
public abstract class MetaWebhookTests(HubProvider provider) : HubTest(provider)
{
    protected override IDictionary<string, string?> Settings => MetaTestHub.Settings();

    protected override void Configure(HubFactory hub) => MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task The_verification_request_with_the_right_token_gets_the_challenge_back_as_text()
    {
        var response = await Hub.CreateAnonymousClient().GetAsync(
            $"/api/webhook/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={MetaTestHub.VerifyToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong")]
    [InlineData("hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock")]
    [InlineData("hub.mode=subscribe&hub.challenge=1158201444")]
    public async Task A_verification_request_with_a_wrong_token_or_mode_is_forbidden(string query)
    {
        var response = await Hub.CreateAnonymousClient().GetAsync("/api/webhook/meta?" + query);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("1158201444", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData(null)]
    public async Task A_notification_with_a_wrong_or_missing_signature_is_refused_and_nothing_is_stored(string? secret)
    {
        var response = await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(),
            MetaTestHub.Notification([("9001", "form1", "ad1")]), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.InboxEvents.CountAsync()));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var body = MetaTestHub.Notification([("9001", "form1", "ad1")]);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook/meta") { Content = new StringContent(body.Replace("9001", "9002", StringComparison.Ordinal)) };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(
            System.Security.Cryptography.HMACSHA256.HashData("meta-app-secret-for-tests"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(body))));

        var response = await Hub.CreateAnonymousClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_of_a_thousand_leads_is_stored_once_and_queued_once_per_lead()
    {
        var leads = Enumerable.Range(1, 1000).Select(i => ($"{800000 + i}", "form1", (string?)null)).ToList();
        var body = MetaTestHub.Notification(leads);

        var response = await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), body);
        var again = await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await Hub.WithDbAsync(db => db.InboxEvents.CountAsync()));
        try
        {
            await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "meta.lead_to_odoo")), n => n == 1000);
        }
        catch (TimeoutException)
        {
            var e = await Hub.WithDbAsync(db => db.InboxEvents.SingleAsync());
            Assert.Fail($"{e.Status} {e.Attempts} {e.LastError}");
        }
    }
}

public sealed class MetaWebhookTestsOnSqlite() : MetaWebhookTests(HubProvider.Sqlite);

public sealed class MetaWebhookTestsOnPostgres() : MetaWebhookTests(HubProvider.Postgres);

/// <summary>With no app secret configured every notification is refused (unlike Octokit's validator, which lets them through).</summary>
public abstract class MetaWebhookWithoutSecretTests(HubProvider provider) : HubTest(provider)
{
    [Fact]
    public async Task A_notification_is_refused_when_no_app_secret_is_configured()
    {
        var response = await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9001", "form1", "ad1")]), "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.InboxEvents.CountAsync()));
        var health = await Hub.CreateAnonymousClient().GetStringAsync("/health");
        Assert.Contains("\"meta\":{\"state\":\"not_configured\"", health, StringComparison.Ordinal);
    }
}

public sealed class MetaWebhookWithoutSecretTestsOnSqlite() : MetaWebhookWithoutSecretTests(HubProvider.Sqlite);
