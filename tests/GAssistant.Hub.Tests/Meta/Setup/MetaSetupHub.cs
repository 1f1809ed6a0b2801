using System.Web;
using GAssistant.Hub.Tests.Auth;

namespace GAssistant.Hub.Tests.Meta.Setup;

/// <summary>A hub with a Meta app configured and nothing else of Meta, the Login double on Graph's host, and a signed-in browser-like client.</summary>
public abstract class MetaSetupHub(HubProvider provider) : HubTest(provider)
{
    public const string AppId = "1234567890123456";
    public const string AppSecret = "app-secret-of-the-login-tests";
    public const string DialogHost = "www.facebook.test";

    public static readonly string[] AllPermissions =
        ["leads_retrieval", "pages_show_list", "pages_read_engagement", "pages_manage_ads", "ads_management", "pages_manage_metadata", "ads_read", "public_profile"];

    protected MetaLoginDouble Meta { get; } = new(AppId, AppSecret);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Meta:AppId"] = AppId,
        ["Meta:AppSecret"] = AppSecret,
        ["Meta:GraphUrl"] = "https://" + GraphApiDouble.Host,
        ["Meta:ApiVersion"] = GraphApiDouble.Version,
        ["Meta:DialogUrl"] = "https://" + DialogHost,
        ["Meta:FirstSyncDelay"] = "1.00:00:00",
    };

    protected override void Configure(HubFactory hub) => hub.Outbound.Register(GraphApiDouble.Host, Meta.HandleAsync);

    protected async Task<HttpClient> SignedInAsync()
    {
        var client = Hub.CreateAnonymousClient();
        var login = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        var response = await AuthTests.PostLoginAsync(client, login, TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Clicks "Connect with Facebook": the hub's redirect to the Login dialog, and that dialog's query.</summary>
    protected static async Task<System.Collections.Specialized.NameValueCollection> StartAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/settings/meta/connect", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dialog = response.Headers.Location!;
        Assert.Equal((DialogHost, $"/{GraphApiDouble.Version}/dialog/oauth"), (dialog.Host, dialog.AbsolutePath));
        return HttpUtility.ParseQueryString(dialog.Query);
    }

    /// <summary>Meta's redirect back to the hub, followed by the same browser: where the hub then sends it.</summary>
    protected static async Task<Uri> ReturnAsync(HttpClient client, string redirect)
    {
        var back = new Uri(redirect);
        var response = await client.GetAsync(new Uri(back.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(new Uri("http://localhost"), response.Headers.Location!);
    }
}
