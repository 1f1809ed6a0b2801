using System.Net;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Reports;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GAssistant.Hub.Auth;

/// <summary>
/// Emails an invitation link over the reports' SMTP server when one is configured (<c>Reports:Smtp</c>); the
/// administrator sees the link in Settings either way. The invited person's language is not known yet, so the mail
/// says it in Arabic, then English.
/// </summary>
public sealed partial class InvitationMailer(IOptionsMonitor<ReportsOptions> options, TimeProvider clock, ILogger<InvitationMailer> logger)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>True when the SMTP server took the message.</summary>
    public async Task<bool> SendAsync(string email, string role, string invitedBy, string link, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            return false;
        }

        var masked = Redact.Email(email);
        var message = Compose(email, role, invitedBy, link, MailboxAddress.Parse(o.From!), clock.GetUtcNow());
        try
        {
            await SmtpMail.SendAsync(o.Smtp, message, cancellationToken);
            Log.Sent(logger, masked);
            return true;
        }
        catch (Exception e) when (SmtpMail.IsFailure(e))
        {
            Log.Failed(logger, masked, e);
            return false;
        }
    }

    public static MimeMessage Compose(string email, string role, string invitedBy, string link, MailboxAddress from, DateTimeOffset now)
    {
        var message = new MimeMessage { Subject = $"{Strings.Get("Invite.MailSubject", "ar")} | {Strings.Get("Invite.MailSubject", "en")}", Date = now };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email));
        string Text(string language) => Strings.Get("Invite.MailBody", language, invitedBy, Strings.Get($"Role.{role}", language), People.InvitationLifetime.Days);
        var body = new BodyBuilder
        {
            TextBody = $"{Text("ar")}\n{link}\n\n{Text("en")}\n{link}\n",
            HtmlBody = $"""
                <!DOCTYPE html><html><body>
                <div dir="rtl" lang="ar"><p>{WebUtility.HtmlEncode(Text("ar"))}</p><p><a href="{WebUtility.HtmlEncode(link)}" dir="ltr">{WebUtility.HtmlEncode(link)}</a></p></div>
                <hr>
                <div dir="ltr" lang="en"><p>{WebUtility.HtmlEncode(Text("en"))}</p><p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(link)}</a></p></div>
                </body></html>
                """,
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Emailed an invitation to {Email}")]
        public static partial void Sent(ILogger logger, string email);

        [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Emailing an invitation to {Email} failed; the link is shown in Settings")]
        public static partial void Failed(ILogger logger, string email, Exception exception);
    }
}
