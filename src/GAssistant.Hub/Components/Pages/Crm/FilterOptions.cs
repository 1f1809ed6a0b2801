using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Components.Pages.Crm;

/// <summary>The stages, sources and campaigns the filter lists offer (the distinct values of the replica).</summary>
public sealed record FilterOptions(IReadOnlyList<string> Stages, IReadOnlyList<string> Sources, IReadOnlyList<string> Campaigns)
{
    public static readonly FilterOptions Empty = new([], [], []);

    public static async Task<FilterOptions> LoadAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var leads = db.Leads.AsNoTracking().Where(l => !l.Deleted);
        var stages = await leads.Where(l => l.StageName != null).Select(l => l.StageName!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        var sources = await leads.Where(l => l.Source != null).Select(l => l.Source!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        var campaigns = await leads.Where(l => l.Campaign != null).Select(l => l.Campaign!).Distinct().OrderBy(s => s).ToListAsync(cancellationToken);
        return new FilterOptions(stages, sources, campaigns);
    }
}
