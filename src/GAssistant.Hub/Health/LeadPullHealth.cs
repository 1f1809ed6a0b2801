using System.Globalization;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// The Odoo reconciliation's own alarm, beside <see cref="LeadBackfillHealth"/>: leads created in Odoo today (UTC) that the
/// pull stored and no webhook of the connector addon has named since (<see cref="Lead.OnlyPulled"/>). Judged only when
/// the hub expects the addon (<c>Odoo:WebhookSecret</c> set) and the addon has sent at least once; leads created before
/// its first event (the first pull's backfill) or in the last <see cref="Grace"/> (a delivery on its way) are not counted.
/// </summary>
public sealed class LeadPullHealth(HubDbContext db, IOptionsMonitor<OdooOptions> odoo, TimeProvider clock) : IConnectionCheck
{
    /// <summary>The addon delivers within seconds of Odoo's commit and retries within minutes: younger leads are not judged.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    public string Key => "leads.pull";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var o = odoo.CurrentValue;
        if (!o.IsConfigured || string.IsNullOrWhiteSpace(o.WebhookSecret))
        {
            return [];
        }

        var firstEvent = await db.InboxEvents.Where(e => e.Source == InboxSources.Odoo).MinAsync(e => (DateTime?)e.ReceivedAt, cancellationToken);
        if (firstEvent is not { } first)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = first > now.Date ? first : now.Date;
        var until = now - Grace;
        var onlyPulled = await db.Leads.AsNoTracking()
            .CountAsync(l => !l.Deleted && l.CreateDate >= from && l.CreateDate <= until && l.OnlyPulled && !l.IsTest, cancellationToken);
        var count = onlyPulled.ToString(CultureInfo.InvariantCulture);
        var name = o.Database ?? "";
        return [onlyPulled > 0
            ? new CheckResult(Key, name, CheckState.Warning, "leads_pull_only", [count])
            : new CheckResult(Key, name, CheckState.Ok, "leads_pull_ok", [count])];
    }
}
