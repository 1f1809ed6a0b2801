using GAssistant.Hub.Auth;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Auth;
using Microsoft.AspNetCore.Identity;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>Puts a person with a role and a known password in a test hub's database, and signs clients in.</summary>
public static class TestPeople
{
    public const string ViewerEmail = "viewer@example.com";
    public const string ViewerPassword = "viewer password 123";

    public static Task<int> AddAsync(HubFactory hub, string email, string role, string password) => hub.WithDbAsync(async db =>
    {
        var user = new HubUser { Email = email, Role = role, CreatedAt = DateTime.UtcNow };
        user.PasswordHash = new PasswordHasher<HubUser>().HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });

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
        await AddAsync(hub, ViewerEmail, HubRoles.Viewer, ViewerPassword);
        return await SignInAsync(hub, ViewerEmail, ViewerPassword);
    }

    public static Task<HttpClient> AdminAsync(HubFactory hub) => SignInAsync(hub, TestSecrets.AdminEmail, TestSecrets.AdminPassword);
}
