namespace GAssistant.Hub.Data;

/// <summary>The hub's replica of an Odoo <c>crm.lead</c> (a lead or an opportunity).</summary>
public sealed class Lead : IReplicated
{
    /// <summary>Odoo's id; the replica is keyed by it.</summary>
    public long OdooId { get; set; }
    public string Name { get; set; } = "";
    public string? PartnerName { get; set; }
    public string? ContactName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string Type { get; set; } = "lead";
    public bool Active { get; set; } = true;
    public long? StageId { get; set; }
    public string? StageName { get; set; }
    public bool IsWon { get; set; }
    public bool IsLost { get; set; }
    public decimal ExpectedRevenue { get; set; }
    public double Probability { get; set; }
    public string? Currency { get; set; }
    public string? Source { get; set; }
    public string? Medium { get; set; }
    public string? Campaign { get; set; }
    public string? UserName { get; set; }
    public string? TeamName { get; set; }
    public string? CountryCode { get; set; }
    public string? LangCode { get; set; }
    public DateTime? CreateDate { get; set; }
    public DateTime? WriteDate { get; set; }
    public DateTime? DateClosed { get; set; }

    /// <summary>The hub's lead score, 0–100 (Scoring/); null until the lead is scored.</summary>
    public double? Score { get; set; }

    /// <summary>The features that moved the score most, as a JSON array of short texts.</summary>
    public string? ScoreReasons { get; set; }

    /// <summary>The <see cref="ScoringModelVersion"/> that scored it, and when (rescored after a new model or a change).</summary>
    public long? ScoreModelVersion { get; set; }
    public DateTime? ScoredAt { get; set; }

    /// <summary>
    /// A test lead (a Meta test lead, or one an administrator marked): kept, listed nowhere and counted in no figure. The
    /// replica from Odoo never sets it; the hub's own marks do.
    /// </summary>
    public bool IsTest { get; set; }

    /// <summary>
    /// Only the reconciliation pull has seen this lead: set when the pull stores a lead the replica did not have, cleared
    /// when a webhook from the addon names it. Leads created today that stay so mean the addon's webhooks do not reach the
    /// hub (the <c>leads.pull</c> check); the hub's own creations and leads from webhooks are never set.
    /// </summary>
    public bool OnlyPulled { get; set; }

    /// <summary>
    /// The first human touch on the lead in Odoo (SpeedToLead/FirstResponses): when, how and by which Odoo user; null
    /// while nobody has answered it. Set once from Odoo's chatter; the replica's own updates never change it.
    /// </summary>
    public DateTime? FirstResponseAt { get; set; }
    public FirstResponseKind? FirstResponseKind { get; set; }
    public long? FirstResponseUserId { get; set; }

    /// <summary>
    /// When SpeedToLead's escalation found it still unanswered (listed on /crm as waiting for a first response until
    /// someone answers it); hub-only, as <see cref="FirstResponseAt"/>. A Meta lead's link keeps the same.
    /// </summary>
    public DateTime? EscalatedAt { get; set; }

    /// <summary>
    /// The Meta campaign of the lead's Meta lead (<see cref="MetaLeadLink.CampaignId"/> of its first link), null for a lead
    /// no Meta lead made. Kept by database triggers on leads and meta_lead_links, whichever arrives first (migration
    /// LeadOutcomeRollups), so that the funnel's rollup knows which campaigns a source's leads came from; no code sets it.
    /// </summary>
    public string? MetaCampaignId { get; set; }

    /// <summary>Deleted in Odoo (<c>lead_deleted</c>); kept so an older event cannot resurrect it.</summary>
    public bool Deleted { get; set; }

    /// <summary>Odoo time of the newest state applied; older events are ignored.</summary>
    public DateTime SourceVersion { get; set; }
    public DateTime SyncedAt { get; set; }
}

/// <summary>How a salesperson first touched a lead in Odoo.</summary>
public enum FirstResponseKind
{
    /// <summary>A note logged in the chatter.</summary>
    Note = 1,

    /// <summary>A message sent from the chatter (to the customer or followers).</summary>
    Message = 2,

    /// <summary>An activity marked done (not a call).</summary>
    Activity = 3,

    /// <summary>A "Call" activity marked done.</summary>
    Call = 4,

    /// <summary>A tracked change, e.g. the stage moved by the salesperson.</summary>
    Update = 5,
}
