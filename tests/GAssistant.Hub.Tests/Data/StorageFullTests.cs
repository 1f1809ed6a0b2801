using System.Diagnostics;
using GAssistant.Hub.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GAssistant.Hub.Tests.Data;

/// <summary>
/// Issue 13, 7: the database's disk fills up. The hub's SQLite file lives on a 6 MiB tmpfs mounted for
/// this test (the tests run as root, as CI does; without the right to mount it fails, it is never skipped),
/// then a file takes the remaining space. Senders must get 503 with Retry-After, never a 500; the log says
/// so once, not per request; /health says degraded; and once the space is freed the same process takes
/// events again, applying every one it acknowledged.
/// </summary>
public sealed class StorageFullTests : IAsyncLifetime
{
    private readonly string _mount = Directory.CreateTempSubdirectory("gah-full-").FullName;

    public Task InitializeAsync()
    {
        Run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", _mount);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Run("umount", "-l", _mount);
        Directory.Delete(_mount, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_full_disk_answers_503_with_retry_after_logs_once_and_recovers_without_a_restart()
    {
        await using var hub = await HubFactory.CreateAsync(HubProvider.Sqlite, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = $"Data Source={Path.Combine(_mount, "hub.db")}",
        });
        var client = hub.CreateAnonymousClient();
        var sender = new OdooWebhookSender(client, TimeProvider.System);
        var acknowledged = new List<long>();
        var id = 5_000_000L;
        for (var i = 0; i < 20; i++, id++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(OdooWebhookSender.LeadEvent(id: id), $"msg_{id}")).StatusCode);
            acknowledged.Add(id);
        }

        var filler = Path.Combine(_mount, "filler");
        Fill(filler);
        var refused = new List<HttpResponseMessage>();
        for (var i = 0; i < 400 && refused.Count < 100; i++, id++)
        {
            // Big events, so the write-ahead log's spare room runs out soon.
            var response = await sender.SendAsync(OdooWebhookSender.LeadEvent(id: id).Replace("استفسار عن الخدمات", new string('x', 20_000), StringComparison.Ordinal), $"msg_{id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                acknowledged.Add(id);
            }
            else
            {
                refused.Add(response);
            }
        }

        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero));
        var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(problem.GetProperty("success").GetBoolean());
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());

        var logs = hub.Logs.GetSnapshot();
        Assert.Single(logs, r => r.Id.Id == 1711);
        Assert.True(logs.Count(r => r.Level >= LogLevel.Warning) < 10, $"{logs.Count(r => r.Level >= LogLevel.Warning)} warnings for {refused.Count} refused requests");
        Assert.DoesNotContain(logs, r => r.Id.Id == 1301);

        File.Delete(filler);
        await Eventually.ReturnsAsync(async () => (await sender.SendAsync(OdooWebhookSender.LeadEvent(id: id), $"msg_{id}")).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        acknowledged.Add(id);
        await Eventually.ReturnsAsync(async () => (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString(), s => s == "ok", TimeSpan.FromSeconds(30));
        // The flag turns before the line is logged (so it is logged once): /health can say ok a moment before it.
        await Eventually.ReturnsAsync(() => Task.FromResult(hub.Logs.GetSnapshot().Count(r => r.Id.Id == 1712)), n => n > 0, TimeSpan.FromSeconds(10));
        Assert.Single(hub.Logs.GetSnapshot(), r => r.Id.Id == 1712);

        var applied = await Eventually.ReturnsAsync(() => hub.WithDbAsync(db => db.Leads.CountAsync(l => acknowledged.Contains(l.OdooId))),
            n => n == acknowledged.Count, TimeSpan.FromSeconds(60));
        Assert.Equal(acknowledged.Count, applied);
        Assert.Equal(0, await hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Failed)));
    }

    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // No space left on the device: that is the point.
        }
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error} — this test mounts a small tmpfs and must run as root (test.sh and CI do).");
        }
    }
}
