namespace GAssistant.Hub.Insights;

/// <summary>
/// "A winner held back by its budget": ROAS at or above the target and average daily spend at least
/// <see cref="BudgetUse"/> of the campaign's daily budget, so more budget would likely buy more of the same.
/// </summary>
public sealed class BudgetLimitedWinnerRule(decimal targetRoas)
{
    public const string Code = "BudgetLimitedWinner";
    public const decimal BudgetUse = 0.9m;

    public decimal TargetRoas { get; } = targetRoas;

    public IReadOnlyList<Insight> Evaluate(IEnumerable<CampaignResult> campaigns) =>
        campaigns.Where(c => c.Spend > 0 && c.DailyBudget is > 0 && c.Revenue / c.Spend >= TargetRoas && c.AverageDailySpend >= BudgetUse * c.DailyBudget.Value)
            .OrderByDescending(c => c.Revenue / c.Spend)
            .Select(c => new Insight(Code, InsightLevel.Opportunity, c.Name,
                [c.Name, Math.Round(c.Revenue / c.Spend, 2), TargetRoas, Math.Round(c.AverageDailySpend, 2), c.DailyBudget!.Value,
                    Math.Round(100 * c.AverageDailySpend / c.DailyBudget.Value, 0)]))
            .ToList();
}
