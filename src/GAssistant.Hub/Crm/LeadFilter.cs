using System.Globalization;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Crm;

/// <summary>
/// The filters of the leads list and the CRM figures (CONTRACT.md: <c>stage</c>, <c>source</c>,
/// <c>campaign</c>, <c>from</c>, <c>to</c>, <c>q</c>, <c>page</c>, <c>page_size</c>), shared by the API and /crm.
/// </summary>
public sealed record LeadFilter
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public string? Stage { get; init; }
    public string? Source { get; init; }
    public string? Campaign { get; init; }

    /// <summary>Created at or after (UTC).</summary>
    public DateTime? From { get; init; }

    /// <summary>Created before (UTC, exclusive); a date-only <c>to</c> includes that whole day.</summary>
    public DateTime? To { get; init; }
    public string? Query { get; init; }

    /// <summary>Only these leads (Odoo ids): the leads of one Meta ad on the campaign drill-down. Not read from the API.</summary>
    public IReadOnlyList<long>? LeadIds { get; init; }

    /// <summary>Only leads scored at least this (0–100); <c>min_score</c>.</summary>
    public double? MinScore { get; init; }

    /// <summary><c>sort=score</c>: best score first (unscored last); otherwise newest first.</summary>
    public bool SortByScore { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Reads query-string values; errors are per field, in words a caller can act on.</summary>
    public static LeadFilter Parse(IQueryCollection query, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var from = ParseDate(query, "from", endOfDay: false, errors);
        var to = ParseDate(query, "to", endOfDay: true, errors);
        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["'to' must be after 'from'."];
        }

        var page = ParseInt(query, "page", 1, 1, int.MaxValue, errors);
        var pageSize = ParseInt(query, "page_size", DefaultPageSize, 1, MaxPageSize, errors);
        var minScore = ParseScore(query, errors);
        var sort = Clean(query["sort"]);
        if (sort is not null and not "score" and not "date")
        {
            errors["sort"] = ["'sort' must be 'score' or 'date'."];
        }
        return new LeadFilter
        {
            Stage = Clean(query["stage"]),
            Source = Clean(query["source"]),
            Campaign = Clean(query["campaign"]),
            From = from,
            To = to,
            Query = Clean(query["q"]),
            MinScore = minScore,
            SortByScore = sort == "score",
            Page = page,
            PageSize = pageSize,
        };
    }

    /// <summary>A filter value as typed: trimmed, and null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTime? ParseDate(IQueryCollection query, string name, bool endOfDay, Dictionary<string, string[]> errors)
    {
        var text = Clean(query[name]);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (!ApiProblems.InRange(date))
            {
                errors[name] = [ApiProblems.DateRangeError(name)];
                return null;
            }

            var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            if (!ApiProblems.InRange(DateOnly.FromDateTime(time.UtcDateTime)))
            {
                errors[name] = [ApiProblems.DateRangeError(name)];
                return null;
            }

            return time.UtcDateTime;
        }

        errors[name] = [$"'{name}' must be a date (2026-11-01) or an ISO 8601 date and time."];
        return null;
    }

    private static double? ParseScore(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var text = Clean(query["min_score"]);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100)
        {
            return value;
        }

        errors["min_score"] = ["'min_score' must be a number from 0 to 100."];
        return null;
    }

    private static int ParseInt(IQueryCollection query, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        var text = Clean(query[name]);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }
}
