using GAssistant.Hub.Tests.Auth;
using Microsoft.Data.Sqlite;

namespace GAssistant.Hub.Tests.Backup;

/// <summary>
/// An operator's backup: <c>GAssistant.Hub backup DIR</c> from a shell while the hub (a real process) takes signed
/// webhooks, then <c>restore DIR</c> into a fresh data folder and a hub started on it. What was acknowledged
/// before the backup began is all there, and a person signed in before the backup is still signed in after.
/// </summary>
public sealed class BackupUnderLoadTests
{
    [Fact]
    public async Task A_backup_taken_under_webhook_load_restores_every_acknowledged_event_and_the_sign_in()
    {
        var root = Directory.CreateTempSubdirectory("gah-backup-").FullName;
        var (live, backup, fresh) = (Path.Combine(root, "live"), Path.Combine(root, "backup"), Path.Combine(root, "fresh"));
        var settings = new Dictionary<string, string>
        {
            ["Odoo:WebhookSecret"] = TestSecrets.OdooWebhookSecret,
            ["Auth:AdminEmail"] = TestSecrets.AdminEmail,
            ["Auth:AdminPassword"] = TestSecrets.AdminPassword,
        };
        var cookies = new CookieContainer();
        Directory.CreateDirectory(live);
        IReadOnlyCollection<long> beforeBackup;

        await using (var hub = await HubProcess.StartAsync(live, settings))
        {
            using var browser = Browser(hub.Address, cookies);
            await SignInAsync(browser);
            await using var load = WebhookLoad.Start(hub.Address, senders: 8);
            await load.WaitForAsync(800, TimeSpan.FromSeconds(90));
            beforeBackup = load.Acknowledged;

            var made = await HubProcess.RunCommandAsync(root, "backup", backup, $"--Hub:DataPath={Path.Combine(live, "data")}");
            var duringBackup = load.Acknowledged.Count - beforeBackup.Count;
            Assert.True(made.ExitCode == 0, made.Error);
            Assert.Contains("Data Protection keys", made.Output, StringComparison.Ordinal);

            var overRunningHub = await HubProcess.RunCommandAsync(root, "restore", backup, $"--Hub:DataPath={Path.Combine(live, "data")}");
            Assert.Equal(3, overRunningHub.ExitCode);
            Assert.Contains("a hub is running", overRunningHub.Error, StringComparison.Ordinal);
            await load.StopAsync();
            Assert.True(duringBackup > 0, "the hub went on acknowledging webhooks while the backup ran");
        }

        var restored = await HubProcess.RunCommandAsync(root, "restore", backup, $"--Hub:DataPath={Path.Combine(fresh, "data")}");
        Assert.True(restored.ExitCode == 0, restored.Error);

        await using (var hub = await HubProcess.StartAsync(fresh, settings))
        {
            var database = Path.Combine(fresh, "data", "hub.db");
            var inbox = (await HubSqliteFile.ReadInboxAsync(database)).Select(r => r.DeliveryId).ToHashSet();
            Assert.All(beforeBackup, id => Assert.Contains($"msg_{id}", inbox));

            // Pending events in the copy are applied by the restored hub like any others.
            await Eventually.ReturnsAsync(() => HubSqliteFile.CountAsync(database, "leads"), n => n >= beforeBackup.Count, TimeSpan.FromSeconds(90));

            // The login cookie was signed with a key that came back with the backup.
            using var browser = Browser(hub.Address, cookies);
            using var crm = await browser.GetAsync("/crm");
            Assert.Equal(HttpStatusCode.OK, crm.StatusCode);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    /// <summary>A browser's cookie jar is per host, not per port: both hubs see the same cookies.</summary>
    private static HttpClient Browser(Uri hub, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = hub };

    private static async Task SignInAsync(HttpClient browser)
    {
        using var response = await AuthTests.PostLoginAsync(browser, await browser.GetStringAsync("/login"), TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal("/crm", response.Headers.Location?.OriginalString);
        using var signedIn = await browser.GetAsync("/crm");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }
}
