using System.Net;
using System.Text.Json.Nodes;
using GAssistant.Hub.Health;
using GAssistant.Hub.Tests.Meta;

namespace GAssistant.Hub.Tests.Health;

/// <summary>
/// The scheduled checks of Meta against the doubles. Each failure is taken from Meta's documentation:
/// <c>/debug_token</c>'s <c>expires_at</c> and <c>is_valid</c> (https://developers.facebook.com/docs/graph-api/reference/debug_token),
/// <c>/me/permissions</c> statuses (https://developers.facebook.com/docs/graph-api/reference/user/permissions),
/// <c>/{page-id}/subscribed_apps</c> (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps),
/// <c>has_lead_access</c> (https://developers.facebook.com/docs/graph-api/reference/has-lead-access/), the error shape
/// (https://developers.facebook.com/docs/graph-api/guides/error-handling) and the usage headers
/// (https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
/// </summary>
public sealed class MetaChecksTests() : HealthTestHub(HubProvider.Sqlite)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_healthy_connection_shows_every_check_ok_with_the_ad_accounts_usage_in_the_api_and_in_health()
    {
        await FirstRunAsync();
        Graph.ResponseHeaders["X-Business-Use-Case-Usage"] =
            """{"1001":[{"type":"ads_insights","call_count":"28","total_cputime":12,"total_time":9,"estimated_time_to_regain_access":0}]}""";
        await AdvanceUntilAsync(() => Check("meta.ad_account:" + AdAccount)!.Result.UsagePercent > 0, Interval);

        var api = await Hub.CreateApiClient().GetFromJsonAsync<JsonObject>("/api/health/checks");
        Assert.Equal("ok", api!["status"]!.GetValue<string>());
        var checks = api["checks"]!.AsArray().ToDictionary(c => c!["key"]!.GetValue<string>(), c => c!.AsObject());
        Assert.Equal(["leads.backfill", "meta.ad_account:act_1001", "meta.page:" + MetaTestHub.PageId, "meta.token", "odoo.addon", "odoo.connection"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.Equal("ok", c["state"]!.GetValue<string>()));
        Assert.Equal(28, checks["meta.ad_account:act_1001"]["usage_percent"]!.GetValue<double>());
        Assert.Equal("Insights readable; 28% of Meta's rate limit used.", checks["meta.ad_account:act_1001"]["finding"]!.GetValue<string>());
        Assert.Equal("عيادة الرياض", checks["meta.page:" + MetaTestHub.PageId]["name"]!.GetValue<string>());
        Assert.Equal(Clock.GetUtcNow(), checks["meta.token"]["last_success"]!.GetValue<DateTimeOffset>());

        var health = await Hub.CreateClient().GetFromJsonAsync<JsonObject>("/health");
        Assert.Equal("ok", health!["integrations"]!["checks"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_checks_are_for_administrators_only()
    {
        var anonymous = await Hub.CreateAnonymousClient().GetAsync(new Uri("/api/health/checks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_revoked_permission_fails_the_token_check_within_one_interval_naming_the_permission()
    {
        await FirstRunAsync();
        Assert.Equal(CheckState.Ok, Check("meta.token")!.State);

        // The person removed leads_retrieval from the app in their Business Integrations: /me/permissions says "declined".
        Login.Tokens[MetaTestHub.AccessToken] = Login.Tokens[MetaTestHub.AccessToken] with
        {
            Granted = [.. Meta.Setup.MetaSetupHub.AllPermissions.Where(p => p != "leads_retrieval")], Declined = ["leads_retrieval"],
        };

        var waited = await AdvanceUntilAsync(() => Check("meta.token")?.State == CheckState.Failing, Interval);

        var check = Check("meta.token")!;
        Assert.Equal("meta_permission_revoked", check.Result.Code);
        Assert.Contains("leads_retrieval", CheckText.Finding(check.Result, "en"), StringComparison.Ordinal);
        Assert.Equal(Start + waited, check.Since);
        Assert.Equal(Start, check.LastSuccess);
    }

    [Fact]
    public async Task An_unsubscribed_page_is_subscribed_again_and_reported_so_the_gap_is_looked_at()
    {
        await FirstRunAsync();

        // Someone removed the app from the Page: GET /{page-id}/subscribed_apps no longer lists it.
        Login.Subscriptions[MetaTestHub.PageId].Clear();
        await AdvanceUntilAsync(() => Check("meta.page:" + MetaTestHub.PageId)?.State != CheckState.Ok, Interval);

        var check = Check("meta.page:" + MetaTestHub.PageId)!;
        Assert.Equal((CheckState.Warning, "meta_page_resubscribed"), (check.State, check.Result.Code));
        Assert.Equal(["leadgen"], Login.Subscriptions[MetaTestHub.PageId][AppId]);
    }

    [Fact]
    public async Task A_page_the_token_cannot_manage_any_more_fails_its_check()
    {
        await FirstRunAsync();

        Login.Pages[0] = Login.Pages[0] with { Tasks = ["ANALYZE"] };
        await AdvanceUntilAsync(() => Check("meta.page:" + MetaTestHub.PageId)?.State == CheckState.Failing, Interval);

        Assert.Equal("meta_page_not_managed", Check("meta.page:" + MetaTestHub.PageId)!.Result.Code);
    }

    [Fact]
    public async Task A_Leads_Access_Manager_block_is_reported_as_such_with_Metas_own_words()
    {
        await FirstRunAsync();

        Graph.Objects[MetaTestHub.PageId] = LeadAccess(false, "<b>CRM access</b> was not assigned in Leads Access Manager",
            "Assign the CRM in Business Settings > Integrations > Leads Access");
        await AdvanceUntilAsync(() => Check("meta.page:" + MetaTestHub.PageId)?.State == CheckState.Failing, Interval);

        var check = Check("meta.page:" + MetaTestHub.PageId)!;
        Assert.Equal("meta_leads_access_blocked", check.Result.Code);
        Assert.Contains("<b>CRM access</b> was not assigned", CheckText.Finding(check.Result, "en"), StringComparison.Ordinal);
        Assert.Contains("Leads Access", CheckText.Action(check.Result, "ar"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_lead_read_fails_the_page_check_with_Metas_message()
    {
        await FirstRunAsync();

        // A permission error as Meta documents them: code 200, OAuthException (error-handling guide).
        for (var i = 0; i < 20; i++)
        {
            Graph.Fail(FormId + "/leads", HttpStatusCode.Forbidden, GraphApiDouble.Error(200, "(#200) Requires pages_manage_ads permission to manage the object"));
        }

        await AdvanceUntilAsync(() => Check("meta.page:" + MetaTestHub.PageId)?.State == CheckState.Failing, Interval);

        var check = Check("meta.page:" + MetaTestHub.PageId)!;
        Assert.Equal("meta_leads_unreadable", check.Result.Code);
        Assert.Contains("(#200) Requires pages_manage_ads", CheckText.Finding(check.Result, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_near_Metas_limit_warns_with_the_percentage()
    {
        await FirstRunAsync();
        // Meta sends X-Ad-Account-Usage on calls about that ad account.
        Hub.Outbound.Register(GraphApiDouble.Host, async request =>
        {
            var answer = await Login.HandleAsync(request);
            if (request.RequestUri!.AbsolutePath.EndsWith($"/{AdAccount}/insights", StringComparison.Ordinal))
            {
                answer.Headers.TryAddWithoutValidation("X-Ad-Account-Usage", """{"acc_id_util_pct":93.5,"reset_time_duration":0}""");
            }

            return answer;
        });
        await AdvanceUntilAsync(() => Check("meta.ad_account:" + AdAccount)!.State != CheckState.Ok, Interval);

        var check = Check("meta.ad_account:" + AdAccount)!;
        Assert.Equal((CheckState.Warning, "meta_usage_high"), (check.State, check.Result.Code));
        Assert.Equal("94% of Meta's rate limit is used.", CheckText.Finding(check.Result, "en"));
    }
}

/// <summary>A token that expires: a warning seven days before, failing once it has expired.</summary>
public sealed class ExpiringTokenTests() : HealthTestHub(HubProvider.Sqlite)
{
    protected override TimeSpan? TokenLifetime => TimeSpan.FromDays(7) + TimeSpan.FromMinutes(10);

    // The fake clock jumps seven days. FakeTimeProvider fires a periodic timer once for every period it passes, and each
    // worker's tick runs inline in Advance (a SQLite query each): the suite's 200 ms inbox and outbox polls and the one-minute
    // configuration watch and scoring ticks made that one call run for more than twelve minutes on CI.
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Inbox:PollInterval"] = "01:00:00";
            settings["Outbox:PollInterval"] = "01:00:00";
            settings["Meta:ConfigurationCheckInterval"] = "1.00:00:00";
            settings["Scoring:ScoreInterval"] = "1.00:00:00";
            return settings;
        }
    }

    [Fact]
    public async Task An_expiring_token_warns_seven_days_before_and_fails_once_expired()
    {
        await FirstRunAsync();
        Assert.Equal((CheckState.Ok, "meta_token_ok"), (Check("meta.token")!.State, Check("meta.token")!.Result.Code));

        await AdvanceUntilAsync(() => Check("meta.token")!.State == CheckState.Warning, TimeSpan.FromMinutes(15));
        var warning = Check("meta.token")!;
        Assert.Equal("meta_token_expiring", warning.Result.Code);
        Assert.Equal("The Meta token expires on 2026-12-08 09:10 UTC (in 7 days).", CheckText.Finding(warning.Result, "en"));

        Clock.Advance(TimeSpan.FromDays(7));
        await AdvanceUntilAsync(() => Check("meta.token")!.State == CheckState.Failing, TimeSpan.FromMinutes(15));
        Assert.Equal("meta_token_expired", Check("meta.token")!.Result.Code);
    }
}
