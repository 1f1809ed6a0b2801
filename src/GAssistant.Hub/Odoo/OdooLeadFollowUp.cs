using GAssistant.Hub.Data;

namespace GAssistant.Hub.Odoo;

/// <summary>A lead made through <c>POST /api/odoo/leads</c> that has its salesperson, as what follows it needs it.</summary>
public sealed record NewOdooLead(long OdooLeadId, long SalespersonId, long? TeamId, NewLead Input, LeadPhone? Phone, DateTime CameAt);

/// <summary>
/// What follows a lead the API made (SpeedToLead's task, email and escalation), before the replica's row of it is saved:
/// what it queues is committed with that row.
/// </summary>
public interface IOdooLeadFollowUp
{
    Task QueueAsync(HubDbContext db, NewOdooLead lead, CancellationToken cancellationToken);
}
