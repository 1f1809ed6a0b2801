using System.Text.Json.Nodes;
using System.Web;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Meta.Conversions;

/// <summary>
/// CRM stages back to Meta through the Conversions API for CRM
/// (https://developers.facebook.com/documentation/ads-commerce/conversions-api/conversion-leads-integration/payload-specification),
/// against the Graph double: <c>POST /{pixel_id}/events</c> with a form field <c>data</c> holding the events, answered
/// <c>{"events_received": 1, "messages": [], "fbtrace_id"}</c> (https://developers.facebook.com/docs/marketing-api/conversions-api/using-the-api).
/// Stage changes arrive as signed addon webhooks, as in production.
/// </summary>
public abstract class ConversionsTests(HubProvider provider) : HubTest(provider)
{
    private const string Pixel = "987654321012345";
    private const string LeadgenId = "1357924680135790";
    private readonly List<JsonArray> _received = [];
    private GraphApiDouble _graph = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:PixelId"] = Pixel;
            return settings;
        }
    }

    protected override void Configure(HubFactory hub)
    {
        (_graph, _) = MetaTestHub.RegisterDoubles(hub);
        _graph.Posts[$"{Pixel}/events"] = form =>
        {
            lock (_received)
            {
                _received.Add(JsonNode.Parse(form["data"])!.AsArray());
            }

            return new JsonObject { ["events_received"] = 1, ["messages"] = new JsonArray(), ["fbtrace_id"] = "AbCdEf123" };
        };
    }

    private static DateTime Recent => DateTime.UtcNow.AddHours(-2).AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    [Fact]
    public async Task A_Meta_lead_moving_to_a_new_stage_is_sent_with_its_lead_id_exactly_as_Meta_specifies()
    {
        await LinkAsync(42);
        var changed = Recent;

        await SendAsync(Lead(42, "Qualified", changed));
        var events = await ReceivedAsync(1);

        var sent = events[0][0]!.AsObject();
        Assert.Matches("^[0-9a-f]{32}$", sent["event_id"]!.GetValue<string>());
        sent.Remove("event_id");
        var expected = new JsonObject
        {
            ["event_name"] = "Qualified",
            ["event_time"] = new DateTimeOffset(changed).ToUnixTimeSeconds(),
            ["action_source"] = "system_generated",
            ["user_data"] = new JsonObject { ["lead_id"] = long.Parse(LeadgenId) },
            ["custom_data"] = new JsonObject { ["event_source"] = "crm", ["lead_event_source"] = "Odoo" },
        };
        Assert.True(JsonNode.DeepEquals(expected, sent), sent.ToJsonString());
        Assert.Single(events[0]);
    }

    [Fact]
    public async Task A_lead_from_Meta_without_a_lead_id_is_matched_by_its_hashed_email_and_phone()
    {
        await SendAsync(Lead(43, "Proposition", Recent, source: "Facebook", email: " John_Smith@gmail.com", phone: "+1 (650) 555-1212"));

        var user = (await ReceivedAsync(1))[0][0]!["user_data"]!;

        Assert.Null(user["lead_id"]);
        Assert.Equal("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f", user["em"]![0]!.GetValue<string>());
        Assert.Equal("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176", user["ph"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Graph_error_2_is_retried_by_the_outbox_and_the_second_attempt_is_sent()
    {
        await LinkAsync(44);
        _graph.Fail($"{Pixel}/events", HttpStatusCode.InternalServerError, GraphApiDouble.Error(2, "An unexpected error has occurred. Please retry your request later.", type: "OAuthException"));

        await SendAsync(Lead(44, "Won", Recent));
        var failed = await Eventually.ReturnsAsync(() => MessageAsync(), m => m?.Attempts == 1);
        Assert.Equal(OutboxStatus.Pending, failed!.Status);
        Assert.Contains("error 2", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(_received);

        // Skip the backoff (10 s) instead of sleeping through it: the retry is the outbox worker's own.
        await Hub.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == failed.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        var sent = await Eventually.ReturnsAsync(() => MessageAsync(), m => m?.Status == OutboxStatus.Sent);

        Assert.Equal(2, sent!.Attempts);
        Assert.Equal("Won", (await ReceivedAsync(1))[0][0]!["event_name"]!.GetValue<string>());
        Assert.Equal(2, _graph.Requests.Count(r => r == $"POST {GraphApiDouble.Version}/{Pixel}/events"));
    }

    [Fact]
    public async Task A_stage_change_older_than_7_days_is_not_sent_and_its_outbox_row_says_why()
    {
        await LinkAsync(45);

        await SendAsync(Lead(45, "Qualified", DateTime.UtcNow.AddDays(-8)));
        var message = await Eventually.ReturnsAsync(() => MessageAsync(), m => m?.Status == OutboxStatus.Failed);

        Assert.Contains("7 days", message!.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(_graph.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_change_seen_twice_is_sent_once_and_an_unchanged_stage_is_not_sent()
    {
        await LinkAsync(46);
        var changed = Recent;

        await SendAsync(Lead(46, "Qualified", changed));
        await ReceivedAsync(1);
        await SendAsync(Lead(46, "Qualified", changed.AddMinutes(5), revenue: 900)); // another field changed, same stage
        await SendAsync(Lead(46, "Qualified", changed)); // the first event again (e.g. the sync reads it)
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.ProcessedAt != null)), n => n == 3);

        Assert.Single(_received);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "meta.crm_event")));
    }

    private Task<int> LinkAsync(long odooLeadId) => Hub.WithDbAsync(db =>
    {
        db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = LeadgenId, OdooLeadId = odooLeadId, CampaignId = "c1", LinkedAt = DateTime.UtcNow });
        return db.SaveChangesAsync();
    });

    private Task<OutboxMessage?> MessageAsync() =>
        Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Kind == "meta.crm_event"));

    private async Task<List<JsonArray>> ReceivedAsync(int count)
    {
        await Eventually.ReturnsAsync(() => Task.FromResult(_received.Count), n => n >= count);
        lock (_received)
        {
            return [.. _received];
        }
    }

    private async Task SendAsync(string body)
    {
        var response = await new OdooWebhookSender(Hub.CreateAnonymousClient(), TimeProvider.System).SendAsync(body, "msg_" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>An addon lead event (CONTRACT.md) with the lead's stage and Odoo's write_date.</summary>
    internal static string Lead(long id, string stage, DateTime writeDate, string source = "Facebook", string email = "lead@example.com", string? phone = null,
        decimal revenue = 500, DateTime? created = null) => new JsonObject
    {
        ["event"] = "lead_updated",
        ["timestamp"] = writeDate.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = new JsonObject
        {
            ["id"] = id, ["name"] = "Lead " + id, ["email_from"] = email, ["phone"] = phone, ["stage_name"] = stage, ["expected_revenue"] = revenue,
            ["probability"] = 50, ["source_id"] = source,
            ["write_date"] = writeDate.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["create_date"] = created?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        },
    }.ToJsonString();
}

public sealed class ConversionsTestsOnSqlite() : ConversionsTests(HubProvider.Sqlite);

public sealed class ConversionsTestsOnPostgres() : ConversionsTests(HubProvider.Postgres);

/// <summary>Without <c>Meta:PixelId</c> the hub sends nothing to Meta and queues nothing for it.</summary>
public abstract class ConversionsOffTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;

    protected override IDictionary<string, string?> Settings => MetaTestHub.Settings();

    protected override void Configure(HubFactory hub) => (_graph, _) = MetaTestHub.RegisterDoubles(hub);

    [Fact]
    public async Task Nothing_is_queued_or_sent_while_no_pixel_is_configured()
    {
        await Hub.WithDbAsync(db =>
        {
            db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "1357924680135790", OdooLeadId = 47, LinkedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        var response = await new OdooWebhookSender(Hub.CreateAnonymousClient(), TimeProvider.System)
            .SendAsync(ConversionsTests.Lead(47, "Qualified", DateTime.UtcNow.AddHours(-1)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.AnyAsync(l => l.OdooId == 47 && l.StageName == "Qualified")), found => found);

        Assert.Equal(0, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.DoesNotContain(_graph.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }
}

public sealed class ConversionsOffTestsOnSqlite() : ConversionsOffTests(HubProvider.Sqlite);

public sealed class ConversionsOffTestsOnPostgres() : ConversionsOffTests(HubProvider.Postgres);
