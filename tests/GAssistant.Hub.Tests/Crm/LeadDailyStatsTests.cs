using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>
/// The daily rollup the dashboards read is kept by triggers: after inserts, updates that move a lead between days,
/// stages and outcomes, soft and hard deletes, it gives exactly the figures of a GROUP BY over the leads themselves.
/// </summary>
public abstract class LeadDailyStatsTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Day = new(2026, 11, 10, 8, 30, 0, DateTimeKind.Utc);

    private static Lead Lead(long id, int day, string? stage, string? source, string? campaign, decimal revenue, double probability, bool won = false, bool lost = false) => new()
    {
        OdooId = id, Name = $"Lead {id}", StageName = stage, Source = source, Campaign = campaign, ExpectedRevenue = revenue, Probability = probability,
        IsWon = won, IsLost = lost, Active = !lost, Currency = "SAR", CreateDate = Day.AddDays(day), WriteDate = Day.AddDays(day), SourceVersion = Day, SyncedAt = Day,
    };

    private Task AssertRollupMatchesLeadsAsync(LeadFilter filter) => RollupAssert.MatchesLeadsAsync(Hub, filter);

    [Fact]
    public async Task The_rollup_follows_inserts_updates_and_deletes_of_leads()
    {
        await Hub.WithDbAsync(db =>
        {
            db.Leads.AddRange(
                Lead(1, 0, "New", "Facebook", "Ramadan", 1000m, 10),
                Lead(2, 0, "New", "Facebook", "Ramadan", 2500.5m, 30),
                Lead(3, 1, "Won", "Website", null, 7000m, 100, won: true),
                Lead(4, 2, null, null, null, 300m, 5),
                Lead(5, 3, "New", "Referral", null, 900m, 0, lost: true),
                Lead(6, 3, "Qualified", "Facebook", "Summer", 4000m, 60));
            return db.SaveChangesAsync();
        });
        await AssertRollupMatchesLeadsAsync(new LeadFilter());

        await Hub.WithDbAsync(async db =>
        {
            var leads = await db.Leads.OrderBy(l => l.OdooId).ToListAsync();
            leads[0].StageName = "Won";                        // moves between stages and outcomes
            leads[0].IsWon = true;
            leads[0].Probability = 100;
            leads[1].CreateDate = Day.AddDays(5);               // moves to another day
            leads[1].ExpectedRevenue = 99m;
            leads[2].Deleted = true;                            // lead_deleted keeps the row, marked
            leads[3].Campaign = "Ramadan";
            db.Leads.Remove(leads[4]);                          // a hard delete
            leads[5].Active = false;                            // archived: no longer open
            return await db.SaveChangesAsync();
        });
        await AssertRollupMatchesLeadsAsync(new LeadFilter());
        await AssertRollupMatchesLeadsAsync(new LeadFilter { From = Day.Date.AddDays(1), To = Day.Date.AddDays(6) });
        await AssertRollupMatchesLeadsAsync(new LeadFilter { Source = "Facebook", Stage = "Won" });
        await AssertRollupMatchesLeadsAsync(new LeadFilter { Campaign = "Ramadan", To = Day.Date.AddDays(3) });

        var total = await Hub.WithDbAsync(db => CrmSummary.ComputeAsync(db, new LeadFilter(), CancellationToken.None));
        Assert.Equal(4, total.TotalLeads);
        Assert.Equal(1000m + 99m + 300m + 4000m, total.ExpectedRevenue);
    }

    [Fact]
    public async Task A_lead_sent_by_odoo_is_counted_at_once()
    {
        var sender = new OdooWebhookSender(Hub.CreateAnonymousClient(), TimeProvider.System);
        var response = await sender.SendAsync(OdooWebhookSender.LeadEvent(id: 555, @event: "lead_created", stage: "New"));
        Assert.True(response.IsSuccessStatusCode);

        var summary = await Eventually.ReturnsAsync(
            () => Hub.WithDbAsync(db => CrmSummary.ComputeAsync(db, new LeadFilter(), CancellationToken.None)), s => s.TotalLeads == 1);
        Assert.Equal(50000m, summary.ExpectedRevenue);
        Assert.Equal(37500m, summary.WeightedRevenue);
        await AssertRollupMatchesLeadsAsync(new LeadFilter());
    }

    [Fact]
    public async Task The_largest_amounts_a_webhook_accepts_are_counted_on_one_day()
    {
        // Just below OdooWebhookEvent.MaxAmount at probability 100, three times on one day: the weighted sum is about 3e17.
        var largest = OdooWebhookEvent.MaxAmount - 10; // 15 significant digits, all SQLite keeps of a sum it writes back as text
        await Hub.WithDbAsync(db =>
        {
            db.Leads.AddRange(Enumerable.Range(1, 3).Select(id => Lead(id, 0, "New", "Facebook", "Ramadan", largest, 100)));
            return db.SaveChangesAsync();
        });

        var total = await Hub.WithDbAsync(db => CrmSummary.ComputeAsync(db, new LeadFilter(), CancellationToken.None));
        Assert.Equal(3, total.TotalLeads);
        Assert.Equal(3 * largest, total.ExpectedRevenue);
        await AssertRollupMatchesLeadsAsync(new LeadFilter());
    }
}

public sealed class LeadDailyStatsTestsOnSqlite() : LeadDailyStatsTests(HubProvider.Sqlite);

public sealed class LeadDailyStatsTestsOnPostgres() : LeadDailyStatsTests(HubProvider.Postgres);
