using GAssistant.Hub.Data;

namespace GAssistant.Bench.DashboardQueries;

/// <summary>
/// A year of a busy CRM: leads spread evenly over 365 days up to today, five stages (won and lost close them),
/// five sources of which Facebook and Instagram leads carry one of 100 campaigns, one currency; 100 campaigns with a
/// daily insight each day, split over five ads in two or three ad sets per campaign (ad-level insights, whose sums are the
/// campaign's); a Meta lead link (campaign, ad set, ad) for 6 in 11 of the Facebook and Instagram leads (30% of all
/// leads), on the campaign their UTM campaign names; a confirmed order for every tenth won lead. Seeded, so every run
/// has the same data.
/// </summary>
internal static class SyntheticData
{
    public static readonly string[] Sources = ["Facebook", "Instagram", "Website", "Referral", "Phone"];
    private static readonly double[] SourceWeights = [0.40, 0.15, 0.25, 0.10, 0.10];
    private static readonly (string Stage, double Weight)[] Stages = [("New", 0.30), ("Qualified", 0.20), ("Proposition", 0.15), ("Won", 0.20), ("Lost", 0.15)];

    public const int AdsPerCampaign = 5;

    public static string Campaign(int i) => $"Campaign {i:000}";

    public static string CampaignId(int i) => $"238{i:0000000000}";

    /// <summary>Even campaigns have three ad sets, odd ones two; ad <c>a</c> (0–4) is in ad set <c>a % AdsetsOf(i)</c>.</summary>
    public static int AdsetsOf(int campaign) => campaign % 2 == 0 ? 3 : 2;

    public static string AdsetId(int campaign, int adset) => $"239{campaign:0000000}{adset:000}";

    public static string AdId(int campaign, int ad) => $"240{campaign:0000000}{ad:000}";

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
        Id = CampaignId(i), AdAccountId = "act_1", Name = Campaign(i), Status = "ACTIVE", EffectiveStatus = i % 10 == 0 ? "PAUSED" : "ACTIVE",
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
                    CampaignId = CampaignId(i), Date = DateOnly.FromDateTime(today.AddDays(-d)), AdAccountId = "act_1", CampaignName = Campaign(i),
                    Spend = spend, Impressions = random.Next(5_000, 20_000), Clicks = random.Next(50, 400), Reach = random.Next(3_000, 15_000),
                    Leads = random.Next(0, 12), Currency = "SAR", SyncedAt = today,
                };
            }
        }
    }

    /// <summary>
    /// Each campaign day of <see cref="Insights"/> split over the campaign's five ads in shares of 1 to 5 fifteenths (the
    /// last ad takes the remainder), so ad sets and ads add up to the campaign-level spend and leads.
    /// </summary>
    public static IEnumerable<MetaAdDailyInsight> AdInsights(DateTime today) => Insights(today).SelectMany(day =>
    {
        var i = int.Parse(day.CampaignId[3..], System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(0, AdsPerCampaign).Select(ad => new MetaAdDailyInsight
        {
            AdAccountId = day.AdAccountId, AdId = AdId(i, ad), Date = day.Date, AdName = $"{Campaign(i)} ad {ad + 1}",
            AdsetId = AdsetId(i, ad % AdsetsOf(i)), AdsetName = $"{Campaign(i)} ad set {(ad % AdsetsOf(i)) + 1}",
            CampaignId = day.CampaignId, CampaignName = day.CampaignName,
            Spend = ad < AdsPerCampaign - 1 ? Math.Round(day.Spend * (ad + 1) / 15, 2) : day.Spend - Enumerable.Range(0, AdsPerCampaign - 1).Sum(a => Math.Round(day.Spend * (a + 1) / 15, 2)),
            Impressions = Share(day.Impressions, ad), Clicks = Share(day.Clicks, ad), Reach = Share(day.Reach, ad), Leads = Share(day.Leads, ad),
            Currency = day.Currency, SyncedAt = day.SyncedAt,
        });
    });

    /// <summary>
    /// The Meta lead behind 6 in 11 of the leads with a campaign (by Odoo id): its campaign is the one the UTM campaign
    /// names, its ad one of the campaign's five (spread by id), its ad set that ad's.
    /// </summary>
    public static IEnumerable<MetaLeadLink> Links(IEnumerable<Lead> leads) =>
        leads.Where(l => l.Campaign is not null && l.OdooId % 11 < 6).Select(l =>
        {
            var i = int.Parse(l.Campaign!["Campaign ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var ad = (int)(l.OdooId / 11 % AdsPerCampaign);
            var adset = ad % AdsetsOf(i);
            return new MetaLeadLink
            {
                LeadgenId = $"9{l.OdooId:000000000000000}", OdooLeadId = l.OdooId, PageId = "1000000001", FormId = $"5{i:000000000}",
                AdId = AdId(i, ad), AdName = $"{Campaign(i)} ad {ad + 1}", AdsetId = AdsetId(i, adset), AdsetName = $"{Campaign(i)} ad set {adset + 1}",
                CampaignId = CampaignId(i), CampaignName = Campaign(i), Platform = l.Source == "Instagram" ? "ig" : "fb",
                CreatedTime = l.CreateDate, LinkedAt = l.CreateDate!.Value, Arrival = LeadArrival.Webhook,
            };
        });

    private static long Share(long total, int ad) =>
        ad < AdsPerCampaign - 1 ? total * (ad + 1) / 15 : total - Enumerable.Range(0, AdsPerCampaign - 1).Sum(a => total * (a + 1) / 15);

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
