using System.Globalization;

namespace GAssistant.Hub.Localization;

/// <summary>
/// The two languages' cultures, with one digit style chosen for both: Latin digits (0–9) with "." for decimals and
/// "," for thousands, in Arabic as in English. They are the digits of Odoo's and Meta's Arabic screens, of the email
/// reports, CSV files and the API, and of every MudBlazor part (pager, date pickers, charts), which format with
/// .NET's culture and never substitute native digits. .NET's "ar" culture formats Latin digits with Arabic separators
/// (<c>1٬234٫5</c>), a mix no reader writes, so Arabic gets Latin separators here too; its words (months, days,
/// direction) stay Arabic. See docs/localization.md.
/// </summary>
public static class HubCultures
{
    public static readonly CultureInfo Arabic = CreateArabic();

    public static readonly CultureInfo English = CultureInfo.ReadOnly(new CultureInfo("en"));

    public static CultureInfo For(string? language) => language == "ar" ? Arabic : English;

    private static CultureInfo CreateArabic()
    {
        var arabic = new CultureInfo("ar");
        var numbers = arabic.NumberFormat;
        numbers.NativeDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        numbers.DigitSubstitution = DigitShapes.None;
        numbers.NumberDecimalSeparator = numbers.CurrencyDecimalSeparator = numbers.PercentDecimalSeparator = ".";
        numbers.NumberGroupSeparator = numbers.CurrencyGroupSeparator = numbers.PercentGroupSeparator = ",";
        numbers.PercentSymbol = "%";
        // A left-to-right mark keeps the minus sign before its digits inside right-to-left text (as CLDR's own ar-Latn does).
        numbers.NegativeSign = "\u200E-";
        return CultureInfo.ReadOnly(arabic);
    }
}
