using System.Text.RegularExpressions;
using GAssistant.Hub.Auth;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Auth;

/// <summary>Login at /login, API keys on /api/*, and what an unauthenticated caller gets.</summary>
public abstract partial class AuthTests(HubProvider provider) : HubTest(provider)
{
    public static TheoryData<string, string> ProtectedApi => new()
    {
        { "GET", "/api/odoo/leads" },
        { "GET", "/api/crm/summary" },
        { "GET", $"/api/jobs/{Guid.Empty}" },
    };

    [Theory]
    [MemberData(nameof(ProtectedApi))]
    public async Task Api_calls_without_credentials_get_401_problem_details(string method, string path)
    {
        var response = await Hub.CreateAnonymousClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(problem.GetProperty("success").GetBoolean());
    }

    [Theory]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task Api_calls_with_a_wrong_key_get_401(string authorization)
    {
        var client = Hub.CreateAnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var response = await client.GetAsync("/api/odoo/leads");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_configured_api_key_opens_the_api()
    {
        var response = await Hub.CreateApiClient().GetAsync("/api/odoo/leads");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_stored_in_the_database_works_until_it_is_revoked()
    {
        var key = ApiKeyHashes.NewKey();
        var id = await Hub.WithDbAsync(async db =>
        {
            var row = new ApiKey { Name = "reporting", Prefix = key[..8], KeyHash = ApiKeyHashes.Hash(key), CreatedAt = DateTime.UtcNow };
            db.ApiKeys.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        var client = Hub.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/odoo/leads")).StatusCode);

        await Hub.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/odoo/leads")).StatusCode);
    }

    [Fact]
    public async Task Pages_redirect_to_the_login_form()
    {
        var response = await Hub.CreateAnonymousClient().GetAsync("/crm");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_signs_in_with_the_form_and_sees_the_dashboard()
    {
        var client = Hub.CreateAnonymousClient();
        var login = await client.GetStringAsync("/login");
        Assert.Contains("type=\"email\"", login, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", login, StringComparison.Ordinal);
        Assert.Contains("type=\"submit\"", login, StringComparison.Ordinal);

        var response = await PostLoginAsync(client, login, TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/crm", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/crm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/crm/summary")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_goes_back_to_the_form_with_an_error()
    {
        var client = Hub.CreateAnonymousClient();
        var response = await PostLoginAsync(client, await client.GetStringAsync("/login"), TestSecrets.AdminEmail, "not the password");
        Assert.StartsWith("/login?error=1", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/crm")).StatusCode);
    }

    [Fact]
    public async Task A_login_without_the_antiforgery_token_is_refused()
    {
        var response = await Hub.CreateAnonymousClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = TestSecrets.AdminEmail, ["Password"] = TestSecrets.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_admin_password_is_stored_hashed()
    {
        var user = await Hub.WithDbAsync(db => db.Users.SingleAsync());
        Assert.Equal(TestSecrets.AdminEmail, user.Email);
        Assert.DoesNotContain(TestSecrets.AdminPassword, user.PasswordHash, StringComparison.Ordinal);
        Assert.True(user.PasswordHash.Length > 40);
    }

    internal static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string loginPage, string email, string password)
    {
        var token = AntiforgeryField().Match(loginPage).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class AuthTestsOnSqlite() : AuthTests(HubProvider.Sqlite);

public sealed class AuthTestsOnPostgres() : AuthTests(HubProvider.Postgres);
