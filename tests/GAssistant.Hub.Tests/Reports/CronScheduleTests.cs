using GAssistant.Hub.Reports;

namespace GAssistant.Hub.Tests.Reports;

/// <summary>The five-field cron of <c>Reports:Schedules:N:Cron</c>, against crontab(5): https://man7.org/linux/man-pages/man5/crontab.5.html</summary>
public sealed class CronScheduleTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 10, 30, 0, DateTimeKind.Utc); // a Monday

    [Theory]
    [InlineData("0 7 * * *", "2026-11-24 07:00")] // every day at 07:00: today's has passed
    [InlineData("*/15 * * * *", "2026-11-23 10:45")]
    [InlineData("30 10 * * *", "2026-11-24 10:30")] // strictly after: not the current minute
    [InlineData("0 8-18/2 * * *", "2026-11-23 12:00")]
    [InlineData("0 7 * * 1", "2026-11-30 07:00")] // weekly, Monday
    [InlineData("0 7 * * 0", "2026-11-29 07:00")] // Sunday as 0
    [InlineData("0 7 * * 7", "2026-11-29 07:00")] // and as 7
    [InlineData("0 9 1,15 * *", "2026-12-01 09:00")]
    [InlineData("0 0 1 1 *", "2027-01-01 00:00")]
    [InlineData("5/20 * * * *", "2026-11-23 10:45")] // 5, 25, 45
    [InlineData("0 0 29 2 *", "2028-02-29 00:00")] // the next leap day
    [InlineData("0 7 1 * 5", "2026-11-27 07:00")] // both day fields restricted: the 1st OR a Friday
    [InlineData("0 7 */2 * 5", "2026-11-27 07:00")] // a day field starting with * is unrestricted: odd days that are Fridays
    public void Next_time_after_a_moment_follows_crontab(string expression, string expected)
    {
        var next = CronSchedule.Parse(expression).NextAfter(Monday);

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Theory]
    [InlineData("0 7 * *", "5 fields")]
    [InlineData("60 7 * * *", "minute")]
    [InlineData("0 24 * * *", "hour")]
    [InlineData("0 7 0 * *", "day of month")]
    [InlineData("0 7 * 13 *", "month")]
    [InlineData("0 7 * * 8", "day of week")]
    [InlineData("0 7 * * MON", "day of week")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("0 18-8 * * *", "backwards")]
    [InlineData("0 7,,8 * * *", "hour")]
    [InlineData("", "5 fields")]
    public void Malformed_expressions_are_refused_with_the_faulty_field_named(string expression, string named)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_that_never_comes_has_no_next_time()
    {
        Assert.Null(CronSchedule.Parse("0 0 31 2 *").NextAfter(Monday));
    }

    [Fact]
    public void A_schedule_in_Riyadh_time_fires_at_that_wall_clock_time()
    {
        var riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh"); // UTC+3, no daylight saving

        var next = ReportScheduler.NextUtc(CronSchedule.Parse("0 7 * * *"), new DateTime(2026, 11, 23, 5, 0, 0, DateTimeKind.Utc), riyadh);

        Assert.Equal(new DateTime(2026, 11, 24, 4, 0, 0, DateTimeKind.Utc), next);
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_moves_to_the_next_valid_time()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); // 2027-03-28 02:00 → 03:00

        var next = ReportScheduler.NextUtc(CronSchedule.Parse("30 2 * * *"), new DateTime(2027, 3, 27, 12, 0, 0, DateTimeKind.Utc), berlin);

        Assert.Equal(new DateTime(2027, 3, 29, 0, 30, 0, DateTimeKind.Utc), next); // 02:30 CEST on the 29th
    }
}
