using System.Collections.Concurrent;
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
        var acknowledged = new ConcurrentBag<long>();
        var sent = 0;

        await using (var hub = await HubProcess.StartAsync(folder, settings))
        {
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = hub.Address };
                var sender = new OdooWebhookSender(client, TimeProvider.System);
                while (!stop.IsCancellationRequested)
                {
                    var id = Interlocked.Increment(ref sent);
                    try
                    {
                        var response = await sender.SendAsync(OdooWebhookSender.LeadEvent(id: id), webhookId: $"msg_{id}");
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(id);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The hub died under this request: it was never acknowledged.
                    }
                }
            })).ToList();

            await Eventually.ReturnsAsync(() => Task.FromResult(acknowledged.Count), n => n >= 1500, TimeSpan.FromSeconds(60));
            await hub.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        Assert.True(acknowledged.Count >= 1500);
        await using (await HubProcess.StartAsync(folder, settings))
        {
            var database = Path.Combine(folder, "data", "hub.db");
            var rows = await Eventually.ReturnsAsync(() => ReadInboxAsync(database),
                r => r.All(e => e.Status == 1) && r.Count >= acknowledged.Count, TimeSpan.FromSeconds(90));

            var stored = rows.GroupBy(r => r.DeliveryId).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(acknowledged, id => Assert.Equal(1, stored.GetValueOrDefault($"msg_{id}")));
            var leads = await CountLeadsAsync(database);
            Assert.True(leads >= acknowledged.Count, $"{leads} leads for {acknowledged.Count} acknowledged events");
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private sealed record InboxRow(string DeliveryId, int Status);

    private static async Task<List<InboxRow>> ReadInboxAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT delivery_id, status FROM inbox_events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<InboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new InboxRow(reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    private static async Task<long> CountLeadsAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT COUNT(*) FROM leads", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
