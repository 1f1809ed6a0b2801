using System.Text.Json;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Copies an Odoo <c>crm.lead</c> or <c>sale.order</c> record (addon payload or <c>search_read</c>
/// row) onto the replica. Pure: no I/O.
/// </summary>
public static class OdooRecordMapper
{
    /// <param name="wonStageIds">The <c>crm.stage</c> ids with <c>is_won</c>, when the record comes from the API (which has no stage flag).</param>
    public static void ApplyLead(JsonElement record, Lead lead, IReadOnlySet<long>? wonStageIds = null)
    {
        lead.Name = OdooJson.Text(record, "name") ?? "";
        lead.PartnerName = OdooJson.Text(record, "partner_name") ?? OdooJson.Name(record, "partner_id");
        lead.ContactName = OdooJson.Text(record, "contact_name");
        lead.Email = OdooJson.Text(record, "email_from");
        lead.Phone = OdooJson.Text(record, "phone") ?? OdooJson.Text(record, "mobile");
        lead.Type = OdooJson.Text(record, "type") ?? "lead";
        lead.Active = OdooJson.Bool(record, "active") ?? true;
        lead.StageId = OdooJson.Id(record, "stage_id");
        lead.StageName = OdooJson.Text(record, "stage_name") ?? OdooJson.Name(record, "stage_id");
        lead.ExpectedRevenue = OdooJson.Money(record, "expected_revenue");
        lead.Probability = OdooJson.Number(record, "probability");
        lead.Currency = OdooJson.Text(record, "currency") ?? OdooJson.Name(record, "company_currency");
        // The addon sends source_id (the id) with source_name beside it; CONTRACT.md's example and
        // search_read rows carry the name in source_id itself ("Meta", or [7, "Meta"]).
        lead.Source = OdooJson.Text(record, "source_name") ?? OdooJson.Name(record, "source_id");
        lead.Medium = OdooJson.Text(record, "medium_name") ?? OdooJson.Name(record, "medium_id");
        lead.Campaign = OdooJson.Text(record, "campaign_name") ?? OdooJson.Name(record, "campaign_id");
        lead.UserName = OdooJson.Text(record, "user_name") ?? OdooJson.Name(record, "user_id");
        lead.TeamName = OdooJson.Text(record, "team_name") ?? OdooJson.Name(record, "team_id");
        lead.CountryCode = OdooJson.Text(record, "country_code");
        lead.LangCode = OdooJson.Text(record, "lang_code");
        lead.CreateDate = OdooJson.Time(record, "create_date") ?? lead.CreateDate;
        lead.WriteDate = OdooJson.Time(record, "write_date") ?? lead.WriteDate;
        lead.DateClosed = OdooJson.Time(record, "date_closed");

        // Where won_status is absent (Odoo 17 has none), a lead is won in a won stage (crm.stage.is_won)
        // and lost when archived with probability 0 (what Odoo's own "mark as lost" action does).
        var wonStatus = OdooJson.Text(record, "won_status");
        var inWonStage = OdooJson.Bool(record, "stage_is_won")
            ?? (wonStageIds is not null && lead.StageId is { } stage && wonStageIds.Contains(stage));
        lead.IsWon = wonStatus == "won" || (wonStatus is null && inWonStage && lead.Active);
        lead.IsLost = wonStatus == "lost" || (wonStatus is null && !lead.Active && lead.Probability == 0);
        lead.Deleted = false;
    }

    public static void ApplySaleOrder(JsonElement record, SaleOrder order)
    {
        order.Name = OdooJson.Text(record, "name") ?? "";
        order.PartnerName = OdooJson.Text(record, "partner_name") ?? OdooJson.Name(record, "partner_id");
        order.State = OdooJson.Text(record, "state") ?? "draft";
        order.AmountUntaxed = OdooJson.Money(record, "amount_untaxed");
        order.AmountTax = OdooJson.Money(record, "amount_tax");
        order.AmountTotal = OdooJson.Money(record, "amount_total");
        order.Currency = OdooJson.Text(record, "currency") ?? OdooJson.Name(record, "currency_id");
        order.OpportunityId = OdooJson.Id(record, "opportunity_id");
        order.DateOrder = OdooJson.Time(record, "date_order");
        order.CreateDate = OdooJson.Time(record, "create_date") ?? order.CreateDate;
        order.WriteDate = OdooJson.Time(record, "write_date") ?? order.WriteDate;
        order.Deleted = false;
    }
}
