using System.Globalization;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// A dashboard's period in its address (<c>?period=7d</c>, <c>?period=custom&amp;from=2026-11-01&amp;to=2026-11-15</c>),
/// so a reload, a bookmark or a link sent to a colleague shows the same view. What cannot be read falls back to the
/// page default (the last 30 days) rather than failing the page.
/// </summary>
public static class DashboardAddress
{
    public const DatePreset DefaultPreset = DatePreset.Last30Days;

    private static readonly (DatePreset Preset, string Name)[] Names =
    [
        (DatePreset.Today, "today"), (DatePreset.Last7Days, "7d"), (DatePreset.Last30Days, "30d"), (DatePreset.Last90Days, "90d"),
        (DatePreset.MonthToDate, "mtd"), (DatePreset.AllTime, "all"), (DatePreset.Custom, "custom"),
    ];

    /// <summary>The preset and range the address asks for; a custom period needs both dates.</summary>
    public static (DatePreset Preset, DayRange Range) Read(string? period, string? from, string? to, DateOnly today, bool allowAllTime = true)
    {
        var match = Array.Find(Names, n => string.Equals(n.Name, period?.Trim(), StringComparison.OrdinalIgnoreCase));
        var preset = match.Name is null ? DefaultPreset : match.Preset;
        if (preset == DatePreset.AllTime && !allowAllTime)
        {
            preset = DefaultPreset;
        }

        if (preset != DatePreset.Custom)
        {
            return (preset, DatePresets.Range(preset, today));
        }

        if (Day(from) is not { } first || Day(to) is not { } last)
        {
            return (DefaultPreset, DatePresets.Range(DefaultPreset, today));
        }

        return (preset, first <= last ? new DayRange(first, last) : new DayRange(last, first));
    }

    /// <summary>The query parameters of a period (null removes one): the default period leaves the address bare.</summary>
    public static Dictionary<string, object?> Write(DatePreset preset, DayRange range) => new()
    {
        ["period"] = preset == DefaultPreset ? null : Names.First(n => n.Preset == preset).Name,
        ["from"] = preset == DatePreset.Custom ? range.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ["to"] = preset == DatePreset.Custom ? range.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
    };

    /// <summary>The period as a query string (<c>period=7d</c>; empty for the default), for links that keep it.</summary>
    public static string Query(DatePreset preset, DayRange range) => string.Join('&', Write(preset, range)
        .Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!.ToString()!)}"));

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
