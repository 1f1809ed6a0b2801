using System.Text.RegularExpressions;
using GAssistant.Hub.Backup;

namespace GAssistant.Hub.Tests.Backup;

/// <summary>
/// docs/deploy.md, "Backups" on PostgreSQL, command for command on the real server the tests start: <c>backup DIR</c>
/// keeps the Data Protection keys, <c>pg_dump --format=custom</c> the database; <c>pg_restore</c> into a new database
/// and <c>restore DIR</c> bring back a hub with the same leads that still knows the person who signed in before.
/// </summary>
public sealed partial class PostgresBackupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gah-pgbackup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_documented_pg_dump_and_pg_restore_with_the_keys_bring_the_hub_back()
    {
        var backup = Path.Combine(_root, "backup");
        string signedIn;
        await using (var live = await HubFactory.CreateAsync(HubProvider.Postgres))
        {
            var sender = new OdooWebhookSender(live.CreateAnonymousClient(), TimeProvider.System);
            Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(OdooWebhookSender.LeadEvent(id: 77))).StatusCode);
            await Eventually.ReturnsAsync(() => live.WithDbAsync(db => Task.FromResult(db.Leads.Count())), n => n == 1);
            signedIn = await SignInAsync(live);

            var keys = Run(BackupCommand.Run, backup, live.ConnectionString, live.DataPath);
            Assert.True(keys.ExitCode == 0, keys.Error);
            Assert.Contains("pg_dump", keys.Output, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(backup, "keys"), "key-*.xml"));
            await PostgresServer.RunToolAsync("pg_dump", live.ConnectionString, "--format=custom", "--no-owner", $"--file={Path.Combine(backup, "hub.dump")}");
        }

        var database = await PostgresServer.CreateDatabaseAsync();
        await PostgresServer.RunToolAsync("pg_restore", database, "--no-owner", "--exit-on-error", Path.Combine(backup, "hub.dump"));
        var fresh = Path.Combine(_root, "fresh");
        var restored = Run(RestoreCommand.Run, backup, database, fresh);
        Assert.True(restored.ExitCode == 0, restored.Error);

        await using var hub = await HubFactory.CreateAsync(HubProvider.Postgres, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = database,
            ["Hub:DataPath"] = fresh,
            ["DataProtection:KeysPath"] = Path.Combine(fresh, "keys"),
        });
        var leads = await hub.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/odoo/leads");
        Assert.Equal(77, leads.GetProperty("leads")[0].GetProperty("id").GetInt64());

        using var crm = new HttpRequestMessage(HttpMethod.Get, "/crm");
        crm.Headers.Add("Cookie", signedIn);
        using var page = await hub.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(crm);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static CommandResult Run(Func<string[], TextWriter, TextWriter, int> command, string folder, string connectionString, string dataPath)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = command([folder, "--Database:Provider=Postgres", $"--ConnectionStrings:Hub={connectionString}", $"--Hub:DataPath={dataPath}"], output, error);
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Signs the admin in with the login form and returns the login cookie as a browser would send it.</summary>
    private static async Task<string> SignInAsync(HubFactory hub)
    {
        var client = hub.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var form = await client.GetAsync("/login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value,
                ["Email"] = TestSecrets.AdminEmail,
                ["Password"] = TestSecrets.AdminPassword,
            }),
        };
        login.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(login);
        Assert.Equal("/crm", response.Headers.Location?.OriginalString);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("gah_auth=", StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
