using System.Text;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Issue 13, 2, 3 and 8: what the Odoo webhooks acknowledge applies, untrusted bytes never get a 5xx,
/// and newest-wins cannot be frozen by a time in the future. Each regression named after what a user saw.
/// </summary>
public abstract class OdooHostileInputTests(HostileHub fixture)
{
    private static long _ids = Random.Shared.NextInt64(1_000_000, 9_000_000_000);

    private HubFactory Hub => fixture.Hub;

    private static long NextId() => Interlocked.Increment(ref _ids);

    private Task<HttpResponseMessage> SendAsync(string body, string? webhookId = null) =>
        new OdooWebhookSender(Hub.CreateAnonymousClient(), TimeProvider.System).SendAsync(body, webhookId);

    private static string Lead(long id, string name = "\"Lead\"", string revenue = "100", string probability = "10", string timestamp = "\"2024-01-08T10:30:00\"", string @event = "\"lead_updated\"") =>
        $$$"""{"event": {{{@event}}}, "timestamp": {{{timestamp}}}, "data": {"id": {{{id}}}, "name": {{{name}}}, "expected_revenue": {{{revenue}}}, "probability": {{{probability}}}}}""";

    [Fact]
    public async Task Trailing_bytes_after_the_event_are_refused_before_the_2xx()
    {
        var response = await SendAsync(Lead(NextId()) + " {}");
        await HostileHub.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("partner_name")]
    [InlineData("email_from")]
    public async Task A_lone_surrogate_in_a_lead_text_is_refused_naming_the_field(string field)
    {
        var body = $$$"""{"event": "lead_created", "data": {"id": {{{NextId()}}}, "{{{field}}}": "a\ud800b"}}""";
        await HostileHub.AssertProblemNamingAsync(await SendAsync(body), HttpStatusCode.BadRequest, $"data.{field}");
    }

    [Fact]
    public async Task A_nul_character_in_a_lead_name_is_refused_naming_the_field()
    {
        await HostileHub.AssertProblemNamingAsync(await SendAsync(Lead(NextId(), name: "\"a\\u0000b\"")), HttpStatusCode.BadRequest, "data.name");
    }

    [Theory]
    [InlineData("1e400", "10", "data.expected_revenue")]
    [InlineData("100", "-1e308", "data.probability")]
    [InlineData("1e20", "10", "data.expected_revenue")]
    [InlineData("100", "101", "data.probability")]
    public async Task Numbers_no_column_can_hold_are_refused_naming_the_field(string revenue, string probability, string field)
    {
        await HostileHub.AssertProblemNamingAsync(await SendAsync(Lead(NextId(), revenue: revenue, probability: probability)), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("\"\\ud800\"", "\"2024-01-08T10:30:00\"", "event")]
    [InlineData("\"lead_updated\"", "\"\\ud800\"", "timestamp")]
    public async Task A_lone_surrogate_in_the_envelope_is_a_400_not_a_500(string @event, string timestamp, string field)
    {
        await HostileHub.AssertProblemNamingAsync(await SendAsync(Lead(NextId(), @event: @event, timestamp: timestamp)), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_event_from_the_far_future_is_refused_so_it_cannot_freeze_the_lead()
    {
        var id = NextId();
        await HostileHub.AssertProblemNamingAsync(await SendAsync(Lead(id, timestamp: "\"9999-12-31T00:00:00\"")), HttpStatusCode.BadRequest, "timestamp");
        var late = $$$"""{"event": "lead_updated", "data": {"id": {{{id}}}, "name": "x", "write_date": "9999-12-31 00:00:00"}}""";
        await HostileHub.AssertProblemNamingAsync(await SendAsync(late), HttpStatusCode.BadRequest, "data.write_date");

        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Lead(id, name: "\"Current name\"", timestamp: $"\"{now}\""))).StatusCode);
        var lead = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.OdooId == id)), l => l is not null);
        Assert.Equal("Current name", lead!.Name);
    }

    [Fact]
    public async Task A_delivery_id_longer_than_the_inbox_keeps_is_a_400_naming_it()
    {
        var response = await SendAsync(Lead(NextId()), "msg_" + new string('x', 300));
        await HostileHub.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "webhook-id");
    }

    [Fact]
    public async Task Every_accepted_hostile_but_valid_event_is_applied_by_the_worker()
    {
        var id = NextId();
        var longName = new string('ش', 2000);
        var body = $$$"""{"event": "lead_created", "data": {"id": {{{id}}}, "name": "{{{longName}}}", "stage_name": "<b>{{{new string('s', 400)}}}</b>", "expected_revenue": "12345.67", "probability": 100, "email_from": "{{{new string('e', 400)}}}@x.y"}}""";
        var delivery = $"msg_hostile_{id}";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(body, delivery)).StatusCode);

        var stored = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.InboxEvents.AsNoTracking().SingleAsync(e => e.DeliveryId == delivery)),
            e => e.Status != InboxStatus.Pending || e.LastError is not null);
        Assert.Equal((InboxStatus.Processed, (string?)null), (stored.Status, stored.LastError));
        var lead = await Hub.WithDbAsync(db => db.Leads.AsNoTracking().SingleAsync(l => l.OdooId == id));
        Assert.Equal(512, lead.Name.Length);
    }

    [Fact]
    public async Task A_wrong_content_type_on_a_webhook_is_415_not_a_login_challenge()
    {
        using var request = OdooWebhookSender.SignedRequest(Lead(NextId()), $"msg_{Guid.NewGuid():N}", DateTimeOffset.UtcNow, TestSecrets.OdooWebhookSecret);
        request.Content!.Headers.ContentType = new("text/plain");
        var response = await Hub.CreateAnonymousClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_automation_model_is_a_400_naming_it()
    {
        using var content = new StringContent("""{"_model": "crm.lead\ud800", "_id": 4}""", Encoding.UTF8, "application/json");
        var response = await Hub.CreateAnonymousClient().PostAsync($"/api/webhook/odoo/automation?token={HostileHub.AutomationToken}", content);
        await HostileHub.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, "_model");
    }

    [Theory]
    [InlineData("""{"name": "x", "probability": "high"}""", "probability")]
    [InlineData("""{"name": "x", "expected_revenue": 1e400}""", "expected_revenue")]
    [InlineData("""{"name": "x", """, "body")]
    [InlineData("""{"name": "x"} trailing""", "body")]
    [InlineData("""{"name": "x\ud800"}""", "name")]
    public async Task Creating_a_lead_with_a_malformed_body_answers_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await Hub.CreateApiClient().PostAsync("/api/odoo/leads", content);
        await HostileHub.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("email", 300)]
    [InlineData("description", 20_000)]
    public async Task Creating_a_lead_with_an_overlong_field_answers_400_naming_it(string field, int length)
    {
        var value = field == "email" ? new string('a', length) + "@example.com" : new string('a', length);
        using var content = JsonContent.Create(new Dictionary<string, string> { ["name"] = "x", [field] = value });
        var response = await Hub.CreateApiClient().PostAsync("/api/odoo/leads", content);
        await HostileHub.AssertProblemNamingAsync(response, HttpStatusCode.BadRequest, field);
    }
}

public sealed class OdooHostileInputTestsOnSqlite(SqliteHostileHub hub) : OdooHostileInputTests(hub), IClassFixture<SqliteHostileHub>;

public sealed class OdooHostileInputTestsOnPostgres(PostgresHostileHub hub) : OdooHostileInputTests(hub), IClassFixture<PostgresHostileHub>;
