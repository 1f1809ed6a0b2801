using System.Globalization;
using System.Text;
using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>
/// <c>GET /api/crm/leads.csv</c>: every lead the /crm filters show (same <see cref="LeadFilter"/> and order as the
/// table, all pages), as UTF-8 CSV with a BOM so spreadsheet programs read Arabic correctly.
/// </summary>
public static class LeadCsv
{
    public static readonly string[] Columns =
        ["id", "name", "partner_name", "email", "phone", "stage", "source", "campaign", "expected_revenue", "currency", "probability", "won", "create_date"];

    public static RouteGroupBuilder MapLeadCsv(this RouteGroupBuilder crm)
    {
        crm.MapGet("/leads.csv", ExportAsync).WithName("ExportLeadsCsv")
            .WithSummary("The leads matching the filters (stage, source, campaign, from, to, q; order = a column, desc) as CSV.");
        return crm;
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        HttpRequest request, HubDbContext db, CancellationToken cancellationToken)
    {
        var filter = LeadFilter.Parse(request.Query, out var errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var leads = LeadList.Query(db, filter, new LeadOrder(request.Query["order"], request.Query["desc"] == "true"));
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        await foreach (var l in leads.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            AppendRow(csv, l);
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", "leads.csv");
    }

    public static void AppendRow(StringBuilder csv, Lead l)
    {
        string[] cells =
        [
            l.OdooId.ToString(CultureInfo.InvariantCulture), l.Name, l.PartnerName ?? "", l.Email ?? "", l.Phone ?? "", l.StageName ?? "",
            l.Source ?? "", l.Campaign ?? "", l.ExpectedRevenue.ToString(CultureInfo.InvariantCulture), l.Currency ?? "",
            l.Probability.ToString(CultureInfo.InvariantCulture), l.IsWon ? "true" : "false",
            l.CreateDate?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
        ];
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    /// <summary>
    /// RFC 4180 quoting; a text cell starting with = + - @ (or a tab/CR) is prefixed with ' so a spreadsheet does not
    /// run it as a formula (OWASP "CSV injection"). Lead names come from web forms and are untrusted.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
