using GAssistant.Hub.Data;

namespace GAssistant.Hub.BrowserTests.Infrastructure;

/// <summary>
/// Every text that comes from Odoo or Meta, set to markup that would run or show up as an element if any
/// page wrote it as HTML: each payload carries <c>data-xss="&lt;field&gt;"</c>, so a failure names the field.
/// Half the records get an element payload, half an attribute breakout.
/// </summary>
public static class HostileSeed
{
    public static string Payload(string field, int variant) => variant % 2 == 0
        ? $"<img src=x data-xss=\"{field}\" onerror=\"alert('{field}')\">"
        : $"\"'><svg data-xss=\"{field}\" onload=\"alert('{field}')\"></svg>";

    public static async Task<int> AddAsync(HubDbContext db)
    {
        var today = DateTime.UtcNow.Date;
        for (var i = 0; i < 6; i++)
        {
            var won = i % 3 == 0;
            db.Leads.Add(new Lead
            {
                OdooId = 9000 + i, Name = Payload("lead.name", i), PartnerName = Payload("lead.partner", i), ContactName = Payload("lead.contact", i),
                Email = $"x{i}@example.com", Phone = Payload("lead.phone", i)[..Math.Min(60, Payload("lead.phone", i).Length)],
                StageName = Payload("lead.stage", i), StageId = 100 + (i % 2), Source = Payload("lead.source", i), Medium = Payload("lead.medium", i),
                Campaign = Payload("lead.campaign", i), UserName = Payload("lead.salesperson", i), TeamName = Payload("lead.team", i),
                ScoreReasons = Payload("lead.score_reasons", i), Score = 40 + i, IsWon = won, Probability = won ? 100 : 30, ExpectedRevenue = 1000 * (i + 1),
                Currency = "SAR", Type = "opportunity", CreateDate = today.AddDays(-i), WriteDate = today.AddDays(-i).AddHours(1),
                SourceVersion = today, SyncedAt = today,
            });
            db.MetaLeadLinks.Add(new MetaLeadLink
            {
                LeadgenId = $"77{i}", OdooLeadId = 9000 + i, PageId = "1", FormId = "form-x", AdId = $"ad{i}", AdName = Payload("meta.ad", i),
                AdsetId = $"as{i}", AdsetName = Payload("meta.adset", i), CampaignId = "cx", CampaignName = Payload("meta.lead_campaign", i),
                Platform = Payload("meta.platform", i), LinkedAt = today, CreatedTime = today.AddDays(-i),
            });
        }

        db.CrmStages.AddRange(
            new CrmStage { OdooId = 100, Name = Payload("stage.name", 0), Sequence = 1, SyncedAt = today },
            new CrmStage { OdooId = 101, Name = Payload("stage.name", 1), Sequence = 2, IsWon = true, SyncedAt = today });
        db.SaleOrders.Add(new SaleOrder
        {
            OdooId = 9100, Name = Payload("order.name", 0), PartnerName = Payload("order.partner", 1), State = "sale", AmountUntaxed = 5000, AmountTotal = 5750,
            Currency = "SAR", OpportunityId = 9000, CreateDate = today, SourceVersion = today, SyncedAt = today,
        });
        db.MetaAdAccounts.Add(new MetaAdAccount { Id = "act_9", Name = Payload("meta.account", 0), Currency = "SAR", SyncedAt = today });
        db.MetaLeadForms.Add(new MetaLeadForm { Id = "form-x", PageId = "1", Name = Payload("meta.form", 1), Status = "ACTIVE", SyncedAt = today });
        db.MetaCampaigns.Add(new MetaCampaign
        {
            Id = "cx", AdAccountId = "act_9", Name = Payload("meta.campaign", 0), Status = "ACTIVE", EffectiveStatus = "ACTIVE",
            Objective = Payload("meta.objective", 1), DailyBudget = 10000, Currency = "SAR", SyncedAt = today,
        });
        for (var d = 0; d < 10; d++)
        {
            db.MetaDailyInsights.Add(new MetaDailyInsight
            {
                CampaignId = "cx", Date = DateOnly.FromDateTime(today.AddDays(-d)), AdAccountId = "act_9", CampaignName = Payload("meta.insight_campaign", d),
                Spend = 50, Impressions = 1000, Clicks = 20, Leads = 2, Currency = "SAR", SyncedAt = today,
            });
            db.MetaAdDailyInsights.Add(new MetaAdDailyInsight
            {
                AdAccountId = "act_9", AdId = $"ad{d % 6}", Date = DateOnly.FromDateTime(today.AddDays(-d)), AdName = Payload("meta.ad_insight", d),
                AdsetId = $"as{d % 6}", AdsetName = Payload("meta.adset_insight", d), CampaignId = "cx", CampaignName = Payload("meta.ad_insight_campaign", d),
                Spend = 10, Impressions = 100, Clicks = 5, Leads = 1, Currency = "SAR", SyncedAt = today,
            });
        }

        db.InboxEvents.Add(new InboxEvent
        {
            Source = InboxSources.Odoo, DeliveryId = Payload("delivery.id", 0)[..60], EventType = "lead_created", ReceivedAt = DateTime.UtcNow.AddHours(-1),
            Status = InboxStatus.Failed, Attempts = 10, NextAttemptAt = DateTime.UtcNow, LastError = Payload("delivery.error", 1),
            Payload = $$$"""{"event": "lead_created", "data": {"id": 1, "name": {{{System.Text.Json.JsonSerializer.Serialize(Payload("delivery.payload", 0))}}}}}""",
        });
        return await db.SaveChangesAsync();
    }
}
