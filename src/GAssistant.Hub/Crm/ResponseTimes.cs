using GAssistant.Hub.Data;
using GAssistant.Hub.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>Time to first response of one group of leads: the median and the 90th percentile, in working and clock time.</summary>
public sealed record ResponseTimeRow(string Group, int Answered, TimeSpan WorkingMedian, TimeSpan WorkingP90, TimeSpan ClockMedian, TimeSpan ClockP90);

/// <summary>A lead escalated to its team leader that still has no first response.</summary>
public sealed record WaitingLead(long OdooId, string Name, string? Salesperson, string? Team, DateTime CameAt, DateTime EscalatedAt, TimeSpan Waited);

public sealed record ResponseTimeFigures(
    ResponseTimeRow? Overall,
    int Unanswered,
    IReadOnlyList<ResponseTimeRow> BySalesperson,
    IReadOnlyList<ResponseTimeRow> ByTeam,
    IReadOnlyList<ResponseTimeRow> BySource,
    IReadOnlyList<ResponseTimeRow> ByCampaign,
    IReadOnlyList<WaitingLead> Waiting);

/// <summary>
/// /crm's time to first response (issue 21 item 4): from a lead's creation in Odoo to its first human touch
/// (<see cref="Lead.FirstResponseAt"/>), for the leads the filter selects; percentiles by nearest rank (the median of 4
/// answered leads is the 2nd fastest, their 90th percentile the slowest). Working time is counted by the business's
/// working clock. And the leads waiting for a first response after their escalation, whatever the filter.
/// </summary>
public static class ResponseTimes
{
    /// <summary>More answered leads than this in one range are a sample of the newest.</summary>
    public const int MaxLeads = 100_000;

    public static async Task<ResponseTimeFigures> LoadAsync(HubDbContext db, LeadFilter filter, WorkingClock clock, DateTime now, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking().Filtered(filter);
        var answered = await leads.Where(l => l.FirstResponseAt != null && l.CreateDate != null)
            .OrderByDescending(l => l.CreateDate).Take(MaxLeads)
            .Select(l => new { Created = l.CreateDate!.Value, At = l.FirstResponseAt!.Value, l.UserName, l.TeamName, l.Source, l.Campaign })
            .ToListAsync(cancellationToken);
        var unanswered = await leads.CountAsync(l => l.FirstResponseAt == null, cancellationToken);
        var times = answered.Select(a => new Answer(a.UserName, a.TeamName, a.Source, a.Campaign,
            a.At > a.Created ? a.At - a.Created : TimeSpan.Zero, clock.Between(a.Created, a.At))).ToList();

        var waiting = await (
                from link in db.MetaLeadLinks.AsNoTracking()
                where link.EscalatedAt != null
                join lead in db.Leads.AsNoTracking() on link.OdooLeadId equals lead.OdooId into found
                from lead in found.DefaultIfEmpty()
                where lead == null || (lead.FirstResponseAt == null && !lead.Deleted && lead.Active && !lead.IsWon)
                orderby link.EscalatedAt
                select new { link.OdooLeadId, Name = lead == null ? null : lead.Name, Salesperson = lead == null ? null : lead.UserName,
                    Team = lead == null ? null : lead.TeamName, link.LinkedAt, EscalatedAt = link.EscalatedAt!.Value })
            .Take(100).ToListAsync(cancellationToken);
        // Leads made through the API have no Meta link: their replica row keeps the escalation.
        var waitingApi = await db.Leads.AsNoTracking()
            .Where(l => l.EscalatedAt != null && l.FirstResponseAt == null && !l.Deleted && l.Active && !l.IsWon
                && !db.MetaLeadLinks.Any(k => k.OdooLeadId == l.OdooId))
            .OrderBy(l => l.EscalatedAt).Take(100)
            .Select(l => new { OdooLeadId = l.OdooId, Name = (string?)l.Name, Salesperson = l.UserName, Team = l.TeamName,
                LinkedAt = l.CreateDate ?? l.EscalatedAt!.Value, EscalatedAt = l.EscalatedAt!.Value })
            .ToListAsync(cancellationToken);
        waiting = [.. waiting.Concat(waitingApi).OrderBy(w => w.EscalatedAt).Take(100)];

        return new ResponseTimeFigures(
            times.Count == 0 ? null : Row("", times),
            unanswered,
            Group(times, t => t.Salesperson),
            Group(times, t => t.Team),
            Group(times, t => t.Source),
            Group(times, t => t.Campaign),
            [.. waiting.Select(w => new WaitingLead(w.OdooLeadId, w.Name ?? $"#{w.OdooLeadId}", w.Salesperson, w.Team, w.LinkedAt, w.EscalatedAt,
                clock.Between(w.LinkedAt, now)))]);
    }

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 1) of sorted times.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static List<ResponseTimeRow> Group(List<Answer> times, Func<Answer, string?> key) =>
        [.. times.GroupBy(t => key(t) ?? "").Select(g => Row(g.Key, [.. g])).OrderByDescending(r => r.Answered).ThenBy(r => r.Group, StringComparer.Ordinal).Take(50)];

    private static ResponseTimeRow Row(string group, List<Answer> times)
    {
        var clock = times.Select(t => t.Clock).Order().ToList();
        var working = times.Select(t => t.Working).Order().ToList();
        return new ResponseTimeRow(group, times.Count, Percentile(working, 0.5), Percentile(working, 0.9), Percentile(clock, 0.5), Percentile(clock, 0.9));
    }

    private sealed record Answer(string? Salesperson, string? Team, string? Source, string? Campaign, TimeSpan Clock, TimeSpan Working);
}
