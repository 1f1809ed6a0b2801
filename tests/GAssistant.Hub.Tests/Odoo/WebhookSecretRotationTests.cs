using GAssistant.Hub.Odoo;
using GAssistant.Hub.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using GAssistant.Hub.Connections;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// The addon's secret made in Settings: stored encrypted, in force at once, and after a rotation the previous secret is
/// still accepted for <c>Odoo:WebhookSecretGracePeriod</c> (3 days), so the addon keeps delivering until its administrator
/// pastes the new one; then only the new one.
/// </summary>
public abstract class WebhookSecretRotationTests(HubProvider provider) : HubTest(provider)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Odoo:WebhookSecret"] = "" };

    private async Task UseAsync(string secret)
    {
        using var scope = Hub.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<OdooConnectionSetup>().UseWebhookSecretAsync(secret, TestPeople.Admin, CancellationToken.None);
        Assert.True(saved.Saved, string.Join(" ", saved.Errors));
    }

    private async Task<HttpStatusCode> SendAsync(string secret) =>
        (await new OdooWebhookSender(Hub.CreateAnonymousClient(), TimeProvider.System, secret).SendAsync(OdooWebhookSender.LeadEvent())).StatusCode;

    [Fact]
    public async Task A_secret_made_in_settings_is_in_force_at_once_and_stored_encrypted()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(TestSecrets.OdooWebhookSecret));
        var secret = StandardWebhookSecret.Generate();

        await UseAsync(secret);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(secret));
        var row = await Hub.WithDbAsync(db => db.ConnectionSettings.SingleAsync(s => s.Key == "Odoo:WebhookSecret"));
        Assert.True(row.IsSecret);
        Assert.DoesNotContain(secret["whsec_".Length..], row.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_rotation_the_previous_secret_is_accepted_for_the_grace_period_only()
    {
        var first = StandardWebhookSecret.Generate();
        var second = StandardWebhookSecret.Generate();
        await UseAsync(first);

        await UseAsync(second);

        Assert.Equal(HttpStatusCode.OK, await SendAsync(second));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(first));
        var until = Hub.Services.GetRequiredService<IOptionsMonitor<OdooOptions>>().CurrentValue.PreviousWebhookSecretUntil!.Value;
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(3));

        // Three days later (the grace period's end, written as the rotation wrote it).
        await Hub.Services.GetRequiredService<ConnectionSettings>().SaveAsync(new ConnectionChange()
            .Set("Odoo:PreviousWebhookSecretUntil", DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O")), TestPeople.Admin, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(second));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(first));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync("whsec_" + Convert.ToBase64String(new byte[32])));
    }
}

public sealed class WebhookSecretRotationTestsOnSqlite() : WebhookSecretRotationTests(HubProvider.Sqlite);

public sealed class WebhookSecretRotationTestsOnPostgres() : WebhookSecretRotationTests(HubProvider.Postgres);
