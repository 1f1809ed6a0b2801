namespace GAssistant.Hub.Odoo;

/// <summary>Which <c>crm.stage</c> records are won stages (<c>is_won</c>): a lead's won state before <c>won_status</c> existed.</summary>
public static class OdooStages
{
    public static async Task<IReadOnlySet<long>> WonStageIdsAsync(OdooClient odoo, CancellationToken cancellationToken)
    {
        var stages = await odoo.SearchReadAsync(OdooFields.Stage, [], ["is_won"], order: "id", limit: null, includeArchived: true, cancellationToken);
        return stages.Where(s => OdooJson.Bool(s, "is_won") == true).Select(s => s.GetProperty("id").GetInt64()).ToHashSet();
    }
}
