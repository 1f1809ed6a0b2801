using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Reports;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>
/// Queues a new lead's salesperson email and its escalation in the caller's transaction, the one that records the lead's
/// link to Odoo: both or neither, each once per Meta lead. The email is due at once in working time, else when work
/// starts; the escalation after <see cref="SpeedToLeadOptions.EscalateAfter"/> of working time.
/// </summary>
public sealed class LeadAlerts(IOptionsMonitor<SpeedToLeadOptions> options, IOptionsMonitor<ReportsOptions> reports, TimeProvider clock) : IMetaLeadFollowUp
{
    public Task QueueAsync(HubDbContext db, NewMetaLead lead, CancellationToken cancellationToken) =>
        QueueAsync(db, new LeadAlert(lead.Lead.Id, lead.OdooLeadId, lead.SalespersonId, lead.TeamId, lead.Values.Name, lead.Phone?.E164, lead.Phone?.Typed,
            lead.Values.Fields.GetValueOrDefault("email_from"), lead.Lead.CampaignName, lead.Lead.AdName, lead.Form?.Name,
            [.. lead.Lead.Answers.Select(a => new LeadAlertAnswer(lead.Form?.LabelOf(a.Name) ?? a.Name, a.Text))], clock.GetUtcNow().UtcDateTime), cancellationToken);

    public async Task QueueAsync(HubDbContext db, LeadAlert alert, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var working = o.Clock(reports.CurrentValue.TimeZone, alert.TeamId);
        if (o.EmailSalesperson && reports.CurrentValue.IsConfigured)
        {
            await OutboxQueue.EnqueueAsync(db, SalespersonEmail.KindName, alert.LeadgenId, alert.Json(), now, cancellationToken, working.NextWorking(now));
        }

        if (o.EscalateAfter > TimeSpan.Zero)
        {
            await OutboxQueue.EnqueueAsync(db, LeadEscalation.KindName, alert.LeadgenId, alert.Json(), now, cancellationToken, working.Add(now, o.EscalateAfter));
        }
    }
}
