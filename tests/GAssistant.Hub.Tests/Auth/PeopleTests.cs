using System.Security.Claims;
using System.Text.RegularExpressions;
using GAssistant.Hub.Auth;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Auth;

/// <summary>People and roles: invitations with a one-time link, sessions that end on removal or a new password, the audit list.</summary>
public abstract partial class PeopleTests(HubProvider provider) : HubTest(provider)
{
    [Fact]
    public async Task An_invited_person_chooses_a_password_and_signs_in_with_it()
    {
        var token = await InviteAsync("sara@example.com", HubRoles.Viewer);
        var client = Hub.CreateAnonymousClient();
        var page = await client.GetStringAsync($"/invite?token={Uri.EscapeDataString(token)}");
        Assert.Contains("sara@example.com", page, StringComparison.Ordinal);

        var accepted = await PostFormAsync(client, "/account/invitation", page, new() { ["Token"] = token, ["Password"] = "sara's own password", ["Confirm"] = "sara's own password" });
        Assert.StartsWith("/login?welcome=1", accepted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var login = await client.GetAsync(accepted.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("data-testid=\"welcome\"", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var sara = await TestPeople.SignInAsync(Hub, "sara@example.com", "sara's own password");
        Assert.Equal(HttpStatusCode.OK, (await sara.GetAsync("/api/crm/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sara.PostAsJsonAsync("/api/odoo/sync", new { })).StatusCode);
        var user = await Hub.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "sara@example.com"));
        Assert.Equal(HubRoles.Viewer, user.Role);
        Assert.DoesNotContain("sara's own password", user.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_link_works_once()
    {
        var token = await InviteAsync("omar@example.com", HubRoles.Admin);
        var client = Hub.CreateAnonymousClient();
        var page = await client.GetStringAsync($"/invite?token={Uri.EscapeDataString(token)}");
        await PostFormAsync(client, "/account/invitation", page, new() { ["Token"] = token, ["Password"] = "first password!", ["Confirm"] = "first password!" });

        var again = await client.GetStringAsync($"/invite?token={Uri.EscapeDataString(token)}");
        Assert.Contains("data-testid=\"invite-expired\"", again, StringComparison.Ordinal);
        var second = await PostFormAsync(client, "/account/invitation", page, new() { ["Token"] = token, ["Password"] = "second password", ["Confirm"] = "second password" });
        Assert.Contains("error=Invite.Error.Expired", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await TestPeople.SignInAsync(Hub, "omar@example.com", "first password!");
    }

    [Fact]
    public async Task A_short_or_mistyped_password_is_refused_and_the_link_still_works()
    {
        var token = await InviteAsync("lina@example.com", HubRoles.Viewer);
        var client = Hub.CreateAnonymousClient();
        var page = await client.GetStringAsync($"/invite?token={Uri.EscapeDataString(token)}");
        var shortOne = await PostFormAsync(client, "/account/invitation", page, new() { ["Token"] = token, ["Password"] = "short", ["Confirm"] = "short" });
        Assert.Contains("error=Password.Error.Short", shortOne.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var mismatch = await PostFormAsync(client, "/account/invitation", page, new() { ["Token"] = token, ["Password"] = "long enough 1", ["Confirm"] = "long enough 2" });
        Assert.Contains("error=Password.Error.Mismatch", mismatch.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(await Hub.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "lina@example.com")));
        Assert.Contains("lina@example.com", await client.GetStringAsync($"/invite?token={Uri.EscapeDataString(token)}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_person_ends_their_sessions_at_once()
    {
        var viewer = await TestPeople.ViewerAsync(Hub);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/crm/summary")).StatusCode);
        var id = await Hub.WithDbAsync(db => db.Users.Where(u => u.Email == TestPeople.ViewerEmail).Select(u => u.Id).SingleAsync());

        Assert.Null(await WithPeopleAsync((people, admin) => people.RemoveAsync(admin, id, CancellationToken.None)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/crm/summary")).StatusCode);
        var page = await viewer.GetAsync("/crm");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", new Uri(new Uri("http://localhost"), page.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_new_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var laptop = await TestPeople.AdminAsync(Hub);
        var phone = await TestPeople.AdminAsync(Hub);
        var page = await laptop.GetStringAsync("/account");
        var changed = await PostFormAsync(laptop, "/account/password", page,
            new() { ["Current"] = TestSecrets.AdminPassword, ["Password"] = "a brand new password", ["Confirm"] = "a brand new password" });
        Assert.Equal("/account?changed=1", changed.Headers.Location!.OriginalString);
        var confirmation = await laptop.GetAsync(changed.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("data-testid=\"password-changed\"", await confirmation.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/bigquery/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/bigquery/status")).StatusCode);
        await TestPeople.SignInAsync(Hub, TestSecrets.AdminEmail, "a brand new password");
    }

    [Fact]
    public async Task A_new_role_applies_at_the_next_request()
    {
        var viewer = await TestPeople.ViewerAsync(Hub);
        var id = await Hub.WithDbAsync(db => db.Users.Where(u => u.Email == TestPeople.ViewerEmail).Select(u => u.Id).SingleAsync());
        await WithPeopleAsync((people, admin) => people.ChangeRoleAsync(admin, id, HubRoles.Admin, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/bigquery/status")).StatusCode);
        var again = await TestPeople.SignInAsync(Hub, TestPeople.ViewerEmail, TestPeople.ViewerPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/bigquery/status")).StatusCode);
    }

    [Fact]
    public async Task The_last_administrator_can_be_neither_demoted_nor_removed()
    {
        var adminId = await Hub.WithDbAsync(db => db.Users.Select(u => u.Id).SingleAsync());
        await Hub.AddPersonAsync("other@example.com", HubRoles.Viewer, "another password");
        var someoneElse = HubPrincipals.For(new HubUser { Id = 999, Email = "other@example.com", Role = HubRoles.Admin });

        Assert.Equal("People.Error.LastAdmin", await WithPeopleAsync((people, admin) => people.ChangeRoleAsync(admin, adminId, HubRoles.Viewer, CancellationToken.None)));
        Assert.Equal("People.Error.LastAdmin", await WithPeopleAsync((people, _) => people.RemoveAsync(someoneElse, adminId, CancellationToken.None)));
        Assert.Equal("People.Error.Self", await WithPeopleAsync((people, admin) => people.RemoveAsync(admin, adminId, CancellationToken.None)));
        Assert.Equal(HubRoles.Admin, await Hub.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.Role).SingleAsync()));
    }

    [Fact]
    public async Task Each_change_is_in_the_audit_list_with_who_and_when_and_no_secret()
    {
        var token = await InviteAsync("audit@example.com", HubRoles.Viewer);
        var entries = await Hub.WithDbAsync(db => db.AuditEntries.ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal("user.invited", entry.Action);
        Assert.Equal(TestSecrets.AdminEmail, entry.Actor);
        Assert.Equal("audit@example.com (viewer)", entry.Subject);
        Assert.True(DateTime.UtcNow - entry.At < TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(token, entry.Subject, StringComparison.Ordinal);
        var stored = await Hub.WithDbAsync(db => db.Invitations.SingleAsync());
        Assert.NotEqual(token, stored.TokenHash);
    }

    [Fact]
    public async Task An_address_that_already_has_an_account_or_is_not_an_email_is_refused()
    {
        Assert.Equal("People.Error.Exists", (await WithPeopleAsync((p, a) => p.InviteAsync(a, TestSecrets.AdminEmail.ToUpperInvariant(), HubRoles.Viewer, CancellationToken.None))).Error);
        Assert.Equal("People.Error.Email", (await WithPeopleAsync((p, a) => p.InviteAsync(a, "not an email", HubRoles.Viewer, CancellationToken.None))).Error);
        Assert.Equal("People.Error.Role", (await WithPeopleAsync((p, a) => p.InviteAsync(a, "x@example.com", "owner", CancellationToken.None))).Error);
    }

    private async Task<string> InviteAsync(string email, string role)
    {
        var (token, error) = await WithPeopleAsync((people, admin) => people.InviteAsync(admin, email, role, CancellationToken.None));
        Assert.Null(error);
        return token!;
    }

    /// <summary>Runs <paramref name="work"/> as the first admin would from Settings.</summary>
    private async Task<T> WithPeopleAsync<T>(Func<People, ClaimsPrincipal, Task<T>> work)
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var admin = HubPrincipals.For(await db.Users.AsNoTracking().FirstAsync(u => u.Email == TestSecrets.AdminEmail));
        return await work(scope.ServiceProvider.GetRequiredService<People>(), admin);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class PeopleTestsOnSqlite() : PeopleTests(HubProvider.Sqlite);

public sealed class PeopleTestsOnPostgres() : PeopleTests(HubProvider.Postgres);
