using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Scheduling;
using GAssistant.Hub.Tests.Infrastructure;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>
/// /crm's time to first response with worked numbers, Riyadh's working clock (Sunday–Thursday, quiet 20:00–08:00):
/// Amal answers four Thursday-morning leads after 5, 10, 40 and 120 minutes; Basel answers one that came Thursday at 19:50
/// on Sunday at 08:20 — 60 h 30 min of clock time, 30 working minutes.
/// </summary>
public abstract class ResponseTimesTests(HubProvider provider) : HubTest(provider)
{
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
    private static readonly int[] AmalsMinutes = [40, 5, 120, 10];
    private static readonly WorkingClock Clock = new(WorkingWeek.SundayToThursday, new TimeOnly(20, 0), new TimeOnly(8, 0), Riyadh);

    [Fact]
    public async Task Median_and_90th_percentile_overall_and_by_salesperson_in_working_and_clock_time()
    {
        await Hub.WithDbAsync(db =>
        {
            var id = 100;
            foreach (var minutes in AmalsMinutes)
            {
                db.Leads.Add(Answered(++id, "أمل", Local(3, 10, 0), Local(3, 10, 0).AddMinutes(minutes)));
            }

            db.Leads.Add(Answered(200, "Basel", Local(3, 19, 50), Local(6, 8, 20)));
            db.Leads.Add(new Lead { OdooId = 300, Name = "not yet", CreateDate = Local(3, 11, 0), UserName = "Basel" });
            db.Leads.Add(Marked(Answered(400, "Test", Local(3, 11, 0), Local(3, 11, 1))));
            return db.SaveChangesAsync();
        });

        var figures = await Hub.WithDbAsync(db => ResponseTimes.LoadAsync(db, new LeadFilter(), Clock, Local(7, 9, 0), CancellationToken.None));

        // Clock: 5, 10, 40, 120, 3630 minutes; working: 5, 10, 30, 40, 120. Nearest rank: the 3rd and the 5th.
        var all = figures.Overall!;
        Assert.Equal(5, all.Answered);
        Assert.Equal((Minutes(30), Minutes(120)), (all.WorkingMedian, all.WorkingP90));
        Assert.Equal((Minutes(40), Minutes(3630)), (all.ClockMedian, all.ClockP90));
        Assert.Equal(1, figures.Unanswered);

        var amal = figures.BySalesperson.Single(r => r.Group == "أمل");
        Assert.Equal((4, Minutes(10), Minutes(120)), (amal.Answered, amal.WorkingMedian, amal.WorkingP90));
        var basel = figures.BySalesperson.Single(r => r.Group == "Basel");
        Assert.Equal((Minutes(30), Minutes(3630)), (basel.WorkingMedian, basel.ClockMedian));
        Assert.Equal(["أمل", "Basel"], figures.BySalesperson.Select(r => r.Group));
        Assert.Equal(["Meta"], figures.BySource.Select(r => r.Group));
    }

    [Fact]
    public async Task Escalated_leads_nobody_answered_are_listed_as_waiting_until_someone_does()
    {
        await Hub.WithDbAsync(db =>
        {
            db.Leads.Add(new Lead { OdooId = 501, Name = "ليلى <b>", CreateDate = Local(3, 19, 50), UserName = "أمل", TeamName = "الرياض" });
            db.Leads.Add(Answered(502, "Basel", Local(3, 19, 50), Local(6, 8, 45)));
            db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "w1", OdooLeadId = 501, LinkedAt = Local(3, 19, 50), EscalatedAt = Local(6, 8, 20) });
            db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "w2", OdooLeadId = 502, LinkedAt = Local(3, 19, 50), EscalatedAt = Local(6, 8, 20) });
            db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "w3", OdooLeadId = 503, LinkedAt = Local(6, 9, 0) });
            return db.SaveChangesAsync();
        });

        var figures = await Hub.WithDbAsync(db => ResponseTimes.LoadAsync(db, new LeadFilter(), Clock, Local(6, 9, 0), CancellationToken.None));

        var waiting = Assert.Single(figures.Waiting);
        Assert.Equal((501L, "ليلى <b>", "أمل", "الرياض"), (waiting.OdooId, waiting.Name, waiting.Salesperson, waiting.Team));
        Assert.Equal(Minutes(70), waiting.Waited);
    }

    [Fact]
    public void Percentiles_are_by_nearest_rank()
    {
        TimeSpan[] one = [Minutes(7)];
        TimeSpan[] ten = [.. Enumerable.Range(1, 10).Select(i => Minutes(i))];

        Assert.Equal(Minutes(7), ResponseTimes.Percentile(one, 0.5));
        Assert.Equal(Minutes(7), ResponseTimes.Percentile(one, 0.9));
        Assert.Equal(Minutes(5), ResponseTimes.Percentile(ten, 0.5));
        Assert.Equal(Minutes(9), ResponseTimes.Percentile(ten, 0.9));
    }

    private static Lead Answered(long id, string salesperson, DateTime created, DateTime answered) => new()
    {
        OdooId = id, Name = $"lead {id}", CreateDate = created, UserName = salesperson, Source = "Meta", FirstResponseAt = answered,
        FirstResponseKind = FirstResponseKind.Call,
    };

    private static Lead Marked(Lead lead)
    {
        lead.IsTest = true;
        return lead;
    }

    private static TimeSpan Minutes(int minutes) => TimeSpan.FromMinutes(minutes);

    private static DateTime Local(int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified), Riyadh);
}

public sealed class ResponseTimesTestsOnSqlite() : ResponseTimesTests(HubProvider.Sqlite);

public sealed class ResponseTimesTestsOnPostgres() : ResponseTimesTests(HubProvider.Postgres);
