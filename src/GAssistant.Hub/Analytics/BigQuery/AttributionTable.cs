using System.Globalization;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>
/// Closed-loop attribution per campaign and day (<see cref="AttributionService"/> at campaign level for that one day),
/// exported once a day is over. The watermark is the last exported day; the first run goes back
/// <c>BigQuery:AttributionBackfillDays</c>. A day's figures are those known when it was exported.
/// </summary>
public sealed class AttributionTable : ExportTable
{
    public override BigQueryTableSpec Spec { get; } = new("attribution", "Meta spend against Odoo leads, won deals and revenue per campaign and day.",
    [
        new("date", "DATE", true), new("campaign_id", "STRING"), new("campaign_name", "STRING"), new("spend", "NUMERIC"),
        new("meta_leads", "INT64"), new("leads", "INT64"), new("opportunities", "INT64"), new("won", "INT64"), new("confirmed_orders", "INT64"),
        new("revenue", "NUMERIC"), new("currency", "STRING"), new("roas", "NUMERIC"), new("cost_per_lead", "NUMERIC"),
        new("converted", "BOOL", Description: "Revenue includes orders converted from another currency with Odoo's rates."),
        new("exported_at", "TIMESTAMP", true),
    ], "date", ["campaign_id"]);

    public override string InitialWatermark(DateTime now, BigQueryOptions options) => Day(Today(now).AddDays(-options.AttributionBackfillDays - 1));

    public override string UpperBound(DateTime now, BigQueryOptions options) => Day(Today(now).AddDays(-1));

    public override int Compare(string a, string b) => string.CompareOrdinal(a, b);

    public override async Task<IReadOnlyList<BigQueryRow>> ReadAsync(IServiceProvider services, string from, string to, CancellationToken cancellationToken)
    {
        var attribution = services.GetRequiredService<AttributionService>();
        var exportedAt = Timestamp(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var rows = new List<BigQueryRow>();
        foreach (var day in await ActiveDaysAsync(services.GetRequiredService<HubDbContext>(), ParseDay(from).AddDays(1), ParseDay(to), cancellationToken))
        {
            var report = await attribution.BuildAsync(day, day, AttributionLevel.Campaign, cancellationToken);
            foreach (var r in report.Rows.Where(r => r.Spend > 0 || r.Leads > 0))
            {
                var date = Day(day);
                rows.Add(Row($"attribution:{date}:{r.CampaignId}", w =>
                {
                    w.WriteString("date", date);
                    w.WriteString("campaign_id", r.CampaignId);
                    w.WriteString("campaign_name", r.CampaignName);
                    Number(w, "spend", r.Spend);
                    Number(w, "meta_leads", r.MetaLeads);
                    w.WriteNumber("leads", r.Leads);
                    w.WriteNumber("opportunities", r.Opportunities);
                    w.WriteNumber("won", r.Won);
                    w.WriteNumber("confirmed_orders", r.ConfirmedOrders);
                    w.WriteNumber("revenue", r.Revenue);
                    w.WriteString("currency", r.Currency);
                    Number(w, "roas", r.Roas);
                    Number(w, "cost_per_lead", r.CostPerLead);
                    w.WriteBoolean("converted", r.Converted);
                    w.WriteString("exported_at", exportedAt);
                }));
            }
        }

        return rows;
    }

    /// <summary>
    /// The days of the range with Meta delivery or a lead: only they can have a row (spend or leads above zero). A first run
    /// backfills 90 days; on a new or quiet account most have neither, and each built day is several queries.
    /// </summary>
    private static async Task<IReadOnlyList<DateOnly>> ActiveDaysAsync(HubDbContext db, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (first > last)
        {
            return [];
        }

        var delivered = await db.MetaDailyInsights.AsNoTracking().Where(i => i.Date >= first && i.Date <= last)
            .Select(i => i.Date).Distinct().ToListAsync(cancellationToken);
        var start = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var created = await db.Leads.AsNoTracking().Where(l => !l.Deleted && !l.IsTest && l.CreateDate >= start && l.CreateDate < end)
            .Select(l => l.CreateDate!.Value.Date).Distinct().ToListAsync(cancellationToken);
        return delivered.Concat(created.Select(DateOnly.FromDateTime)).Distinct().Order().ToList();
    }

    private static DateOnly Today(DateTime now) => DateOnly.FromDateTime(now);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Number(System.Text.Json.Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void Number(System.Text.Json.Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }
}
