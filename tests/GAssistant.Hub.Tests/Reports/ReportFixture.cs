using GAssistant.Hub.Data;

namespace GAssistant.Hub.Tests.Reports;

/// <summary>
/// A known CRM and ad account for the report tests. Today is 2026-11-24, so the daily report covers 2026-11-23 against
/// 2026-11-22. On the 23rd: spend 350 SAR (Ramadan 200, winter 100, brand 50), 12 ad leads, 4 new CRM leads of which
/// 2 won, revenue 1050 (Ramadan 1000, winter 50). On the 22nd: spend 200, 9 ad leads, 1 CRM lead, no revenue.
/// </summary>
public static class ReportFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 6, 59, 0, TimeSpan.Zero);
    public const string WinterName = "عرض الشتاء <b>&\"";

    public static async Task ArrangeAsync(HubFactory hub) => await hub.WithDbAsync(async db =>
    {
        var synced = Now.UtcDateTime;
        db.MetaCampaigns.AddRange(
            new MetaCampaign { Id = "c1", AdAccountId = "act_1", Name = "Ramadan Offer", Status = "ACTIVE", EffectiveStatus = "ACTIVE", Currency = "SAR", SyncedAt = synced },
            new MetaCampaign { Id = "c2", AdAccountId = "act_1", Name = WinterName, Status = "ACTIVE", EffectiveStatus = "ACTIVE", Currency = "SAR", SyncedAt = synced },
            new MetaCampaign { Id = "c3", AdAccountId = "act_1", Name = "=Brand Awareness", Status = "PAUSED", EffectiveStatus = "PAUSED", Currency = "SAR", SyncedAt = synced });
        db.MetaDailyInsights.AddRange(
            Day("c1", 23, 200, 10, 10000, 200), Day("c2", 23, 100, 2, 4000, 40), Day("c3", 23, 50, 0, 3000, 10),
            Day("c1", 22, 100, 5, 5000, 100), Day("c2", 22, 100, 4, 4000, 50));
        db.Leads.AddRange(
            // First responses (created 10:00 UTC; working time 08:00–20:00 Sunday–Thursday in the reports' zone, UTC): 12 and
            // 30 minutes on Monday the 23rd, the next morning at 06:30 (600 working minutes, 1,230 on the clock), one not yet;
            // 6 minutes on Sunday the 22nd.
            Lead(1, 23, "Ramadan Offer", won: true, answered: 12), Lead(2, 23, "Ramadan Offer", won: false, answered: 30),
            Lead(3, 23, WinterName, won: true, answered: 1230), Lead(4, 23, null, won: false), Lead(5, 22, "Ramadan Offer", won: false, answered: 6));
        db.SaleOrders.AddRange(
            new SaleOrder { OdooId = 10, Name = "S10", State = "sale", AmountUntaxed = 1000, AmountTotal = 1150, OpportunityId = 1, Currency = "SAR" },
            new SaleOrder { OdooId = 11, Name = "S11", State = "sale", AmountUntaxed = 50, AmountTotal = 57.5m, OpportunityId = 3, Currency = "SAR" });
        return await db.SaveChangesAsync();
    });

    private static MetaDailyInsight Day(string campaign, int day, decimal spend, long leads, long impressions, long clicks) => new()
    {
        CampaignId = campaign, Date = new DateOnly(2026, 11, day), AdAccountId = "act_1", Spend = spend, Leads = leads,
        Impressions = impressions, Clicks = clicks, Currency = "SAR", SyncedAt = Now.UtcDateTime,
    };

    private static Lead Lead(long id, int day, string? campaign, bool won, int? answered = null) => new()
    {
        OdooId = id, Name = $"Lead {id}", Campaign = campaign, IsWon = won, ExpectedRevenue = 500, Probability = won ? 100 : 50,
        Currency = "SAR", CreateDate = new DateTime(2026, 11, day, 10, 0, 0, DateTimeKind.Utc), SourceVersion = Now.UtcDateTime, SyncedAt = Now.UtcDateTime,
        FirstResponseAt = answered is { } minutes ? new DateTime(2026, 11, day, 10, 0, 0, DateTimeKind.Utc).AddMinutes(minutes) : null,
        FirstResponseKind = answered is null ? null : FirstResponseKind.Call,
    };
}
