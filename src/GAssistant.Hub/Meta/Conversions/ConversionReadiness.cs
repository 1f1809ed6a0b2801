using System.Globalization;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>Conversions API events of one UTC day: queued, received by Meta, refused or too old.</summary>
public sealed record ConversionDay(DateOnly Day, int Queued, int Sent, int Failed);

/// <summary>
/// One CRM stage: the events sent for it in the period, and of the mature Meta leads (created at least
/// <see cref="ConversionReadiness.Window"/> before today) the share that reached it within that window.
/// </summary>
public sealed record ConversionStage(string Stage, int Events, int Reached, decimal? ReachedShare, bool InMetasRange);

/// <summary>
/// Whether the hub's Conversions API feed is what Meta's Conversion Leads optimisation asks for (issue 22 item 5), side by
/// side with Meta's guidelines (https://developers.facebook.com/documentation/ads-commerce/conversions-api/conversion-leads-integration/faq):
/// native lead ads; data uploaded at least once a day; the optimised stage reached within 28 days of the lead, at a rate
/// of about 1 % to 40 %; each event with the Meta <c>lead_id</c>, and an event for every lead (the raw lead event). Read
/// from the outbox's <c>meta.crm_event</c> rows (one per lead and stage, <see cref="CrmStageEvent.DedupKey"/>) and the Meta
/// lead links. A stage is counted as reached when the hub queued its event, which is when it saw the change.
/// </summary>
public sealed record ConversionReadiness(
    bool PixelSet, int MetaLeads, int MatureLeads, IReadOnlyList<ConversionDay> Days, IReadOnlyList<ConversionStage> Stages,
    int DaysWithUploadsOfLast7, decimal? EventsWithLeadIdShare, decimal? LeadsWithEventShare)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(28);

    /// <summary>Meta's guideline for the stage to optimise for: an approximate conversion rate between 1 % and 40 %.</summary>
    public const decimal MinShare = 1m, MaxShare = 40m;

    public bool NativeLeads => MetaLeads > 0;

    public bool DailyUploads => DaysWithUploadsOfLast7 == 7;

    /// <summary>Some stage is reached within 28 days by 1–40 % of the mature leads.</summary>
    public bool HasStageInRange => Stages.Any(s => s.InMetasRange);

    public static async Task<ConversionReadiness> LoadAsync(HubDbContext db, bool pixelSet, DateOnly from, DateOnly to, DateTime now, CancellationToken cancellationToken)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var matureEnd = now - Window < end ? now - Window : end;
        var last7 = DateOnly.FromDateTime(now).AddDays(-6).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var readFrom = start < last7 ? start : last7;

        // The period's Meta leads (test leads are never sent), each with its creation time.
        var leads = await MetaLeadLink.Real(db.MetaLeadLinks.AsNoTracking())
            .Where(k => (k.CreatedTime ?? k.LinkedAt) >= start && (k.CreatedTime ?? k.LinkedAt) < end)
            .Select(k => new { k.OdooLeadId, Created = k.CreatedTime ?? k.LinkedAt }).ToListAsync(cancellationToken);
        var created = leads.GroupBy(l => l.OdooLeadId).ToDictionary(g => g.Key, g => g.Min(l => l.Created));

        // Events queued from the period's start, or its leads' (a stage a month after the lead), or the last 7 days'.
        var events = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == CrmStageEvent.Kind && m.CreatedAt >= readFrom)
            .Select(m => new { m.DedupKey, m.CreatedAt, m.Status, m.ProcessedAt, m.LastError }).ToListAsync(cancellationToken);
        var parsed = events.Select(e => (Key: Parse(e.DedupKey), e.CreatedAt, e.Status, e.ProcessedAt)).Where(e => e.Key is not null)
            .Select(e => (LeadId: e.Key!.Value.LeadId, Stage: e.Key.Value.Stage, e.CreatedAt, e.Status, e.ProcessedAt)).ToList();
        var inPeriod = parsed.Where(e => e.CreatedAt >= start && e.CreatedAt < end).ToList();

        var days = inPeriod.GroupBy(e => DateOnly.FromDateTime(e.CreatedAt)).OrderBy(g => g.Key)
            .Select(g => new ConversionDay(g.Key, g.Count(), g.Count(e => e.Status == OutboxStatus.Sent), g.Count(e => e.Status == OutboxStatus.Failed)))
            .ToList();

        var mature = created.Where(c => c.Value < matureEnd).ToDictionary(c => c.Key, c => c.Value);
        var stages = parsed.Select(e => e.Stage).Concat(inPeriod.Select(e => e.Stage)).Distinct(StringComparer.Ordinal)
            .Select(stage =>
            {
                var reached = parsed.Where(e => e.Stage == stage && mature.TryGetValue(e.LeadId, out var made) && e.CreatedAt <= made + Window)
                    .Select(e => e.LeadId).Distinct().Count();
                var share = mature.Count == 0 ? (decimal?)null : Math.Round(100m * reached / mature.Count, 1);
                return new ConversionStage(stage, inPeriod.Count(e => e.Stage == stage), reached, share, share is >= MinShare and <= MaxShare);
            })
            .OrderByDescending(s => s.Reached).ThenBy(s => s.Stage, StringComparer.Ordinal).ToList();

        var uploadDays = parsed.Where(e => e.Status == OutboxStatus.Sent && e.ProcessedAt >= last7)
            .Select(e => DateOnly.FromDateTime(e.ProcessedAt!.Value)).Distinct().Count();
        var sent = inPeriod.Where(e => e.Status == OutboxStatus.Sent).ToList();
        var linked = await LinkedAsync(db, sent.Select(e => e.LeadId).Distinct().ToList(), cancellationToken);
        var withLeadId = sent.Count == 0 ? (decimal?)null : Math.Round(100m * sent.Count(e => linked.Contains(e.LeadId)) / sent.Count, 1);
        var withEvents = parsed.Select(e => e.LeadId).ToHashSet();
        var withEvent = created.Count == 0 ? (decimal?)null : Math.Round(100m * created.Keys.Count(withEvents.Contains) / created.Count, 1);
        return new ConversionReadiness(pixelSet, created.Count, mature.Count, days, stages, Math.Min(uploadDays, 7), withLeadId, withEvent);
    }

    /// <summary>The leads among <paramref name="ids"/> the hub made from a Meta lead: their events carry Meta's <c>lead_id</c>.</summary>
    private static async Task<HashSet<long>> LinkedAsync(HubDbContext db, List<long> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : (await db.MetaLeadLinks.AsNoTracking().Where(k => EF.Parameter(ids).Contains(k.OdooLeadId))
            .Select(k => k.OdooLeadId).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>"lead id|stage|stage name" (<see cref="CrmStageEvent.DedupKey"/>).</summary>
    internal static (long LeadId, string Stage)? Parse(string key)
    {
        var parts = key.Split('|', 3);
        return parts.Length == 3 && parts[1] == "stage" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (id, parts[2])
            : null;
    }
}
