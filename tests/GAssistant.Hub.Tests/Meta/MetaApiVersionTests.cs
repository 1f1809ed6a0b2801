using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// An expired API version as Meta treats it (https://developers.facebook.com/docs/marketing-api/overview/versioning): refused
/// with <c>(#2635) You are calling a deprecated version of the Ads API</c>, or auto-upgraded with an
/// <c>X-Ad-Api-Version-Warning</c> header ("Can I check if any specific API call has been auto-upgraded?").
/// </summary>
public abstract class MetaApiVersionTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:ApiVersion"] = "v23.0";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task A_lead_refused_for_an_expired_version_waits_and_goes_in_once_a_supported_version_is_set()
    {
        _graph.AddLead("9911", "form1", "c1", "Ramadan Offer");

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9911", "form1", "adc1")]));
        var waiting = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync()),
            m => m?.Status == OutboxStatus.Failed);

        Assert.Equal("meta.api_version:v23.0", waiting!.WaitingFor);
        var meta = await MetaHealthAsync();
        Assert.Equal("degraded", meta["state"]!.GetValue<string>());
        Assert.Contains(meta["notices"]!.AsArray(), n => n!["code"]!.GetValue<string>() == "api_version_refused");
        Assert.Empty(_odoo.Records("crm.lead"));

        Hub.Reconfigure("Meta:ApiVersion", GraphApiDouble.Version);

        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.CountAsync()), n => n == 1);
        Assert.Single(_odoo.Records("crm.lead"));
        Assert.DoesNotContain((await MetaHealthAsync())["notices"]!.AsArray(), n => n!["code"]!.GetValue<string>().StartsWith("api_version", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_Meta_auto_upgraded_works_and_health_shows_Metas_warning()
    {
        _graph.AutoUpgraded["v23.0"] = true;
        _graph.AddLead("9912", "form1", "c1", "Ramadan Offer");

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9912", "form1", "adc1")]));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.CountAsync()), n => n == 1);

        var notice = (await MetaHealthAsync())["notices"]!.AsArray().Single(n => n!["code"]!.GetValue<string>() == "api_version_upgraded")!;
        Assert.Equal(["v23.0", $"The call has been auto-upgraded to {GraphApiDouble.Version} as v23.0 has been deprecated"],
            notice["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    private async Task<JsonNode> MetaHealthAsync() =>
        JsonNode.Parse(await Hub.CreateAnonymousClient().GetStringAsync("/health"))!["integrations"]!["meta"]!;
}

public sealed class MetaApiVersionTestsOnSqlite() : MetaApiVersionTests(HubProvider.Sqlite);

public sealed class MetaApiVersionTestsOnPostgres() : MetaApiVersionTests(HubProvider.Postgres);
