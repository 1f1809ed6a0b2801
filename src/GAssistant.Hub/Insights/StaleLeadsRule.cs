namespace GAssistant.Hub.Insights;

/// <summary>Open leads of one stage, and how many of them have not changed since the cut-off.</summary>
public sealed record StageAge(string Stage, int OpenLeads, int StaleLeads, decimal StaleRevenue);

/// <summary>
/// "Leads going stale": a stage where many open leads have not been touched for <see cref="StaleAfterDays"/> days.
/// Fires when at least <see cref="MinimumStale"/> leads and <see cref="MinimumShare"/> of the stage's open leads are stale.
/// </summary>
public sealed class StaleLeadsRule
{
    public const string Code = "StaleLeads";
    public const int StaleAfterDays = 14;
    public const int MinimumStale = 3;
    public const double MinimumShare = 0.3;

    public IReadOnlyList<Insight> Evaluate(IEnumerable<StageAge> stages) =>
        stages.Where(s => s.OpenLeads > 0 && s.StaleLeads >= MinimumStale && (double)s.StaleLeads / s.OpenLeads >= MinimumShare)
            .OrderByDescending(s => s.StaleRevenue).ThenByDescending(s => s.StaleLeads)
            .Select(s => new Insight(Code, InsightLevel.Warning, s.Stage,
                [s.Stage, s.StaleLeads, s.OpenLeads, Math.Round(100.0 * s.StaleLeads / s.OpenLeads, 1), StaleAfterDays, s.StaleRevenue]))
            .ToList();
}
