using GAssistant.Hub.Data;
using GAssistant.Hub.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Webhooks;

/// <summary>
/// The inbox worker applies a batch of stored events in one transaction (docs/reliability.md). The events of each test
/// are stored in one transaction, so the worker claims them together, as it does a burst of deliveries; what a user
/// sees afterwards must be what applying them one by one, in order, gives.
/// </summary>
public abstract class InboxBatchTests(HubProvider provider) : HubTest(provider)
{
    private const string CrashSource = "test-crash";

    private readonly CrashingOnce _crash = new();

    /// <summary>One attempt: a malformed event shows as failed at once instead of after ten retries.</summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Inbox:MaxAttempts"] = "1" };

    protected override void Configure(HubFactory hub) => hub.WithServices(s => s.AddSingleton<IInboxEventHandler>(_crash));

    [Fact]
    public async Task A_batch_with_several_events_for_one_lead_leaves_its_newest_state()
    {
        await StoreAsync(
            Odoo("msg_a1", OdooWebhookSender.LeadEvent(id: 501, stage: "New", writeDate: "2026-12-01 10:00:00")),
            Odoo("msg_a2", OdooWebhookSender.LeadEvent(id: 501, stage: "Won", writeDate: "2026-12-01 12:00:00")),
            Odoo("msg_a3", OdooWebhookSender.LeadEvent(id: 501, stage: "Qualified", writeDate: "2026-12-01 11:00:00")),
            Odoo("msg_a4", OdooWebhookSender.LeadEvent(id: 502, @event: "lead_created", stage: "New", timestamp: "2026-12-01T09:00:00")),
            Odoo("msg_a5", OdooWebhookSender.LeadEvent(id: 502, @event: "lead_deleted", timestamp: "2026-12-01T09:30:00")),
            Odoo("msg_a6", OdooWebhookSender.LeadEvent(id: 502, stage: "Won", timestamp: "2026-12-01T09:10:00")));

        var events = await ProcessedAsync(6);

        // One processed time for all: they were applied together, not one by one.
        Assert.Single(events.Select(e => e.ProcessedAt).Distinct());
        var leads = await LeadsAsync();
        Assert.Equal("Won", leads.Single(l => l.GetProperty("id").GetInt64() == 501).GetProperty("stage").GetString());
        Assert.DoesNotContain(leads, l => l.GetProperty("id").GetInt64() == 502);
    }

    [Fact]
    public async Task A_batch_whose_save_fails_midway_applies_every_event_once_and_loses_none()
    {
        await StoreAsync(
            Odoo("msg_c1", OdooWebhookSender.LeadEvent(id: 601, stage: "New", writeDate: "2026-12-01 10:00:00")),
            Odoo("msg_c2", OdooWebhookSender.LeadEvent(id: 602, stage: "New", writeDate: "2026-12-01 10:00:00")),
            new InboxEvent { Source = CrashSource, DeliveryId = "msg_crash", EventType = "crash", Payload = "{}" },
            Odoo("msg_c3", OdooWebhookSender.LeadEvent(id: 601, stage: "Won", writeDate: "2026-12-01 11:00:00")),
            Odoo("msg_c4", OdooWebhookSender.LeadEvent(id: 603, stage: "New", writeDate: "2026-12-01 10:00:00")));

        var events = await ProcessedAsync(5);

        Assert.True(_crash.Crashed, "the batch's save failed once");
        Assert.Contains(Hub.Logs.GetSnapshot(), r => r.Id.Id == 1105);
        Assert.All(events, e => Assert.Equal(1, e.Attempts));
        var leads = await LeadsAsync();
        Assert.Equal([601, 602, 603], leads.Select(l => l.GetProperty("id").GetInt64()).Order());
        Assert.Equal("Won", leads.Single(l => l.GetProperty("id").GetInt64() == 601).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_malformed_event_in_a_batch_is_marked_failed_and_the_others_are_applied()
    {
        await StoreAsync(
            Odoo("msg_m1", OdooWebhookSender.LeadEvent(id: 701)),
            Odoo("msg_m2", """{"event": "lead_updated", "timestamp": "2026-12-01T10:00:00"}"""),
            Odoo("msg_m3", OdooWebhookSender.LeadEvent(id: 702)));

        var events = await Eventually.ReturnsAsync(
            () => Hub.WithDbAsync(db => db.InboxEvents.AsNoTracking().ToListAsync()), all => all.All(e => e.Status != InboxStatus.Pending));

        var malformed = events.Single(e => e.DeliveryId == "msg_m2");
        Assert.Equal(InboxStatus.Failed, malformed.Status);
        Assert.Contains("data", malformed.LastError, StringComparison.Ordinal);
        Assert.All(events.Where(e => e != malformed), e => Assert.Equal((InboxStatus.Processed, 1), (e.Status, e.Attempts)));
        Assert.Equal([701, 702], (await LeadsAsync()).Select(l => l.GetProperty("id").GetInt64()).Order());
    }

    private static InboxEvent Odoo(string deliveryId, string payload) => new()
    {
        Source = InboxSources.Odoo, DeliveryId = deliveryId, EventType = "lead_updated", Payload = payload,
    };

    private Task<int> StoreAsync(params InboxEvent[] events) => Hub.WithDbAsync(db =>
    {
        var now = DateTime.UtcNow;
        foreach (var inboxEvent in events)
        {
            inboxEvent.ReceivedAt = now;
            inboxEvent.NextAttemptAt = now;
        }

        db.InboxEvents.AddRange(events);
        return db.SaveChangesAsync();
    });

    private Task<List<InboxEvent>> ProcessedAsync(int count) => Eventually.ReturnsAsync(
        () => Hub.WithDbAsync(db => db.InboxEvents.AsNoTracking().Where(e => e.Status == InboxStatus.Processed).ToListAsync()),
        all => all.Count == count);

    private async Task<List<JsonElement>> LeadsAsync()
    {
        var response = await Hub.CreateApiClient().GetAsync("/api/odoo/leads");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leads").EnumerateArray()];
    }

    /// <summary>
    /// A source whose first event makes the batch's save fail in the database, after the Odoo events before it were
    /// applied in the same transaction: it stores a second row under an existing delivery id (the unique index refuses it).
    /// </summary>
    private sealed class CrashingOnce : IInboxEventHandler
    {
        private int _calls;

        public bool Crashed => _calls > 1;

        public string Source => CrashSource;

        public Task HandleAsync(HubDbContext db, InboxEvent inboxEvent, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                db.InboxEvents.Add(new InboxEvent
                {
                    Source = InboxSources.Odoo, DeliveryId = "msg_c1", EventType = "lead_updated", Payload = "{}",
                    ReceivedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
                });
            }

            return Task.CompletedTask;
        }
    }
}

public sealed class InboxBatchTestsOnSqlite() : InboxBatchTests(HubProvider.Sqlite);

public sealed class InboxBatchTestsOnPostgres() : InboxBatchTests(HubProvider.Postgres);
