using Microsoft.Data.Sqlite;

namespace GAssistant.Hub.Tests.Webhooks;

/// <summary>
/// CONTRACT.md: a 2xx means the event is durably stored. The hub runs as a real process, takes
/// signed events from concurrent senders, is killed with SIGKILL mid-load and restarted; every
/// acknowledged event must then be stored exactly once and processed.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Every_acknowledged_event_survives_a_sigkill_and_is_processed_once_after_restart()
    {
        var folder = Directory.CreateTempSubdirectory("gah-crash-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Odoo:WebhookSecret"] = TestSecrets.OdooWebhookSecret,
            ["Auth:AdminPassword"] = TestSecrets.AdminPassword,
        };
        IReadOnlyCollection<long> acknowledged;
        await using (var hub = await HubProcess.StartAsync(folder, settings))
        {
            await using var load = WebhookLoad.Start(hub.Address);
            await load.WaitForAsync(1500, TimeSpan.FromSeconds(60));
            await hub.KillAsync();
            await load.StopAsync();
            acknowledged = load.Acknowledged;
        }

        Assert.True(acknowledged.Count >= 1500);
        await using (await HubProcess.StartAsync(folder, settings))
        {
            var database = Path.Combine(folder, "data", "hub.db");
            var rows = await Eventually.ReturnsAsync(() => HubSqliteFile.ReadInboxAsync(database),
                r => r.All(e => e.Status == 1) && r.Count >= acknowledged.Count, TimeSpan.FromSeconds(90));

            var stored = rows.GroupBy(r => r.DeliveryId).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(acknowledged, id => Assert.Equal(1, stored.GetValueOrDefault($"msg_{id}")));
            var leads = await HubSqliteFile.CountAsync(database, "leads");
            Assert.True(leads >= acknowledged.Count, $"{leads} leads for {acknowledged.Count} acknowledged events");
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
