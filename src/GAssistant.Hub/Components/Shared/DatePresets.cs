namespace GAssistant.Hub.Components.Shared;

public enum DatePreset
{
    Today,
    Last7Days,
    Last30Days,
    Last90Days,
    MonthToDate,
    AllTime,
    Custom,
}

/// <summary>A whole-day range, both ends included (as the API's <c>from</c>/<c>to</c> dates are).</summary>
public sealed record DayRange(DateOnly? From, DateOnly? To)
{
    /// <summary>The same range as the API's query string, so a page and an API call can be compared.</summary>
    public string Query => string.Join('&', new[]
    {
        From is { } f ? $"from={f:yyyy-MM-dd}" : null,
        To is { } t ? $"to={t:yyyy-MM-dd}" : null,
    }.Where(p => p is not null));

    public DateTime? StartUtc => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>Exclusive end: the day after <see cref="To"/>.</summary>
    public DateTime? EndUtc => To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The range of equal length just before this one (for "compared with the previous period").</summary>
    public DayRange? Previous => From is { } f && To is { } t ? new DayRange(f.AddDays(-(t.DayNumber - f.DayNumber + 1)), f.AddDays(-1)) : null;
}

/// <summary>The date presets of the dashboards, in UTC days (the days the API's dates mean).</summary>
public static class DatePresets
{
    public static DayRange Range(DatePreset preset, DateOnly today, DateOnly? customFrom = null, DateOnly? customTo = null) => preset switch
    {
        DatePreset.Today => new(today, today),
        DatePreset.Last7Days => new(today.AddDays(-6), today),
        DatePreset.Last30Days => new(today.AddDays(-29), today),
        DatePreset.Last90Days => new(today.AddDays(-89), today),
        DatePreset.MonthToDate => new(new DateOnly(today.Year, today.Month, 1), today),
        DatePreset.AllTime => new(null, null),
        _ => new(customFrom, customTo),
    };

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
