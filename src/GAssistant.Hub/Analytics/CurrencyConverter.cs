using GAssistant.Hub.Data;

namespace GAssistant.Hub.Analytics;

/// <summary>
/// Converts money between currencies with Odoo's rates, the way Odoo's <c>res.currency._convert</c> does:
/// <c>amount × rate(to) ÷ rate(from)</c>, each rate being the latest on or before the date, else the oldest one
/// (Odoo 16+ <c>res.currency._get_rates</c>), else 1 (a currency without rates is the company currency to Odoo).
/// When neither currency has any rate the hub has never read Odoo's rates, so it answers null rather than guess. Pure.
/// </summary>
public sealed class CurrencyConverter
{
    private readonly Dictionary<string, (DateOnly Date, decimal Rate)[]> _rates;

    public CurrencyConverter(IEnumerable<CurrencyRate> rates) =>
        _rates = rates.Where(r => r.Rate > 0).GroupBy(r => r.Currency, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(r => (r.Date, r.Rate)).OrderBy(r => r.Date).ToArray(), StringComparer.OrdinalIgnoreCase);

    /// <returns>The amount in <paramref name="to"/>, or null when Odoo's rates for these currencies are unknown.</returns>
    public decimal? Convert(decimal amount, string from, string to, DateOnly date)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return amount;
        }

        var fromRate = RateOn(from, date);
        var toRate = RateOn(to, date);
        if (fromRate is null && toRate is null)
        {
            return null;
        }

        return amount * (toRate ?? 1m) / (fromRate ?? 1m);
    }

    private decimal? RateOn(string currency, DateOnly date)
    {
        if (!_rates.TryGetValue(currency, out var rates))
        {
            return null;
        }

        var found = rates[0].Rate;
        foreach (var (day, rate) in rates)
        {
            if (day > date)
            {
                break;
            }

            found = rate;
        }

        return found;
    }
}
