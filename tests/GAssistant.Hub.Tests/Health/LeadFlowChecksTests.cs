using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Health;
using GAssistant.Hub.Tests.Meta;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Health;

/// <summary>
/// The lead-flow watch on stored Meta lead links, seen through <c>GET /api/health/checks</c>. The hub's clock stands at
/// Tuesday 1 December 2026 09:00 UTC; the weekday form's history is <see cref="LeadFlowRuleTests"/>' (100 leads from 2 to
/// 27 November, weekends of 64 hours), so its silence since Friday 17:00 is 88 hours.
/// </summary>
public abstract class LeadFlowChecksTests(HubProvider provider) : HealthTestHub(provider)
{
    private const string WeekdayForm = "form-weekday";
    private const string NewForm = "form-new";

    private static MetaLeadLink Link(string id, string form, DateTime created, LeadArrival arrival = LeadArrival.Webhook,
        TestLeadStatus test = TestLeadStatus.None) => new()
    {
        LeadgenId = id, OdooLeadId = 1, PageId = MetaTestHub.PageId, FormId = form, CreatedTime = created, LinkedAt = created,
        Arrival = arrival, TestStatus = test,
    };

    [Fact]
    public async Task A_quiet_form_and_leads_only_the_backfill_found_are_warnings_with_their_numbers()
    {
        await FirstRunAsync();
        var first = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        var weekdays = Enumerable.Range(0, 26).Select(d => first.AddDays(d))
            .Where(day => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .SelectMany(day => Enumerable.Range(0, 5).Select(i => day.AddHours(2 * i)))
            .Select((at, i) => Link($"w{i}", WeekdayForm, at))
            .ToList();
        var today = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        await Hub.WithDbAsync(db =>
        {
            db.MetaLeadForms.Add(new MetaLeadForm { Id = WeekdayForm, PageId = MetaTestHub.PageId, Name = "عرض الشتاء", Status = "ACTIVE", SyncedAt = today });
            db.MetaLeadLinks.AddRange(weekdays);

            // Test leads on Monday: they do not break the silence.
            db.MetaLeadLinks.AddRange(Link("t1", WeekdayForm, today.AddHours(-14), test: TestLeadStatus.FromMeta),
                Link("t2", WeekdayForm, today.AddHours(-13), arrival: LeadArrival.Backfill, test: TestLeadStatus.MarkedByAdmin));

            // A form first seen on Saturday: too new to judge. Three of today's leads came only through the backfill,
            // yesterday's backfilled lead is not today's.
            db.MetaLeadLinks.AddRange(Link("n1", NewForm, today.AddDays(-3).AddHours(10)), Link("n2", NewForm, today.AddDays(-1).AddHours(10), LeadArrival.Backfill),
                Link("n3", NewForm, today.AddHours(7), LeadArrival.Backfill), Link("n4", NewForm, today.AddHours(8), LeadArrival.Backfill),
                Link("n5", NewForm, today.AddHours(8.5), LeadArrival.Backfill), Link("n6", NewForm, today.AddHours(8.75)));
            return db.SaveChangesAsync();
        });

        await Hub.Services.GetRequiredService<HealthWorker>().RunOnceAsync(CancellationToken.None);

        var api = await Hub.CreateApiClient().GetFromJsonAsync<JsonObject>("/api/health/checks");
        Assert.Equal("warning", api!["status"]!.GetValue<string>());
        var checks = api["checks"]!.AsArray().ToDictionary(c => c!["key"]!.GetValue<string>(), c => c!.AsObject());

        var quiet = checks["leads.flow:" + WeekdayForm];
        Assert.Equal(("warning", "leads_flow_quiet", "عرض الشتاء"), (quiet["state"]!.GetValue<string>(), quiet["code"]!.GetValue<string>(), quiet["name"]!.GetValue<string>()));
        Assert.Equal(["88", "64", "100"], quiet["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("No lead for 88 hours, longer than the usual longest gap of 64 hours (100 leads in the 28 days before the last one).",
            quiet["finding"]!.GetValue<string>());

        var young = checks["leads.flow:" + NewForm];
        Assert.Equal(("ok", "leads_flow_learning"), (young["state"]!.GetValue<string>(), young["code"]!.GetValue<string>()));
        Assert.Equal(["0.3", "48", "6"], young["arguments"]!.AsArray().Select(a => a!.GetValue<string>()));

        // The Page with both forms: its newest leads are 15 minutes old, well within its gaps.
        var page = checks["leads.flow:" + MetaTestHub.PageId];
        Assert.Equal(("ok", "leads_flow_ok"), (page["state"]!.GetValue<string>(), page["code"]!.GetValue<string>()));

        var backfill = checks["leads.backfill"];
        Assert.Equal(("warning", "leads_backfill_only"), (backfill["state"]!.GetValue<string>(), backfill["code"]!.GetValue<string>()));
        Assert.Equal("3 Meta leads arrived only through the backfill today — the webhook subscription may be broken.", backfill["finding"]!.GetValue<string>());
        Assert.Equal("وصل ⁨3⁩ من عملاء Meta المحتملين اليوم عبر المزامنة وحدها — ربما تعطّل اشتراك الويب هوك.",
            CheckText.Finding(Check("leads.backfill")!.Result, "ar"));

        // A lead on the weekday form ends its silence at the next run.
        await Hub.WithDbAsync(db =>
        {
            db.MetaLeadLinks.Add(Link("w-late", WeekdayForm, today.AddHours(8.9)));
            return db.SaveChangesAsync();
        });
        await Hub.Services.GetRequiredService<HealthWorker>().RunOnceAsync(CancellationToken.None);
        Assert.Equal((CheckState.Ok, "leads_flow_ok"), (Check("leads.flow:" + WeekdayForm)!.State, Check("leads.flow:" + WeekdayForm)!.Result.Code));
    }

    [Fact]
    public async Task Without_meta_leads_there_is_no_flow_check_and_the_backfill_check_is_ok()
    {
        await FirstRunAsync();

        Assert.DoesNotContain(Board.Checks, c => c.Result.Kind == "leads.flow");
        Assert.Equal((CheckState.Ok, "leads_backfill_ok"), (Check("leads.backfill")!.State, Check("leads.backfill")!.Result.Code));
    }
}

public sealed class LeadFlowChecksTestsOnSqlite() : LeadFlowChecksTests(HubProvider.Sqlite);

public sealed class LeadFlowChecksTestsOnPostgres() : LeadFlowChecksTests(HubProvider.Postgres);
