using System.ComponentModel.DataAnnotations;
using GAssistant.Hub.Scheduling;
using GAssistant.Hub.SpeedToLead;

namespace GAssistant.Hub.Tests.SpeedToLead;

/// <summary>
/// Working time as the escalation and the quiet hours count it, worked by hand in Riyadh (UTC+3, no clock changes):
/// 2026-12-03 is a Thursday. Quiet 20:00–08:00.
/// </summary>
public sealed class WorkingClockTests
{
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");

    private static WorkingClock Clock(WorkingWeek week, string from = "20:00", string until = "08:00") =>
        new(week, TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture), Riyadh);

    private static DateTime Local(int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified), Riyadh);

    [Fact]
    public void Thirty_working_minutes_from_thursday_evening_end_on_the_next_working_morning_of_each_week_style()
    {
        // 10 minutes on Thursday before 20:00, then 20 on the next working morning.
        Assert.Equal(Local(6, 8, 20), Clock(WorkingWeek.SundayToThursday).Add(Local(3, 19, 50), TimeSpan.FromMinutes(30)));
        Assert.Equal(Local(4, 8, 20), Clock(WorkingWeek.MondayToFriday).Add(Local(3, 19, 50), TimeSpan.FromMinutes(30)));

        // Friday evening, Monday to Friday: Saturday and Sunday are off.
        Assert.Equal(Local(7, 8, 20), Clock(WorkingWeek.MondayToFriday).Add(Local(4, 19, 50), TimeSpan.FromMinutes(30)));

        // Every day: Friday morning.
        Assert.Equal(Local(4, 8, 20), Clock(WorkingWeek.EveryDay).Add(Local(3, 19, 50), TimeSpan.FromMinutes(30)));

        // Inside working time it is clock time.
        Assert.Equal(Local(3, 10, 30), Clock(WorkingWeek.SundayToThursday).Add(Local(3, 10, 0), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Working_time_between_two_moments_leaves_out_the_night_and_the_weekend()
    {
        var week = Clock(WorkingWeek.SundayToThursday);

        Assert.Equal(TimeSpan.FromMinutes(30), week.Between(Local(3, 19, 50), Local(6, 8, 20)));
        Assert.Equal(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(10), week.Between(Local(3, 19, 50), Local(7, 8, 0)));
        Assert.Equal(TimeSpan.Zero, week.Between(Local(4, 9, 0), Local(5, 17, 0)));
        Assert.Equal(TimeSpan.Zero, week.Between(Local(6, 9, 0), Local(6, 8, 0)));
    }

    [Fact]
    public void The_next_working_moment_is_now_in_working_time_else_the_next_morning_of_a_working_day()
    {
        var week = Clock(WorkingWeek.SundayToThursday);

        Assert.True(week.IsWorking(Local(3, 8, 0)));
        Assert.False(week.IsWorking(Local(3, 20, 0)));
        Assert.False(week.IsWorking(Local(4, 11, 0)));
        Assert.Equal(Local(3, 12, 0), week.NextWorking(Local(3, 12, 0)));
        Assert.Equal(Local(6, 8, 0), week.NextWorking(Local(3, 20, 5)));
        Assert.Equal(Local(4, 8, 0), Clock(WorkingWeek.MondayToFriday).NextWorking(Local(3, 20, 5)));
        Assert.Equal(Local(3, 8, 0), week.NextWorking(Local(3, 2, 0)));
    }

    [Fact]
    public void Quiet_hours_inside_the_day_and_no_quiet_hours_at_all()
    {
        // A siesta, 13:00–16:00: 12:50 + 30 minutes is 16:20.
        Assert.Equal(Local(3, 16, 20), Clock(WorkingWeek.SundayToThursday, "13:00", "16:00").Add(Local(3, 12, 50), TimeSpan.FromMinutes(30)));

        // Equal times: every hour of a working day counts; Thursday 23:50 + 30 minutes is Sunday 00:20.
        Assert.Equal(Local(6, 0, 20), Clock(WorkingWeek.SundayToThursday, "00:00", "00:00").Add(Local(3, 23, 50), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Across_a_clock_change_the_working_day_keeps_its_local_hours()
    {
        // Berlin moves to summer time on Sunday 2027-03-28: Friday 19:50 + 30 minutes, Monday to Friday, is Monday 08:20 CEST (06:20 UTC).
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var clock = new WorkingClock(WorkingWeek.MondayToFriday, new TimeOnly(20, 0), new TimeOnly(8, 0), berlin);

        Assert.Equal(new DateTime(2027, 3, 29, 6, 20, 0, DateTimeKind.Utc), clock.Add(new DateTime(2027, 3, 26, 18, 50, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(30)));
    }

    [Theory]
    [InlineData("QuietFrom", "8pm")]
    [InlineData("QuietUntil", "25:00")]
    [InlineData("TimeZone", "Mars/Olympus")]
    public void Settings_that_cannot_be_read_are_refused_at_start_with_their_name(string name, string value)
    {
        var options = new SpeedToLeadOptions();
        typeof(SpeedToLeadOptions).GetProperty(name)!.SetValue(options, value);

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains($"SpeedToLead:{name}", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }
}
