using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>The periodic pull: a lead changed in Odoo with no webhook at all appears within one <c>Odoo:SyncInterval</c>.</summary>
public sealed class OdooSyncWorkerTests() : OdooHubTest(HubProvider.Sqlite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Odoo:SyncInterval"] = "00:05:00";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub)
    {
        base.Configure(hub);
        hub.WithServices(services => services.AddSingleton<TimeProvider>(_clock));
    }

    [Fact]
    public async Task A_lead_changed_in_odoo_without_a_webhook_appears_within_one_sync_interval()
    {
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.CountAsync()), count => count == 5);
        Odoo.Now = Odoo.Now.AddMinutes(2);
        Odoo.Change("crm.lead", 5, lead => lead["name"] = "changed with no webhook");

        _clock.Advance(TimeSpan.FromMinutes(5));

        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.SingleAsync(l => l.OdooId == 5)), lead => lead.Name == "changed with no webhook");
        var health = await Hub.CreateAnonymousClient().GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative));
        Assert.Contains("succeeded", health.GetProperty("integrations").GetProperty("odoo").GetProperty("detail").GetString());
    }
}
