using GAssistant.Hub.Data;

namespace GAssistant.Bench.DashboardQueries;

/// <summary>
/// A year of a busy CRM: leads spread evenly over 365 days up to today, five stages (won and lost close them),
/// five sources of which Facebook and Instagram leads carry one of 100 campaigns, one currency; 100 campaigns with a
/// daily insight each day; a confirmed order for every tenth won lead. Seeded, so every run has the same data.
/// </summary>
internal static class SyntheticData
{
    public static readonly string[] Sources = ["Facebook", "Instagram", "Website", "Referral", "Phone"];
    private static readonly double[] SourceWeights = [0.40, 0.15, 0.25, 0.10, 0.10];
    private static readonly (string Stage, double Weight)[] Stages = [("New", 0.30), ("Qualified", 0.20), ("Proposition", 0.15), ("Won", 0.20), ("Lost", 0.15)];

    public static string Campaign(int i) => $"Campaign {i:000}";

    public static IEnumerable<Lead> Leads(int count, DateTime today)
    {
        var random = new Random(42);
        var start = today.AddDays(-365);
        for (var i = 0; i < count; i++)
        {
            var created = start.AddSeconds(random.NextDouble() * 365 * 86400);
            var source = Pick(random, Sources, SourceWeights);
            var stage = Pick(random, Stages.Select(s => s.Stage).ToArray(), Stages.Select(s => s.Weight).ToArray());
            var won = stage == "Won";
            var lost = stage == "Lost";
            var written = created.AddDays(random.NextDouble() * Math.Min(60, (today - created).TotalDays));
            yield return new Lead
            {
                OdooId = i + 1, Name = $"Lead {i + 1}", PartnerName = $"Customer {random.Next(200_000)}", Email = $"lead{i + 1}@example.com",
                Type = "opportunity", Active = !lost, StageName = lost ? "New" : stage, IsWon = won, IsLost = lost,
                ExpectedRevenue = random.Next(1, 200) * 500m, Probability = won ? 100 : lost ? 0 : random.Next(5, 90),
                Currency = "SAR", Source = source, Campaign = source is "Facebook" or "Instagram" ? Campaign(random.Next(1, 101)) : null,
                CreateDate = created, WriteDate = written, SourceVersion = written, SyncedAt = written,
            };
        }
    }

    public static IEnumerable<SaleOrder> Orders(IEnumerable<Lead> leads) =>
        leads.Where(l => l.IsWon && l.OdooId % 10 == 0).Select(l => new SaleOrder
        {
            OdooId = l.OdooId, Name = $"S{l.OdooId:000000}", State = "sale", AmountUntaxed = l.ExpectedRevenue, AmountTotal = l.ExpectedRevenue * 1.15m,
            Currency = "SAR", OpportunityId = l.OdooId, CreateDate = l.WriteDate, DateOrder = l.WriteDate, SourceVersion = l.SourceVersion, SyncedAt = l.SyncedAt,
        });

    public static IEnumerable<MetaCampaign> Campaigns(DateTime today) => Enumerable.Range(1, 100).Select(i => new MetaCampaign
    {
        Id = $"238{i:0000000000}", AdAccountId = "act_1", Name = Campaign(i), Status = "ACTIVE", EffectiveStatus = i % 10 == 0 ? "PAUSED" : "ACTIVE",
        Objective = "OUTCOME_LEADS", DailyBudget = 10_000 + (i * 500), Currency = "SAR", SyncedAt = today,
    });

    public static IEnumerable<MetaDailyInsight> Insights(DateTime today)
    {
        var random = new Random(7);
        for (var i = 1; i <= 100; i++)
        {
            for (var d = 0; d < 365; d++)
            {
                var spend = Math.Round((decimal)(50 + (random.NextDouble() * 150)), 2);
                yield return new MetaDailyInsight
                {
                    CampaignId = $"238{i:0000000000}", Date = DateOnly.FromDateTime(today.AddDays(-d)), AdAccountId = "act_1", CampaignName = Campaign(i),
                    Spend = spend, Impressions = random.Next(5_000, 20_000), Clicks = random.Next(50, 400), Reach = random.Next(3_000, 15_000),
                    Leads = random.Next(0, 12), Currency = "SAR", SyncedAt = today,
                };
            }
        }
    }

    private static T Pick<T>(Random random, T[] items, double[] weights)
    {
        var x = random.NextDouble();
        for (var i = 0; i < items.Length; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }
}
