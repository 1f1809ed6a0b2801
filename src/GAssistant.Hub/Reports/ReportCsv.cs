using System.Globalization;
using System.Text;

namespace GAssistant.Hub.Reports;

/// <summary>
/// The attached CSV (RFC 4180: CRLF, quoted when needed): the period's campaigns with every figure, column names in
/// English so a spreadsheet or script reads both languages' files alike, UTF-8 with a BOM so Excel shows Arabic names.
/// Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP "CSV injection"). Pure.
/// </summary>
public static class ReportCsv
{
    public const string Header = "period_from,period_to,campaign_id,campaign,status,spend,impressions,clicks,ctr,leads,cpl,won,revenue,roas,currency";

    public static byte[] Render(ReportData data)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var c in data.Campaigns)
        {
            string[] cells =
            [
                ReportFormat.Date(data.Period.From), ReportFormat.Date(data.Period.To), Text(c.Id), Text(c.Name), Text(c.Status),
                N(c.Spend), N(c.Impressions), N(c.Clicks), N(c.Ctr), N(c.Leads), N(c.Cpl), N(c.Won), N(c.Revenue), N(c.Roas), Text(c.Currency),
            ];
            csv.AppendJoin(',', cells).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string N(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One quoting and formula-escaping rule for every CSV the hub writes: the leads export's.</summary>
    private static string Text(string? value) => string.IsNullOrEmpty(value) ? "" : Crm.LeadCsv.Cell(value);
}
