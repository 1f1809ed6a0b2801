using System.Globalization;
using System.Net;
using System.Text;
using GAssistant.Hub.Localization;
using MimeKit;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>
/// The two emails of speed to lead, in the reader's language (their Odoo language: Arabic right to left, else English):
/// the salesperson's "a new lead is yours" and the team leader's "nobody has answered this lead". Text from Meta and Odoo is
/// encoded as text; the phone, the links and the email address are set left to right inside Arabic.
/// </summary>
public static class LeadAlertMail
{
    public static MimeMessage ForSalesperson(LeadAlert alert, string language, string odooUrl, TimeSpan callWithin, MailboxAddress from, MailboxAddress to,
        DateTimeOffset now)
    {
        var subject = Strings.Get("Alert.NewLeadSubject", language, alert.Name);
        var intro = Strings.Get(alert.Api ? "Alert.NewLeadIntroApi" : "Alert.NewLeadIntro", language, (int)callWithin.TotalMinutes);
        return Compose($"lead-{alert.LeadgenId}-salesperson", subject, intro, alert, language, odooUrl, from, to, now);
    }

    public static MimeMessage ForLeader(LeadAlert alert, string language, string odooUrl, string? salesperson, TimeSpan waited, MailboxAddress from,
        MailboxAddress to, DateTimeOffset now)
    {
        var subject = Strings.Get("Alert.WaitingSubject", language, alert.Name);
        var intro = Strings.Get("Alert.WaitingIntro", language, salesperson ?? "-", (int)waited.TotalMinutes);
        return Compose($"lead-{alert.LeadgenId}-leader", subject, intro, alert, language, odooUrl, from, to, now);
    }

    private static MimeMessage Compose(string id, string subject, string intro, LeadAlert alert, string language, string odooUrl, MailboxAddress from,
        MailboxAddress to, DateTimeOffset now)
    {
        // The same id for the same lead and reader: a send repeated after a crash is recognised as one by mail clients.
        var message = new MimeMessage { Subject = subject, Date = now, MessageId = $"{id}@g-assistant.hub" };
        message.From.Add(from);
        message.To.Add(to);
        string S(string key) => Strings.Get(key, language);
        var link = LeadAlert.OdooLink(odooUrl, alert.OdooLeadId);
        var rows = new List<(string Label, string Value, string? Href)>
        {
            (S("Alert.Name"), alert.Name, null),
        };
        if ((alert.PhoneE164 ?? alert.PhoneTyped) is { } phone)
        {
            rows.Add((S("Alert.Phone"), phone, alert.TelLink));
        }

        if (alert.WhatsAppLink is { } whatsApp)
        {
            rows.Add(("WhatsApp", alert.PhoneE164!, whatsApp));
        }

        if (alert.Email is { Length: > 0 } email)
        {
            rows.Add((S("Alert.Email"), email, $"mailto:{email}"));
        }

        if (alert.Source is { } source)
        {
            rows.Add((S("Alert.Source"), source, null));
        }

        if (alert.Campaign is not null || !alert.Api)
        {
            rows.Add((S("Alert.Campaign"), alert.Campaign ?? S("Alert.Organic"), null));
        }

        if (alert.Ad is { } ad)
        {
            rows.Add((S("Alert.Ad"), ad, null));
        }

        if (alert.Form is { } form)
        {
            rows.Add((S("Alert.Form"), form, null));
        }

        if (alert.Notes is { } notes)
        {
            rows.Add((S("Alert.Notes"), notes, null));
        }

        var text = new StringBuilder().AppendLine(intro).AppendLine();
        foreach (var (label, value, _) in rows)
        {
            text.Append(label).Append(": ").AppendLine(value);
        }

        if (alert.WhatsAppLink is { } wa)
        {
            text.AppendLine(wa);
        }

        var html = new StringBuilder();
        var rtl = language == "ar";
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{language}\" dir=\"{(rtl ? "rtl" : "ltr")}\"><body style=\"font-family:sans-serif\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(intro)}</p><table data-part=\"lead\">");
        foreach (var (label, value, href) in rows)
        {
            var shown = href is null ? $"<bdi>{E(value)}</bdi>" : $"<a href=\"{E(href)}\" dir=\"ltr\">{E(value)}</a>";
            html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align:start;padding-inline-end:12px\">{E(label)}</th><td>{shown}</td></tr>");
        }

        html.Append("</table>");
        if (alert.Answers.Count > 0)
        {
            text.AppendLine().AppendLine(S("Alert.Answers"));
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(S("Alert.Answers"))}</h3><table data-part=\"answers\">");
            foreach (var answer in alert.Answers)
            {
                text.Append(answer.Label).Append(": ").AppendLine(answer.Value);
                html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align:start;padding-inline-end:12px\"><bdi>{E(answer.Label)}</bdi></th><td><bdi>{E(answer.Value)}</bdi></td></tr>");
            }

            html.Append("</table>");
        }

        text.AppendLine().Append(S("Alert.OpenInOdoo")).Append(": ").AppendLine(link);
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(link)}\" data-part=\"odoo\">{E(S("Alert.OpenInOdoo"))}</a></p></body></html>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
