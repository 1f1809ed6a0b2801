namespace GAssistant.Hub.Tests.Odoo;

/// <summary>CONTRACT.md: with no <c>Odoo:WebhookSecret</c> every Odoo webhook is refused (unlike octokit's validator).</summary>
public abstract class WebhookSecretTests(HubProvider provider)
{
    [Fact]
    public async Task Without_a_configured_secret_every_odoo_webhook_is_refused()
    {
        await using var hub = await HubFactory.CreateAsync(provider, new Dictionary<string, string?> { ["Odoo:WebhookSecret"] = "" });
        var response = await new OdooWebhookSender(hub.CreateAnonymousClient(), TimeProvider.System).SendAsync(OdooWebhookSender.LeadEvent());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Odoo:WebhookSecret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_never_appears_in_the_logs()
    {
        await using var hub = await HubFactory.CreateAsync(provider);
        var sender = new OdooWebhookSender(hub.CreateAnonymousClient(), TimeProvider.System, "whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldA==");
        await sender.SendAsync(OdooWebhookSender.LeadEvent());

        var logs = string.Join('\n', hub.Logs.GetSnapshot().Select(r => r.Message + r.Exception));
        Assert.Contains("Refused an Odoo webhook", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSecrets.OdooWebhookSecret["whsec_".Length..], logs, StringComparison.Ordinal);
        Assert.DoesNotContain("ahmed@example.com", logs, StringComparison.Ordinal);
    }
}

public sealed class WebhookSecretTestsOnSqlite() : WebhookSecretTests(HubProvider.Sqlite);

public sealed class WebhookSecretTestsOnPostgres() : WebhookSecretTests(HubProvider.Postgres);
