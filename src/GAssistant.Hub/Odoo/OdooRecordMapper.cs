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
        lead.Name = Fit(OdooJson.Text(record, "name") ?? "", 512)!;
        lead.PartnerName = Fit(OdooJson.Text(record, "partner_name") ?? OdooJson.Name(record, "partner_id"), 512);
        lead.ContactName = Fit(OdooJson.Text(record, "contact_name"), 512);
        lead.Email = Fit(OdooJson.Text(record, "email_from"), 320);
        lead.Phone = Fit(OdooJson.Text(record, "phone") ?? OdooJson.Text(record, "mobile"), 64);
        lead.Type = Fit(OdooJson.Text(record, "type") ?? "lead", 16)!;
        lead.Active = OdooJson.Bool(record, "active") ?? true;
        lead.StageId = OdooJson.Id(record, "stage_id");
        lead.StageName = Fit(OdooJson.Text(record, "stage_name") ?? OdooJson.Name(record, "stage_id"), 256);
        lead.ExpectedRevenue = OdooJson.Money(record, "expected_revenue");
        lead.Probability = OdooJson.Number(record, "probability");
        lead.Currency = Fit(OdooJson.Text(record, "currency") ?? OdooJson.Name(record, "company_currency"), 8);
        // The addon sends source_id (the id) with source_name beside it; CONTRACT.md's example and
        // search_read rows carry the name in source_id itself ("Meta", or [7, "Meta"]).
        lead.Source = Fit(OdooJson.Text(record, "source_name") ?? OdooJson.Name(record, "source_id"), 256);
        lead.Medium = Fit(OdooJson.Text(record, "medium_name") ?? OdooJson.Name(record, "medium_id"), 256);
        lead.Campaign = Fit(OdooJson.Text(record, "campaign_name") ?? OdooJson.Name(record, "campaign_id"), 256);
        lead.UserName = Fit(OdooJson.Text(record, "user_name") ?? OdooJson.Name(record, "user_id"), 256);
        lead.TeamName = Fit(OdooJson.Text(record, "team_name") ?? OdooJson.Name(record, "team_id"), 256);
        lead.CountryCode = Fit(OdooJson.Text(record, "country_code"), 8);
        lead.LangCode = Fit(OdooJson.Text(record, "lang_code"), 16);
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

    /// <summary>
    /// Odoo's char fields have no length limit; the replica's columns do (see the entity configurations),
    /// and PostgreSQL refuses a longer value. What is shown is cut there, never in a surrogate pair.
    /// </summary>
    public static string? Fit(string? text, int length)
    {
        if (text is null || text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }

    public static void ApplySaleOrder(JsonElement record, SaleOrder order)
    {
        order.Name = Fit(OdooJson.Text(record, "name") ?? "", 256)!;
        order.PartnerName = Fit(OdooJson.Text(record, "partner_name") ?? OdooJson.Name(record, "partner_id"), 512);
        order.State = Fit(OdooJson.Text(record, "state") ?? "draft", 32)!;
        order.AmountUntaxed = OdooJson.Money(record, "amount_untaxed");
        order.AmountTax = OdooJson.Money(record, "amount_tax");
        order.AmountTotal = OdooJson.Money(record, "amount_total");
        order.Currency = Fit(OdooJson.Text(record, "currency") ?? OdooJson.Name(record, "currency_id"), 8);
        order.OpportunityId = OdooJson.Id(record, "opportunity_id");
        order.DateOrder = OdooJson.Time(record, "date_order");
        order.CreateDate = OdooJson.Time(record, "create_date") ?? order.CreateDate;
        order.WriteDate = OdooJson.Time(record, "write_date") ?? order.WriteDate;
        order.Deleted = false;
    }
}
