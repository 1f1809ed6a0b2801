using System.Text.Json.Nodes;
using System.Web;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Odoo;
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
    private readonly List<Dictionary<string, string>> _forms = [];
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    /// <summary>Meta lead ids the double's dataset knows; an event with another lead_id is invalid and Meta refuses its whole batch.</summary>
    private readonly HashSet<long> _knownLeads = [long.Parse(LeadgenId), 2468013579246801, 3579124680357912];

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:PixelId"] = Pixel;
            settings["Meta:ConversionSources:0"] = "Instagram";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub)
    {
        (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);
        _graph.Posts[$"{Pixel}/events"] = form =>
        {
            var events = JsonNode.Parse(form["data"])!.AsArray();
            lock (_received)
            {
                _forms.Add(form);
                // "If sending lead_id, please use a valid lead_id or else the system will reject the event" — and with it the batch.
                if (events.Any(e => e!["user_data"]!["lead_id"] is { } id && !_knownLeads.Contains(id.GetValue<long>())))
                {
                    throw new GraphApiDouble.RefusalException(HttpStatusCode.BadRequest, new JsonObject
                    {
                        ["error"] = new JsonObject
                        {
                            ["message"] = "Invalid parameter", ["type"] = "OAuthException", ["code"] = 100, ["error_subcode"] = 2804050,
                            ["error_user_msg"] = "The lead_id is not a valid lead of this dataset.", ["fbtrace_id"] = "AbCdEf123",
                        },
                    }.ToJsonString());
                }

                _received.Add(events);
            }

            return new JsonObject { ["events_received"] = events.Count, ["messages"] = new JsonArray(), ["fbtrace_id"] = "AbCdEf123" };
        };
    }

    /// <summary>Two hours ago, in whole seconds (Odoo's write_date has no fraction).</summary>
    private static DateTime Recent
    {
        get
        {
            var ago = DateTime.UtcNow.AddHours(-2);
            return ago.AddTicks(-(ago.Ticks % TimeSpan.TicksPerSecond));
        }
    }

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
    public async Task A_lead_of_a_source_the_admin_opted_in_is_matched_by_its_hashed_email_and_phone()
    {
        await SendAsync(Lead(43, "Proposition", Recent, source: "Instagram", email: " John_Smith@gmail.com", phone: "+1 (650) 555-1212"));

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

    [Fact]
    public async Task A_lead_made_directly_in_Odoo_with_a_Facebook_source_sends_nothing_by_default()
    {
        await SendAsync(Lead(60, "Qualified", Recent, source: "Facebook", email: "walkin@example.com", phone: "+966551234567"));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.AnyAsync(l => l.OdooId == 60)), found => found);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync()));
        Assert.DoesNotContain(_graph.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lead_replicated_before_its_Meta_link_is_sent_once_with_its_lead_id_when_the_link_is_stored()
    {
        // What happens when the hub makes an Odoo lead: Odoo's "lead created" webhook arrives before the hub has stored its link.
        var created = Recent.AddMinutes(-5);
        var changed = Recent;
        await SendAsync(Lead(61, "New", changed, source: "Facebook", created: created));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.Leads.AnyAsync(l => l.OdooId == 61)), found => found);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        await LinkAsync(61);

        var sent = (await ReceivedAsync(1)).Single().Single()!;
        Assert.Equal(("New", long.Parse(LeadgenId)), (sent["event_name"]!.GetValue<string>(), sent["user_data"]!["lead_id"]!.GetValue<long>()));
        Assert.Null(sent["user_data"]!["em"]);
        Assert.Equal(new DateTimeOffset(changed).ToUnixTimeSeconds(), sent["event_time"]!.GetValue<long>());
    }

    /// <summary>
    /// Odoo's record of stage changes (<c>mail.tracking.value</c> of <c>stage_id</c>, Odoo 17: field_id, old/new ids and names,
    /// create_date) gives the stages a lead passed between two looks of the hub; each goes to Meta, in order, at its own time.
    /// </summary>
    [Fact]
    public async Task Every_stage_a_lead_passed_is_sent_in_order_at_its_time_even_when_the_hub_saw_only_the_last()
    {
        await LinkAsync(62);
        var created = Recent.AddHours(-1);
        _odoo.Models["mail.tracking.value"] =
        [
            Tracking(62, 1, "New", 2, "Qualified", created.AddMinutes(10)),
            Tracking(62, 2, "Qualified", 3, "Proposition", created.AddMinutes(20)),
            Tracking(62, 3, "Proposition", 4, "Won", created.AddMinutes(30)),
        ];

        await SendAsync(Lead(62, "Won", created.AddMinutes(30), created: created));

        await Eventually.ReturnsAsync(() => Task.FromResult(_received.Sum(b => b.Count)), n => n >= 4);
        var events = _received.SelectMany(batch => batch).ToList();
        Assert.Equal(["New", "Qualified", "Proposition", "Won"], events.Select(e => e!["event_name"]!.GetValue<string>()));
        Assert.Equal([created, created.AddMinutes(10), created.AddMinutes(20), created.AddMinutes(30)],
            events.Select(e => DateTimeOffset.FromUnixTimeSeconds(e!["event_time"]!.GetValue<long>()).UtcDateTime));
        Assert.All(events, e => Assert.Equal(long.Parse(LeadgenId), e!["user_data"]!["lead_id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_is_sent_again_one_by_one_and_only_the_bad_event_fails()
    {
        // Three events claimed together: one batch request, which Meta refuses for the unknown lead_id.
        await Hub.WithDbAsync(async db =>
        {
            foreach (var (lead, leadgen) in new[] { (70L, LeadgenId), (71L, "1111111111111111"), (72L, "2468013579246801") })
            {
                var stageEvent = new global::GAssistant.Hub.Meta.Conversions.CrmStageEvent(lead, leadgen, "Qualified", Recent, null, null);
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Kind = "meta.crm_event", DedupKey = stageEvent.DedupKey, Payload = JsonSerializer.Serialize(stageEvent),
                    CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow, Status = OutboxStatus.Pending,
                });
            }

            return await db.SaveChangesAsync();
        });

        var rows = await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync()),
            r => r.All(m => m.Status != OutboxStatus.Pending));

        Assert.Equal([OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.Sent], rows.Select(m => m.Status));
        Assert.Contains("Invalid parameter", rows[1].LastError, StringComparison.Ordinal);
        Assert.Equal([3, 1, 1, 1], _forms.Select(f => JsonNode.Parse(f["data"])!.AsArray().Count));
        Assert.Equal(2, _received.Count);
    }

    [Fact]
    public async Task With_a_test_event_code_every_request_carries_it_and_a_test_lead_sends_nothing()
    {
        Hub.Reconfigure("Meta:TestEventCode", "TEST12345");
        await LinkAsync(63);
        await LinkAsync(64, "2468013579246801", TestLeadStatus.FromMeta);

        await SendAsync(Lead(64, "Qualified", Recent));
        await SendAsync(Lead(63, "Qualified", Recent));
        await ReceivedAsync(1);

        Assert.Equal("TEST12345", _forms.Single()["test_event_code"]);
        Assert.Equal(long.Parse(LeadgenId), _received.Single().Single()!["user_data"]!["lead_id"]!.GetValue<long>());
    }

    private static JsonObject Tracking(long leadId, int oldId, string oldName, int newId, string newName, DateTime at) => new()
    {
        ["id"] = 100 + newId, ["mail_message_id.model"] = "crm.lead", ["mail_message_id.res_id"] = leadId, ["field_id.name"] = "stage_id",
        ["old_value_integer"] = oldId, ["old_value_char"] = oldName, ["new_value_integer"] = newId, ["new_value_char"] = newName,
        ["create_date"] = at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
    };

    private Task<int> LinkAsync(long odooLeadId, string leadgenId = LeadgenId, TestLeadStatus test = TestLeadStatus.None) => Hub.WithDbAsync(db =>
    {
        db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = leadgenId, OdooLeadId = odooLeadId, CampaignId = "c1", LinkedAt = DateTime.UtcNow, TestStatus = test });
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
