namespace GAssistant.Hub.Reports;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week) with numbers, <c>*</c>, ranges
/// <c>1-5</c>, lists <c>1,15</c> and steps <c>*/15</c>, <c>8-18/2</c>. Day of week 0–7 (0 and 7 are Sunday).
/// As in Vixie cron, when both day fields are restricted a day matches either of them
/// (https://man7.org/linux/man-pages/man5/crontab.5.html). Pure.
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[] _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _anyDay, _anyWeekday;

    private CronSchedule(bool[][] fields, bool anyDay, bool anyWeekday)
    {
        (_minutes, _hours, _days, _months, _weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        (_anyDay, _anyWeekday) = (anyDay, anyWeekday);
    }

    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, out CronSchedule schedule, out string error)
    {
        schedule = null!;
        var parts = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 5)
        {
            error = $"expected 5 fields (minute hour day month weekday), got {parts.Length}.";
            return false;
        }

        (string Name, int Min, int Max)[] ranges = [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];
        var fields = new bool[5][];
        for (var i = 0; i < 5; i++)
        {
            if (!TryParseField(parts[i], ranges[i].Min, ranges[i].Max, out fields[i], out var fieldError))
            {
                error = $"{ranges[i].Name} '{parts[i]}': {fieldError}";
                return false;
            }
        }

        fields[4][0] |= fields[4][7]; // 7 is Sunday too
        schedule = new CronSchedule(fields, parts[2].StartsWith('*'), parts[4].StartsWith('*'));
        error = "";
        return true;
    }

    /// <summary>The first whole minute strictly after <paramref name="after"/> that matches (in the same clock as the argument).</summary>
    public DateTime? NextAfter(DateTime after)
    {
        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, after.Kind).AddMinutes(1);
        var limit = t.AddYears(5); // e.g. "0 0 31 2 *" never matches
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, t.Kind).AddMonths(1);
            }
            else if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!_minutes[t.Minute])
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return t;
            }
        }

        return null;
    }

    public bool Matches(DateTime time) => _months[time.Month] && DayMatches(time) && _hours[time.Hour] && _minutes[time.Minute];

    private bool DayMatches(DateTime t)
    {
        var day = _days[t.Day];
        var weekday = _weekdays[(int)t.DayOfWeek];
        return _anyDay || _anyWeekday ? day && weekday : day || weekday;
    }

    private static bool TryParseField(string field, int min, int max, out bool[] allowed, out string error)
    {
        allowed = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var (range, stepText) = item.IndexOf('/') is var slash and >= 0 ? (item[..slash], item[(slash + 1)..]) : (item, null);
            var step = 1;
            if (stepText is not null && (!int.TryParse(stepText, out step) || step < 1))
            {
                error = $"step '{stepText}' must be a positive number.";
                return false;
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                if (!Number(a, min, max, out from, out error) || !Number(b, min, max, out to, out error))
                {
                    return false;
                }

                if (from > to)
                {
                    error = $"range {from}-{to} runs backwards.";
                    return false;
                }
            }
            else
            {
                if (!Number(range, min, max, out from, out error))
                {
                    return false;
                }

                to = stepText is null ? from : max; // "5/15" means 5, 20, 35, 50
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        error = "";
        return true;
    }

    private static bool Number(string text, int min, int max, out int value, out string error)
    {
        error = "";
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, out value) && value >= min && value <= max)
        {
            return true;
        }

        value = 0;
        error = $"'{text}' is not a number from {min} to {max}.";
        return false;
    }
}
