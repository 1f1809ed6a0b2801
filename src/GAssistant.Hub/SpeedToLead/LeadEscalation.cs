using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>
/// The lead nobody answered (issue 21 item 3): queued with the lead, due <see cref="SpeedToLeadOptions.EscalateAfter"/> of
/// working time later. Then it asks Odoo for the lead's first response; answered, it keeps that and stops. Untouched and
/// still open, the lead is marked as waiting (listed on /crm until someone answers it) and the team leader gets an email in
/// their language.
/// </summary>
public sealed partial class LeadEscalation(
    IServiceScopeFactory scopes,
    IOptionsMonitor<ReportsOptions> reports,
    IOptionsMonitor<SpeedToLeadOptions> options,
    IOptionsMonitor<OdooOptions> odooOptions,
    TimeProvider clock,
    ILogger<LeadEscalation> logger) : IOutboxHandler
{
    public const string KindName = "lead.escalation";

    public string Kind => KindName;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var alert = LeadAlert.Read(message.Payload);
        if (options.CurrentValue.EscalateAfter <= TimeSpan.Zero)
        {
            return;
        }

        // Due after that much working time since the lead came, whatever brought the message forward (a connection back
        // releases everything that waits).
        var now = clock.GetUtcNow();
        var r = reports.CurrentValue;
        var due = options.CurrentValue.Clock(r.TimeZone, alert.TeamId).Add(alert.CameAt, options.CurrentValue.EscalateAfter);
        if (due > now.UtcDateTime)
        {
            throw new RetryLaterOutboxException(due - now.UtcDateTime, "Not yet due: the lead has its working time to be answered.");
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var odoo = scope.ServiceProvider.GetRequiredService<OdooClient>();
        if (await FirstResponses.ReadAsync(odoo, new Dictionary<long, DateTime> { [alert.OdooLeadId] = alert.CameAt }, cancellationToken) is [var answered, ..])
        {
            await FirstResponses.StoreAsync(db, [answered], cancellationToken);
            return;
        }

        var found = await odoo.ReadAsync("crm.lead", alert.OdooLeadId, ["active", "user_id", "team_id", "probability"], cancellationToken);
        if (found is not [var lead] || OdooJson.Bool(lead, "active") == false || OdooJson.Number(lead, "probability") >= 100)
        {
            // Deleted, lost (archived) or won meanwhile: nothing to wait for.
            return;
        }

        var teamId = OdooJson.Id(lead, "team_id") ?? alert.TeamId;
        var working = options.CurrentValue.Clock(r.TimeZone, teamId);
        await db.MetaLeadLinks.Where(l => l.LeadgenId == alert.LeadgenId && l.EscalatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EscalatedAt, now.UtcDateTime), cancellationToken);
        await db.Leads.Where(l => l.OdooId == alert.OdooLeadId && l.EscalatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.EscalatedAt, now.UtcDateTime), cancellationToken);
        if (!r.IsConfigured)
        {
            Log.Listed(logger, alert.OdooLeadId);
            return;
        }

        var leader = teamId is { } team && await odoo.ReadAsync("crm.team", team, ["user_id"], cancellationToken) is [var t]
            && OdooJson.Id(t, "user_id") is { } leaderId ? await OdooUser.ReadAsync(odoo, leaderId, cancellationToken) : null;
        if (leader?.Address is not { } to)
        {
            Log.NoLeader(logger, alert.OdooLeadId, teamId);
            return;
        }

        var waited = working.Between(alert.CameAt, now.UtcDateTime);
        var mail = LeadAlertMail.ForLeader(alert, leader.Language, odooOptions.CurrentValue.Url ?? "", OdooJson.Name(lead, "user_id"), waited,
            MailboxAddress.Parse(r.From!), to, now);
        await LeadAlertSmtp.SendAsync(r.Smtp, mail, to, cancellationToken);
        var masked = Redact.Email(to.Address);
        Log.Escalated(logger, alert.OdooLeadId, masked);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3611, Level = LogLevel.Information, Message = "Odoo lead {LeadId} is still unanswered: its team leader ({Email}) was emailed")]
        public static partial void Escalated(ILogger logger, long leadId, string email);

        [LoggerMessage(EventId = 3612, Level = LogLevel.Information, Message = "Odoo lead {LeadId} is still unanswered: listed on /crm (no SMTP for an email)")]
        public static partial void Listed(ILogger logger, long leadId);

        [LoggerMessage(EventId = 3613, Level = LogLevel.Warning, Message = "Odoo lead {LeadId} is still unanswered and its team {TeamId} has no leader with an email address: listed on /crm only")]
        public static partial void NoLeader(ILogger logger, long leadId, long? teamId);
    }
}
