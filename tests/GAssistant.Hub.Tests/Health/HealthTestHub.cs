using System.Text.Json.Nodes;
using GAssistant.Hub.Health;
using GAssistant.Hub.Tests.Meta;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.Health;

/// <summary>
/// A hub connected to Meta through the doubles built from Meta's documented shapes — the Login double answers
/// <c>/debug_token</c>, <c>/me/permissions</c>, <c>/me/accounts</c> and <c>/{page-id}/subscribed_apps</c>, the Graph double
/// the forms, leads, <c>has_lead_access</c> and insights — on a fake clock, with the connection checks' first run at start.
/// </summary>
public abstract class HealthTestHub(HubProvider provider) : HubTest(provider)
{
    public const string AppId = "1234567890123456";
    public const string AdAccount = "act_1001";
    public const string FormId = "form-health-1";

    protected static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected GraphApiDouble Graph { get; } = new(MetaTestHub.AppSecret, MetaTestHub.AccessToken);

    protected MetaLoginDouble Login { get; private set; } = null!;

    protected FakeOdoo Odoo { get; } = FakeOdoo.Empty();

    /// <summary>How long the token given to the hub lives from <see cref="Start"/>; null: a system user token that never expires.</summary>
    protected virtual TimeSpan? TokenLifetime => null;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:AppId"] = AppId;
            settings["Odoo:SyncInterval"] = "00:00:00";
            settings["Health:FirstCheckDelay"] = "00:00:00";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub)
    {
        Login = new MetaLoginDouble(AppId, MetaTestHub.AppSecret, Graph.HandleAsync) { Clock = Clock };
        Login.Tokens[MetaTestHub.AccessToken] = new MetaLoginDouble.TokenGrant(TokenLifetime is null ? "SYSTEM_USER" : "USER",
            Meta.Setup.MetaSetupHub.AllPermissions, [], Start + TokenLifetime);
        Login.Pages.Add(new MetaLoginDouble.Page(MetaTestHub.PageId, "عيادة الرياض", ["MANAGE", "ADVERTISE"]));
        Login.Subscriptions[MetaTestHub.PageId] = new() { [AppId] = ["leadgen"] };
        Graph.FormsByPage[MetaTestHub.PageId] = [FormId];
        Graph.AddLead("lead-h-1", FormId, "c1", "Winter");
        Graph.Objects[MetaTestHub.PageId] = LeadAccess(true);
        Graph.Edges[AdAccount + "/insights"] = [new JsonObject { ["spend"] = "12.34", ["date_start"] = "2026-11-30", ["date_stop"] = "2026-11-30" }];
        Odoo.InstallAddon();
        Odoo.SystemParameters = new() { ["g_assistant_connector.enabled"] = "True", ["g_assistant_connector.hub_url"] = "https://hub.example.com" };
        hub.Outbound.Register(GraphApiDouble.Host, Login.HandleAsync);
        hub.Outbound.Register(FakeOdoo.Host, Odoo.HandleAsync);
        hub.WithServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// <c>GET /{page-id}?fields=has_lead_access</c> as Meta documents it: whether the app may download the Page's leads and,
    /// when Leads Access Manager keeps them, why and what to do (https://developers.facebook.com/docs/graph-api/reference/has-lead-access/).
    /// </summary>
    protected static JsonObject LeadAccess(bool allowed, string reason = "", string resolution = "") => new()
    {
        ["id"] = MetaTestHub.PageId,
        ["has_lead_access"] = new JsonObject
        {
            ["app_has_leads_permission"] = true, ["can_access_lead"] = allowed, ["enabled_lead_access_manager"] = !allowed,
            ["failure_reason"] = reason, ["failure_resolution"] = resolution, ["is_page_admin"] = true, ["page_id"] = MetaTestHub.PageId,
        },
    };

    protected HealthBoard Board => Hub.Services.GetRequiredService<HealthBoard>();

    protected HealthCheck? Check(string key) => Board.Checks.SingleOrDefault(c => c.Result.Key == key);

    protected Task<HealthBoard> FirstRunAsync() => Eventually.ReturnsAsync(() => Task.FromResult(Board), b => b.LastRunAt is not null);

    /// <summary>
    /// Moves the fake clock a minute at a time until <paramref name="done"/> holds, and returns how far it moved: the time a
    /// person would wait. Fails when it takes longer than <paramref name="within"/>.
    /// </summary>
    protected async Task<TimeSpan> AdvanceUntilAsync(Func<bool> done, TimeSpan within)
    {
        var moved = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (!done())
        {
            Assert.True(moved <= within, $"Not seen after {moved} of fake time.");
            Assert.True(DateTime.UtcNow < deadline, "The checks did not run within ten minutes of real time.");
            var before = Board.LastRunAt;
            Clock.Advance(TimeSpan.FromMinutes(1));
            moved += TimeSpan.FromMinutes(1);
            try
            {
                // Let a run the advance released finish before looking again.
                await Eventually.ReturnsAsync(() => Task.FromResult(Board.LastRunAt), at => at != before, TimeSpan.FromMilliseconds(400));
            }
            catch (TimeoutException)
            {
                // Nothing was due this minute.
            }
        }

        return moved;
    }
}
