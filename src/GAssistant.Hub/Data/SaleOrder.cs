namespace GAssistant.Hub.Data;

/// <summary>The hub's replica of an Odoo <c>sale.order</c>.</summary>
public sealed class SaleOrder : IReplicated
{
    public long OdooId { get; set; }
    public string Name { get; set; } = "";
    public string? PartnerName { get; set; }

    /// <summary>Odoo state: draft, sent, sale, cancel; <c>done</c> before 17, <c>locked</c> from 17 on.</summary>
    public string State { get; set; } = "draft";
    public decimal AmountUntaxed { get; set; }
    public decimal AmountTax { get; set; }
    public decimal AmountTotal { get; set; }
    public string? Currency { get; set; }

    /// <summary>The lead (<c>opportunity_id</c>, from <c>sale_crm</c>) this order was won from.</summary>
    public long? OpportunityId { get; set; }
    public DateTime? DateOrder { get; set; }
    public DateTime? CreateDate { get; set; }
    public DateTime? WriteDate { get; set; }
    public bool Deleted { get; set; }
    public DateTime SourceVersion { get; set; }
    public DateTime SyncedAt { get; set; }

    /// <summary>Confirmed orders count as revenue: <c>sale</c>, <c>done</c> (≤16) and <c>locked</c> (17+).</summary>
    public static bool IsConfirmedState(string state) => state is "sale" or "done" or "locked";
}
