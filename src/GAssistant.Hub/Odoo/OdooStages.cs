using GAssistant.Hub.Data;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Odoo's <c>crm.stage</c> records: which are won stages (<c>is_won</c>, a lead's won state before <c>won_status</c>
/// existed) and the pipeline's order (crm.stage's <c>_order</c>: sequence, name, id).
/// </summary>
public static class OdooStages
{
    public static readonly IReadOnlyList<string> Fields = ["name", "sequence", "is_won"];

    /// <summary>Every stage in pipeline order.</summary>
    public static async Task<IReadOnlyList<CrmStage>> ReadAsync(OdooClient odoo, CancellationToken cancellationToken)
    {
        var stages = await odoo.SearchReadAsync(OdooFields.Stage, [], Fields, order: "sequence, name, id", limit: null, includeArchived: true, cancellationToken);
        return stages.Select(s => new CrmStage
        {
            OdooId = s.GetProperty("id").GetInt64(),
            Name = OdooJson.Text(s, "name") ?? "",
            Sequence = (int)OdooJson.Number(s, "sequence"),
            IsWon = OdooJson.Bool(s, "is_won") == true,
        }).ToList();
    }

    public static async Task<IReadOnlySet<long>> WonStageIdsAsync(OdooClient odoo, CancellationToken cancellationToken) =>
        WonIds(await ReadAsync(odoo, cancellationToken));

    public static IReadOnlySet<long> WonIds(IEnumerable<CrmStage> stages) => stages.Where(s => s.IsWon).Select(s => s.OdooId).ToHashSet();
}
