using System.Globalization;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Health;

/// <summary>
/// The lead-flow watch: each Meta form that brought real leads (test leads and test or archived forms left out), and each
/// Page with two or more such forms, judged by <see cref="LeadFlowRule"/> from its leads' <c>created_time</c>. A quiet
/// source is a warning with its numbers (hours without a lead, its usual longest gap, leads in its 28 days); a source
/// too young or with too few leads is reported ok as not judged yet; one silent for more than 28 days is not reported.
/// </summary>
public sealed class LeadFlowHealth(HubDbContext db, TimeProvider clock) : IConnectionCheck
{
    public string Key => "leads.flow";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // The rule's window ends at the last lead, which is at most 28 days old for a watched source: 56 days cover it.
        var since = (now - 2 * LeadFlowRule.Window).UtcDateTime;
        var recent = await MetaLeadLink.Real(db.MetaLeadLinks.AsNoTracking())
            .Where(l => l.CreatedTime != null && l.CreatedTime >= since && l.FormId != null)
            .Select(l => new { l.PageId, FormId = l.FormId!, CreatedTime = l.CreatedTime!.Value })
            .ToListAsync(cancellationToken);
        if (recent.Count == 0)
        {
            return [];
        }

        var formIds = recent.Select(l => l.FormId).Distinct(StringComparer.Ordinal).ToList();
        var forms = await db.MetaLeadForms.AsNoTracking().Where(f => formIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, StringComparer.Ordinal, cancellationToken);
        var watched = recent.Where(l => !forms.TryGetValue(l.FormId, out var form) || (!form.IsTest && (form.Status is null || form.Status == "ACTIVE"))).ToList();
        var firstByForm = await MetaLeadLink.Real(db.MetaLeadLinks.AsNoTracking())
            .Where(l => l.CreatedTime != null && l.FormId != null && formIds.Contains(l.FormId))
            .GroupBy(l => l.FormId!)
            .Select(g => new { Form = g.Key, First = g.Min(l => l.CreatedTime)!.Value })
            .ToDictionaryAsync(g => g.Form, g => g.First, StringComparer.Ordinal, cancellationToken);

        var results = new List<CheckResult>();
        foreach (var form in watched.GroupBy(l => l.FormId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = forms.TryGetValue(form.Key, out var known) && !string.IsNullOrWhiteSpace(known.Name) ? known.Name : form.Key;
            results.AddRange(Judge($"{Key}:{form.Key}", name, "leads_flow", form.Select(l => l.CreatedTime), firstByForm[form.Key], now));
        }

        foreach (var page in watched.Where(l => l.PageId is not null).GroupBy(l => l.PageId!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var pageForms = page.Select(l => l.FormId).Distinct(StringComparer.Ordinal).ToList();
            if (pageForms.Count >= 2)
            {
                results.AddRange(Judge($"{Key}:{page.Key}", page.Key, "leads_flow", page.Select(l => l.CreatedTime), pageForms.Min(f => firstByForm[f]), now));
            }
        }

        return results;
    }

    /// <summary>
    /// One source's result under <paramref name="key"/>: <c>{codes}_quiet</c> (a warning), <c>_ok</c> or <c>_learning</c>,
    /// with hours quiet, the usual longest gap in hours and leads in the window; none for a retired source.
    /// </summary>
    internal static IEnumerable<CheckResult> Judge(string key, string name, string codes, IEnumerable<DateTime> createdTimes, DateTime firstSeen, DateTimeOffset now)
    {
        var verdict = LeadFlowRule.Judge(createdTimes.Select(Utc), Utc(firstSeen), now);
        var (state, code) = verdict.State switch
        {
            LeadFlowState.Retired => (CheckState.Ok, ""),
            LeadFlowState.Quiet => (CheckState.Warning, codes + "_quiet"),
            LeadFlowState.Flowing => (CheckState.Ok, codes + "_ok"),
            _ => (CheckState.Ok, codes + "_learning"),
        };
        if (code.Length == 0)
        {
            yield break;
        }

        yield return new CheckResult(key, name, state, code,
            [LeadFlowRule.Hours(verdict.Quiet), LeadFlowRule.Hours(verdict.UsualLongestGap), verdict.Leads.ToString(CultureInfo.InvariantCulture)]);
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
