using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Permission errors as Meta documents them (https://developers.facebook.com/docs/graph-api/guides/error-handling#errorcodes:
/// 10 "API Permission Denied" and 200–299 "API Permission", "permission is either not granted or has been removed"): the
/// feature that needs the permission stops and says which, the rest goes on, and the stopped work goes in once it is granted.
/// </summary>
public abstract class MetaPermissionErrorTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:PermissionRecheckInterval"] = "00:00:02";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task Error_200_stops_lead_retrieval_only_names_the_permission_and_the_lead_goes_in_once_it_is_granted()
    {
        _graph.AddLead("9901", "form1", "c1", "Ramadan Offer");
        _graph.Fail("9901", HttpStatusCode.BadRequest, GraphApiDouble.Error(200, "(#200) Requires leads_retrieval permission to manage the object", type: "OAuthException"));

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9901", "form1", "adc1")]));
        var waiting = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync()),
            m => m?.Status == OutboxStatus.Failed);

        Assert.Equal("meta.permission:LeadRetrieval", waiting!.WaitingFor);
        Assert.Contains("leads_retrieval", waiting.LastError, StringComparison.Ordinal);
        var meta = await MetaHealthAsync();
        Assert.Equal("degraded", meta["state"]!.GetValue<string>());
        var notice = meta["notices"]!.AsArray().Single(n => n!["code"]!.GetValue<string>() == "permission_missing")!;
        Assert.Equal(["LeadRetrieval", "leads_retrieval"], notice["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));

        // Insights need ads_read only: the campaign sync goes on.
        _graph.Objects["act_1001"] = new JsonObject { ["currency"] = "SAR", ["name"] = "Main", ["id"] = "act_1001" };
        _graph.Edges["act_1001/campaigns"] = [];
        _graph.Edges["act_1001/insights"] = [];
        var sync = await Hub.CreateApiClient().PostAsJsonAsync("/api/meta/sync-campaigns", new { from = "2026-11-01", to = "2026-11-01" });
        var job = JsonNode.Parse(await sync.Content.ReadAsStringAsync())!["job"]!["id"]!.GetValue<string>();
        await Eventually.ReturnsAsync(async () => JsonNode.Parse(await Hub.CreateApiClient().GetStringAsync($"/api/jobs/{job}"))!["job"]!["status"]!.GetValue<string>(),
            s => s == "succeeded");

        // The permission is granted (the double answers again): at the recheck the waiting lead is the probe, and goes in.
        var link = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.SingleOrDefaultAsync()), l => l is not null);
        Assert.Single(_odoo.Records("crm.lead"));
        Assert.Equal(link!.OdooLeadId, _odoo.Records("crm.lead").Single()["id"]!.GetValue<int>());
        Assert.Equal("ok", (await MetaHealthAsync())["state"]!.GetValue<string>());
        Assert.Equal(2, _graph.Requests.Count(r => r == $"GET {GraphApiDouble.Version}/9901"));
    }

    private async Task<JsonNode> MetaHealthAsync() =>
        JsonNode.Parse(await Hub.CreateAnonymousClient().GetStringAsync("/health"))!["integrations"]!["meta"]!;
}

public sealed class MetaPermissionErrorTestsOnSqlite() : MetaPermissionErrorTests(HubProvider.Sqlite);

public sealed class MetaPermissionErrorTestsOnPostgres() : MetaPermissionErrorTests(HubProvider.Postgres);
