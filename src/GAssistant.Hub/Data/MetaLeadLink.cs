namespace GAssistant.Hub.Data;

/// <summary>
/// A Meta lead and the Odoo <c>crm.lead</c> made from it, with every Meta id needed to attribute it
/// (campaign, ad set, ad, form, page). Odoo itself also carries the link (ir.model.data
/// <c>g_assistant_meta.lead_&lt;leadgen_id&gt;</c>), so a lost row here never leads to a second Odoo lead.
/// </summary>
public sealed class MetaLeadLink
{
    public string LeadgenId { get; set; } = "";
    public long OdooLeadId { get; set; }
    public string? PageId { get; set; }
    public string? FormId { get; set; }
    public string? AdId { get; set; }
    public string? AdName { get; set; }
    public string? AdsetId { get; set; }
    public string? AdsetName { get; set; }
    public string? CampaignId { get; set; }
    public string? CampaignName { get; set; }

    /// <summary><c>fb</c> or <c>ig</c>.</summary>
    public string? Platform { get; set; }
    public bool IsOrganic { get; set; }

    /// <summary>When the person submitted the form (Meta's <c>created_time</c>).</summary>
    public DateTime? CreatedTime { get; set; }
    public DateTime LinkedAt { get; set; }
}
