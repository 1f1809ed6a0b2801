using System.Net;
using System.Text;
using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Reports;

/// <summary>
/// The report as an email HTML body: right to left in Arabic (<c>&lt;html dir="rtl" lang="ar"&gt;</c>), inline styles
/// (mail clients drop &lt;style&gt; blocks), every campaign name HTML-encoded, the chart referenced by Content-Id. Pure.
/// </summary>
public static class ReportHtml
{
    public const int ChartCampaigns = 8;

    /// <summary>The campaigns the chart draws, in bar order (left to right).</summary>
    public static IReadOnlyList<CampaignRow> ChartRows(ReportData data) =>
        data.Campaigns.Where(c => c.Spend > 0 || c.Revenue > 0).OrderByDescending(c => c.Spend).Take(ChartCampaigns).ToList();

    public static string Render(ReportData data, ReportStrings s, string chartContentId)
    {
        var dir = s.RightToLeft ? "rtl" : "ltr";
        var align = s.RightToLeft ? "right" : "left";
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html dir=\"{dir}\" lang=\"{s.Language}\">\n<head><meta charset=\"utf-8\"><title>{E(Subject(data, s))}</title></head>\n");
        html.Append($"<body style=\"font-family:Tahoma,Arial,sans-serif;color:#222;text-align:{align}\">\n");
        html.Append($"<h1 style=\"font-size:20px\">{E(s[$"title.{data.Kind.Name()}"])}</h1>\n");
        var p = data.Period;
        var before = p.Previous;
        html.Append($"<p>{E(string.Format(s["period"], ReportFormat.Date(p.From), ReportFormat.Date(p.To), ReportFormat.Date(before.From), ReportFormat.Date(before.To)))}</p>\n");

        html.Append($"<h2 style=\"font-size:16px\">{E(s["figures"])}</h2>\n");
        html.Append(TableStart(s, align, s["figure"], s["current"], s["previous"], s["change"]));
        foreach (var f in data.Figures)
        {
            var change = f.ChangePercent;
            var good = change is { } c && c != 0 && (c > 0) == f.HigherIsBetter;
            var color = change is null or 0 ? "#555" : good ? "#2e7d32" : "#c62828";
            html.Append($"<tr data-figure=\"{f.Key}\">{Td(s[f.Key])}{Td(ReportFormat.Figure(f, f.Current, data.Currency))}{Td(ReportFormat.Figure(f, f.Previous, data.Currency))}"
                + $"<td style=\"padding:4px 8px;color:{color}\"><bdi>{E(ReportFormat.Change(change))}</bdi></td></tr>\n");
        }

        html.Append("</table>\n");
        Ranking(html, s, align, "top_roas", data.TopByRoas, c => ReportFormat.Number(c.Roas));
        Ranking(html, s, align, "worst_roas", data.WorstByRoas, c => ReportFormat.Number(c.Roas));
        Ranking(html, s, align, "best_cpl", data.BestByCpl, c => ReportFormat.Money(c.Cpl, c.Currency));
        Ranking(html, s, align, "worst_cpl", data.WorstByCpl, c => ReportFormat.Money(c.Cpl, c.Currency));

        html.Append($"<h2 style=\"font-size:16px\">{E(s["recommendations"])}</h2>\n");
        if (data.Recommendations.Count == 0)
        {
            html.Append($"<p>{E(s["no_recommendations"])}</p>\n");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var r in data.Recommendations)
            {
                html.Append($"<li>{RecommendationHtml(r, s, data.Currency)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append($"<h2 style=\"font-size:16px\">{E(s["chart"])}</h2>\n");
        html.Append($"<img src=\"cid:{E(chartContentId)}\" width=\"{BarChart.Width}\" height=\"{BarChart.Height}\" alt=\"{E(s["chart"])}\" style=\"max-width:100%\">\n");
        html.Append($"<p>{Swatch(BarChart.Series[0])} {E(s["spend"])} &nbsp; {Swatch(BarChart.Series[1])} {E(s["revenue"])}</p>\n");
        var rows = ChartRows(data);
        if (rows.Count > 0)
        {
            html.Append($"<p>{E(s["chart_order"])}</p>\n<ol>\n");
            foreach (var c in rows)
            {
                html.Append($"<li>{E(c.Name)}</li>\n");
            }

            html.Append("</ol>\n");
        }

        html.Append($"<p>{E(s["attachment"])}</p>\n<p style=\"color:#777;font-size:12px\">{E(s["footer"])}</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string Subject(ReportData data, ReportStrings s) => data.Kind == ReportKind.Daily
        ? string.Format(s["subject.daily"], ReportFormat.Date(data.Period.To))
        : string.Format(s["subject.weekly"], ReportFormat.Date(data.Period.From), ReportFormat.Date(data.Period.To));

    /// <summary>The recommendation's sentence with the campaign name encoded (the template itself is ours).</summary>
    public static string RecommendationHtml(Recommendation r, ReportStrings s, string? currency) =>
        string.Format(E(s[$"rec.{r.Kind}"]), $"<b>{E(r.CampaignName)}</b>", E(RecommendationValue(r, currency)));

    public static string RecommendationValue(Recommendation r, string? currency) =>
        r.Kind is "scale" or "pause" ? ReportFormat.Number(r.Value) : ReportFormat.Money(r.Value, currency);

    private static void Ranking(StringBuilder html, ReportStrings s, string align, string key, IReadOnlyList<CampaignRow> rows, Func<CampaignRow, string> value)
    {
        html.Append($"<h2 style=\"font-size:16px\">{E(s[key])}</h2>\n");
        if (rows.Count == 0)
        {
            html.Append($"<p>{E(s["none"])}</p>\n");
            return;
        }

        html.Append(TableStart(s, align, s["campaign"], s[key.EndsWith("roas", StringComparison.Ordinal) ? "roas" : "cpl"], s["spend"], s["meta_leads"]));
        foreach (var c in rows)
        {
            html.Append($"<tr>{Td(c.Name)}{Td(value(c))}{Td(ReportFormat.Money(c.Spend, c.Currency))}{Td(ReportFormat.Number(c.Leads))}</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string TableStart(ReportStrings s, string align, params string[] headers) =>
        $"<table style=\"border-collapse:collapse;text-align:{align}\" dir=\"{(s.RightToLeft ? "rtl" : "ltr")}\">\n<tr>"
        + string.Concat(headers.Select(h => $"<th style=\"padding:4px 8px;border-bottom:1px solid #ccc\">{E(h)}</th>")) + "</tr>\n";

    private static string Td(string text) => $"<td style=\"padding:4px 8px\"><bdi>{E(text)}</bdi></td>";

    private static string Swatch(ChartColor color) =>
        $"<span style=\"display:inline-block;width:12px;height:12px;background:{color.Hex}\"></span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
