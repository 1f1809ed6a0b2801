using System.Diagnostics;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Meta;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Outbox;

/// <summary>
/// Queued work goes out when it is committed, not at the outbox's next poll: with the poll set to an hour, a Meta lead still
/// reaches Odoo within seconds (its outbox row is written in the inbox's batch transaction, so the wake-up waits for the
/// commit).
/// </summary>
public abstract class OutboxWakeTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Outbox:PollInterval"] = "01:00:00";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task A_Meta_lead_reaches_Odoo_in_seconds_though_the_outbox_polls_hourly()
    {
        // The first poll runs at start; what follows is woken or waits an hour.
        await Task.Delay(500);
        _graph.AddLead("9601", "form1", "c1", "Ramadan Offer", fullName: "سارة الأحمد");
        var watch = Stopwatch.StartNew();

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9601", "form1", "adc1")]));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.CountAsync()), n => n == 1, TimeSpan.FromSeconds(20));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal("سارة الأحمد", Assert.Single(_odoo.Records("crm.lead"))["contact_name"]!.GetValue<string>());
    }
}

public sealed class OutboxWakeTestsOnSqlite() : OutboxWakeTests(HubProvider.Sqlite);

public sealed class OutboxWakeTestsOnPostgres() : OutboxWakeTests(HubProvider.Postgres);
