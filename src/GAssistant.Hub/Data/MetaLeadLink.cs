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

    /// <summary>
    /// What the person agreed to in the form's custom disclaimer, as JSON <c>[{"key": "optional_1", "checked": true}]</c>;
    /// null when the form has none.
    /// </summary>
    public string? Consents { get; set; }

    /// <summary>Whether this is a test lead, and who said so; test leads stay out of figures and Conversions API events.</summary>
    public TestLeadStatus TestStatus { get; set; }

    public bool IsTest => IsTestStatus(TestStatus);

    public static bool IsTestStatus(TestLeadStatus status) => status is TestLeadStatus.FromMeta or TestLeadStatus.TestForm or TestLeadStatus.MarkedByAdmin;

    /// <summary>The links of real leads, as <see cref="IsTestStatus"/> says, in SQL: for counts that leave test leads out.</summary>
    public static IQueryable<MetaLeadLink> Real(IQueryable<MetaLeadLink> links) =>
        links.Where(l => l.TestStatus != TestLeadStatus.FromMeta && l.TestStatus != TestLeadStatus.TestForm && l.TestStatus != TestLeadStatus.MarkedByAdmin);

    /// <summary>Why the lead's phone went to Odoo as typed instead of in E.164; <see cref="PhoneProblem.None"/> when it did not.</summary>
    public PhoneProblem PhoneProblem { get; set; }

    /// <summary>The <c>res.partner</c> Odoo already had for this person (by email or phone) when the lead came; null: a new person.</summary>
    public long? KnownPartnerId { get; set; }

    /// <summary>
    /// A repeat submission: the person had an open lead created within the repeat window. Under the default policy
    /// <see cref="OdooLeadId"/> is that lead (the answers were posted on it), otherwise a new one.
    /// </summary>
    public bool IsRepeat { get; set; }

    /// <summary>When the person submitted the form (Meta's <c>created_time</c>).</summary>
    public DateTime? CreatedTime { get; set; }
    public DateTime LinkedAt { get; set; }

    /// <summary>
    /// How the hub learnt of the lead: its <c>leadgen</c> webhook, or only the backfill that reads each form's leads. Many
    /// leads arriving only through the backfill mean the webhook subscription is broken (the lead-flow watch says so).
    /// </summary>
    public LeadArrival Arrival { get; set; }

    /// <summary>
    /// When the lead had waited <c>SpeedToLead:EscalateAfter</c> of working time with no first response and was escalated
    /// to its team leader; null: not escalated. With no first response since, /crm lists it as waiting.
    /// </summary>
    public DateTime? EscalatedAt { get; set; }

}

/// <summary>The path a Meta lead took into the hub; <see cref="Unknown"/> for leads linked before the hub recorded it.</summary>
public enum LeadArrival
{
    Unknown = 0,

    /// <summary>A <c>leadgen</c> webhook named it (possibly read again later by the backfill).</summary>
    Webhook = 1,

    /// <summary>Only the backfill (<c>/{form_id}/leads</c>) found it; no webhook had named it when it was queued.</summary>
    Backfill = 2,
}

public enum TestLeadStatus
{
    /// <summary>A real lead.</summary>
    None = 0,

    /// <summary>Meta lists it among its form's test leads (the Lead Ads Testing Tool, <c>/{form_id}/test_leads</c>).</summary>
    FromMeta = 1,

    /// <summary>Its form is marked as a test form by an administrator.</summary>
    TestForm = 2,

    /// <summary>An administrator marked it as a test lead.</summary>
    MarkedByAdmin = 3,

    /// <summary>An administrator said it is real, whatever its form or Meta say.</summary>
    ClearedByAdmin = 4,
}
