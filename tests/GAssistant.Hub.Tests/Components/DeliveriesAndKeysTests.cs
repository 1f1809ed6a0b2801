using System.Net.Http.Headers;
using GAssistant.Hub.Components.Pages.Deliveries;
using GAssistant.Hub.Components.Pages.Settings;
using GAssistant.Hub.Data;
using GAssistant.Hub.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Components;

/// <summary>What the Deliveries and Settings pages do to the database: replay a failed delivery, make and revoke API keys.</summary>
public abstract class DeliveriesAndKeysTests(HubProvider provider) : HubTest(provider)
{
    private const string Payload = """{"event": "lead_created", "timestamp": "2026-11-20T10:30:00", "data": {"id": 4242, "name": "Replayed lead", "stage_name": "New"}}""";

    private sealed class Silent : IInboxNotifier
    {
        public void Notify()
        {
        }

        public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private Task<long> AddFailedAsync() => Hub.WithDbAsync(async db =>
    {
        var failed = new InboxEvent
        {
            Source = InboxSources.Odoo, DeliveryId = $"msg_{Guid.NewGuid():N}", EventType = "lead_created", Payload = Payload, ReceivedAt = DateTime.UtcNow,
            Status = InboxStatus.Failed, Attempts = 8, NextAttemptAt = DateTime.UtcNow.AddDays(-1), LastError = "database is locked",
        };
        db.InboxEvents.Add(failed);
        await db.SaveChangesAsync();
        return failed.Id;
    });

    private Task<InboxEvent> EventAsync(long id) => Hub.WithDbAsync(db => db.InboxEvents.AsNoTracking().SingleAsync(e => e.Id == id));

    [Fact]
    public async Task Replay_makes_a_failed_delivery_due_now_and_keeps_its_error_until_it_succeeds()
    {
        var id = await AddFailedAsync();
        // "Now" a few minutes ahead of the worker's clock, so the worker leaves the row alone while it is inspected.
        var now = DateTime.UtcNow.AddMinutes(5);

        Assert.True(await Hub.WithDbAsync(db => DeliveryReplay.ReplayAsync(db, new Silent(), id, now, CancellationToken.None)));

        var replayed = await EventAsync(id);
        Assert.Equal(InboxStatus.Pending, replayed.Status);
        Assert.Equal(0, replayed.Attempts);
        Assert.Equal(now, replayed.NextAttemptAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal("database is locked", replayed.LastError);
        Assert.False(await Hub.WithDbAsync(db => DeliveryReplay.ReplayAsync(db, new Silent(), id, now, CancellationToken.None)));
    }

    [Fact]
    public async Task A_replayed_delivery_is_applied_by_the_inbox_and_its_error_cleared()
    {
        var id = await AddFailedAsync();
        var notifier = Hub.Services.GetRequiredService<IInboxNotifier>();

        await Hub.WithDbAsync(db => DeliveryReplay.ReplayAsync(db, notifier, id, DateTime.UtcNow, CancellationToken.None));

        var done = await Eventually.ReturnsAsync(() => EventAsync(id), e => e.Status == InboxStatus.Processed);
        Assert.Null(done.LastError);
        Assert.Equal("Replayed lead", (await Hub.WithDbAsync(db => db.Leads.SingleAsync(l => l.OdooId == 4242))).Name);
    }

    [Fact]
    public async Task A_key_made_in_settings_opens_the_api_until_it_is_revoked()
    {
        var key = await Hub.WithDbAsync(db => ApiKeys.CreateAsync(db, "Reports script", DateTime.UtcNow, CancellationToken.None));
        var client = Hub.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/crm/summary")).StatusCode);

        var stored = Assert.Single(await Hub.WithDbAsync(db => ApiKeys.ListAsync(db, CancellationToken.None)));
        Assert.Equal(key[..ApiKeys.PrefixLength], stored.Prefix);
        Assert.DoesNotContain(key, stored.KeyHash, StringComparison.Ordinal);

        Assert.Equal(1, await Hub.WithDbAsync(db => ApiKeys.RevokeAsync(db, stored.Id, DateTime.UtcNow, CancellationToken.None)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/crm/summary")).StatusCode);
    }
}

public sealed class DeliveriesAndKeysTestsOnSqlite() : DeliveriesAndKeysTests(HubProvider.Sqlite);

public sealed class DeliveriesAndKeysTestsOnPostgres() : DeliveriesAndKeysTests(HubProvider.Postgres);
