using System.Text.Json.Nodes;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Meta.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Meta.Setup;

/// <summary>
/// A pasted system user token, the Pages and ad accounts it sees, and subscribing the chosen Pages to leadgen, against the
/// Login double: /me/accounts with Page tokens, tasks and cursor paging (https://developers.facebook.com/docs/graph-api/reference/user/accounts),
/// /me/adaccounts (https://developers.facebook.com/docs/graph-api/reference/user/adaccounts), and /{page-id}/subscribed_apps
/// GET and POST with the Page token (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps).
/// </summary>
public abstract class MetaAssetsTests(HubProvider provider) : MetaSetupHub(provider)
{
    private MetaOptions Options => Hub.Services.GetRequiredService<IOptionsMonitor<MetaOptions>>().CurrentValue;

    private async Task<T> WithSetupAsync<T>(Func<MetaConnectionSetup, Task<T>> work)
    {
        using var scope = Hub.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<MetaConnectionSetup>());
    }

    private async Task ConnectAsync()
    {
        Meta.Pages.AddRange([
            new("1001", "مطعم الياسمين", ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]),
            new("1002", "Jasmine Catering", ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]),
            new("1003", "Partner page <b>", ["ANALYZE", "ADVERTISE"]),
        ]);
        Meta.AdAccounts.Add(new JsonObject { ["id"] = "act_2001", ["account_id"] = "2001", ["name"] = "Main account", ["currency"] = "SAR", ["account_status"] = 1 });
        var outcome = await WithSetupAsync(s => s.ConnectTokenAsync(Meta.SystemUserToken(AllPermissions), TestPeople.Admin, default));
        Assert.True(outcome.Saved);
    }

    [Fact]
    public async Task A_system_user_token_with_every_permission_is_saved_as_it_is()
    {
        var token = Meta.SystemUserToken(AllPermissions);

        var outcome = await WithSetupAsync(s => s.ConnectTokenAsync(token, TestPeople.Admin, default));

        Assert.True(outcome.Saved);
        Assert.Equal(token, Options.AccessToken);
        Assert.Null(outcome.Report!.Info.ExpiresAt);
        Assert.DoesNotContain("GET oauth/access_token", Meta.Requests);
    }

    [Fact]
    public async Task A_token_without_leads_retrieval_is_refused_with_what_is_missing_and_nothing_is_saved()
    {
        var outcome = await WithSetupAsync(s => s.ConnectTokenAsync(Meta.SystemUserToken(["pages_show_list", "ads_read"]), TestPeople.Admin, default));

        Assert.False(outcome.Saved);
        Assert.Equal("missing_permissions", MetaTokenProblems.Of(outcome.Report!));
        Assert.Equal(["leads_retrieval", "pages_read_engagement", "pages_manage_ads", "pages_manage_metadata"], outcome.Report!.MissingRequired);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ConnectionSettings.CountAsync()));
    }

    [Fact]
    public async Task A_token_meta_does_not_know_is_refused_as_invalid()
    {
        var outcome = await WithSetupAsync(s => s.ConnectTokenAsync("EAAnot-a-real-token", TestPeople.Admin, default));

        Assert.Equal((false, "invalid"), (outcome.Saved, MetaTokenProblems.Of(outcome.Report!)));
        Assert.Null(Options.AccessToken);
    }

    [Fact]
    public async Task Every_page_is_listed_across_pages_of_results_and_a_chosen_page_is_subscribed_to_leadgen()
    {
        await ConnectAsync();
        Meta.Subscriptions["1001"] = new() { [AppId] = ["feed"], ["999"] = ["messages"] };

        var (saved, pages) = await WithSetupAsync(s => s.SaveAssetsAsync(["1001", "1002"], ["act_2001"], TestPeople.Admin, default));

        Assert.True(saved);
        Assert.All(pages, p => Assert.True(p.Subscribed));
        Assert.Equal(["feed", "leadgen"], Meta.Subscriptions["1001"][AppId]);
        Assert.Equal(["messages"], Meta.Subscriptions["1001"]["999"]);
        Assert.Equal(["leadgen"], Meta.Subscriptions["1002"][AppId]);
        Assert.Equal(["1001", "1002"], Options.PageIds);
        Assert.Equal(["act_2001"], Options.AdAccountIds);
        Assert.Equal(2, Meta.Requests.Count(r => r == "GET me/accounts"));
    }

    [Fact]
    public async Task A_page_the_person_cannot_manage_is_not_subscribed_and_nothing_is_saved()
    {
        await ConnectAsync();

        var (saved, pages) = await WithSetupAsync(s => s.SaveAssetsAsync(["1001", "1003"], ["act_2001"], TestPeople.Admin, default));

        Assert.False(saved);
        var partner = Assert.Single(pages, p => p.PageId == "1003");
        Assert.False(partner.CanManage);
        Assert.Empty(Options.PageIds);
        Assert.Empty(Options.AdAccountIds);
    }

    [Fact]
    public async Task The_subscription_check_sees_a_page_that_lost_its_subscription()
    {
        await ConnectAsync();
        await WithSetupAsync(s => s.SaveAssetsAsync(["1001"], [], TestPeople.Admin, default));
        Meta.Subscriptions["1001"].Clear();

        using var scope = Hub.Services.CreateScope();
        var status = await scope.ServiceProvider.GetRequiredService<MetaPageSubscriptions>().StatusAsync(Options.AccessToken!, Options.PageIds, default);

        Assert.False(Assert.Single(status).Subscribed);
    }
}

public sealed class MetaAssetsTestsOnSqlite() : MetaAssetsTests(HubProvider.Sqlite);

public sealed class MetaAssetsTestsOnPostgres() : MetaAssetsTests(HubProvider.Postgres);
