namespace GAssistant.Hub.Data;

/// <summary>A Meta ad campaign as <c>/act_{id}/campaigns</c> last described it.</summary>
public sealed class MetaCampaign
{
    public string Id { get; set; } = "";

    /// <summary><c>act_…</c></summary>
    public string AdAccountId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Status { get; set; }
    public string? EffectiveStatus { get; set; }
    public string? Objective { get; set; }

    /// <summary>Budgets in the account currency's minor units (cents), as Meta gives them.</summary>
    public long? DailyBudget { get; set; }
    public long? LifetimeBudget { get; set; }
    public string? Currency { get; set; }
    public DateTime SyncedAt { get; set; }
}
