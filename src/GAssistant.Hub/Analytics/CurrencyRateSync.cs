using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Analytics;

/// <summary>
/// Copies Odoo's <c>res.currency.rate</c> rows (<c>name</c> = the date, <c>rate</c> = units of the currency per unit of the
/// company currency, <c>currency_id</c>) into <see cref="CurrencyRate"/>, keyed by currency and date. The first run reads
/// them all; later runs read what changed since the last run (<c>write_date</c>), with an hour of overlap. When several
/// companies have a rate for the same currency and day, the lowest company id (shared rates first) wins.
/// </summary>
public sealed partial class CurrencyRateSync(OdooClient odoo, HubDbContext db, TimeProvider clock, ILogger<CurrencyRateSync> logger)
{
    private const string CursorName = "odoo.res.currency.rate";
    private static readonly string[] Fields = ["name", "rate", "currency_id", "company_id", "write_date"];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var cursor = await db.SyncStates.FindAsync([CursorName], cancellationToken);
        var domain = new JsonArray();
        if (cursor?.Value is { } since && DateTime.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var last))
        {
            domain.Add(new JsonArray("write_date", ">=", last.AddHours(-1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
        }

        var rows = await odoo.SearchReadAsync("res.currency.rate", domain, Fields, "id asc", limit: null, includeArchived: false, cancellationToken);
        var existing = await db.CurrencyRates.ToDictionaryAsync(r => (r.Currency, r.Date), cancellationToken);
        var stored = 0;
        // The highest company id first, so a shared (company-less) or the first company's rate is applied last and kept.
        foreach (var row in rows.Select(Parse).Where(r => r is not null).Select(r => r!.Value).OrderByDescending(r => r.Company))
        {
            if (!existing.TryGetValue((row.Currency, row.Date), out var rate))
            {
                rate = new CurrencyRate { Currency = row.Currency, Date = row.Date };
                db.CurrencyRates.Add(rate);
                existing[(row.Currency, row.Date)] = rate;
            }

            rate.Rate = row.Rate;
            rate.OdooId = row.Id;
            rate.SyncedAt = started;
            stored++;
        }

        if (cursor is null)
        {
            cursor = new SyncState { Name = CursorName };
            db.SyncStates.Add(cursor);
        }

        cursor.Value = started.ToString("O", CultureInfo.InvariantCulture);
        cursor.UpdatedAt = started;
        await db.SaveChangesAsync(cancellationToken);
        Log.Read(logger, stored);
        return stored;
    }

    private static (long Id, long Company, string Currency, DateOnly Date, decimal Rate)? Parse(JsonElement row)
    {
        var currency = OdooJson.Name(row, "currency_id");
        var date = OdooJson.Text(row, "name");
        var rate = OdooJson.Money(row, "rate");
        return currency is null || rate <= 0 || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? null
            : (row.GetProperty("id").GetInt64(), OdooJson.Id(row, "company_id") ?? 0, currency.ToUpperInvariant(), day, rate);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3221, Level = LogLevel.Information, Message = "Read {Count} currency rates from Odoo")]
        public static partial void Read(ILogger logger, int count);
    }
}
