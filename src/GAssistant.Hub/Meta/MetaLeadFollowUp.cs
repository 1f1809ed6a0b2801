using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Meta;

/// <summary>A new Meta lead made in Odoo and given a salesperson, as what follows it needs it.</summary>
public sealed record NewMetaLead(MetaLead Lead, long OdooLeadId, long SalespersonId, long? TeamId, OdooLeadValues Values, LeadPhone? Phone, MetaForm? Form);

/// <summary>
/// What follows a new lead in the transaction that links it to Odoo (SpeedToLead's emails): queued with the link or not
/// at all, so a crash before the commit queues nothing and the retry queues it once.
/// </summary>
public interface IMetaLeadFollowUp
{
    Task QueueAsync(HubDbContext db, NewMetaLead lead, CancellationToken cancellationToken);
}
