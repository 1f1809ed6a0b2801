using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// The lead-flow watch of Odoo's side: the leads of the replica grouped by their source (<c>source_id</c>: a website
/// form, a mail alias, a campaign's links, "Facebook" for the leads the hub brings), each judged by
/// <see cref="LeadFlowRule"/> from <c>create_date</c> like a Meta form (<see cref="LeadFlowHealth"/>). Leads without a source
/// are not a source; test leads are left out. The history is the replica's last 56 days, so a source is "new" for seven
/// days after its first lead in that window.
/// </summary>
public sealed class LeadSourceHealth(HubDbContext db, IOptionsMonitor<OdooOptions> odoo, TimeProvider clock) : IConnectionCheck
{
    public string Key => "leads.source";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        if (!odoo.CurrentValue.IsConfigured)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var since = (now - 2 * LeadFlowRule.Window).UtcDateTime;
        var recent = await db.Leads.AsNoTracking()
            .Where(l => !l.Deleted && l.CreateDate >= since && !l.IsTest && l.Source != null && l.Source != "")
            .Select(l => new { Source = l.Source!, CreateDate = l.CreateDate!.Value })
            .ToListAsync(cancellationToken);

        var results = new List<CheckResult>();
        foreach (var source in recent.GroupBy(l => l.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = source.Select(l => l.CreateDate).ToList();
            results.AddRange(LeadFlowHealth.Judge($"{Key}:{source.Key}", source.Key, "leads_source", times, times.Min(), now));
        }

        return results;
    }
}
