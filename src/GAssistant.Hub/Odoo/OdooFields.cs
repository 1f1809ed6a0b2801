namespace GAssistant.Hub.Odoo;

/// <summary>
/// The fields the hub reads, chosen to exist on Odoo 16–19 (no <c>mobile</c>, gone from crm.lead in 18;
/// no <c>won_status</c>, absent in 17). <c>opportunity_id</c> on sale.order comes from <c>sale_crm</c>.
/// The contract fixtures' record.py requests the same lists (and <see cref="OdooStages.Fields"/>): the
/// recordings of real 17, 18 and 19 read every one of them; change both together.
/// </summary>
public static class OdooFields
{
    public const string Lead = "crm.lead";
    public const string SaleOrder = "sale.order";
    public const string Stage = "crm.stage";

    public static readonly IReadOnlyList<string> LeadFields =
    [
        "name", "partner_name", "contact_name", "email_from", "phone", "type", "active", "stage_id",
        "expected_revenue", "probability", "company_currency", "source_id", "medium_id", "campaign_id",
        "user_id", "team_id", "date_closed", "create_date", "write_date",
    ];

    public static readonly IReadOnlyList<string> SaleOrderFields =
    [
        "name", "partner_id", "state", "amount_untaxed", "amount_tax", "amount_total", "currency_id",
        "opportunity_id", "date_order", "create_date", "write_date",
    ];
}
