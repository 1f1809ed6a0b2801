using System.Globalization;
using System.Net;
using System.Text;
using GAssistant.Hub.Data;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Reports;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GAssistant.Hub.Health;

/// <summary>
/// Emails the report recipients when checks turn warning or failing and when they are back to normal: one email per run
/// that changed something (never one per check run), in each recipient's language — the language of the report schedule
/// that names the address, else <c>Hub:DefaultLanguage</c>. Sent over <c>Reports:Smtp</c>; without it, or without
/// recipients, the banner and Settings still say it. Text from Meta and Odoo is written as text (HTML-encoded).
/// </summary>
public sealed partial class HealthAlertMail(
    IOptionsMonitor<ReportsOptions> reports,
    IOptionsMonitor<HubOptions> hub,
    HubDbContext db,
    TimeProvider clock,
    ILogger<HealthAlertMail> logger) : IHealthReaction
{
    public async Task OnChangesAsync(IReadOnlyList<HealthChange> changes, CancellationToken cancellationToken)
    {
        var o = reports.CurrentValue;
        if (changes.Count == 0 || !o.IsConfigured)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var waiting = await OutboxRelease.CountAsync(db, now.UtcDateTime, cancellationToken);
        foreach (var (language, to) in Audience(o, hub.CurrentValue.DefaultLanguage))
        {
            var message = Compose(changes, language, waiting, hub.CurrentValue.PublicUrl, now);
            message.From.Add(MailboxAddress.Parse(o.From!));
            message.To.AddRange(to.Select(MailboxAddress.Parse));
            try
            {
                await SmtpMail.SendAsync(o.Smtp, message, cancellationToken);
                var masked = string.Join(", ", to.Select(Redact.Email));
                Log.Sent(logger, changes.Count, language, masked);
            }
            catch (Exception e) when (SmtpMail.IsFailure(e))
            {
                Log.SendFailed(logger, o.Smtp.Host!, e);
            }
        }
    }

    /// <summary>Every report recipient once, grouped by the language their alerts are written in.</summary>
    public static IReadOnlyList<(string Language, List<string> To)> Audience(ReportsOptions o, string defaultLanguage) =>
        [.. o.Recipients.Concat(o.Schedules.SelectMany(s => s.Recipients))
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .GroupBy(a => o.Schedules.FirstOrDefault(s => s.Recipients.Contains(a, StringComparer.OrdinalIgnoreCase))?.Language ?? defaultLanguage)
            .Select(g => (g.Key, g.ToList()))];

    public static MimeMessage Compose(IReadOnlyList<HealthChange> changes, string language, int waiting, string? publicUrl, DateTimeOffset now)
    {
        var bad = changes.Where(c => !c.Recovered).ToList();
        var subject = changes.Count == 1
            ? Strings.Get(bad.Count == 1 ? "Alert.Subject.One" : "Alert.Subject.Recovered", language,
                CheckText.State(changes[0].Check.State, language), CheckText.Subject(changes[0].Check.Result, language))
            : Strings.Get(bad.Count == 0 ? "Alert.Subject.AllRecovered" : "Alert.Subject.Many", language, changes.Count.ToString(CultureInfo.InvariantCulture));
        var lines = new List<(string Heading, string Finding, string Action, string Since)>();
        foreach (var change in changes.OrderBy(c => c.Recovered).ThenByDescending(c => c.Check.State))
        {
            var check = change.Check;
            var heading = Strings.Get("Alert.Line", language, CheckText.Subject(check.Result, language), CheckText.State(check.State, language));
            var since = check.LastSuccess is { } ok && !change.Recovered
                ? Strings.Get("Alert.SinceLastOk", language, Stamp(check.Since), Stamp(ok))
                : Strings.Get("Alert.Since", language, Stamp(check.Since));
            lines.Add((heading, CheckText.Finding(check.Result, language), change.Recovered ? "" : CheckText.Action(check.Result, language), since));
        }

        var intro = Strings.Get("Alert.Intro", language, Stamp(now));
        var waitingLine = waiting > 0 ? Strings.Get("Alert.Waiting", language, waiting.ToString(CultureInfo.InvariantCulture)) : "";
        var settings = string.IsNullOrWhiteSpace(publicUrl) ? null : publicUrl.TrimEnd('/') + "/settings";
        var footer = settings is null ? Strings.Get("Alert.Footer", language) : Strings.Get("Alert.FooterLink", language, settings);

        var text = new StringBuilder().AppendLine(intro).AppendLine();
        foreach (var (heading, finding, action, since) in lines)
        {
            text.AppendLine(heading).AppendLine(finding);
            if (action.Length > 0)
            {
                text.AppendLine(action);
            }

            text.AppendLine(since).AppendLine();
        }

        if (waitingLine.Length > 0)
        {
            text.AppendLine(waitingLine).AppendLine();
        }

        text.AppendLine(footer);

        var dir = language == "ar" ? "rtl" : "ltr";
        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{language}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head>")
            .Append(CultureInfo.InvariantCulture, $"<body style=\"font-family:Tahoma,Arial,sans-serif\" dir=\"{dir}\"><p>{Encode(intro)}</p>");
        foreach (var (heading, finding, action, since) in lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Encode(heading)}</h3><p>{Encode(finding)}</p>");
            if (action.Length > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><strong>{Encode(action)}</strong></p>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#555\">{Encode(since)}</p>");
        }

        if (waitingLine.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(waitingLine)}</p>");
        }

        html.Append(settings is null
            ? $"<p>{Encode(footer)}</p>"
            : $"<p><a href=\"{Encode(settings)}\">{Encode(footer)}</a></p>").Append("</body></html>");

        var message = new MimeMessage { Subject = subject, Date = now };
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3511, Level = LogLevel.Information, Message = "Emailed {Count} changed connection checks ({Language}) to {Recipients}")]
        public static partial void Sent(ILogger logger, int count, string language, string recipients);

        [LoggerMessage(EventId = 3512, Level = LogLevel.Error, Message = "Emailing changed connection checks through {Host} failed")]
        public static partial void SendFailed(ILogger logger, string host, Exception exception);
    }
}
