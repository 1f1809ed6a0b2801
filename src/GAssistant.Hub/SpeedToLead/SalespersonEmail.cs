using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Reports;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>
/// The salesperson's email on a new lead (issue 21 item 2), from the outbox: queued with the lead's link to Odoo, held
/// through the quiet hours and the team's days off, then sent in the salesperson's Odoo language. A crash after the SMTP
/// server took it and before the outbox noted it sends it again, with the same Message-ID.
/// </summary>
public sealed partial class SalespersonEmail(
    IServiceScopeFactory scopes,
    IOptionsMonitor<ReportsOptions> reports,
    IOptionsMonitor<SpeedToLeadOptions> options,
    IOptionsMonitor<OdooOptions> odoo,
    IOptionsMonitor<MetaOptions> meta,
    TimeProvider clock,
    ILogger<SalespersonEmail> logger) : IOutboxHandler
{
    public const string KindName = "lead.salesperson_email";

    public string Kind => KindName;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var alert = LeadAlert.Read(message.Payload);
        var r = reports.CurrentValue;
        if (!r.IsConfigured || !options.CurrentValue.EmailSalesperson)
        {
            Log.Off(logger, alert.OdooLeadId);
            return;
        }

        var now = clock.GetUtcNow();
        var working = options.CurrentValue.Clock(r.TimeZone, alert.TeamId);
        if (!working.IsWorking(now.UtcDateTime))
        {
            throw new RetryLaterOutboxException(working.NextWorking(now.UtcDateTime) - now.UtcDateTime, "Quiet hours: the salesperson's email waits for working time.");
        }

        using var scope = scopes.CreateScope();
        var person = await OdooUser.ReadAsync(scope.ServiceProvider.GetRequiredService<OdooClient>(), alert.UserId, cancellationToken);
        if (person?.Address is not { } to)
        {
            Log.NoAddress(logger, alert.OdooLeadId, alert.UserId);
            return;
        }

        var mail = LeadAlertMail.ForSalesperson(alert, person.Language, odoo.CurrentValue.Url ?? "", meta.CurrentValue.FirstCallWithin,
            MailboxAddress.Parse(r.From!), to, now);
        await LeadAlertSmtp.SendAsync(r.Smtp, mail, to, cancellationToken);
        var masked = Redact.Email(to.Address);
        Log.Sent(logger, alert.OdooLeadId, masked);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Emailed the salesperson ({Email}) of Odoo lead {LeadId}")]
        public static partial void Sent(ILogger logger, long leadId, string email);

        [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "No email for the salesperson of Odoo lead {LeadId}: SMTP or SpeedToLead:EmailSalesperson is off")]
        public static partial void Off(ILogger logger, long leadId);

        [LoggerMessage(EventId = 3603, Level = LogLevel.Warning, Message = "No email for the salesperson of Odoo lead {LeadId}: Odoo user {UserId} has no email address")]
        public static partial void NoAddress(ILogger logger, long leadId, long userId);
    }
}

/// <summary>Sends a speed-to-lead email; an SMTP failure is retried by the outbox with its reason, the address masked.</summary>
public static class LeadAlertSmtp
{
    public static async Task SendAsync(SmtpSettings smtp, MimeMessage mail, MailboxAddress to, CancellationToken cancellationToken)
    {
        try
        {
            await SmtpMail.SendAsync(smtp, mail, cancellationToken);
        }
        catch (Exception e) when (SmtpMail.IsFailure(e))
        {
            // The server's own words can repeat the address: they stay out of the outbox's error and the log.
            var status = e is SmtpCommandException command ? $" (SMTP {(int)command.StatusCode})" : "";
            throw new IOException($"The SMTP server did not take the email to {Redact.Email(to.Address)}: {e.GetType().Name}{status}.");
        }
    }
}
