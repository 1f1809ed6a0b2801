using System.Globalization;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// Numbers, money and dates on the pages. Digits are Latin in both languages (<see cref="Localization.HubCultures"/>);
/// dates are written <c>2026-11-24</c> in both, as the date pickers, the reports, the CSV and the API write them:
/// unambiguous for readers of either language, where <c>11/24/2026</c> and <c>24/11/2026</c> are not.
/// </summary>
public static class Fmt
{
    public const string DatePattern = "yyyy-MM-dd";

    public static string Number(long value, CultureInfo? culture = null) => value.ToString("N0", C(culture));

    public static string Number(decimal value, int decimals, CultureInfo? culture = null) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), C(culture));

    public static string Money(decimal value, string? currency, CultureInfo? culture = null) =>
        currency is null ? Number(value, 2, culture) : $"{Number(value, 2, culture)} {currency}";

    public static string Money(decimal? value, string? currency, CultureInfo? culture = null) =>
        value is { } v ? Money(v, currency, culture) : "—";

    /// <summary>Money without cents, for tables with many columns (the cards and the API keep the cents).</summary>
    public static string WholeMoney(decimal? value, string? currency, CultureInfo? culture = null) =>
        value is not { } v ? "—" : currency is null ? Number(v, 0, culture) : $"{Number(v, 0, culture)} {currency}";

    /// <summary>A percentage given as 0–100 (the API's unit), one decimal.</summary>
    public static string Percent(double value, CultureInfo? culture = null) =>
        value.ToString("N1", C(culture)) + C(culture).NumberFormat.PercentSymbol;

    public static string Percent(decimal? value, CultureInfo? culture = null) => value is { } v ? Percent((double)v, culture) : "—";

    public static string Ratio(decimal? value, CultureInfo? culture = null) => value is { } v ? Number(v, 2, culture) : "—";

    public static string Date(DateTime? value) => value is { } v ? v.ToString(DatePattern, CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly value) => value.ToString(DatePattern, CultureInfo.InvariantCulture);

    public static string DateTimeText(DateTime? value) =>
        value is { } v ? v.ToString(DatePattern + " HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>Formats each argument with <see cref="Fmt"/> rules, for localized sentences with numbers.</summary>
    public static object[] Args(IEnumerable<object> args, CultureInfo? culture = null) =>
        args.Select(a => a switch
        {
            int i => Number(i, culture),
            long l => Number(l, culture),
            decimal d => Number(d, d == decimal.Round(d) ? 0 : 2, culture),
            double x => x.ToString(x == Math.Round(x) ? "N0" : "N1", C(culture)),
            _ => a,
        }).ToArray();

    private static CultureInfo C(CultureInfo? culture) => culture ?? CultureInfo.CurrentCulture;
}
