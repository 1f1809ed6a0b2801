using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>
/// The funnel and the cohorts read the daily outcome rollups kept by triggers (migration LeadOutcomeRollups): after
/// inserts, Meta links arriving before and after their leads, moves between days, stages and outcomes, wins, soft and
/// hard deletes and test marks, they show exactly what counting the leads themselves shows.
/// </summary>
public abstract class LeadOutcomeRollupTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Start = new(2026, 10, 1, 9, 15, 30, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 12, 8, 12, 0, 0, DateTimeKind.Utc);

    private static readonly LeadFilter[] Filters =
    [
        new(),
        new() { From = new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc) },
    ];

    private static readonly FunnelOptions[] Qualifications =
    [
        new(), new() { QualifiedStage = "Qualified" }, new() { QualifiedStage = "A stage Odoo does not have" },
    ];

    [Fact]
    public async Task The_funnel_and_the_cohorts_from_the_rollups_equal_counting_the_leads_after_every_kind_of_change()
    {
        await SeedAsync();
        await AssertSameAsync();

        await Hub.WithDbAsync(async db =>
        {
            var leads = await db.Leads.OrderBy(l => l.OdooId).ToListAsync();
            leads[0].IsWon = true;                                   // won 7 days and one second after creation: within 14, not 7
            leads[0].DateClosed = leads[0].CreateDate!.Value.AddDays(7).AddSeconds(1);
            leads[1].CreateDate = leads[1].CreateDate!.Value.AddDays(9); // another day and cohort
            leads[2].StageId = 3;                                     // moves past "Qualified"
            leads[2].StageName = "Proposition";
            leads[3].Deleted = true;                                  // lead_deleted keeps the row, marked
            db.Leads.Remove(leads[4]);                                // a hard delete
            leads[5].IsTest = true;                                   // marked a test lead by an administrator
            leads[6].Type = "opportunity";                            // converted
            leads[10].DateClosed = leads[10].DateClosed!.Value.AddDays(40); // won later than first recorded
            leads[8].Source = "Instagram";
            leads[8].Campaign = "Summer";
            return await db.SaveChangesAsync();
        });
        // A Meta lead linked after its Odoo lead was replicated: its spend is now the campaign's.
        await Hub.WithDbAsync(db =>
        {
            db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "late", OdooLeadId = 10, CampaignId = "c2", LinkedAt = Now });
            return db.SaveChangesAsync();
        });
        await AssertSameAsync();

        var linkedLate = await Hub.WithDbAsync(db => db.Leads.Where(l => l.OdooId == 10).Select(l => l.MetaCampaignId).SingleAsync());
        Assert.Equal("c2", linkedLate);
    }

    [Fact]
    public async Task A_lead_replicated_after_its_meta_lead_carries_the_campaign_and_its_source_carries_the_spend()
    {
        await Hub.WithDbAsync(db =>
        {
            db.MetaCampaigns.Add(new MetaCampaign { Id = "c9", AdAccountId = "act_1", Name = "Brand", Currency = "SAR", SyncedAt = Now });
            db.MetaDailyInsights.Add(new MetaDailyInsight { CampaignId = "c9", AdAccountId = "act_1", Date = new DateOnly(2026, 11, 3), Spend = 500m, Currency = "SAR" });
            db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "first", OdooLeadId = 77, CampaignId = "c9", LinkedAt = Now });
            return db.SaveChangesAsync();
        });
        await Hub.WithDbAsync(db =>
        {
            db.Leads.Add(Lead(77, new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc), "Referral", null, 1, "New", "lead"));
            return db.SaveChangesAsync();
        });
        var november = new LeadFilter { From = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) };

        var funnel = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, november, new FunnelOptions(), CancellationToken.None));

        Assert.Equal("c9", await Hub.WithDbAsync(db => db.Leads.Where(l => l.OdooId == 77).Select(l => l.MetaCampaignId).SingleAsync()));
        Assert.Equal(("Referral", 1, 500m, 500m), (funnel.BySource.Single().Group, funnel.BySource.Single().Leads, funnel.BySource.Single().Spend!.Value,
            funnel.BySource.Single().CostPerLead!.Value));
    }

    private async Task AssertSameAsync()
    {
        foreach (var filter in Filters)
        {
            foreach (var options in Qualifications)
            {
                var fromRollups = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, filter, options, CancellationToken.None));
                var fromLeads = await Hub.WithDbAsync(db => LeadFunnel.LoadFromLeadsAsync(db, filter, options, CancellationToken.None));
                Assert.Equal(fromLeads.Overall, fromRollups.Overall);
                Assert.Equal(fromLeads.BySource, fromRollups.BySource);
                Assert.Equal(fromLeads.ByCampaign, fromRollups.ByCampaign);
            }

            foreach (var narrowed in new[] { filter, filter with { Stage = "New" }, filter with { Source = "Facebook" }, filter with { Campaign = "Ramadan" },
                         filter with { Campaign = "Ramadan", Stage = "Won" } })
            {
                foreach (var period in new[] { CohortPeriod.Week, CohortPeriod.Month })
                {
                    var fromRollup = await Hub.WithDbAsync(db => LeadCohorts.LoadAsync(db, narrowed, period, Now, CancellationToken.None));
                    var fromLeads = await Hub.WithDbAsync(db => LeadCohorts.LoadFromLeadsAsync(db, narrowed, period, Now, CancellationToken.None));
                    Assert.Equal(Describe(fromLeads), Describe(fromRollup));
                }
            }
        }

        // The rollups hold every counted lead once per grouping (not an answer read from the leads twice).
        var (counted, inRollup) = await Hub.WithDbAsync(async db => (await db.Leads.CountAsync(l => !l.Deleted && !l.IsTest),
            await db.Set<LeadDailyOutcome>().SumAsync(o => o.Leads)));
        Assert.Equal(2 * counted, inRollup);

        // Not a comparison of two empty answers: the data has cohorts with wins.
        var all = await Hub.WithDbAsync(db => LeadCohorts.LoadAsync(db, new LeadFilter { From = Start.Date }, CohortPeriod.Month, Now, CancellationToken.None));
        Assert.Contains(all.Cohorts, c => c.Cells.Any(cell => cell.Won > 0));
    }

    private static string[] Describe(LeadCohorts cohorts) =>
    [
        $"{cohorts.Period}|{cohorts.Currency}",
        .. cohorts.Cohorts.Select(c => $"{c.Start}|{c.Leads}|" + string.Join(";", c.Cells.Select(cell => $"{cell.Days}:{cell.Won}:{cell.WonShare}:{cell.WonRevenue}"))),
    ];

    /// <summary>
    /// Forty leads over two months: three sources, two campaigns and none, four stages, leads and opportunities, won after
    /// 0 to 95 days (some at exactly 7 and 30 days), lost, a test lead, one without a creation date, some with Meta links.
    /// </summary>
    private Task<int> SeedAsync() => Hub.WithDbAsync(db =>
    {
        db.CrmStages.AddRange(Stage(1, "New", 1), Stage(2, "Qualified", 2), Stage(3, "Proposition", 3), Stage(4, "Won", 4));
        db.MetaCampaigns.AddRange(
            new MetaCampaign { Id = "c1", AdAccountId = "act_1", Name = "Ramadan", Currency = "SAR", SyncedAt = Now },
            new MetaCampaign { Id = "c2", AdAccountId = "act_1", Name = "Summer", Currency = "SAR", SyncedAt = Now });
        db.MetaDailyInsights.AddRange(
            new MetaDailyInsight { CampaignId = "c1", AdAccountId = "act_1", Date = new DateOnly(2026, 10, 10), Spend = 700m, Currency = "SAR" },
            new MetaDailyInsight { CampaignId = "c2", AdAccountId = "act_1", Date = new DateOnly(2026, 11, 2), Spend = 300m, Currency = "SAR" });
        string?[] sources = ["Facebook", "Website", null];
        string?[] campaigns = ["Ramadan", "Summer", null];
        int[] wonAfter = [0, 7, 30, 3, 95, 14, 60, 1];
        for (var id = 1; id <= 40; id++)
        {
            var stage = id % 4 + 1;
            var lead = Lead(id, Start.AddDays(id * 1.5).AddHours(id), sources[id % 3], campaigns[id / 3 % 3], stage,
                stage switch { 1 => "New", 2 => "Qualified", 3 => "Proposition", _ => "Won" }, id % 5 == 0 ? "opportunity" : "lead");
            if (stage == 4)
            {
                lead.IsWon = true;
                lead.DateClosed = lead.CreateDate!.Value.AddDays(wonAfter[id % wonAfter.Length]);
            }
            else if (id % 7 == 0)
            {
                lead.IsLost = true;
                lead.Active = false;
            }

            db.Leads.Add(lead);
        }

        db.Leads.Add(Lead(41, null, "Facebook", "Ramadan", 1, "New", "lead"));
        db.Leads.Add(Lead(42, Start.AddDays(3), "Facebook", "Ramadan", 4, "Won", "opportunity") is var test ? Won(test, 2, isTest: true) : null!);
        db.MetaLeadLinks.AddRange(
            new MetaLeadLink { LeadgenId = "m1", OdooLeadId = 3, CampaignId = "c1", LinkedAt = Start },
            new MetaLeadLink { LeadgenId = "m2", OdooLeadId = 4, CampaignId = "c2", LinkedAt = Start },
            new MetaLeadLink { LeadgenId = "m3", OdooLeadId = 12, CampaignId = "c2", LinkedAt = Start });
        return db.SaveChangesAsync();
    });

    private static Lead Won(Lead lead, int days, bool isTest)
    {
        lead.IsWon = true;
        lead.IsTest = isTest;
        lead.DateClosed = lead.CreateDate!.Value.AddDays(days);
        return lead;
    }

    private static CrmStage Stage(long id, string name, int sequence) => new() { OdooId = id, Name = name, Sequence = sequence, IsWon = id == 4, SyncedAt = Now };

    private static Lead Lead(long id, DateTime? created, string? source, string? campaign, long stageId, string stage, string type) => new()
    {
        OdooId = id, Name = $"Lead {id}", Source = source, Campaign = campaign, StageId = stageId, StageName = stage, Type = type,
        ExpectedRevenue = 100m * id + 0.25m, Probability = 10 * (id % 10), Currency = id == 5 ? "USD" : "SAR", CreateDate = created,
        WriteDate = created, SourceVersion = Now, SyncedAt = Now,
    };
}

public sealed class LeadOutcomeRollupTestsOnSqlite() : LeadOutcomeRollupTests(HubProvider.Sqlite);

public sealed class LeadOutcomeRollupTestsOnPostgres() : LeadOutcomeRollupTests(HubProvider.Postgres);
