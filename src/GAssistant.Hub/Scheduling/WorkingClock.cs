namespace GAssistant.Hub.Scheduling;

/// <summary>Which days a team works: the Gulf's and Egypt's Sunday–Thursday, Monday–Friday, or every day (a shop open all week).</summary>
public enum WorkingWeek
{
    SundayToThursday,
    MondayToFriday,
    EveryDay,
}

/// <summary>
/// Working time in the business's zone: the days of a <see cref="Scheduling.WorkingWeek"/> outside the quiet hours. A lead
/// that comes on Thursday at 19:50 in Riyadh (Sunday–Thursday, quiet 20:00–08:00) has 10 working minutes that day and
/// its 30th on Sunday at 08:20. Pure: every time in and out is UTC.
/// </summary>
public sealed class WorkingClock(WorkingWeek week, TimeOnly quietFrom, TimeOnly quietUntil, TimeZoneInfo zone)
{
    // A year of days: more than any week style leaves between two working windows.
    private const int DaysAhead = 366;

    public bool IsWorkingDay(DayOfWeek day) => week switch
    {
        WorkingWeek.MondayToFriday => day is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
        WorkingWeek.EveryDay => true,
        _ => day is not (DayOfWeek.Friday or DayOfWeek.Saturday),
    };

    public bool IsWorking(DateTime utc) => Windows(utc).First() is var (start, _) && start <= utc;

    /// <summary>The moment itself when it is working time, else the start of the next working window.</summary>
    public DateTime NextWorking(DateTime utc) => Windows(utc).First() is var (start, _) && start > utc ? start : utc;

    /// <summary>The moment <paramref name="working"/> of working time after <paramref name="utc"/>.</summary>
    public DateTime Add(DateTime utc, TimeSpan working)
    {
        foreach (var (start, end) in Windows(utc))
        {
            var from = start > utc ? start : utc;
            if (from + working <= end)
            {
                return from + working;
            }

            working -= end - from;
        }

        throw new InvalidOperationException("No working time within a year.");
    }

    /// <summary>The working time between two moments (zero when the second is not after the first).</summary>
    public TimeSpan Between(DateTime fromUtc, DateTime toUtc)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end) in Windows(fromUtc))
        {
            if (start >= toUtc)
            {
                break;
            }

            var a = start > fromUtc ? start : fromUtc;
            var b = end < toUtc ? end : toUtc;
            total += b > a ? b - a : TimeSpan.Zero;
        }

        return total;
    }

    /// <summary>The working windows (UTC) that end after <paramref name="utc"/>, in order.</summary>
    private IEnumerable<(DateTime Start, DateTime End)> Windows(DateTime utc)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
        for (var day = today.AddDays(-1); day <= today.AddDays(DaysAhead); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day.DayOfWeek))
            {
                continue;
            }

            foreach (var (from, to) in LocalWindows())
            {
                var start = ToUtc(day.ToDateTime(from));
                var end = to == TimeOnly.MinValue ? ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) : ToUtc(day.ToDateTime(to));
                if (end > utc)
                {
                    yield return (start, end);
                }
            }
        }
    }

    /// <summary>A working day's windows, local; <see cref="TimeOnly.MinValue"/> as an end means midnight after.</summary>
    private IEnumerable<(TimeOnly From, TimeOnly To)> LocalWindows()
    {
        if (quietFrom == quietUntil)
        {
            yield return (TimeOnly.MinValue, TimeOnly.MinValue);
        }
        else if (quietFrom > quietUntil)
        {
            // Quiet over midnight (20:00–08:00): one window, 08:00–20:00.
            yield return (quietUntil, quietFrom);
        }
        else
        {
            // Quiet inside the day (13:00–15:00, a siesta): before and after it.
            if (quietFrom > TimeOnly.MinValue)
            {
                yield return (TimeOnly.MinValue, quietFrom);
            }

            yield return (quietUntil, TimeOnly.MinValue);
        }
    }

    private DateTime ToUtc(DateTime local)
    {
        // A local time a clock change skips (02:30 on a spring-forward night) is taken as the hour after.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }
}
