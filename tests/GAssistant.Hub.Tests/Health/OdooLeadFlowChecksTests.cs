using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Health;

/// <summary>
/// The lead-flow watch on Odoo's side, seen through <c>GET /api/health/checks</c>: leads that only the reconciliation pull
/// found (the addon's webhooks did not reach the hub) and each Odoo source's flow. The hub's clock stands at Tuesday
/// 1 December 2026 09:00 UTC; the Odoo double is a new database the test fills.
/// </summary>
public abstract class OdooLeadFlowChecksTests(HubProvider provider) : HealthTestHub(provider)
{
    private static readonly DateTime Today = Start.UtcDateTime.Date;

    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private void AddOdooLead(long id, DateTime created) => Odoo.Model("crm.lead").Add(new JsonObject
    {
        ["id"] = id, ["name"] = $"طلب عرض سعر {id}", ["type"] = "lead", ["active"] = true, ["stage_id"] = new JsonArray(1, "New"),
        ["source_id"] = new JsonArray(3, "Website"), ["create_date"] = Stamp(created), ["write_date"] = Stamp(created),
    });

    private static string LeadCreated(long id, DateTime created) => $$"""
        {"event": "lead_created", "timestamp": "{{created:yyyy-MM-ddTHH:mm:ss}}",
         "data": {"id": {{id}}, "name": "طلب عرض سعر {{id}}", "type": "lead", "stage_id": 1, "source_id": 3, "source_name": "Website",
                  "create_date": "{{Stamp(created)}}", "write_date": "{{Stamp(created)}}"}
        }
        """;

    private async Task SyncAsync()
    {
        using var response = await Hub.CreateApiClient().PostAsync(new Uri("/api/odoo/sync", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["job"]!["id"]!.GetValue<string>();
        var job = await Eventually.ReturnsAsync(
            async () => (await Hub.CreateApiClient().GetFromJsonAsync<JsonObject>(new Uri($"/api/jobs/{id}", UriKind.Relative)))!["job"]!.AsObject(),
            j => j["status"]!.GetValue<string>() is "succeeded" or "failed");
        Assert.Equal("succeeded", job["status"]!.GetValue<string>());
    }

    private async Task SendAndApplyAsync(long id, DateTime created)
    {
        var sender = new OdooWebhookSender(Hub.CreateAnonymousClient(), Clock);
        Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(LeadCreated(id, created))).StatusCode);
        // The inbox worker waits on the hub's (fake) clock: a second at a time, as it would pass.
        await Eventually.ReturnsAsync(() =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return Hub.WithDbAsync(db => db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Pending));
        }, pending => pending == 0);
    }

    private async Task<Dictionary<string, JsonObject>> ChecksAsync()
    {
        await Hub.Services.GetRequiredService<HealthWorker>().RunOnceAsync(CancellationToken.None);
        var api = await Hub.CreateApiClient().GetFromJsonAsync<JsonObject>("/api/health/checks");
        return api!["checks"]!.AsArray().ToDictionary(c => c!["key"]!.GetValue<string>(), c => c!.AsObject());
    }

    private static (string, string) StateAndCode(JsonObject check) => (check["state"]!.GetValue<string>(), check["code"]!.GetValue<string>());

    [Fact]
    public async Task Leads_created_today_that_only_the_sync_found_are_a_warning_until_the_addons_webhooks_name_them()
    {
        await FirstRunAsync();

        // The addon has been sending since yesterday (its first event, long applied).
        await Hub.WithDbAsync(db =>
        {
            db.InboxEvents.Add(new InboxEvent
            {
                Source = InboxSources.Odoo, DeliveryId = "msg_yesterday", EventType = "lead_updated", Payload = "{}", ReceivedAt = Today.AddHours(-20),
                Status = InboxStatus.Processed, ProcessedAt = Today.AddHours(-20), NextAttemptAt = Today.AddHours(-20),
            });
            return db.SaveChangesAsync();
        });

        AddOdooLead(1, Today.AddHours(-9));       // yesterday's: not today's count
        AddOdooLead(2, Today.AddHours(6));
        AddOdooLead(3, Today.AddHours(7));
        AddOdooLead(4, Today.AddHours(8));
        AddOdooLead(5, Today.AddHours(8.9));      // six minutes old: its webhook may be on its way
        AddOdooLead(6, Today.AddHours(5));        // its webhook came
        await SendAndApplyAsync(6, Today.AddHours(5));

        await SyncAsync();
        var pulled = await Hub.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.OnlyPulled).Select(l => l.OdooId).OrderBy(i => i).ToListAsync());
        Assert.Equal([1L, 2, 3, 4, 5], pulled);

        var checks = await ChecksAsync();
        var pull = checks["leads.pull"];
        Assert.Equal(("warning", "leads_pull_only"), StateAndCode(pull));
        Assert.Equal("3 Odoo leads created today arrived only through the sync from Odoo — the connector addon's webhooks may not be reaching the hub.",
            pull["finding"]!.GetValue<string>());
        Assert.Equal("وصل ⁨3⁩ من عملاء أودو المحتملين الذين أُنشئوا اليوم عبر المزامنة من أودو وحدها — ربما لا يصل الويب هوك من إضافة الربط إلى المركز.",
            CheckText.Finding(Check("leads.pull")!.Result, "ar"));

        // The addon's outbox delivers late, with the state the sync already holds: the leads are no longer "only pulled".
        foreach (var id in new long[] { 2, 3, 4 })
        {
            await SendAndApplyAsync(id, Today.AddHours(id + 4));
        }

        Assert.Equal(("ok", "leads_pull_ok"), StateAndCode((await ChecksAsync())["leads.pull"]));
        Assert.Equal([1L, 5], await Hub.WithDbAsync(db => db.Leads.AsNoTracking().Where(l => l.OnlyPulled).Select(l => l.OdooId).OrderBy(i => i).ToListAsync()));
    }

    [Fact]
    public async Task Before_the_addon_ever_sent_an_event_the_sync_only_check_is_not_judged()
    {
        await FirstRunAsync();
        AddOdooLead(2, Today.AddHours(6));
        await SyncAsync();

        Assert.DoesNotContain("leads.pull", (await ChecksAsync()).Keys);
    }

    [Fact]
    public async Task An_odoo_source_that_goes_quiet_is_a_warning_with_its_numbers_and_a_new_one_is_not_judged()
    {
        await FirstRunAsync();

        // "Website" brings five leads a weekday, 2 to 27 November (LeadFlowRuleTests' weekday history: weekends of 64 hours);
        // nothing since Friday 17:00, 88 hours ago.
        var first = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        var weekdays = Enumerable.Range(0, 26).Select(d => first.AddDays(d))
            .Where(day => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .SelectMany(day => Enumerable.Range(0, 5).Select(i => day.AddHours(2 * i)))
            .ToList();
        long id = 0;
        Lead At(DateTime created, string? source, bool test = false, bool deleted = false) => new()
        {
            OdooId = ++id, Name = $"lead {id}", Source = source, CreateDate = created, WriteDate = created, SourceVersion = created, SyncedAt = created,
            IsTest = test, Deleted = deleted, Active = !deleted,
        };
        await Hub.WithDbAsync(db =>
        {
            db.Leads.AddRange(weekdays.Select(at => At(at, "Website")));

            // Neither a test lead nor a deleted one ends the silence; leads without a source are no source.
            db.Leads.AddRange(At(Today.AddHours(-14), "Website", test: true), At(Today.AddHours(-13), "Website", deleted: true),
                At(Today.AddHours(-3), null), At(Today.AddHours(-2), ""));

            // A source first seen on Saturday.
            db.Leads.AddRange(At(Today.AddDays(-3).AddHours(10), "معرض الرياض"), At(Today.AddHours(8), "معرض الرياض"));
            return db.SaveChangesAsync();
        });

        var checks = await ChecksAsync();
        var quiet = checks["leads.source:Website"];
        Assert.Equal(("warning", "leads_source_quiet", "Website"), (quiet["state"]!.GetValue<string>(), quiet["code"]!.GetValue<string>(), quiet["name"]!.GetValue<string>()));
        Assert.Equal(["88", "64", "100"], quiet["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("No lead for 88 hours, longer than the usual longest gap of 64 hours (100 leads in the 28 days before the last one).",
            quiet["finding"]!.GetValue<string>());
        Assert.Equal("عملاء أودو المحتملون من ⁨Website⁩", CheckText.Subject(Check("leads.source:Website")!.Result, "ar"));

        var young = checks["leads.source:معرض الرياض"];
        Assert.Equal(("ok", "leads_source_learning"), StateAndCode(young));
        Assert.Equal(["1", "70", "2"], young["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(2, checks.Keys.Count(k => k.StartsWith("leads.source:", StringComparison.Ordinal)));

        // A new Website lead (a webhook or the sync stores it in the replica) ends the warning at the next run.
        await Hub.WithDbAsync(db =>
        {
            db.Leads.Add(At(Today.AddHours(8.5), "Website"));
            return db.SaveChangesAsync();
        });
        Assert.Equal(("ok", "leads_source_ok"), StateAndCode((await ChecksAsync())["leads.source:Website"]));
    }
}

public sealed class OdooLeadFlowChecksTestsOnSqlite() : OdooLeadFlowChecksTests(HubProvider.Sqlite);

public sealed class OdooLeadFlowChecksTestsOnPostgres() : OdooLeadFlowChecksTests(HubProvider.Postgres);
