namespace GAssistant.Hub.Reports;

public enum ReportKind
{
    Daily,
    Weekly,
}

public static class ReportKinds
{
    public static bool TryParse(string? text, out ReportKind kind)
    {
        (var ok, kind) = text?.Trim().ToLowerInvariant() switch
        {
            "daily" => (true, ReportKind.Daily),
            "weekly" => (true, ReportKind.Weekly),
            _ => (false, ReportKind.Daily),
        };
        return ok;
    }

    public static string Name(this ReportKind kind) => kind == ReportKind.Weekly ? "weekly" : "daily";
}

/// <summary>
/// The days a report covers, inclusive: a daily report is yesterday against the day before; a weekly report is
/// the seven days ending yesterday against the seven days before them. "Today" is not over, so it is never reported.
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public ReportPeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    public static ReportPeriod Ending(ReportKind kind, DateOnly today)
    {
        var to = today.AddDays(-1);
        return new ReportPeriod(kind == ReportKind.Weekly ? to.AddDays(-6) : to, to);
    }
}
