namespace GAssistant.Hub.Data;

/// <summary>
/// An Odoo <c>crm.stage</c>, read at every reconciliation run: the pipeline's order (<see cref="Sequence"/>, then name
/// and id: crm.stage's <c>_order</c>, as Odoo's kanban shows it) for the dashboards, which group leads by stage name.
/// </summary>
public sealed class CrmStage
{
    public long OdooId { get; set; }
    public string Name { get; set; } = "";
    public int Sequence { get; set; }
    public bool IsWon { get; set; }

    public DateTime SyncedAt { get; set; }
}
