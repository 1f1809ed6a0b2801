using GAssistant.Hub.Analytics;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Tests.Analytics;

/// <summary>
/// Odoo's conversion (res.currency._convert / _get_rates in Odoo 16+, addons/base/models/res_currency.py): amount × rate(to) ÷ rate(from),
/// each rate the latest on or before the date, else the oldest, else 1 for a currency without rates (the company currency).
/// </summary>
public sealed class CurrencyConverterTests
{
    private static readonly CurrencyConverter Rates = new([
        new CurrencyRate { Currency = "USD", Date = new DateOnly(2026, 11, 1), Rate = 0.25m },
        new CurrencyRate { Currency = "USD", Date = new DateOnly(2026, 11, 14), Rate = 0.2m },
        new CurrencyRate { Currency = "EUR", Date = new DateOnly(2026, 11, 1), Rate = 0.5m },
    ]);

    [Theory]
    [InlineData(13, 400)]
    [InlineData(14, 500)]
    [InlineData(30, 500)]
    public void The_rate_of_the_latest_day_on_or_before_the_order_date_is_used(int day, int sar) =>
        Assert.Equal(sar, Rates.Convert(100m, "USD", "SAR", new DateOnly(2026, 11, day)));

    [Fact]
    public void Before_the_first_rate_the_oldest_rate_is_used_as_Odoo_does() =>
        Assert.Equal(400m, Rates.Convert(100m, "USD", "SAR", new DateOnly(2020, 1, 1)));

    [Fact]
    public void Two_foreign_currencies_convert_through_the_company_currency() =>
        Assert.Equal(40m, Rates.Convert(100m, "EUR", "USD", new DateOnly(2026, 11, 20))); // 100 EUR = 200 SAR = 40 USD at 0.2

    [Fact]
    public void Without_any_rate_for_either_currency_there_is_no_answer() =>
        Assert.Null(Rates.Convert(100m, "GBP", "SAR", new DateOnly(2026, 11, 20)));

    [Fact]
    public void The_same_currency_is_not_converted() =>
        Assert.Equal(100m, Rates.Convert(100m, "gbp", "GBP", new DateOnly(2026, 11, 20)));
}
