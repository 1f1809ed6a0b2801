using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace GAssistant.Hub.Reports;

/// <summary>
/// Composes the email: multipart/alternative text and HTML, the chart as a related inline PNG whose Content-Id the
/// HTML's <c>&lt;img src="cid:…"&gt;</c> names (RFC 2392, RFC 2387), and the CSV as an attachment. Pure.
/// </summary>
public static class ReportMessage
{
    public static MimeMessage Compose(ReportData data, string language, MailboxAddress from, IEnumerable<MailboxAddress> to, DateTimeOffset now)
    {
        var s = ReportStrings.For(language);
        var message = new MimeMessage { Subject = ReportHtml.Subject(data, s), Date = now };
        message.From.Add(from);
        message.To.AddRange(to);

        var body = new BodyBuilder();
        var chart = body.LinkedResources.Add("chart.png", Chart(data), new ContentType("image", "png"));
        chart.ContentId = MimeUtils.GenerateMessageId();
        chart.ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "chart.png" };
        body.HtmlBody = ReportHtml.Render(data, s, chart.ContentId);
        body.TextBody = Text(data, s);
        var csv = body.Attachments.Add(CsvName(data), ReportCsv.Render(data), new ContentType("text", "csv") { Charset = "utf-8" });
        csv.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = CsvName(data) };
        message.Body = body.ToMessageBody();
        message.Body.Headers.Add(HeaderId.ContentLanguage, s.Language); // RFC 3282; a Content-* header belongs to the body entity
        return message;
    }

    public static string CsvName(ReportData data) =>
        $"report-{data.Kind.Name()}-{ReportFormat.Date(data.Period.From)}_{ReportFormat.Date(data.Period.To)}.csv";

    public static byte[] Chart(ReportData data) =>
        BarChart.Render(ReportHtml.ChartRows(data).Select(c => (IReadOnlyList<decimal>)[c.Spend, c.Revenue]).ToList());

    private static string Text(ReportData data, ReportStrings s)
    {
        var text = new StringBuilder();
        text.AppendLine(ReportHtml.Subject(data, s)).AppendLine();
        var before = data.Period.Previous;
        text.AppendLine(string.Format(s["period"], ReportFormat.Date(data.Period.From), ReportFormat.Date(data.Period.To), ReportFormat.Date(before.From), ReportFormat.Date(before.To)));
        text.AppendLine().AppendLine(s["figures"]);
        foreach (var f in data.Figures)
        {
            text.AppendLine($"- {s[f.Key]}: {ReportFormat.Figure(f, f.Current, data.Currency)} ({s["previous"]}: {ReportFormat.Figure(f, f.Previous, data.Currency)}, {ReportFormat.Change(f.ChangePercent)})");
        }

        text.AppendLine().AppendLine(s["recommendations"]);
        foreach (var r in data.Recommendations)
        {
            text.AppendLine("- " + string.Format(s[$"rec.{r.Kind}"], r.CampaignName, ReportHtml.RecommendationValue(r, data.Currency)));
        }

        return text.AppendLine().AppendLine(s["attachment"]).ToString();
    }
}
