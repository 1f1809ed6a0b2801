using System.Security.Claims;
using GAssistant.Hub.Auth;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Auth;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>Signs clients in as the test hub's people.</summary>
public static class TestPeople
{
    public const string ViewerEmail = "viewer@example.com";
    public const string ViewerPassword = "viewer password 123";

    /// <summary>The first administrator as a page or an endpoint sees them (the hub's own claims), for calling services directly.</summary>
    public static ClaimsPrincipal Admin => HubPrincipals.For(new HubUser { Id = 1, Email = TestSecrets.AdminEmail, Role = HubRoles.Admin });

    /// <summary>A client signed in through the login form, as a browser would.</summary>
    public static async Task<HttpClient> SignInAsync(HubFactory hub, string email, string password)
    {
        var client = hub.CreateAnonymousClient();
        var response = await AuthTests.PostLoginAsync(client, await client.GetStringAsync("/login"), email, password);
        Assert.Equal("/crm", response.Headers.Location?.OriginalString);
        return client;
    }

    public static async Task<HttpClient> ViewerAsync(HubFactory hub)
    {
        await hub.AddPersonAsync(ViewerEmail, HubRoles.Viewer, ViewerPassword);
        return await SignInAsync(hub, ViewerEmail, ViewerPassword);
    }

    public static Task<HttpClient> AdminAsync(HubFactory hub) => SignInAsync(hub, TestSecrets.AdminEmail, TestSecrets.AdminPassword);
}
