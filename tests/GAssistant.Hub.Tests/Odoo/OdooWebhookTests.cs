using System.Net.Http.Headers;
using System.Text;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// <c>POST /api/webhook/odoo</c> as CONTRACT.md describes it, end to end: signed delivery, durable
/// inbox, background processing, and the lead as <c>GET /api/odoo/leads</c> shows it.
/// </summary>
public abstract class OdooWebhookTests(HubProvider provider) : HubTest(provider)
{
    private HttpClient Api => _api ??= Hub.CreateApiClient();
    private HttpClient? _api;

    private OdooWebhookSender Sender => new(Hub.CreateAnonymousClient(), TimeProvider.System);

    private Task<int> StoredEventsAsync() => Hub.WithDbAsync(db => db.InboxEvents.CountAsync());

    private async Task<JsonElement> LeadsAsync(string query = "")
    {
        var response = await Api.GetAsync($"/api/odoo/leads{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<JsonElement> WaitForLeadAsync(long id, Func<JsonElement, bool>? done = null) =>
        Eventually.ReturnsAsync(async () =>
        {
            var leads = await LeadsAsync();
            return leads.GetProperty("leads").EnumerateArray().FirstOrDefault(l => l.GetProperty("id").GetInt64() == id);
        }, lead => lead.ValueKind == JsonValueKind.Object && (done?.Invoke(lead) ?? true));

    [Fact]
    public async Task The_contract_example_is_accepted_and_listed_with_every_field_as_sent()
    {
        var response = await Sender.SendAsync(OdooWebhookSender.LeadEvent());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var lead = await WaitForLeadAsync(123);
        Assert.Equal("استفسار عن الخدمات", lead.GetProperty("name").GetString());
        Assert.Equal("أحمد علي", lead.GetProperty("partner_name").GetString());
        Assert.Equal("ahmed@example.com", lead.GetProperty("email").GetString());
        Assert.Equal("مؤهل", lead.GetProperty("stage").GetString());
        Assert.Equal(50000m, lead.GetProperty("expected_revenue").GetDecimal());
        Assert.Equal(75, lead.GetProperty("probability").GetDouble());
        Assert.Equal("Meta", lead.GetProperty("source").GetString());
        var list = await LeadsAsync();
        Assert.True(list.GetProperty("success").GetBoolean());
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.False(string.IsNullOrEmpty(list.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Arabic_is_sent_as_utf8_by_the_api_not_as_escapes()
    {
        await Sender.SendAsync(OdooWebhookSender.LeadEvent());
        await WaitForLeadAsync(123);
        var raw = await Api.GetStringAsync("/api/odoo/leads");
        Assert.Contains("أحمد علي", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_nothing_is_stored()
    {
        var sender = new OdooWebhookSender(Hub.CreateAnonymousClient(), TimeProvider.System, "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another secret entirely")));
        var response = await sender.SendAsync(OdooWebhookSender.LeadEvent());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var request = OdooWebhookSender.SignedRequest(OdooWebhookSender.LeadEvent(), "msg_1", DateTimeOffset.UtcNow, TestSecrets.OdooWebhookSecret);
        request.Content = new StringContent(OdooWebhookSender.LeadEvent(revenue: 1), Encoding.UTF8, "application/json");
        var response = await Hub.CreateAnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Theory]
    [InlineData("webhook-id")]
    [InlineData("webhook-timestamp")]
    [InlineData("webhook-signature")]
    public async Task A_missing_signature_header_is_refused(string header)
    {
        var request = OdooWebhookSender.SignedRequest(OdooWebhookSender.LeadEvent(), "msg_1", DateTimeOffset.UtcNow, TestSecrets.OdooWebhookSecret);
        request.Headers.Remove(header);
        var response = await Hub.CreateAnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task A_signature_more_than_five_minutes_old_or_ahead_is_refused(int minutes)
    {
        var response = await Sender.SendAsync(OdooWebhookSender.LeadEvent(), at: DateTimeOffset.UtcNow.AddMinutes(minutes));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task A_replayed_delivery_is_answered_but_stored_once()
    {
        var client = Hub.CreateAnonymousClient();
        var at = DateTimeOffset.UtcNow;
        var first = await client.SendAsync(OdooWebhookSender.SignedRequest(OdooWebhookSender.LeadEvent(), "msg_replay", at, TestSecrets.OdooWebhookSecret));
        var replay = await client.SendAsync(OdooWebhookSender.SignedRequest(OdooWebhookSender.LeadEvent(), "msg_replay", at, TestSecrets.OdooWebhookSecret));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, await StoredEventsAsync());
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_delivery_are_stored_once()
    {
        var at = DateTimeOffset.UtcNow;
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Hub.CreateAnonymousClient().SendAsync(OdooWebhookSender.SignedRequest(OdooWebhookSender.LeadEvent(), "msg_same", at, TestSecrets.OdooWebhookSecret))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await StoredEventsAsync());
    }

    [Fact]
    public async Task An_older_event_arriving_late_does_not_overwrite_the_newer_state()
    {
        await Sender.SendAsync(OdooWebhookSender.LeadEvent(stage: "Won", writeDate: "2024-01-08 11:00:00", timestamp: "2024-01-08T11:00:00"));
        await WaitForLeadAsync(123, l => l.GetProperty("stage").GetString() == "Won");
        await Sender.SendAsync(OdooWebhookSender.LeadEvent(stage: "New", writeDate: "2024-01-08 10:00:00", timestamp: "2024-01-08T10:00:00"));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Processed)), n => n == 2);

        Assert.Equal("Won", (await WaitForLeadAsync(123)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_deleted_lead_disappears_and_an_older_update_does_not_bring_it_back()
    {
        await Sender.SendAsync(OdooWebhookSender.LeadEvent(timestamp: "2024-01-08T10:00:00", writeDate: "2024-01-08 10:00:00"));
        await WaitForLeadAsync(123);
        await Sender.SendAsync("""{"event": "lead_deleted", "timestamp": "2024-01-08T12:00:00", "data": {"id": 123}}""");
        await Sender.SendAsync(OdooWebhookSender.LeadEvent(timestamp: "2024-01-08T11:00:00", writeDate: "2024-01-08 11:00:00"));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Processed)), n => n == 3);

        Assert.Equal(0, (await LeadsAsync()).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("\"lead_updated\"")]
    [InlineData("{}")]
    [InlineData("""{"event": 5, "data": {"id": 1}}""")]
    [InlineData("""{"event": "lead_exploded", "data": {"id": 1}}""")]
    [InlineData("""{"event": "lead_updated", "data": {"id": "123"}}""")]
    [InlineData("""{"event": "lead_updated", "data": {"id": -1}}""")]
    [InlineData("""{"event": "lead_updated", "data": [1]}""")]
    [InlineData("""{"event": "lead_updated", "timestamp": "next tuesday", "data": {"id": 1}}""")]
    [InlineData("""{"event": "lead_updated", "timestamp": 12, "data": {"id": 1}}""")]
    public async Task A_signed_body_that_is_not_an_event_gets_400_with_the_reason(string body)
    {
        var response = await Sender.SendAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(problem.GetProperty("success").GetBoolean());
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task An_empty_body_gets_400()
    {
        var response = await Sender.SendAsync("");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_gets_413_and_is_not_stored()
    {
        var huge = OdooWebhookSender.LeadEvent().Replace("استفسار عن الخدمات", new string('x', 1024 * 1024), StringComparison.Ordinal);
        var response = await Sender.SendAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task A_sale_order_event_is_replicated_and_linked_to_its_lead()
    {
        await Sender.SendAsync("""
            {"event": "sale_order_created", "timestamp": "2024-01-09T09:00:00",
             "data": {"id": 77, "name": "S00077", "partner_name": "أحمد علي", "state": "sale", "amount_untaxed": 1000,
                      "amount_tax": 150, "amount_total": 1150, "currency": "SAR", "opportunity_id": 123, "write_date": "2024-01-09 09:00:00"}}
            """);
        var order = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.SaleOrders.AsNoTracking().FirstOrDefaultAsync(o => o.OdooId == 77)), o => o is not null);
        Assert.Equal(123, order!.OpportunityId);
        Assert.Equal(1150m, order.AmountTotal);
        Assert.Equal("SAR", order.Currency);
    }

    [Fact]
    public async Task A_deleted_sale_order_is_marked_deleted_and_an_older_update_does_not_bring_it_back()
    {
        await Sender.SendAsync("""
            {"event": "sale_order_created", "timestamp": "2024-01-09T09:00:00",
             "data": {"id": 78, "name": "S00078", "state": "draft", "amount_total": 10, "write_date": "2024-01-09 09:00:00"}}
            """);
        var deleted = await Sender.SendAsync("""{"event": "sale_order_deleted", "timestamp": "2024-01-09T10:00:00", "data": {"id": 78, "name": "S00078"}}""");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Sender.SendAsync("""
            {"event": "sale_order_updated", "timestamp": "2024-01-09T09:30:00",
             "data": {"id": 78, "name": "S00078", "state": "sent", "amount_total": 10, "write_date": "2024-01-09 09:30:00"}}
            """);
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Processed)), n => n == 3);

        var order = await Hub.WithDbAsync(db => db.SaleOrders.AsNoTracking().SingleAsync(o => o.OdooId == 78));
        Assert.True(order.Deleted);
        Assert.Equal("S00078", order.Name);
    }

    [Fact]
    public async Task Leads_in_one_stage_named_in_two_languages_show_the_one_stage_odoo_has()
    {
        await Hub.WithDbAsync(db =>
        {
            db.CrmStages.Add(new CrmStage { OdooId = 4, Name = "Won", Sequence = 70, IsWon = true, SyncedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        await Sender.SendAsync(OdooWebhookSender.LeadEvent(id: 1, stage: "Won", stageId: 4));
        await Sender.SendAsync(OdooWebhookSender.LeadEvent(id: 2, stage: "تم الفوز بها ", stageId: 4));

        await WaitForLeadAsync(1);
        await WaitForLeadAsync(2);
        var stages = (await LeadsAsync()).GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["Won", "Won"], stages);
        var summary = await Hub.WithDbAsync(db => CrmSummary.ComputeAsync(db, new LeadFilter(), CancellationToken.None));
        Assert.Equal(["Won"], summary.ByStage.Select(s => s.Stage));
    }

    [Fact]
    public async Task The_addons_ids_with_names_beside_them_are_read_as_names()
    {
        await Sender.SendAsync("""
            {"event": "lead_created", "timestamp": "2024-01-08T10:30:00",
             "data": {"id": 31, "name": "Lead", "stage_id": 9, "stage_name": "New", "source_id": 7, "source_name": "Facebook",
                      "medium_id": 2, "medium_name": "Paid", "campaign_id": 5, "campaign_name": "Winter", "team_id": 1, "team_name": "Sales",
                      "user_id": 2, "user_name": "Mitchell Admin"}}
            """);

        var lead = await WaitForLeadAsync(31);
        Assert.Equal(("New", "Facebook", "Paid", "Winter"), (lead.GetProperty("stage").GetString(), lead.GetProperty("source").GetString(),
            lead.GetProperty("medium").GetString(), lead.GetProperty("campaign").GetString()));
    }

    [Fact]
    public async Task A_poison_event_is_retried_with_its_error_recorded_and_does_not_block_others()
    {
        await Hub.WithDbAsync(async db =>
        {
            db.InboxEvents.Add(new InboxEvent
            {
                Source = InboxSources.Odoo, DeliveryId = "msg_poison", EventType = "lead_updated", Payload = "{\"event\": \"lead_updated\"}",
                ReceivedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        await Sender.SendAsync(OdooWebhookSender.LeadEvent(id: 9));

        await WaitForLeadAsync(9);
        var poison = await Eventually.ReturnsAsync(
            () => Hub.WithDbAsync(db => db.InboxEvents.AsNoTracking().SingleAsync(e => e.DeliveryId == "msg_poison")), e => e.Attempts >= 1);
        Assert.Equal(InboxStatus.Pending, poison.Status);
        Assert.Contains("data", poison.LastError, StringComparison.Ordinal);
        Assert.True(poison.NextAttemptAt > DateTime.UtcNow, "the retry waits for its backoff");
    }
}

public sealed class OdooWebhookTestsOnSqlite() : OdooWebhookTests(HubProvider.Sqlite);

public sealed class OdooWebhookTestsOnPostgres() : OdooWebhookTests(HubProvider.Postgres);
