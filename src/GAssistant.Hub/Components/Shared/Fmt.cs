using System.Globalization;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// Numbers, money and dates as the reader's culture writes them. .NET keeps Latin digits even for Arabic
/// (it ignores <see cref="NumberFormatInfo.NativeDigits"/>), so for Arabic the digits are swapped for the
/// culture's native ones (٠١٢٣٤٥٦٧٨٩), which with its separators (٫ ٬) gives CLDR's Arabic numbers.
/// </summary>
public static class Fmt
{
    public static string Number(long value, CultureInfo? culture = null) => Digits(value.ToString("N0", C(culture)), C(culture));

    public static string Number(decimal value, int decimals, CultureInfo? culture = null) =>
        Digits(value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), C(culture)), C(culture));

    public static string Money(decimal value, string? currency, CultureInfo? culture = null) =>
        currency is null ? Number(value, 2, culture) : $"{Number(value, 2, culture)} {currency}";

    public static string Money(decimal? value, string? currency, CultureInfo? culture = null) =>
        value is { } v ? Money(v, currency, culture) : "—";

    /// <summary>A percentage given as 0–100 (the API's unit), one decimal.</summary>
    public static string Percent(double value, CultureInfo? culture = null) =>
        Digits(value.ToString("N1", C(culture)), C(culture)) + C(culture).NumberFormat.PercentSymbol;

    public static string Percent(decimal? value, CultureInfo? culture = null) => value is { } v ? Percent((double)v, culture) : "—";

    public static string Ratio(decimal? value, CultureInfo? culture = null) => value is { } v ? Number(v, 2, culture) : "—";

    public static string Date(DateTime? value, CultureInfo? culture = null) =>
        value is { } v ? Digits(v.ToString("d", C(culture)), C(culture)) : "—";

    public static string Date(DateOnly value, CultureInfo? culture = null) => Digits(value.ToString("d", C(culture)), C(culture));

    public static string DateTimeText(DateTime? value, CultureInfo? culture = null) =>
        value is { } v ? Digits(v.ToString("g", C(culture)), C(culture)) : "—";

    /// <summary>Formats each argument with <see cref="Fmt"/> rules, for localized sentences with numbers.</summary>
    public static object[] Args(IEnumerable<object> args, CultureInfo? culture = null) =>
        args.Select(a => a switch
        {
            int i => Number(i, culture),
            long l => Number(l, culture),
            decimal d => Number(d, d == decimal.Round(d) ? 0 : 2, culture),
            double x => Digits(x.ToString(x == Math.Round(x) ? "N0" : "N1", C(culture)), C(culture)),
            _ => a,
        }).ToArray();

    private static CultureInfo C(CultureInfo? culture) => culture ?? CultureInfo.CurrentCulture;

    public static string Digits(string text, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        if (culture.TwoLetterISOLanguageName != "ar")
        {
            return text;
        }

        var native = culture.NumberFormat.NativeDigits;
        return string.Create(text.Length, (text, native), static (span, state) =>
        {
            for (var i = 0; i < state.text.Length; i++)
            {
                var ch = state.text[i];
                span[i] = ch is >= '0' and <= '9' ? state.native[ch - '0'][0] : ch;
            }
        });
    }
}
