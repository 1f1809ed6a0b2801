using GAssistant.Hub.Health;

namespace GAssistant.Hub.Tests.Health;

/// <summary>
/// The lead-flow rule on worked numbers. The weekday form brings a lead at 09:00, 11:00, 13:00, 15:00 and 17:00 on every
/// weekday from Monday 2 to Friday 27 November 2026: 20 days, 100 leads, 99 gaps — 80 of 2 hours within a day, 16 nights
/// of 16 hours (17:00 to 09:00), 3 weekends of 64 hours (Friday 17:00 to Monday 09:00). The 99th percentile of 99 gaps is
/// the gap at rank ⌈98.01⌉ = 99, the longest: 64 hours.
/// </summary>
public sealed class LeadFlowRuleTests
{
    private static readonly DateTimeOffset FirstLead = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset[] Weekdays =
    [
        .. Enumerable.Range(0, 26).Select(d => FirstLead.AddDays(d))
            .Where(day => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .SelectMany(day => new[] { 0, 2, 4, 6, 8 }.Select(h => day.AddHours(h))),
    ];

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 11, 1, hour, minute, 0, TimeSpan.Zero).AddDays(day - 1);

    [Fact]
    public void The_weekday_form_has_100_leads_and_the_99th_percentile_of_99_gaps_is_the_longest()
    {
        Assert.Equal(100, Weekdays.Length);
        Assert.Equal(At(27, 17), Weekdays[^1]);
        Assert.Equal((99, 198, 1), (LeadFlowRule.Rank(99), LeadFlowRule.Rank(200), LeadFlowRule.Rank(1)));
    }

    [Fact]
    public void A_weekday_with_leads_two_hours_apart_is_not_quiet()
    {
        // Thursday 26 November 14:00: the last lead came at 13:00; 18 full weekdays and three of Thursday's leads so far.
        var verdict = LeadFlowRule.Judge(Weekdays, FirstLead, At(26, 14));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.Flowing, TimeSpan.FromHours(1), TimeSpan.FromHours(64), 93), verdict);
    }

    [Fact]
    public void A_normal_night_is_not_quiet()
    {
        // Thursday 08:30: 15.5 hours since Wednesday's 17:00 lead, shorter than a weekend.
        var verdict = LeadFlowRule.Judge(Weekdays, FirstLead, At(26, 8, 30));

        Assert.Equal(LeadFlowState.Flowing, verdict.State);
        Assert.Equal(TimeSpan.FromHours(15.5), verdict.Quiet);
    }

    [Fact]
    public void A_normal_weekend_is_not_quiet()
    {
        // Sunday noon and Monday 30 November 08:30: 43 and 63.5 hours since Friday's 17:00 lead, within the 64-hour weekends.
        Assert.Equal(LeadFlowState.Flowing, LeadFlowRule.Judge(Weekdays, FirstLead, At(29, 12)).State);
        var monday = LeadFlowRule.Judge(Weekdays, FirstLead, At(30, 8, 30));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.Flowing, TimeSpan.FromHours(63.5), TimeSpan.FromHours(64), 100), monday);
    }

    [Fact]
    public void A_monday_without_a_lead_is_quiet_with_its_numbers()
    {
        // Tuesday 1 December 09:00: 88 hours since Friday 17:00, 24 hours past the longest weekend.
        var verdict = LeadFlowRule.Judge(Weekdays, FirstLead, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.Quiet, TimeSpan.FromHours(88), TimeSpan.FromHours(64), 100), verdict);
        Assert.True(verdict.IsQuiet);
        Assert.Equal(("88", "64"), (LeadFlowRule.Hours(verdict.Quiet), LeadFlowRule.Hours(verdict.UsualLongestGap)));
    }

    [Fact]
    public void A_week_long_silence_keeps_its_history_and_stays_quiet()
    {
        // Friday 4 December: the window still ends at the last lead, so the 100 leads and 64 hours remain the measure.
        var verdict = LeadFlowRule.Judge(Weekdays, FirstLead, new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.Quiet, TimeSpan.FromDays(7), TimeSpan.FromHours(64), 100), verdict);
    }

    [Fact]
    public void Leads_older_than_28_days_before_the_last_one_are_not_in_the_history()
    {
        // One lead on 20 October, 38 days before the last: neither counted nor its 13-day gap taken as usual.
        var verdict = LeadFlowRule.Judge([new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero), .. Weekdays], FirstLead.AddDays(-13),
            new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.Quiet, TimeSpan.FromHours(88), TimeSpan.FromHours(64), 100), verdict);
    }

    [Fact]
    public void A_form_younger_than_7_days_is_not_judged()
    {
        // First lead Wednesday 25 November 09:00, one an hour until Friday 27 17:00 (57 leads, all 1 hour apart), then
        // silence: on Wednesday 2 December 08:00 it is 6 days 23 hours old and 111 hours quiet, still not judged.
        var arrivals = Enumerable.Range(0, 57).Select(h => At(25, 9).AddHours(h)).ToList();
        var verdict = LeadFlowRule.Judge(arrivals, At(25, 9), new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.Young, TimeSpan.FromHours(111), TimeSpan.FromHours(1), 57), verdict);
        Assert.False(verdict.IsQuiet);

        // An hour later it is 7 days old and its silence is judged.
        Assert.True(LeadFlowRule.Judge(arrivals, At(25, 9), new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)).IsQuiet);
    }

    [Fact]
    public void A_form_with_9_leads_in_28_days_is_not_judged()
    {
        // A lead every other day from 2 November (9 leads, 48-hour gaps), then 11 days without one.
        var arrivals = Enumerable.Range(0, 9).Select(d => FirstLead.AddDays(2 * d)).ToList();
        var verdict = LeadFlowRule.Judge(arrivals, FirstLead, At(29, 9));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.TooFewLeads, TimeSpan.FromDays(11), TimeSpan.FromHours(48), 9), verdict);

        // The tenth lead makes it judged: 11 days is longer than its 48-hour gaps.
        Assert.True(LeadFlowRule.Judge([.. arrivals, FirstLead.AddDays(18)], FirstLead, At(29, 9)).IsQuiet);
    }

    [Fact]
    public void A_busy_form_is_not_reported_for_less_than_2_hours_without_a_lead()
    {
        // A lead every 10 minutes for 10 days: 90 minutes without one is past its 10-minute gaps but under the 2-hour floor.
        var arrivals = Enumerable.Range(0, 1440).Select(i => FirstLead.AddMinutes(10 * i)).ToList();
        var last = arrivals[^1];

        Assert.Equal(LeadFlowState.Flowing, LeadFlowRule.Judge(arrivals, FirstLead, last.AddMinutes(90)).State);
        Assert.Equal(LeadFlowState.Quiet, LeadFlowRule.Judge(arrivals, FirstLead, last.AddHours(2)).State);
    }

    [Fact]
    public void The_99th_percentile_of_more_than_100_gaps_leaves_out_the_longest_as_a_fluke()
    {
        // 201 leads one hour apart except one 30-hour and one 20-hour gap: of the 200 sorted gaps, rank ⌈0.99 · 200⌉ = 198
        // is still 1 hour, so the two long gaps are flukes and 3 hours without a lead is quiet.
        var arrivals = new List<DateTimeOffset>();
        var at = FirstLead;
        for (var i = 0; i < 201; i++)
        {
            arrivals.Add(at);
            at += i == 50 ? TimeSpan.FromHours(30) : i == 120 ? TimeSpan.FromHours(20) : TimeSpan.FromHours(1);
        }

        var verdict = LeadFlowRule.Judge(arrivals, FirstLead, arrivals[^1].AddHours(3));

        Assert.Equal(new LeadFlowVerdict(LeadFlowState.Quiet, TimeSpan.FromHours(3), TimeSpan.FromHours(1), 201), verdict);
    }

    [Fact]
    public void A_form_silent_for_more_than_28_days_is_retired()
    {
        var verdict = LeadFlowRule.Judge(Weekdays, FirstLead, At(27, 17).AddDays(29));

        Assert.Equal(LeadFlowState.Retired, verdict.State);
        Assert.Equal(LeadFlowState.Retired, LeadFlowRule.Judge([], FirstLead, At(27, 17)).State);
    }
}
