using System.Web;
using GAssistant.Hub.Meta;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Meta.Setup;

/// <summary>
/// "Connect with Facebook" (issue 18), against the Login double built from Meta's documented shapes: the dialog redirect
/// with state (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow), the code exchange and the
/// long-lived token (https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived), the token
/// check (https://developers.facebook.com/docs/graph-api/reference/debug_token). A failed or refused sign-in saves nothing.
/// </summary>
public abstract class MetaConnectTests(HubProvider provider) : MetaSetupHub(provider)
{
    private MetaOptions Options => Hub.Services.GetRequiredService<IOptionsMonitor<MetaOptions>>().CurrentValue;

    private Task<int> SavedRowsAsync() => Hub.WithDbAsync(db => db.ConnectionSettings.CountAsync());

    [Fact]
    public async Task Connect_sends_the_admin_to_the_login_dialog_with_a_fresh_state_the_callback_and_the_permissions()
    {
        var client = await SignedInAsync();

        var dialog = await StartAsync(client);
        var again = await StartAsync(client);

        Assert.Equal((AppId, "http://localhost/settings/meta/callback", "code"), (dialog["client_id"], dialog["redirect_uri"], dialog["response_type"]));
        Assert.Equal(["leads_retrieval", "pages_show_list", "pages_read_engagement", "pages_manage_ads", "ads_management", "pages_manage_metadata", "ads_read"], dialog["scope"]!.Split(','));
        Assert.True(dialog["state"]!.Length >= 40);
        Assert.NotEqual(dialog["state"], again["state"]);
    }

    [Fact]
    public async Task The_callback_exchanges_the_code_for_a_long_lived_token_and_saves_it()
    {
        var client = await SignedInAsync();
        var dialog = await StartAsync(client);

        var page = await ReturnAsync(client, Meta.Authorize(dialog["redirect_uri"]!, dialog["state"]!, AllPermissions));

        Assert.Equal("/settings/meta?connected=1", page.PathAndQuery);
        Assert.StartsWith("EAALong", Options.AccessToken, StringComparison.Ordinal);
        Assert.Equal(["GET oauth/access_token", "GET debug_token", "GET me/permissions", "GET oauth/access_token", "GET debug_token", "GET me/permissions"], Meta.Requests);
        var logs = string.Join('\n', Hub.Logs.GetSnapshot().Select(r => r.Message + r.Exception));
        Assert.DoesNotContain(Options.AccessToken!, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_whose_state_does_not_match_is_refused_before_any_code_is_exchanged_and_saves_nothing()
    {
        var client = await SignedInAsync();
        var dialog = await StartAsync(client);

        var page = await ReturnAsync(client, Meta.Authorize(dialog["redirect_uri"]!, "forged" + dialog["state"]![6..], AllPermissions));

        Assert.Equal("/settings/meta?error=state", page.PathAndQuery);
        Assert.DoesNotContain("GET oauth/access_token", Meta.Requests);
        Assert.Equal(0, await SavedRowsAsync());
    }

    [Fact]
    public async Task A_state_started_in_another_session_is_refused()
    {
        var started = await SignedInAsync();
        var dialog = await StartAsync(started);
        var other = await SignedInAsync();

        var page = await ReturnAsync(other, Meta.Authorize(dialog["redirect_uri"]!, dialog["state"]!, AllPermissions));

        Assert.Equal("/settings/meta?error=state", page.PathAndQuery);
        Assert.Equal(0, await SavedRowsAsync());
    }

    [Fact]
    public async Task An_expired_code_is_said_and_nothing_is_saved()
    {
        var client = await SignedInAsync();
        var dialog = await StartAsync(client);

        var page = await ReturnAsync(client, Meta.Authorize(dialog["redirect_uri"]!, dialog["state"]!, AllPermissions, lifetime: TimeSpan.FromSeconds(-1)));

        Assert.Equal("/settings/meta?error=code", page.PathAndQuery);
        Assert.Equal(0, await SavedRowsAsync());
    }

    [Fact]
    public async Task A_declined_leads_retrieval_is_named_and_nothing_is_saved()
    {
        var client = await SignedInAsync();
        var dialog = await StartAsync(client);

        var page = await ReturnAsync(client, Meta.Authorize(dialog["redirect_uri"]!, dialog["state"]!,
            [.. AllPermissions.Where(p => p != "leads_retrieval")], declined: ["leads_retrieval"]));

        var query = HttpUtility.ParseQueryString(page.Query);
        Assert.Equal(("missing_permissions", "leads_retrieval"), (query["error"], query["missing"]));
        Assert.Null(Options.AccessToken);
        Assert.Equal(0, await SavedRowsAsync());
    }

    [Fact]
    public async Task Cancelling_in_the_dialog_saves_nothing()
    {
        var client = await SignedInAsync();
        var dialog = await StartAsync(client);
        var redirect = $"{dialog["redirect_uri"]}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state={Uri.EscapeDataString(dialog["state"]!)}#_=_";

        var page = await ReturnAsync(client, redirect);

        Assert.Equal("/settings/meta?error=denied", page.PathAndQuery);
        Assert.DoesNotContain("GET oauth/access_token", Meta.Requests);
        Assert.Equal(0, await SavedRowsAsync());
    }

    [Fact]
    public async Task Signing_in_with_facebook_needs_a_signed_in_hub_administrator()
    {
        var response = await Hub.CreateAnonymousClient().GetAsync(new Uri("/settings/meta/connect", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }
}

public sealed class MetaConnectTestsOnSqlite() : MetaConnectTests(HubProvider.Sqlite);

public sealed class MetaConnectTestsOnPostgres() : MetaConnectTests(HubProvider.Postgres);
