using System.Globalization;

namespace GAssistant.Hub.Health;

/// <summary>
/// When a source of leads (a Meta form, a Page) has gone quiet beyond what its own history makes plausible.
/// <list type="number">
/// <item>The history is the lead arrivals of the <see cref="Window"/> (28 days) that ends at the source's last lead — not at
/// now, so a silence does not wear its own history away while it lasts. The gaps are those ending at an arrival (from the
/// lead before it), so n leads give n − 1 gaps.</item>
/// <item>The usual longest gap is the 99th percentile of those gaps by nearest rank: the gap at rank ⌈0.99 · (n − 1)⌉ of
/// the sorted gaps. Below 100 gaps that is the longest gap seen; above, the one or two longest are taken as flukes.</item>
/// <item>The source is quiet when the open gap (now − last lead) is longer than that usual longest gap and at least
/// <see cref="MinimumQuiet"/> (2 hours), so a busy form is not reported for a quarter of an hour without a lead.</item>
/// <item>Nothing is judged for a source first seen less than <see cref="Youth"/> (7 days) ago — its history has not yet
/// seen a weekend — or with fewer than <see cref="MinimumLeads"/> (10) leads in its window: too little to know its rhythm.</item>
/// </list>
/// Hours and days of week are not modelled separately: nights and weekends are in the history as long gaps, so for a
/// source that brings leads only on weekdays the weekend gap (e.g. Friday 17:00 to Monday 09:00, 64 hours) is its usual
/// longest gap, and a quiet Saturday is not reported while a silent Monday afternoon is. A source whose last lead is more
/// than <see cref="Window"/> old is no longer watched: after four weeks of warnings it counts as retired.
/// </summary>
public static class LeadFlowRule
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(28);
    public static readonly TimeSpan Youth = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinimumQuiet = TimeSpan.FromHours(2);
    public const int MinimumLeads = 10;
    /// <summary>The 99th percentile's nearest rank among <paramref name="count"/> sorted gaps, ⌈0.99 · count⌉, in whole numbers.</summary>
    public static int Rank(int count) => (99 * count + 99) / 100;

    /// <summary>Judges one source from its lead arrival times (any order; those outside the window are left out).</summary>
    /// <param name="firstSeen">The source's first lead ever (or when the hub first knew it).</param>
    public static LeadFlowVerdict Judge(IEnumerable<DateTimeOffset> arrivals, DateTimeOffset firstSeen, DateTimeOffset now)
    {
        var all = arrivals.Where(a => a <= now).OrderBy(a => a).ToList();
        if (all.Count == 0)
        {
            return new(LeadFlowState.Retired, null, null, 0);
        }

        var last = all[^1];
        var window = all.Where(a => a >= last - Window).ToList();
        var quiet = now - last;
        if (quiet > Window)
        {
            return new(LeadFlowState.Retired, quiet, null, window.Count);
        }

        var gaps = window.Zip(window.Skip(1), (before, after) => after - before).Order().ToList();
        var usual = gaps.Count == 0 ? (TimeSpan?)null : gaps[Rank(gaps.Count) - 1];
        if (now - firstSeen < Youth)
        {
            return new(LeadFlowState.Young, quiet, usual, window.Count);
        }

        if (window.Count < MinimumLeads)
        {
            return new(LeadFlowState.TooFewLeads, quiet, usual, window.Count);
        }

        var isQuiet = quiet > usual && quiet >= MinimumQuiet;
        return new(isQuiet ? LeadFlowState.Quiet : LeadFlowState.Flowing, quiet, usual, window.Count);
    }

    /// <summary>Hours as the checks show them: Latin digits, at most one decimal (<c>64</c>, <c>88.5</c>).</summary>
    public static string Hours(TimeSpan? span) =>
        span is { } s ? Math.Round(s.TotalHours, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) : "—";
}

public enum LeadFlowState
{
    /// <summary>Leads come within the source's usual gaps.</summary>
    Flowing,

    /// <summary>No lead for longer than the source's usual longest gap: the warning.</summary>
    Quiet,

    /// <summary>First seen less than 7 days ago: not judged.</summary>
    Young,

    /// <summary>Fewer than 10 leads in its window: not judged.</summary>
    TooFewLeads,

    /// <summary>No lead in the last 28 days (or none at all): no longer watched.</summary>
    Retired,
}

/// <summary>The rule's answer with its numbers.</summary>
/// <param name="Quiet">Since the last lead; null without leads.</param>
/// <param name="UsualLongestGap">The 99th-percentile gap of the window; null with fewer than two leads.</param>
/// <param name="Leads">Leads in the window (the 28 days up to the last lead).</param>
public sealed record LeadFlowVerdict(LeadFlowState State, TimeSpan? Quiet, TimeSpan? UsualLongestGap, int Leads)
{
    public bool IsQuiet => State == LeadFlowState.Quiet;
}
