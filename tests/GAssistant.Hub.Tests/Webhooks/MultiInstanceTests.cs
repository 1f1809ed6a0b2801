using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Webhooks;

/// <summary>Two hub instances on one PostgreSQL database share the inbox and process each event exactly once.</summary>
public sealed class MultiInstanceTests
{
    [Fact]
    public async Task Two_instances_on_one_postgres_database_process_each_event_once()
    {
        await using var first = await HubFactory.CreateAsync(HubProvider.Postgres);
        _ = first.Server;
        await using var second = await HubFactory.CreateAsync(HubProvider.Postgres, new Dictionary<string, string?> { ["ConnectionStrings:Hub"] = first.ConnectionString });
        _ = second.Server;

        var senders = new[] { first, second }.Select(h => new OdooWebhookSender(h.CreateAnonymousClient(), TimeProvider.System)).ToArray();
        var responses = await Task.WhenAll(Enumerable.Range(1, 300).Select(i =>
            senders[i % 2].SendAsync(OdooWebhookSender.LeadEvent(id: i, writeDate: "2026-11-24 10:00:00"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var events = await Eventually.ReturnsAsync(
            () => first.WithDbAsync(db => db.InboxEvents.AsNoTracking().ToListAsync()),
            all => all.Count == 300 && all.All(e => e.Status == InboxStatus.Processed), TimeSpan.FromSeconds(60));

        Assert.All(events, e => Assert.Equal(1, e.Attempts));
        Assert.Equal(2, events.Select(e => e.ProcessedBy).Distinct().Count());
        Assert.Equal(300, await first.WithDbAsync(db => db.Leads.CountAsync()));
    }
}
