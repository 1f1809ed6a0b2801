using GAssistant.Hub.Data;

namespace GAssistant.Hub.BrowserTests.Infrastructure;

/// <summary>
/// A small company's month: leads from Facebook, the website and referrals (names in Arabic and English, one a
/// script-injection attempt), four Meta campaigns with 30 days of insights, two confirmed orders, and webhook
/// deliveries including a failed one. Numbers are chosen so every insight rule fires once (see each block).
/// </summary>
public static class Seed
{
    public const string HostileName = "<img src=x onerror=alert(1)>";
    public const string HostilePartner = "<script>alert(2)</script>";
    public const string FailedDeliveryId = "msg_failed_seed";

    public static DateTime Today => DateTime.UtcNow.Date;

    public static async Task<int> AddAsync(HubDbContext db)
    {
        var id = 1000L;
        Lead Lead(string name, string source, string? campaign, string stage, int daysAgo, decimal revenue, double probability, bool won = false, int? untouchedDays = null)
        {
            var created = Today.AddDays(-daysAgo).AddHours(9 + (id % 8));
            var written = untouchedDays is { } u ? DateTime.UtcNow.AddDays(-u) : DateTime.UtcNow.AddHours(-1);
            return new Lead
            {
                OdooId = id++, Name = name, PartnerName = name.Length > 3 ? "شركة " + name[..3] : null, Email = $"lead{id}@example.com",
                Source = source, Campaign = campaign, StageName = stage, IsWon = won, ExpectedRevenue = revenue, Probability = won ? 100 : probability,
                Currency = "SAR", CreateDate = created, WriteDate = written < created ? created : written, SourceVersion = created, SyncedAt = created,
                Type = "opportunity",
            };
        }

        var leads = new List<Lead>();
        // Facebook now: 16 leads, 2 won (12.5%); the 30 days before: 12 leads, 6 won (50%) → "conversion falling".
        for (var i = 0; i < 16; i++)
        {
            var won = i < 2;
            leads.Add(Lead(i % 2 == 0 ? $"استفسار عن الخدمات {i}" : $"Facebook enquiry {i}", "Facebook", i % 3 == 0 ? "Brand Awareness" : "Ramadan Offer",
                won ? "Won" : i < 8 ? "New" : "Proposition", 1 + i, 5000 + (i * 1000), 20 + i, won));
        }

        // The two won Facebook leads are Ramadan Offer's (orders below); Brand Awareness has none.
        leads[0].Campaign = "Ramadan Offer";
        for (var i = 0; i < 12; i++)
        {
            leads.Add(Lead($"Old Facebook lead {i}", "Facebook", "Summer Sale", i < 6 ? "Won" : "New", 31 + i, 3000, 30, won: i < 6));
        }

        // Qualified: 6 open leads, 4 untouched for 20 days → "leads going stale".
        for (var i = 0; i < 6; i++)
        {
            leads.Add(Lead($"عميل مؤهل {i}", "Website", null, "Qualified", 21 + i, 12000, 60, untouchedDays: i < 4 ? 20 : null));
        }

        for (var i = 0; i < 6; i++)
        {
            leads.Add(Lead($"Website lead {i}", "Website", null, i < 2 ? "Won" : "New", 2 + (i * 3), 8000, 25, won: i < 2));
        }

        for (var i = 0; i < 5; i++)
        {
            leads.Add(Lead($"Referral {i}", "Referral", null, "Proposition", 3 + i, 20000, 50));
        }

        var hostile = Lead(HostileName, "Website", null, "New", 0, 1234, 10);
        hostile.PartnerName = HostilePartner;
        leads.Add(hostile);
        db.Leads.AddRange(leads);

        // Odoo's default pipeline, as the reconciliation run stores it: /crm draws the stages in this order.
        db.CrmStages.AddRange(
            new CrmStage { OdooId = 1, Name = "New", Sequence = 1, SyncedAt = Today },
            new CrmStage { OdooId = 2, Name = "Qualified", Sequence = 2, SyncedAt = Today },
            new CrmStage { OdooId = 3, Name = "Proposition", Sequence = 3, SyncedAt = Today },
            new CrmStage { OdooId = 4, Name = "Won", Sequence = 70, IsWon = true, SyncedAt = Today });

        db.SaleOrders.AddRange(
            new SaleOrder { OdooId = 1, Name = "S00001", State = "sale", AmountUntaxed = 10000, AmountTotal = 11500, Currency = "SAR", OpportunityId = leads[0].OdooId, CreateDate = Today, SourceVersion = Today, SyncedAt = Today },
            new SaleOrder { OdooId = 2, Name = "S00002", State = "sale", AmountUntaxed = 10000, AmountTotal = 11500, Currency = "SAR", OpportunityId = leads[1].OdooId, CreateDate = Today, SourceVersion = Today, SyncedAt = Today });

        db.MetaAdAccounts.Add(new MetaAdAccount { Id = "act_100", Name = "Main account", Currency = "SAR", SyncedAt = Today });
        // CPLs: Ramadan 32.67, Summer 25, Retargeting 30, Brand 750 (median 31.33, no won) → "expensive leads".
        // Ramadan: ROAS 20000 / 2940 = 6.8 ≥ 3 and 98 a day of a 100 budget → "held back by its budget".
        (string Id, string Name, long Budget, decimal Spend, Func<int, long> Leads)[] campaigns =
        [
            ("c1", "Ramadan Offer", 10000, 98m, _ => 3),
            ("c2", "Brand Awareness", 20000, 150m, d => d % 5 == 0 ? 1 : 0),
            ("c3", "Summer Sale", 10000, 50m, _ => 2),
            ("c4", "Retargeting", 5000, 30m, _ => 1),
        ];
        foreach (var c in campaigns)
        {
            db.MetaCampaigns.Add(new MetaCampaign { Id = c.Id, AdAccountId = "act_100", Name = c.Name, Status = "ACTIVE", EffectiveStatus = "ACTIVE", DailyBudget = c.Budget, Currency = "SAR", SyncedAt = Today });
            for (var d = 0; d < 30; d++)
            {
                db.MetaDailyInsights.Add(new MetaDailyInsight
                {
                    CampaignId = c.Id, Date = DateOnly.FromDateTime(Today.AddDays(-d)), AdAccountId = "act_100", CampaignName = c.Name,
                    Spend = c.Spend, Impressions = 10000, Clicks = 150, Leads = c.Leads(d), Currency = "SAR", SyncedAt = Today,
                });
                // By placement, Ramadan Offer only: 60 on Facebook's feed (2 leads a day), 38 on Instagram Stories (1).
                if (c.Id == "c1")
                {
                    foreach (var (platform, position, spend, placementLeads) in new[] { ("facebook", "feed", 60m, 2L), ("instagram", "instagram_stories", 38m, 1L) })
                    {
                        db.MetaPlacementDailyInsights.Add(new MetaPlacementDailyInsight
                        {
                            CampaignId = c.Id, Date = DateOnly.FromDateTime(Today.AddDays(-d)), PublisherPlatform = platform, PlatformPosition = position,
                            AdAccountId = "act_100", CampaignName = c.Name, Spend = spend, Impressions = 5000, Clicks = 75, Leads = placementLeads, Currency = "SAR", SyncedAt = Today,
                        });
                    }
                }
            }
        }

        db.InboxEvents.AddRange(
            new InboxEvent
            {
                Source = InboxSources.Odoo, DeliveryId = FailedDeliveryId, EventType = "lead_created", ReceivedAt = DateTime.UtcNow.AddHours(-2),
                Status = InboxStatus.Failed, Attempts = 8, NextAttemptAt = DateTime.UtcNow.AddHours(-1), LastError = "database is locked (seeded failure)",
                Payload = """{"event": "lead_created", "timestamp": "2024-01-08T10:30:00", "data": {"id": 990001, "name": "Replayed lead", "stage_name": "New", "expected_revenue": 100, "probability": 10}}""",
            },
            new InboxEvent
            {
                Source = InboxSources.Odoo, DeliveryId = "msg_ok_seed", EventType = "lead_updated", ReceivedAt = DateTime.UtcNow.AddHours(-3),
                Status = InboxStatus.Processed, Attempts = 1, NextAttemptAt = DateTime.UtcNow.AddHours(-3), ProcessedAt = DateTime.UtcNow.AddHours(-3),
                Payload = """{"event": "lead_updated", "timestamp": "2024-01-08T10:30:00", "data": {"id": 1000, "name": "x"}}""",
            });
        return await db.SaveChangesAsync();
    }
}
