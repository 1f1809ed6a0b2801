using System.Globalization;

namespace GAssistant.Hub.Components.Shared;

/// <summary>What a dashboard's figures are compared with (<c>?compare=year</c>, <c>?compare=none</c>; bare: the previous period).</summary>
public enum CompareTo
{
    /// <summary>The period of equal length just before (the last 30 days against the 30 before them).</summary>
    PreviousPeriod,

    /// <summary>The same days a year earlier (seasonal businesses: November against last November).</summary>
    LastYear,

    None,
}

/// <summary>The comparison of a dashboard: its address form, the period it means, and the change of one figure.</summary>
public static class Comparison
{
    public const CompareTo Default = CompareTo.PreviousPeriod;

    private static readonly (CompareTo Compare, string Name)[] Names =
        [(CompareTo.PreviousPeriod, "previous"), (CompareTo.LastYear, "year"), (CompareTo.None, "none")];

    /// <summary>What the address asks for; anything else is the default rather than a failed page.</summary>
    public static CompareTo Read(string? text) =>
        Array.Find(Names, n => string.Equals(n.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } match
            ? match.Compare
            : Default;

    /// <summary>The address value; the default leaves the address bare.</summary>
    public static string? Write(CompareTo compare) => compare == Default ? null : Names.First(n => n.Compare == compare).Name;

    /// <summary>The days compared with <paramref name="range"/>; null for none, or for "all time" that has nothing before it.</summary>
    public static DayRange? Of(DayRange range, CompareTo compare) => compare switch
    {
        CompareTo.PreviousPeriod => range.Previous,
        CompareTo.LastYear when range is { From: { } f, To: { } t } => new DayRange(f.AddYears(-1), t.AddYears(-1)),
        _ => null,
    };

    /// <summary>
    /// The change from <paramref name="previous"/> to <paramref name="current"/> in percent (0–100 units, one decimal);
    /// null when there was nothing before to compare with (0 or unknown), where a percentage would be infinite or
    /// meaningless; nothing then and nothing now is no change.
    /// </summary>
    public static double? PercentChange(decimal? current, decimal? previous) =>
        current is not { } c || previous is not { } p ? null
        : p == 0 ? c == 0 ? 0 : null
        : (double)Math.Round((c - p) / Math.Abs(p) * 100m, 1);

    public static double? PercentChange(double? current, double? previous) =>
        PercentChange((decimal?)current, (decimal?)previous);

    /// <summary>
    /// Whether a change is good for the business: more leads is, a higher cost per lead is not; for a figure that is
    /// neither (spend), null: shown without a judgement.
    /// </summary>
    public static ChangeTone Tone(double? change, bool? higherIsBetter) => change switch
    {
        null or 0 => ChangeTone.Flat,
        _ when higherIsBetter is null => ChangeTone.Flat,
        > 0 => higherIsBetter == true ? ChangeTone.Good : ChangeTone.Bad,
        _ => higherIsBetter == true ? ChangeTone.Bad : ChangeTone.Good,
    };

    /// <summary>The colour class of a change: green when good, red when bad.</summary>
    public static string ToneClass(ChangeTone tone) => tone switch
    {
        ChangeTone.Good => "change-good",
        ChangeTone.Bad => "change-bad",
        _ => "change-flat",
    };

    /// <summary>A signed percentage, "+12.5%" or "−3.0%" (a true minus sign, as the reports write it).</summary>
    public static string FormatChange(double change, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentCulture;
        var size = Math.Abs(change).ToString("N1", c) + c.NumberFormat.PercentSymbol;
        return change > 0 ? "+" + size : change < 0 ? "−" + size : size;
    }
}

public enum ChangeTone
{
    Flat,
    Good,
    Bad,
}
