using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>
/// Odoo's pipeline order of stages (<see cref="CrmStage"/>, stored by each reconciliation run), for what lists stages
/// by name: the pipeline of /crm and the API's <c>by_stage</c>, the stage filter. Names Odoo does not have come last.
/// </summary>
public static class StageOrder
{
    /// <summary>Stage names as Odoo's kanban shows them (crm.stage's <c>_order</c>: sequence, name, id); empty before the first sync.</summary>
    public static Task<List<string>> NamesAsync(HubDbContext db, CancellationToken cancellationToken) =>
        db.CrmStages.AsNoTracking().OrderBy(s => s.Sequence).ThenBy(s => s.Name).ThenBy(s => s.OdooId)
            .Select(s => s.Name).ToListAsync(cancellationToken);

    /// <summary>Each name's place in <paramref name="names"/> (the first, when two stages share a name); int.MaxValue for a name not there.</summary>
    public static Func<string, int> Positions(IReadOnlyList<string> names)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            position.TryAdd(name, position.Count);
        }

        return name => position.GetValueOrDefault(name, int.MaxValue);
    }
}
