namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// A lead Meta may hear about reached a stage (the outbox payload of <see cref="Kind"/>): <see cref="CrmStagePath"/> turns it
/// into one <see cref="CrmStageEvent"/> per stage the lead passed, in order. Contact details are already hashed.
/// </summary>
/// <param name="LeadgenId">The Meta lead id, when the hub made the Odoo lead from a Meta lead.</param>
/// <param name="ChangedAt">Odoo's time of the change (UTC).</param>
/// <param name="EarliestEventTime">No event may be earlier: the lead's creation in Odoo, and a second after Meta's lead time.</param>
public sealed record CrmStageChange(long OdooLeadId, string? LeadgenId, string Stage, DateTime ChangedAt, DateTime EarliestEventTime,
    string? EmailHash, string? PhoneHash)
{
    public const string Kind = "meta.crm_stage_change";

    [System.Text.Json.Serialization.JsonIgnore]
    public string DedupKey => $"{OdooLeadId}|{ChangedAt:yyyy-MM-ddTHH:mm:ss}|{(Stage.Length > 180 ? Stage[..180] : Stage)}";

    /// <summary>The event of one stage of the path, at <paramref name="at"/> (never before <see cref="EarliestEventTime"/>).</summary>
    public CrmStageEvent EventAt(string stage, DateTime at) =>
        new(OdooLeadId, LeadgenId, stage, at < EarliestEventTime ? EarliestEventTime : at, EmailHash, PhoneHash);
}
