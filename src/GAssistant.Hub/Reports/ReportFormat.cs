using System.Globalization;

namespace GAssistant.Hub.Reports;

/// <summary>
/// Numbers in the report, the same in both languages: Latin digits and invariant separators (<c>1,234.50</c>), as
/// Gulf business mail and spreadsheets expect, so a figure reads the same in the Arabic and the English report. Pure.
/// </summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Money(decimal? value, string? currency) =>
        value is { } v ? currency is null ? v.ToString("N2", Invariant) : $"{v.ToString("N2", Invariant)} {currency}" : "–";

    public static string Number(decimal? value) =>
        value is not { } v ? "–" : v == decimal.Truncate(v) ? v.ToString("N0", Invariant) : v.ToString("N2", Invariant);

    public static string Figure(ReportFigure figure, decimal? value, string? currency) =>
        figure.IsMoney ? Money(value, currency) : figure.IsMinutes ? Minutes(value) : Number(value);

    public static string Minutes(decimal? value) => value is { } v ? v.ToString("N1", Invariant) : "–";

    public static string Change(decimal? percent) =>
        percent is not { } p ? "–" : p > 0 ? $"+{p.ToString("0.0", Invariant)}%" : $"{p.ToString("0.0", Invariant)}%";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);
}
